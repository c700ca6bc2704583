//! JSON-LD 1.1 expansion and deserialization to RDF (toRdf).
//!
//! `eddsa-rdfc-2022` and `Ed25519Signature2020` sign the RDF dataset a
//! credential denotes, so the verifier must turn JSON-LD into exactly the
//! quads every other processor produces. This module follows the algorithms
//! of the JSON-LD 1.1 Processing Algorithms and API recommendation (context
//! processing, create term definition, IRI and value expansion, expansion,
//! node map generation, object/list to RDF) and matches the reference
//! JavaScript processor (jsonld.js) where the recommendation leaves a choice,
//! because that is what issuers in the wild sign with.
//!
//! Sans-I/O and bounded: remote contexts are resolved only through the
//! caller's [`ContextLoader`] (by default the bundled set in
//! [`crate::ld::contexts`]); an unknown URL is [`JsonLdError::UnknownContext`],
//! never a fetch. Recursion depth, context loads, the remote-context chain,
//! expanded elements and total work are capped by [`Limits`], so a hostile
//! document (context bombs, cyclic contexts, huge graphs) ends in an error.
//!
//! This file is the public API. The algorithms are in one file per concern,
//! in the order a document goes through them: `context` (term definitions,
//! context processing, create term definition, remote contexts),
//! `expansion` (expansion, value expansion) and `node_map` (node map
//! generation, object and list to RDF, lexical forms); under them
//! `processor` (the state of one call: bounds, caches, safe mode), `cache`
//! ([`BundledContexts`]: the bundled contexts processed once for many calls,
//! the work they cost still charged to each), `iri` (keywords, IRI parsing
//! and resolution, well-formedness) and `helpers` (JSON values).

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::encoding::json::Value;
use crate::ld::rdf::Quad;

mod cache;
mod context;
mod expansion;
mod helpers;
mod iri;
mod node_map;
mod processor;
#[cfg(test)]
mod tests;

pub use cache::BundledContexts;
use node_map::{NodeMap, Subject};
use processor::Processor;

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/// Supplies the documents of remote contexts. The core never fetches: this
/// is the only way a context URL becomes a context.
pub trait ContextLoader {
    /// The JSON text of the context document at `url` (a document with a
    /// top-level `@context`), or `None` when the URL is not known.
    fn load(&self, url: &str) -> Option<Cow<'_, str>>;

    /// True when the document at `url` is known to be a valid context (for
    /// instance, bundled and covered by tests). Scoped contexts inside a
    /// trusted document are then not validated eagerly at definition time,
    /// only processed where they apply; the result is the same for any
    /// valid context, and the work saved is a quarter of a typical
    /// credential's processing. Defaults to `false`.
    fn trusted(&self, _url: &str) -> bool {
        false
    }
}

/// Resolves exactly the contexts bundled in [`crate::ld::contexts`].
#[derive(Clone, Copy, Debug, Default)]
pub struct BundledLoader;

impl ContextLoader for BundledLoader {
    fn load(&self, url: &str) -> Option<Cow<'_, str>> {
        crate::ld::contexts::lookup(url).map(Cow::Borrowed)
    }

    fn trusted(&self, url: &str) -> bool {
        // The bundled documents are fixed, pinned by hash and processed
        // with full validation by `bundled_contexts_are_valid` (tests).
        crate::ld::contexts::lookup(url).is_some()
    }
}

/// The JSON-LD processing mode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProcessingMode {
    /// `json-ld-1.0`: rejects 1.1 features.
    JsonLd10,
    /// `json-ld-1.1` (the default).
    #[default]
    JsonLd11,
}

/// How `@direction` is represented in RDF (the `rdfDirection` option).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RdfDirection {
    /// As a datatype `https://www.w3.org/ns/i18n#{language}_{direction}`.
    I18nDatatype,
    /// As a blank node with `rdf:value`, `rdf:language` and `rdf:direction`.
    CompoundLiteral,
}

/// Bounds on the work one call may do; exceeding any is an error.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Longest chain of remote contexts referencing each other
    /// ([`JsonLdError::ContextOverflow`]).
    pub max_remote_contexts: usize,
    /// Distinct context documents loaded in one call.
    pub max_context_loads: usize,
    /// Recursion depth across expansion, context processing and term
    /// definition dependencies (keeps the call stack small, e.g. in wasm).
    pub max_depth: usize,
    /// Elements (objects, arrays, scalars) visited by expansion.
    pub max_nodes: usize,
    /// Total elementary steps: term definitions, context processing runs,
    /// node-map steps and quads produced.
    pub max_work: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_remote_contexts: 32,
            max_context_loads: 64,
            max_depth: 96,
            max_nodes: 200_000,
            max_work: 2_000_000,
        }
    }
}

/// Options of [`expand`] and [`to_rdf`] (the subset of `JsonLdOptions` a
/// sans-I/O verifier needs).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Base IRI / document URL: relative IRIs and relative context
    /// references resolve against it.
    pub base: Option<String>,
    /// A context applied before the document's own (`expandContext`).
    pub expand_context: Option<Value>,
    /// Processing mode.
    pub processing_mode: ProcessingMode,
    /// Representation of `@direction` in RDF; `None` drops the direction.
    pub rdf_direction: Option<RdfDirection>,
    /// Keep triples whose predicate is a blank node.
    pub produce_generalized_rdf: bool,
    /// Safe mode (as jsonld.js `safe: true`): whatever the algorithms would
    /// silently drop or leave out of the RDF (undefined terms, relative
    /// references, invalid language tags, ...) is a
    /// [`JsonLdError::SafeModeViolation`] instead. Signatures over the RDF
    /// form need it: dropped content would be shown but not signed. Off by
    /// default, as the JSON-LD test suites expect the drops.
    pub safe: bool,
    /// Work bounds.
    pub limits: Limits,
}

/// Content that JSON-LD processing would lose: the reason of a
/// [`JsonLdError::SafeModeViolation`]. The events are those jsonld.js
/// rejects in safe mode (its event codes are [`SafeModeEvent::code`]), plus
/// the few IRIs and literals that this implementation leaves out of the RDF
/// where jsonld.js would write them as they are. Strings taken from the
/// document are shortened to at most 80 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SafeModeEvent {
    /// A property whose term has no IRI mapping (no definition and no
    /// `@vocab`, or a key of keyword form such as `@foo`): `invalid property`.
    UndefinedTerm(String),
    /// A property whose term is explicitly mapped to `null` (ignored):
    /// `invalid property`.
    NullTerm(String),
    /// An `@type` value that is not an absolute IRI after expansion:
    /// `relative @type reference`.
    RelativeType(String),
    /// An `@id` that is not an absolute IRI or blank node identifier after
    /// expansion: `relative @id reference`.
    RelativeId(String),
    /// An `@id` of keyword form (`@foo`), which JSON-LD ignores:
    /// `reserved @id value`.
    ReservedId(String),
    /// A context term of keyword form, which is ignored: `reserved term`.
    ReservedTerm(String),
    /// A context `@reverse` of keyword form, ignored: `reserved @reverse value`.
    ReservedReverse(String),
    /// A language tag that is not well-formed BCP 47: `invalid @language value`.
    InvalidLanguage(String),
    /// A string, number or boolean outside any property: `free-floating scalar`.
    FreeFloatingScalar(String),
    /// A value object whose `@value` is null or empty: `null @value value`.
    NullValue,
    /// An object with nothing but `@language`: `object with only @language`.
    OnlyLanguage,
    /// A top-level (or graph) object with no entries: `empty object`.
    EmptyObject,
    /// A top-level (or graph) value object: `object with only @value`.
    TopLevelValue,
    /// A top-level (or graph) list object: `object with only @list`.
    TopLevelList,
    /// A top-level (or graph) node object with nothing but its `@id`:
    /// `object with only @id`.
    OnlyId(String),
    /// A keyword entry that has no meaning in a node object (`@vocab`,
    /// `@base`, `@version`, ...), ignored. jsonld.js ignores these silently.
    IgnoredKeyword(String),
    /// A named graph whose name is not an absolute IRI or blank node:
    /// `relative graph reference`.
    RelativeGraph(String),
    /// A subject that is not an absolute IRI or blank node:
    /// `relative subject reference`.
    RelativeSubject(String),
    /// A predicate that is not an absolute IRI: `relative predicate reference`.
    RelativePredicate(String),
    /// A blank node used as a predicate: `blank node predicate`.
    BlankNodePredicate(String),
    /// An object IRI that is not an absolute IRI: `relative object reference`.
    RelativeObject(String),
    /// A literal datatype that is not a well-formed IRI (left out of the RDF
    /// here; jsonld.js has no event for it).
    InvalidDatatype(String),
    /// A string with `@direction` while no RDF representation of direction
    /// was chosen ([`Options::rdf_direction`]): `rdfDirection not set`.
    DirectionNotSet(String),
}

impl SafeModeEvent {
    /// The jsonld.js event code (`"invalid property"`, ...); `"invalid
    /// datatype"` and `"ignored keyword"` are this implementation's own.
    pub fn code(&self) -> &'static str {
        use SafeModeEvent::*;
        match self {
            UndefinedTerm(_) | NullTerm(_) => "invalid property",
            RelativeType(_) => "relative @type reference",
            RelativeId(_) => "relative @id reference",
            ReservedId(_) => "reserved @id value",
            ReservedTerm(_) => "reserved term",
            ReservedReverse(_) => "reserved @reverse value",
            InvalidLanguage(_) => "invalid @language value",
            FreeFloatingScalar(_) => "free-floating scalar",
            NullValue => "null @value value",
            OnlyLanguage => "object with only @language",
            EmptyObject => "empty object",
            TopLevelValue => "object with only @value",
            TopLevelList => "object with only @list",
            OnlyId(_) => "object with only @id",
            IgnoredKeyword(_) => "ignored keyword",
            RelativeGraph(_) => "relative graph reference",
            RelativeSubject(_) => "relative subject reference",
            RelativePredicate(_) => "relative predicate reference",
            BlankNodePredicate(_) => "blank node predicate",
            RelativeObject(_) => "relative object reference",
            InvalidDatatype(_) => "invalid datatype",
            DirectionNotSet(_) => "rdfDirection not set",
        }
    }
}

impl fmt::Display for SafeModeEvent {
    /// One sentence for people: what is lost and why it matters.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use SafeModeEvent::*;
        const NOT_SIGNED: &str = "so it would not be covered by the signature";
        match self {
            UndefinedTerm(t) => write!(
                f,
                "the term `{t}` is not defined by the credential's contexts, {NOT_SIGNED}"
            ),
            NullTerm(t) => write!(
                f,
                "the term `{t}` is marked as ignored (null) by the credential's contexts, {NOT_SIGNED}"
            ),
            RelativeType(t) => write!(
                f,
                "the type `{t}` is not defined by the credential's contexts (a relative @type reference), {NOT_SIGNED}"
            ),
            RelativeId(i) => write!(
                f,
                "the identifier `{i}` is not an absolute IRI (a relative @id reference), {NOT_SIGNED}"
            ),
            ReservedId(i) => write!(
                f,
                "the identifier `{i}` is reserved by JSON-LD and ignored, {NOT_SIGNED}"
            ),
            ReservedTerm(t) => write!(
                f,
                "the context defines `{t}`, a name reserved by JSON-LD that is ignored, {NOT_SIGNED}"
            ),
            ReservedReverse(t) => write!(
                f,
                "the context maps a reverse property to `{t}`, a name reserved by JSON-LD that is ignored, {NOT_SIGNED}"
            ),
            InvalidLanguage(l) => write!(
                f,
                "the language tag `{l}` is not a valid BCP 47 tag, {NOT_SIGNED}"
            ),
            FreeFloatingScalar(v) => write!(
                f,
                "the value {v} is not attached to any property, {NOT_SIGNED}"
            ),
            NullValue => write!(f, "a value object has a null @value and is dropped, {NOT_SIGNED}"),
            OnlyLanguage => write!(
                f,
                "an object with only @language is dropped, {NOT_SIGNED}"
            ),
            EmptyObject => write!(
                f,
                "an empty object outside any property is dropped, {NOT_SIGNED}"
            ),
            TopLevelValue => write!(
                f,
                "a value outside any property is dropped, {NOT_SIGNED}"
            ),
            TopLevelList => write!(
                f,
                "a list outside any property is dropped, {NOT_SIGNED}"
            ),
            OnlyId(i) => write!(
                f,
                "the object with only the identifier `{i}` says nothing and is dropped, {NOT_SIGNED}"
            ),
            IgnoredKeyword(k) => write!(
                f,
                "the keyword `{k}` has no meaning where it is used and is ignored, {NOT_SIGNED}"
            ),
            RelativeGraph(g) => write!(
                f,
                "the graph name `{g}` is not an absolute IRI, {NOT_SIGNED}"
            ),
            RelativeSubject(s) => write!(
                f,
                "the identifier `{s}` is not an absolute IRI, so statements about it would not be covered by the signature"
            ),
            RelativePredicate(p) => write!(
                f,
                "the property `{p}` does not expand to an absolute IRI, {NOT_SIGNED}"
            ),
            BlankNodePredicate(p) => write!(
                f,
                "the property `{p}` expands to a blank node, {NOT_SIGNED}"
            ),
            RelativeObject(o) => write!(
                f,
                "the reference `{o}` is not an absolute IRI, {NOT_SIGNED}"
            ),
            InvalidDatatype(d) => write!(
                f,
                "the datatype `{d}` is not a well-formed IRI, so the value would not be covered by the signature"
            ),
            DirectionNotSet(v) => write!(
                f,
                "the text direction (@direction) of {v} has no RDF form here, {NOT_SIGNED}"
            ),
        }
    }
}

/// Which [`Limits`] bound was hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitKind {
    /// [`Limits::max_context_loads`].
    ContextLoads,
    /// [`Limits::max_depth`].
    Depth,
    /// [`Limits::max_nodes`].
    Nodes,
    /// [`Limits::max_work`].
    Work,
}

/// A JSON-LD processing failure. [`JsonLdError::code`] (and the start of
/// `Display`) is the error code string of the JSON-LD 1.1 API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonLdError {
    /// `colliding keywords`
    CollidingKeywords,
    /// `conflicting indexes`
    ConflictingIndexes,
    /// `context overflow`
    ContextOverflow,
    /// `cyclic IRI mapping`
    CyclicIriMapping,
    /// `invalid @id value`
    InvalidIdValue,
    /// `invalid @import value`
    InvalidImportValue,
    /// `invalid @included value`
    InvalidIncludedValue,
    /// `invalid @index value`
    InvalidIndexValue,
    /// `invalid @nest value`
    InvalidNestValue,
    /// `invalid @prefix value`
    InvalidPrefixValue,
    /// `invalid @propagate value`
    InvalidPropagateValue,
    /// `invalid @protected value`
    InvalidProtectedValue,
    /// `invalid @reverse value`
    InvalidReverseValue,
    /// `invalid @version value`
    InvalidVersionValue,
    /// `invalid base direction`
    InvalidBaseDirection,
    /// `invalid base IRI`
    InvalidBaseIri,
    /// `invalid container mapping`
    InvalidContainerMapping,
    /// `invalid context entry`
    InvalidContextEntry,
    /// `invalid context nullification`
    InvalidContextNullification,
    /// `invalid default language`
    InvalidDefaultLanguage,
    /// `invalid IRI mapping`
    InvalidIriMapping,
    /// `invalid JSON literal`
    InvalidJsonLiteral,
    /// `invalid keyword alias`
    InvalidKeywordAlias,
    /// `invalid language map value`
    InvalidLanguageMapValue,
    /// `invalid language mapping`
    InvalidLanguageMapping,
    /// `invalid language-tagged string`
    InvalidLanguageTaggedString,
    /// `invalid language-tagged value`
    InvalidLanguageTaggedValue,
    /// `invalid local context`
    InvalidLocalContext,
    /// `invalid remote context`
    InvalidRemoteContext,
    /// `invalid reverse property map`
    InvalidReversePropertyMap,
    /// `invalid reverse property value`
    InvalidReversePropertyValue,
    /// `invalid reverse property`
    InvalidReverseProperty,
    /// A scoped context failed to process; the cause is kept for the message.
    InvalidScopedContext(Box<JsonLdError>),
    /// `invalid set or list object`
    InvalidSetOrListObject,
    /// `invalid term definition`
    InvalidTermDefinition,
    /// `invalid type mapping`
    InvalidTypeMapping,
    /// `invalid type value`
    InvalidTypeValue,
    /// `invalid typed value`
    InvalidTypedValue,
    /// `invalid value object value`
    InvalidValueObjectValue,
    /// `invalid value object`
    InvalidValueObject,
    /// `invalid vocab mapping`
    InvalidVocabMapping,
    /// `keyword redefinition`
    KeywordRedefinition,
    /// `processing mode conflict`
    ProcessingModeConflict,
    /// A protected term was redefined differently (the term is given).
    ProtectedTermRedefinition(String),
    /// The loader returned a document for this URL that is not JSON.
    LoadingRemoteContextFailed(String),
    /// The context URL is not known to the loader (the core never fetches).
    UnknownContext(String),
    /// A processing bound of [`Limits`] was exceeded.
    LimitExceeded(LimitKind),
    /// In safe mode ([`Options::safe`]): content would be lost.
    SafeModeViolation(SafeModeEvent),
}

impl JsonLdError {
    /// The JSON-LD API error code (`"invalid @id value"`, ...). Errors
    /// specific to this implementation use codes the spec does not define:
    /// `UnknownContext` reports as `"loading remote context failed"`, which
    /// is what it means to a JSON-LD processor, `LimitExceeded` as
    /// `"processing limit exceeded"` and `SafeModeViolation` as
    /// `"safe mode validation error"` (jsonld.js's message).
    pub fn code(&self) -> &'static str {
        use JsonLdError::*;
        match self {
            CollidingKeywords => "colliding keywords",
            ConflictingIndexes => "conflicting indexes",
            ContextOverflow => "context overflow",
            CyclicIriMapping => "cyclic IRI mapping",
            InvalidIdValue => "invalid @id value",
            InvalidImportValue => "invalid @import value",
            InvalidIncludedValue => "invalid @included value",
            InvalidIndexValue => "invalid @index value",
            InvalidNestValue => "invalid @nest value",
            InvalidPrefixValue => "invalid @prefix value",
            InvalidPropagateValue => "invalid @propagate value",
            InvalidProtectedValue => "invalid @protected value",
            InvalidReverseValue => "invalid @reverse value",
            InvalidVersionValue => "invalid @version value",
            InvalidBaseDirection => "invalid base direction",
            InvalidBaseIri => "invalid base IRI",
            InvalidContainerMapping => "invalid container mapping",
            InvalidContextEntry => "invalid context entry",
            InvalidContextNullification => "invalid context nullification",
            InvalidDefaultLanguage => "invalid default language",
            InvalidIriMapping => "invalid IRI mapping",
            InvalidJsonLiteral => "invalid JSON literal",
            InvalidKeywordAlias => "invalid keyword alias",
            InvalidLanguageMapValue => "invalid language map value",
            InvalidLanguageMapping => "invalid language mapping",
            InvalidLanguageTaggedString => "invalid language-tagged string",
            InvalidLanguageTaggedValue => "invalid language-tagged value",
            InvalidLocalContext => "invalid local context",
            InvalidRemoteContext => "invalid remote context",
            InvalidReversePropertyMap => "invalid reverse property map",
            InvalidReversePropertyValue => "invalid reverse property value",
            InvalidReverseProperty => "invalid reverse property",
            InvalidScopedContext(_) => "invalid scoped context",
            InvalidSetOrListObject => "invalid set or list object",
            InvalidTermDefinition => "invalid term definition",
            InvalidTypeMapping => "invalid type mapping",
            InvalidTypeValue => "invalid type value",
            InvalidTypedValue => "invalid typed value",
            InvalidValueObjectValue => "invalid value object value",
            InvalidValueObject => "invalid value object",
            InvalidVocabMapping => "invalid vocab mapping",
            KeywordRedefinition => "keyword redefinition",
            ProcessingModeConflict => "processing mode conflict",
            ProtectedTermRedefinition(_) => "protected term redefinition",
            LoadingRemoteContextFailed(_) | UnknownContext(_) => "loading remote context failed",
            LimitExceeded(_) => "processing limit exceeded",
            SafeModeViolation(_) => "safe mode validation error",
        }
    }

    /// The innermost error: the cause of an `invalid scoped context`.
    pub fn root_cause(&self) -> &JsonLdError {
        match self {
            JsonLdError::InvalidScopedContext(inner) => inner.root_cause(),
            other => other,
        }
    }

    fn is_fatal(&self) -> bool {
        // Bounds, unknown contexts and safe-mode losses keep their identity
        // through scoped context validation: they are not properties of
        // the context's syntax.
        matches!(
            self,
            JsonLdError::LimitExceeded(_)
                | JsonLdError::ContextOverflow
                | JsonLdError::UnknownContext(_)
                | JsonLdError::SafeModeViolation(_)
        )
    }
}

impl fmt::Display for JsonLdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())?;
        match self {
            JsonLdError::UnknownContext(url) => {
                write!(f, ": the context {url} is not supported (not bundled)")
            }
            JsonLdError::LoadingRemoteContextFailed(url) => {
                write!(f, ": {url} is not a JSON document")
            }
            JsonLdError::ProtectedTermRedefinition(term) => write!(f, ": {term}"),
            JsonLdError::InvalidScopedContext(inner) => write!(f, " ({inner})"),
            JsonLdError::LimitExceeded(kind) => write!(f, ": {kind:?}"),
            JsonLdError::SafeModeViolation(event) => write!(f, ": {event}"),
            _ => Ok(()),
        }
    }
}

/// Expands `doc` (JSON-LD 1.1 `expand()`): the result is always an array of
/// expanded node objects.
pub fn expand(
    doc: &Value,
    options: &Options,
    loader: &dyn ContextLoader,
) -> Result<Value, JsonLdError> {
    let mut p = Processor::new(options, loader);
    p.expand_document(doc)
}

/// Deserializes `doc` to an RDF dataset (JSON-LD 1.1 `toRdf()`). Duplicate
/// quads are removed (a dataset is a set); the order is unspecified.
pub fn to_rdf(
    doc: &Value,
    options: &Options,
    loader: &dyn ContextLoader,
) -> Result<Vec<Quad>, JsonLdError> {
    run_to_rdf(&mut Processor::new(options, loader), doc)
}

/// [`to_rdf`] with the [`BundledLoader`], sharing processed contexts with
/// other calls through `contexts`: the result, the error and the work
/// counted against [`Options::limits`] are those of [`to_rdf`].
pub fn to_rdf_cached(
    doc: &Value,
    options: &Options,
    contexts: &mut BundledContexts,
) -> Result<Vec<Quad>, JsonLdError> {
    run_to_rdf(&mut Processor::with_shared(options, contexts), doc)
}

fn run_to_rdf(p: &mut Processor<'_>, doc: &Value) -> Result<Vec<Quad>, JsonLdError> {
    let expanded = p.expand_document(doc)?;
    let mut nm = NodeMap::new(p.opts);
    nm.walk(p, &expanded, "@default", &Subject::None, None, None)?;
    let mut quads = nm.emit_quads(p)?;
    crate::encoding::sort::sort(&mut quads);
    quads.dedup();
    Ok(quads)
}

/// [`to_rdf`] with the bundled contexts, in safe mode, otherwise default
/// options: what the `eddsa-rdfc-2022` / `Ed25519Signature2020` proof code
/// needs (nothing of the document may escape the signed RDF). A verifier
/// of many documents passes one [`BundledContexts`] to
/// [`to_rdf_bundled_with`] instead.
pub fn to_rdf_bundled(doc: &Value) -> Result<Vec<Quad>, JsonLdError> {
    to_rdf_bundled_with(doc, &mut BundledContexts::new())
}

/// [`to_rdf_bundled`], sharing processed contexts through `contexts`.
pub fn to_rdf_bundled_with(
    doc: &Value,
    contexts: &mut BundledContexts,
) -> Result<Vec<Quad>, JsonLdError> {
    let options = Options {
        safe: true,
        ..Options::default()
    };
    to_rdf_cached(doc, &options, contexts)
}
