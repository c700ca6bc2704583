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

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use crate::encoding::json::{self, Object, Value};
use crate::ld::rdf::{Quad, Term, RDF_LANG_STRING, XSD_STRING};

const RDF_NS: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDF_FIRST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
const RDF_REST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
const RDF_NIL: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
const RDF_JSON: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";
const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
const XSD_DOUBLE: &str = "http://www.w3.org/2001/XMLSchema#double";
const I18N_NS: &str = "https://www.w3.org/ns/i18n#";

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
    let mut p = Processor::new(options, loader);
    let expanded = p.expand_document(doc)?;
    let mut nm = NodeMap::new(options);
    nm.walk(&mut p, &expanded, "@default", &Subject::None, None, None)?;
    let mut quads = nm.emit_quads(&mut p)?;
    quads.sort_unstable();
    quads.dedup();
    Ok(quads)
}

/// [`to_rdf`] with the bundled contexts, in safe mode, otherwise default
/// options: what the `eddsa-rdfc-2022` / `Ed25519Signature2020` proof code
/// needs (nothing of the document may escape the signed RDF).
pub fn to_rdf_bundled(doc: &Value) -> Result<Vec<Quad>, JsonLdError> {
    let options = Options {
        safe: true,
        ..Options::default()
    };
    to_rdf(doc, &options, &BundledLoader)
}

// ---------------------------------------------------------------------------
// Active context
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "ltr" => Some(Direction::Ltr),
            "rtl" => Some(Direction::Rtl),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

const C_GRAPH: u8 = 1;
const C_ID: u8 = 2;
const C_INDEX: u8 = 4;
const C_LANGUAGE: u8 = 8;
const C_LIST: u8 = 16;
const C_SET: u8 = 32;
const C_TYPE: u8 = 64;

#[derive(Clone, Debug)]
struct TermDef {
    /// `None` is a null mapping (the term is defined but maps to nothing).
    iri: Option<String>,
    prefix: bool,
    protected: bool,
    reverse: bool,
    base_url: Option<String>,
    context: Option<Rc<Value>>,
    container: u8,
    /// `Some(None)` is an explicit `null` (overrides the default).
    direction: Option<Option<Direction>>,
    index: Option<String>,
    language: Option<Option<String>>,
    nest: Option<String>,
    type_mapping: Option<String>,
}

impl TermDef {
    fn new(protected: bool) -> Self {
        TermDef {
            iri: None,
            prefix: false,
            protected,
            reverse: false,
            base_url: None,
            context: None,
            container: 0,
            direction: None,
            index: None,
            language: None,
            nest: None,
            type_mapping: None,
        }
    }

    /// Equal for the protected-term check: everything but `protected` and
    /// the base URL (two contexts repeating a protected scoped term
    /// verbatim, as the VC and Open Badges contexts do, are not a conflict).
    fn same_as(&self, o: &TermDef) -> bool {
        self.iri == o.iri
            && self.prefix == o.prefix
            && self.reverse == o.reverse
            && match (&self.context, &o.context) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b) || a == b,
                (a, b) => a.is_none() && b.is_none(),
            }
            && self.container == o.container
            && self.direction == o.direction
            && self.index == o.index
            && self.language == o.language
            && self.nest == o.nest
            && self.type_mapping == o.type_mapping
    }
}

#[derive(Clone, Debug, Default)]
struct Context {
    /// Shared until modified; `Rc<str>` keys make the copy-on-write clone
    /// of a large context cheap (no string copies).
    terms: Rc<BTreeMap<Rc<str>, Rc<TermDef>>>,
    base: Option<String>,
    original_base: Option<String>,
    vocab: Option<String>,
    language: Option<String>,
    direction: Option<Direction>,
    previous: Option<Rc<Context>>,
}

impl Context {
    fn term(&self, t: &str) -> Option<&TermDef> {
        self.terms.get(t).map(|d| &**d)
    }

    /// IRI expansion outside context processing.
    fn expand_iri(&self, value: &str, doc_rel: bool, vocab: bool) -> Option<String> {
        if is_keyword(value) {
            return Some(value.to_string());
        }
        if has_keyword_form(value) {
            return None;
        }
        if let Some(d) = self.term(value) {
            if let Some(i) = &d.iri {
                if is_keyword(i) {
                    return Some(i.clone());
                }
            }
            if vocab {
                return d.iri.clone();
            }
        }
        if let Some((prefix, suffix)) = split_prefix(value) {
            if prefix == "_" || suffix.starts_with("//") {
                return Some(value.to_string());
            }
            if let Some(d) = self.term(prefix) {
                if let (Some(i), true) = (&d.iri, d.prefix) {
                    return Some(format!("{i}{suffix}"));
                }
            }
            if has_scheme(value) {
                return Some(value.to_string());
            }
        }
        if vocab {
            if let Some(v) = &self.vocab {
                return Some(format!("{v}{value}"));
            }
        }
        if doc_rel {
            if let Some(b) = &self.base {
                return Some(resolve_iri(b, value));
            }
        }
        Some(value.to_string())
    }
}

// ---------------------------------------------------------------------------
// The processor: context processing and expansion
// ---------------------------------------------------------------------------

type ScopedKey = (usize, usize, bool, bool);
/// (active context, scoped context, result), the inputs kept alive.
type ScopedEntry = (Rc<Context>, Rc<Value>, Rc<Context>);

struct Processor<'a> {
    opts: &'a Options,
    loader: &'a dyn ContextLoader,
    /// Remote context documents by URL (their `@context` entry), parsed once.
    docs: BTreeMap<String, Rc<Value>>,
    /// Results of applying scoped contexts, by (active context, scoped
    /// context) identity. Entries hold both inputs alive, so an address is
    /// never reused for a different context while it is a key.
    scoped: BTreeMap<ScopedKey, ScopedEntry>,
    /// Scoped contexts shared by address of their source `Value`, so a term
    /// definition does not deep-copy its context each time it is created
    /// and identical definitions share one `Rc` (cheap comparisons, cache
    /// hits). Every source outlives the call (the document, `docs`, this
    /// map itself, `keep`), so an address is never reused for another value.
    interned: BTreeMap<usize, Rc<Value>>,
    /// Scoped contexts (by interned address) already validated.
    validated: BTreeSet<usize>,
    /// Values built during the call that interned addresses may point into.
    keep: Vec<Rc<Value>>,
    work: usize,
    nodes: usize,
    depth: usize,
}

/// State of one context definition being processed (for term definitions
/// that depend on each other).
struct DefineState<'l> {
    local: &'l Object,
    defined: BTreeMap<String, bool>,
    base_url: Option<&'l str>,
    protected: bool,
    override_protected: bool,
    remote: &'l [String],
}

const CONTEXT_KEYWORDS: &[&str] = &[
    "@base",
    "@direction",
    "@import",
    "@language",
    "@propagate",
    "@protected",
    "@version",
    "@vocab",
];

const TERM_DEF_KEYS: &[&str] = &[
    "@id",
    "@reverse",
    "@container",
    "@context",
    "@direction",
    "@index",
    "@language",
    "@nest",
    "@prefix",
    "@protected",
    "@type",
];

impl<'a> Processor<'a> {
    fn new(opts: &'a Options, loader: &'a dyn ContextLoader) -> Self {
        Processor {
            opts,
            loader,
            docs: BTreeMap::new(),
            scoped: BTreeMap::new(),
            interned: BTreeMap::new(),
            validated: BTreeSet::new(),
            keep: Vec::new(),
            work: 0,
            nodes: 0,
            depth: 0,
        }
    }

    fn mode10(&self) -> bool {
        self.opts.processing_mode == ProcessingMode::JsonLd10
    }

    fn tick(&mut self) -> Result<(), JsonLdError> {
        self.work += 1;
        if self.work > self.opts.limits.max_work {
            return Err(JsonLdError::LimitExceeded(LimitKind::Work));
        }
        Ok(())
    }

    fn enter(&mut self) -> Result<(), JsonLdError> {
        self.depth += 1;
        if self.depth > self.opts.limits.max_depth {
            self.depth -= 1;
            return Err(JsonLdError::LimitExceeded(LimitKind::Depth));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Content is about to be lost: an error in safe mode, nothing
    /// otherwise (the event is only built when it is reported).
    fn lose(&self, event: impl FnOnce() -> SafeModeEvent) -> Result<(), JsonLdError> {
        lose(self.opts.safe, event)
    }

    fn expand_document(&mut self, doc: &Value) -> Result<Value, JsonLdError> {
        let base = self.opts.base.clone();
        let mut active = Rc::new(Context {
            base: base.clone(),
            original_base: base.clone(),
            ..Context::default()
        });
        if let Some(ec) = &self.opts.expand_context {
            let local = match ec {
                Value::Object(o) if o.contains_key("@context") => o.get("@context").unwrap_or(ec),
                other => other,
            };
            active =
                self.process_context(&active, local, base.as_deref(), &[], false, true, true)?;
        }
        let expanded = self.expand_element(&active, None, doc, base.as_deref(), false)?;
        Ok(match expanded {
            Value::Object(mut o) if o.len() == 1 && o.contains_key("@graph") => {
                as_array(o.remove("@graph").unwrap_or(Value::Null))
            }
            Value::Null => Value::Array(Vec::new()),
            Value::Array(a) => Value::Array(a),
            other => Value::Array(vec![other]),
        })
    }

    fn intern(&mut self, v: &Value) -> Rc<Value> {
        let key = v as *const Value as usize;
        self.interned
            .entry(key)
            .or_insert_with(|| Rc::new(v.clone()))
            .clone()
    }

    // -- remote contexts ----------------------------------------------------

    fn load_context(&mut self, url: &str) -> Result<Rc<Value>, JsonLdError> {
        if let Some(v) = self.docs.get(url) {
            return Ok(v.clone());
        }
        if self.docs.len() >= self.opts.limits.max_context_loads {
            return Err(JsonLdError::LimitExceeded(LimitKind::ContextLoads));
        }
        let text = self
            .loader
            .load(url)
            .ok_or_else(|| JsonLdError::UnknownContext(url.to_string()))?;
        let doc = json::parse(text.as_bytes(), json::Limits::default())
            .map_err(|_| JsonLdError::LoadingRemoteContextFailed(url.to_string()))?;
        let ctx = match doc {
            Value::Object(mut o) => o
                .remove("@context")
                .ok_or(JsonLdError::InvalidRemoteContext)?,
            _ => return Err(JsonLdError::InvalidRemoteContext),
        };
        let rc = Rc::new(ctx);
        self.docs.insert(url.to_string(), rc.clone());
        Ok(rc)
    }

    // -- context processing -------------------------------------------------

    /// Applies a term's scoped context, memoized by identity for the call:
    /// type-scoped contexts apply at every node of that type.
    fn process_scoped(
        &mut self,
        active: &Rc<Context>,
        local: &Rc<Value>,
        base_url: Option<&str>,
        override_protected: bool,
        propagate: bool,
    ) -> Result<Rc<Context>, JsonLdError> {
        let key = (
            Rc::as_ptr(active) as usize,
            Rc::as_ptr(local) as usize,
            override_protected,
            propagate,
        );
        if let Some((_, _, r)) = self.scoped.get(&key) {
            let r = r.clone();
            self.tick()?;
            return Ok(r);
        }
        let r = self.process_context(
            active,
            local,
            base_url,
            &[],
            override_protected,
            propagate,
            true,
        )?;
        self.scoped
            .insert(key, (active.clone(), local.clone(), r.clone()));
        Ok(r)
    }

    #[allow(clippy::too_many_arguments)]
    fn process_context(
        &mut self,
        active: &Rc<Context>,
        local: &Value,
        base_url: Option<&str>,
        remote: &[String],
        override_protected: bool,
        propagate: bool,
        validate_scoped: bool,
    ) -> Result<Rc<Context>, JsonLdError> {
        self.enter()?;
        let r = self.process_context_inner(
            active,
            local,
            base_url,
            remote,
            override_protected,
            propagate,
            validate_scoped,
        );
        self.leave();
        r
    }

    #[allow(clippy::too_many_arguments)]
    fn process_context_inner(
        &mut self,
        active: &Rc<Context>,
        local: &Value,
        base_url: Option<&str>,
        remote: &[String],
        override_protected: bool,
        mut propagate: bool,
        validate_scoped: bool,
    ) -> Result<Rc<Context>, JsonLdError> {
        self.tick()?;
        let mut result: Context = (**active).clone();
        if let Value::Object(o) = local {
            if let Some(p) = o.get("@propagate") {
                propagate = p.as_bool().ok_or(JsonLdError::InvalidPropagateValue)?;
            }
        }
        if !propagate && result.previous.is_none() {
            result.previous = Some(active.clone());
        }
        for item in local.one_or_many() {
            match item {
                Value::Null => {
                    if !override_protected && result.terms.values().any(|d| d.protected) {
                        return Err(JsonLdError::InvalidContextNullification);
                    }
                    let prev = core::mem::take(&mut result);
                    result.base = active.original_base.clone();
                    result.original_base = active.original_base.clone();
                    if !propagate {
                        result.previous = Some(Rc::new(prev));
                    }
                }
                Value::String(s) => {
                    let url = match base_url {
                        Some(b) => resolve_iri(b, s),
                        None => s.clone(),
                    };
                    if !validate_scoped && remote.contains(&url) {
                        continue;
                    }
                    if remote.len() >= self.opts.limits.max_remote_contexts {
                        return Err(JsonLdError::ContextOverflow);
                    }
                    let loaded = self.load_context(&url)?;
                    let mut chain = remote.to_vec();
                    chain.push(url.clone());
                    let current = Rc::new(result);
                    let next = self.process_context(
                        &current,
                        &loaded,
                        Some(&url),
                        &chain,
                        override_protected,
                        propagate,
                        validate_scoped,
                    )?;
                    result = (*next).clone();
                }
                Value::Object(def) => {
                    self.apply_definition(&mut result, def, base_url, remote, override_protected)?;
                }
                _ => return Err(JsonLdError::InvalidLocalContext),
            }
        }
        Ok(Rc::new(result))
    }

    /// Context processing steps for one context definition (a map).
    fn apply_definition(
        &mut self,
        result: &mut Context,
        def: &Object,
        base_url: Option<&str>,
        remote: &[String],
        override_protected: bool,
    ) -> Result<(), JsonLdError> {
        if let Some(v) = def.get("@version") {
            let ok = v.as_number().map(|n| {
                let x = n.as_f64();
                x == 1.1 || x == 1.2
            });
            if ok != Some(true) {
                return Err(JsonLdError::InvalidVersionValue);
            }
            if self.mode10() {
                return Err(JsonLdError::ProcessingModeConflict);
            }
        }
        let merged;
        let def: &Object = if let Some(imp) = def.get("@import") {
            if self.mode10() {
                return Err(JsonLdError::InvalidContextEntry);
            }
            let s = imp.as_str().ok_or(JsonLdError::InvalidImportValue)?;
            let url = match base_url {
                Some(b) => resolve_iri(b, s),
                None => s.to_string(),
            };
            let loaded = self.load_context(&url)?;
            let io = loaded
                .as_object()
                .ok_or(JsonLdError::InvalidRemoteContext)?;
            if io.contains_key("@import") {
                return Err(JsonLdError::InvalidContextEntry);
            }
            let mut m = io.clone();
            for (k, v) in def.iter() {
                m.insert(k.clone(), v.clone());
            }
            // Kept alive for the call: scoped contexts are interned by address.
            let rc = Rc::new(Value::Object(m));
            self.keep.push(rc.clone());
            merged = rc;
            merged.as_object().unwrap_or(def)
        } else {
            def
        };
        if let Some(v) = def.get("@base") {
            if remote.is_empty() {
                match v {
                    Value::Null => result.base = None,
                    Value::String(s) if has_scheme(s) => result.base = Some(s.clone()),
                    Value::String(s) => match &result.base {
                        Some(b) => result.base = Some(resolve_iri(b, s)),
                        None => return Err(JsonLdError::InvalidBaseIri),
                    },
                    _ => return Err(JsonLdError::InvalidBaseIri),
                }
            }
        }
        if let Some(v) = def.get("@vocab") {
            match v {
                Value::Null => result.vocab = None,
                Value::String(s) => match result.expand_iri(s, true, true) {
                    Some(e) if !is_keyword(&e) && (has_scheme(&e) || e.starts_with("_:")) => {
                        result.vocab = Some(e)
                    }
                    _ => return Err(JsonLdError::InvalidVocabMapping),
                },
                _ => return Err(JsonLdError::InvalidVocabMapping),
            }
        }
        if let Some(v) = def.get("@language") {
            match v {
                Value::Null => result.language = None,
                Value::String(s) => {
                    if !wellformed_language(s) {
                        self.lose(|| SafeModeEvent::InvalidLanguage(excerpt(s)))?;
                    }
                    result.language = Some(s.clone())
                }
                _ => return Err(JsonLdError::InvalidDefaultLanguage),
            }
        }
        if let Some(v) = def.get("@direction") {
            if self.mode10() {
                return Err(JsonLdError::InvalidContextEntry);
            }
            match v {
                Value::Null => result.direction = None,
                Value::String(s) => {
                    result.direction =
                        Some(Direction::parse(s).ok_or(JsonLdError::InvalidBaseDirection)?)
                }
                _ => return Err(JsonLdError::InvalidBaseDirection),
            }
        }
        if let Some(v) = def.get("@propagate") {
            if self.mode10() {
                return Err(JsonLdError::InvalidContextEntry);
            }
            if v.as_bool().is_none() {
                return Err(JsonLdError::InvalidPropagateValue);
            }
        }
        let protected = match def.get("@protected") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(JsonLdError::InvalidProtectedValue),
        };
        let mut st = DefineState {
            local: def,
            defined: BTreeMap::new(),
            base_url,
            protected,
            override_protected,
            remote,
        };
        for key in def.keys() {
            if CONTEXT_KEYWORDS.contains(&key.as_str()) {
                continue;
            }
            self.create_term(result, &mut st, key)?;
        }
        Ok(())
    }

    /// IRI expansion during context processing: terms of the local context
    /// that the value depends on are defined first.
    fn expand_iri_def(
        &mut self,
        ctx: &mut Context,
        st: &mut DefineState<'_>,
        value: &str,
        doc_rel: bool,
        vocab: bool,
    ) -> Result<Option<String>, JsonLdError> {
        if is_keyword(value) {
            return Ok(Some(value.to_string()));
        }
        if has_keyword_form(value) {
            return Ok(None);
        }
        if st.local.contains_key(value) && st.defined.get(value) != Some(&true) {
            self.create_term(ctx, st, value)?;
        }
        if let Some(d) = ctx.term(value) {
            if let Some(i) = &d.iri {
                if is_keyword(i) {
                    return Ok(Some(i.clone()));
                }
            }
            if vocab {
                return Ok(d.iri.clone());
            }
        }
        if let Some((prefix, suffix)) = split_prefix(value) {
            if prefix != "_"
                && !suffix.starts_with("//")
                && st.local.contains_key(prefix)
                && st.defined.get(prefix) != Some(&true)
            {
                self.create_term(ctx, st, prefix)?;
            }
        }
        Ok(ctx.expand_iri(value, doc_rel, vocab))
    }

    fn create_term(
        &mut self,
        ctx: &mut Context,
        st: &mut DefineState<'_>,
        term: &str,
    ) -> Result<(), JsonLdError> {
        match st.defined.get(term) {
            Some(true) => return Ok(()),
            Some(false) => return Err(JsonLdError::CyclicIriMapping),
            None => {}
        }
        self.enter()?;
        let r = self.create_term_inner(ctx, st, term);
        self.leave();
        r
    }

    fn create_term_inner(
        &mut self,
        ctx: &mut Context,
        st: &mut DefineState<'_>,
        term: &str,
    ) -> Result<(), JsonLdError> {
        use JsonLdError as E;
        self.tick()?;
        if term.is_empty() {
            return Err(E::InvalidTermDefinition);
        }
        st.defined.insert(term.to_string(), false);
        let local: &Object = st.local;
        let value: &Value = local.get(term).unwrap_or(&Value::Null);
        let mode10 = self.mode10();
        if term == "@type" {
            if mode10 {
                return Err(E::KeywordRedefinition);
            }
            let ok = match value {
                Value::Object(o) => {
                    !o.is_empty()
                        && o.iter().all(|(k, v)| {
                            (k == "@container" && v.as_str() == Some("@set")) || k == "@protected"
                        })
                }
                _ => false,
            };
            if !ok {
                return Err(E::KeywordRedefinition);
            }
        } else if is_keyword(term) {
            return Err(E::KeywordRedefinition);
        } else if has_keyword_form(term) {
            self.lose(|| SafeModeEvent::ReservedTerm(excerpt(term)))?;
            st.defined.insert(term.to_string(), true);
            return Ok(());
        }
        let previous = Rc::make_mut(&mut ctx.terms).remove(term);
        let owned;
        let (map, simple): (&Object, bool) = match value {
            Value::Null => {
                owned = obj1("@id", Value::Null);
                (&owned, false)
            }
            Value::String(s) => {
                owned = obj1("@id", Value::String(s.clone()));
                (&owned, true)
            }
            Value::Object(o) => (o, false),
            _ => return Err(E::InvalidTermDefinition),
        };
        let mut def = TermDef::new(st.protected);
        if let Some(p) = map.get("@protected") {
            if mode10 {
                return Err(E::InvalidTermDefinition);
            }
            def.protected = p.as_bool().ok_or(E::InvalidProtectedValue)?;
        }
        if let Some(t) = map.get("@type") {
            let t = t.as_str().ok_or(E::InvalidTypeMapping)?;
            let t = self
                .expand_iri_def(ctx, st, t, false, true)?
                .ok_or(E::InvalidTypeMapping)?;
            match t.as_str() {
                "@json" | "@none" if mode10 => return Err(E::InvalidTypeMapping),
                "@id" | "@json" | "@none" | "@vocab" => {}
                other if is_absolute_iri(other) => {}
                _ => return Err(E::InvalidTypeMapping),
            }
            def.type_mapping = Some(t);
        }
        if let Some(r) = map.get("@reverse") {
            if map.contains_key("@id") || map.contains_key("@nest") {
                return Err(E::InvalidReverseProperty);
            }
            let r = r.as_str().ok_or(E::InvalidIriMapping)?;
            if has_keyword_form(r) {
                self.lose(|| SafeModeEvent::ReservedReverse(excerpt(r)))?;
                st.defined.insert(term.to_string(), true);
                return Ok(());
            }
            match self.expand_iri_def(ctx, st, r, false, true)? {
                Some(i) if i.contains(':') => def.iri = Some(i),
                _ => return Err(E::InvalidIriMapping),
            }
            if let Some(c) = map.get("@container") {
                def.container = match c {
                    Value::Null => 0,
                    Value::String(s) if s == "@set" => C_SET,
                    Value::String(s) if s == "@index" => C_INDEX,
                    _ => return Err(E::InvalidReverseProperty),
                };
            }
            // Unlike the letter of the algorithm (which returns here), the
            // remaining entries (@index, @protected, ...) still apply, as in
            // jsonld.js and the suite (expand#t0131).
            def.reverse = true;
        }
        match map.get("@id") {
            _ if def.reverse => {}
            Some(id) if id.as_str() != Some(term) => match id {
                Value::Null => def.iri = None,
                Value::String(s) => {
                    if !is_keyword(s) && has_keyword_form(s) {
                        self.lose(|| SafeModeEvent::ReservedId(excerpt(s)))?;
                        st.defined.insert(term.to_string(), true);
                        return Ok(());
                    }
                    let iri = match self.expand_iri_def(ctx, st, s, false, true)? {
                        Some(i) if is_keyword(&i) || i.contains(':') => i,
                        _ => return Err(E::InvalidIriMapping),
                    };
                    if iri == "@context" {
                        return Err(E::InvalidKeywordAlias);
                    }
                    let inner_colon = term
                        .char_indices()
                        .any(|(i, c)| c == ':' && i > 0 && i + 1 < term.len());
                    if inner_colon || term.contains('/') {
                        st.defined.insert(term.to_string(), true);
                        let e = self.expand_iri_def(ctx, st, term, false, true)?;
                        if e.as_deref() != Some(iri.as_str()) {
                            return Err(E::InvalidIriMapping);
                        }
                    }
                    if !term.contains(':')
                        && !term.contains('/')
                        && simple
                        && (iri.ends_with([':', '/', '?', '#', '[', ']', '@'])
                            || iri.starts_with("_:"))
                    {
                        def.prefix = true;
                    }
                    def.iri = Some(iri);
                }
                _ => return Err(E::InvalidIriMapping),
            },
            _ => {
                if let Some((prefix, suffix)) = split_prefix(term) {
                    if prefix != "_" && !suffix.starts_with("//") && local.contains_key(prefix) {
                        self.create_term(ctx, st, prefix)?;
                    }
                    def.iri = match ctx.term(prefix).and_then(|d| d.iri.as_ref()) {
                        Some(p) if prefix != "_" && !suffix.starts_with("//") => {
                            Some(format!("{p}{suffix}"))
                        }
                        _ => Some(term.to_string()),
                    };
                } else if term.contains('/') {
                    // Without the local context: the term itself is being
                    // defined (expand#ter49 expects no cyclic-mapping error).
                    match ctx.expand_iri(term, true, true) {
                        Some(i) if has_scheme(&i) => def.iri = Some(i),
                        _ => return Err(E::InvalidIriMapping),
                    }
                } else if term == "@type" {
                    def.iri = Some("@type".to_string());
                } else if let Some(v) = &ctx.vocab {
                    def.iri = Some(format!("{v}{term}"));
                } else {
                    return Err(E::InvalidIriMapping);
                }
            }
        }
        if let Some(c) = map.get("@container").filter(|_| !def.reverse) {
            def.container = parse_container(c, mode10)?;
            if def.container & C_TYPE != 0 {
                match def.type_mapping.as_deref() {
                    None => def.type_mapping = Some("@id".to_string()),
                    Some("@id") | Some("@vocab") => {}
                    Some(_) => return Err(E::InvalidTypeMapping),
                }
            }
        }
        if let Some(ix) = map.get("@index") {
            if mode10 || def.container & C_INDEX == 0 {
                return Err(E::InvalidTermDefinition);
            }
            let s = ix.as_str().ok_or(E::InvalidTermDefinition)?;
            match self.expand_iri_def(ctx, st, s, false, true)? {
                Some(i) if has_scheme(&i) => {}
                _ => return Err(E::InvalidTermDefinition),
            }
            def.index = Some(s.to_string());
        }
        if let Some(sc) = map.get("@context") {
            if mode10 {
                return Err(E::InvalidTermDefinition);
            }
            let sc = self.intern(sc);
            // Validation processes the scoped context only to surface its
            // errors at definition time; once per scoped context per call is
            // enough (it is processed again, for real, wherever it applies).
            let id = Rc::as_ptr(&sc) as usize;
            let trusted = st.remote.last().is_some_and(|u| self.loader.trusted(u));
            if !trusted && !self.validated.contains(&id) {
                let snapshot = Rc::new(ctx.clone());
                if let Err(e) =
                    self.process_context(&snapshot, &sc, st.base_url, st.remote, true, true, false)
                {
                    return Err(if e.is_fatal() {
                        e
                    } else {
                        E::InvalidScopedContext(Box::new(e))
                    });
                }
                self.validated.insert(id);
            }
            def.context = Some(sc);
            def.base_url = st.base_url.map(String::from);
        }
        if !map.contains_key("@type") {
            if let Some(l) = map.get("@language") {
                def.language = Some(match l {
                    Value::Null => None,
                    Value::String(s) => Some(s.clone()),
                    _ => return Err(E::InvalidLanguageMapping),
                });
            }
            if let Some(d) = map.get("@direction") {
                def.direction = Some(match d {
                    Value::Null => None,
                    Value::String(s) => Some(Direction::parse(s).ok_or(E::InvalidBaseDirection)?),
                    _ => return Err(E::InvalidBaseDirection),
                });
            }
        }
        if let Some(n) = map.get("@nest") {
            if mode10 {
                return Err(E::InvalidTermDefinition);
            }
            match n.as_str() {
                Some(s) if !is_keyword(s) || s == "@nest" => def.nest = Some(s.to_string()),
                _ => return Err(E::InvalidNestValue),
            }
        }
        if let Some(p) = map.get("@prefix") {
            if mode10 || term.contains(':') || term.contains('/') {
                return Err(E::InvalidTermDefinition);
            }
            def.prefix = p.as_bool().ok_or(E::InvalidPrefixValue)?;
            if def.prefix && def.iri.as_deref().is_some_and(is_keyword) {
                return Err(E::InvalidTermDefinition);
            }
        }
        if map.keys().any(|k| !TERM_DEF_KEYS.contains(&k.as_str())) {
            return Err(E::InvalidTermDefinition);
        }
        let def = match previous {
            Some(prev) if !st.override_protected && prev.protected => {
                if !prev.same_as(&def) {
                    return Err(E::ProtectedTermRedefinition(term.to_string()));
                }
                prev
            }
            _ => Rc::new(def),
        };
        Rc::make_mut(&mut ctx.terms).insert(Rc::from(term), def);
        st.defined.insert(term.to_string(), true);
        Ok(())
    }

    // -- expansion ------------------------------------------------------------

    fn expand_element(
        &mut self,
        ctx: &Rc<Context>,
        ap: Option<&str>,
        element: &Value,
        base_url: Option<&str>,
        from_map: bool,
    ) -> Result<Value, JsonLdError> {
        self.enter()?;
        let r = self.expand_element_inner(ctx, ap, element, base_url, from_map);
        self.leave();
        r
    }

    fn expand_element_inner(
        &mut self,
        ctx: &Rc<Context>,
        ap: Option<&str>,
        element: &Value,
        base_url: Option<&str>,
        from_map: bool,
    ) -> Result<Value, JsonLdError> {
        self.nodes += 1;
        if self.nodes > self.opts.limits.max_nodes {
            return Err(JsonLdError::LimitExceeded(LimitKind::Nodes));
        }
        let ap_def: Option<Rc<TermDef>> = ap.and_then(|p| ctx.terms.get(p).cloned());
        match element {
            Value::Null => Ok(Value::Null),
            Value::Array(items) => {
                let list = ap_def.as_ref().is_some_and(|d| d.container & C_LIST != 0);
                let mut out = Vec::new();
                for item in items {
                    let mut e = self.expand_element(ctx, ap, item, base_url, from_map)?;
                    if list && matches!(e, Value::Array(_)) {
                        e = Value::Object(obj1("@list", e));
                    }
                    match e {
                        Value::Array(v) => out.extend(v),
                        Value::Null => {}
                        other => out.push(other),
                    }
                }
                Ok(Value::Array(out))
            }
            Value::Object(elem) => self.expand_map(ctx, ap, ap_def, elem, base_url, from_map),
            scalar => {
                if ap.is_none() || ap == Some("@graph") {
                    self.lose(|| SafeModeEvent::FreeFloatingScalar(excerpt_value(scalar)))?;
                    return Ok(Value::Null);
                }
                let ctx = match ap_def
                    .as_ref()
                    .and_then(|d| d.context.as_ref().map(|c| (c, d)))
                {
                    Some((c, d)) => {
                        self.process_scoped(ctx, c, d.base_url.as_deref(), true, true)?
                    }
                    None => ctx.clone(),
                };
                let v = value_expand(&ctx, ap, scalar);
                if let (Some(Value::Null), Value::String(s)) = (v.get("@id"), scalar) {
                    // An @id-typed string of keyword form (`@foo`).
                    self.lose(|| SafeModeEvent::ReservedId(excerpt(s)))?;
                }
                Ok(v)
            }
        }
    }

    fn expand_map(
        &mut self,
        ctx_in: &Rc<Context>,
        ap: Option<&str>,
        ap_def: Option<Rc<TermDef>>,
        elem: &Object,
        base_url: Option<&str>,
        from_map: bool,
    ) -> Result<Value, JsonLdError> {
        let mut ctx = ctx_in.clone();
        // A non-propagated (type-scoped) context ends at the next node object.
        if let Some(prev) = ctx.previous.clone() {
            if !from_map {
                let mut keys = elem.keys().map(|k| ctx.expand_iri(k, false, true));
                let has_value = elem
                    .keys()
                    .any(|k| ctx.expand_iri(k, false, true).as_deref() == Some("@value"));
                let only_id = elem.len() == 1 && keys.next().flatten().as_deref() == Some("@id");
                if !has_value && !only_id {
                    ctx = prev;
                }
            }
        }
        if let Some(d) = &ap_def {
            if let Some(c) = &d.context {
                ctx = self.process_scoped(&ctx, c, d.base_url.as_deref(), true, true)?;
            }
        }
        if let Some(lc) = elem.get("@context") {
            ctx = self.process_context(&ctx, lc, base_url, &[], false, true, true)?;
        }
        let type_scoped = ctx.clone();
        let mut type_keys: Vec<&str> = elem
            .keys()
            .map(String::as_str)
            .filter(|k| ctx.expand_iri(k, false, true).as_deref() == Some("@type"))
            .collect();
        type_keys.sort_unstable();
        for k in &type_keys {
            let mut terms: Vec<&str> = elem
                .get(k)
                .map(|v| v.one_or_many().iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            terms.sort_unstable();
            for t in terms {
                if let Some(d) = type_scoped.terms.get(t).cloned() {
                    if let Some(c) = &d.context {
                        ctx = self.process_scoped(&ctx, c, d.base_url.as_deref(), false, false)?;
                    }
                }
            }
        }
        let input_type: Option<String> = type_keys.first().and_then(|k| {
            let v = elem.get(k)?;
            let last = match v {
                Value::Array(a) => a.last()?,
                other => other,
            };
            last.as_str().and_then(|s| ctx.expand_iri(s, false, true))
        });
        let mut result = Object::new();
        self.expand_object(
            &ctx,
            &type_scoped,
            ap,
            elem,
            base_url,
            input_type.as_deref(),
            &mut result,
        )?;

        // Post-processing of the expanded map.
        if result.contains_key("@value") {
            const ALLOWED: &[&str] = &["@direction", "@index", "@language", "@type", "@value"];
            if result.keys().any(|k| !ALLOWED.contains(&k.as_str()))
                || (result.contains_key("@type")
                    && (result.contains_key("@language") || result.contains_key("@direction")))
            {
                return Err(JsonLdError::InvalidValueObject);
            }
            let ty = result.get("@type");
            if ty.and_then(Value::as_str) != Some("@json") {
                match result.get("@value") {
                    None | Some(Value::Null) => {
                        self.lose(|| SafeModeEvent::NullValue)?;
                        return Ok(Value::Null);
                    }
                    Some(Value::Array(a)) if a.is_empty() => {
                        self.lose(|| SafeModeEvent::NullValue)?;
                        return Ok(Value::Null);
                    }
                    Some(v) => {
                        if v.as_str().is_none() && result.contains_key("@language") {
                            return Err(JsonLdError::InvalidLanguageTaggedValue);
                        }
                    }
                }
                if let Some(t) = ty {
                    match t {
                        Value::String(s) if is_absolute_iri(s) => {}
                        _ => return Err(JsonLdError::InvalidTypedValue),
                    }
                }
            }
        } else if matches!(result.get("@type"), Some(t) if t.as_array().is_none()) {
            if let Some(t) = result.remove("@type") {
                result.insert("@type", Value::Array(vec![t]));
            }
        } else if result.contains_key("@set") || result.contains_key("@list") {
            if result.len() > 2 || (result.len() == 2 && !result.contains_key("@index")) {
                return Err(JsonLdError::InvalidSetOrListObject);
            }
            if let Some(set) = result.remove("@set") {
                return Ok(set);
            }
        }
        if result.len() == 1 && result.contains_key("@language") {
            self.lose(|| SafeModeEvent::OnlyLanguage)?;
            return Ok(Value::Null);
        }
        let top = ap.is_none() || ap == Some("@graph");
        // jsonld.js also drops these objects as the value of a property
        // with an `@graph` container (safe mode rejects them there too).
        let graph_container = ap_def.as_ref().is_some_and(|d| d.container & C_GRAPH != 0);
        if top || (self.opts.safe && graph_container) {
            let only_id = result.len() == 1 && result.contains_key("@id");
            if result.is_empty() {
                self.lose(|| SafeModeEvent::EmptyObject)?;
            } else if result.contains_key("@value") {
                self.lose(|| SafeModeEvent::TopLevelValue)?;
            } else if result.contains_key("@list") {
                self.lose(|| SafeModeEvent::TopLevelList)?;
            } else if only_id {
                self.lose(|| {
                    let id = result.get("@id").and_then(Value::as_str).unwrap_or("");
                    SafeModeEvent::OnlyId(excerpt(id))
                })?;
            }
            if top
                && (result.is_empty()
                    || result.contains_key("@value")
                    || result.contains_key("@list")
                    || only_id)
            {
                return Ok(Value::Null);
            }
        }
        Ok(Value::Object(result))
    }

    /// Expansion step 13/14: the entries of `elem` into `result`, then its
    /// `@nest`ed objects, recursively.
    #[allow(clippy::too_many_arguments)]
    fn expand_object(
        &mut self,
        ctx: &Rc<Context>,
        type_scoped: &Rc<Context>,
        ap: Option<&str>,
        elem: &Object,
        base_url: Option<&str>,
        input_type: Option<&str>,
        result: &mut Object,
    ) -> Result<(), JsonLdError> {
        use JsonLdError as E;
        let mut nests: Vec<&str> = Vec::new();
        for (key, value) in sorted_entries(elem) {
            if key == "@context" {
                continue;
            }
            let ep = match ctx.expand_iri(key, false, true) {
                Some(e)
                    if is_keyword(&e)
                        || (e.contains(':') && (!self.opts.safe || is_absolute_or_blank(&e))) =>
                {
                    e
                }
                _ => {
                    self.lose(|| match ctx.term(key) {
                        Some(d) if d.iri.is_none() => SafeModeEvent::NullTerm(excerpt(key)),
                        _ => SafeModeEvent::UndefinedTerm(excerpt(key)),
                    })?;
                    continue;
                }
            };
            if is_keyword(&ep) {
                if self.expand_keyword(
                    ctx,
                    type_scoped,
                    ap,
                    &ep,
                    value,
                    base_url,
                    input_type,
                    result,
                )? {
                    nests.push(key);
                }
            } else {
                self.expand_property(ctx, key, &ep, value, base_url, result)?;
            }
        }

        let mut nest_keys = nests;
        nest_keys.sort_unstable();
        for nk in nest_keys {
            let Some(nv) = elem.get(nk) else { continue };
            for nested in nv.one_or_many() {
                let Value::Object(no) = nested else {
                    return Err(E::InvalidNestValue);
                };
                if no
                    .keys()
                    .any(|k| ctx.expand_iri(k, false, true).as_deref() == Some("@value"))
                {
                    return Err(E::InvalidNestValue);
                }
                let nctx = match ctx.terms.get(nk).cloned() {
                    Some(d) => match &d.context {
                        Some(c) => {
                            self.process_scoped(ctx, c, d.base_url.as_deref(), true, true)?
                        }
                        None => ctx.clone(),
                    },
                    None => ctx.clone(),
                };
                self.enter()?;
                let r = self.expand_object(
                    &nctx,
                    type_scoped,
                    Some(nk),
                    no,
                    base_url,
                    input_type,
                    result,
                );
                self.leave();
                r?;
            }
        }
        Ok(())
    }

    /// One keyword entry of a map being expanded; `Ok(true)` for `@nest`,
    /// whose objects are expanded after the other entries. Separate from
    /// [`Self::expand_object`] to keep the recursive frames small.
    #[allow(clippy::too_many_arguments)]
    fn expand_keyword(
        &mut self,
        ctx: &Rc<Context>,
        type_scoped: &Rc<Context>,
        ap: Option<&str>,
        ep: &str,
        value: &Value,
        base_url: Option<&str>,
        input_type: Option<&str>,
        result: &mut Object,
    ) -> Result<bool, JsonLdError> {
        use JsonLdError as E;
        let ep = String::from(ep);
        if ap == Some("@reverse") {
            return Err(E::InvalidReversePropertyMap);
        }
        if result.contains_key(&ep) && ep != "@included" && ep != "@type" {
            return Err(E::CollidingKeywords);
        }
        let ev: Value = match ep.as_str() {
            "@id" => match value {
                // An @id of keyword form is ignored, leaving a node
                // with a null @id (no triples), as in expand#t0122.
                Value::String(s) => {
                    let id = ctx.expand_iri(s, true, false);
                    match &id {
                        None => self.lose(|| SafeModeEvent::ReservedId(excerpt(s)))?,
                        Some(i) if !is_absolute_or_blank(i) => {
                            self.lose(|| SafeModeEvent::RelativeId(excerpt(s)))?
                        }
                        Some(_) => {}
                    }
                    result.insert("@id", opt_string(id));
                    return Ok(false);
                }
                _ => return Err(E::InvalidIdValue),
            },
            "@type" => {
                let strs: Vec<&str> = match value {
                    Value::String(s) => vec![s.as_str()],
                    Value::Array(a) => {
                        let mut v = Vec::new();
                        for x in a {
                            v.push(x.as_str().ok_or(E::InvalidTypeValue)?);
                        }
                        v
                    }
                    _ => return Err(E::InvalidTypeValue),
                };
                let mut exp: Vec<Value> = Vec::with_capacity(strs.len());
                for s in strs {
                    let t = type_scoped.expand_iri(s, true, true);
                    if !t
                        .as_deref()
                        .is_some_and(|t| t == "@json" || is_absolute_or_blank(t))
                    {
                        self.lose(|| SafeModeEvent::RelativeType(excerpt(s)))?;
                    }
                    exp.extend(t.map(Value::String));
                }
                match result.remove("@type") {
                    Some(existing) => {
                        let mut all = as_array(existing).into_array();
                        all.append(&mut exp);
                        Value::Array(all)
                    }
                    None if matches!(value, Value::String(_)) && exp.len() == 1 => {
                        exp.pop().unwrap_or(Value::Null)
                    }
                    None => Value::Array(exp),
                }
            }
            "@graph" => {
                as_array(self.expand_element(ctx, Some("@graph"), value, base_url, false)?)
            }
            "@included" => {
                if self.mode10() {
                    return Ok(false);
                }
                // Expanded under a non-null property so that scalars
                // and value objects survive to be rejected (in07-in09).
                let ex = as_array(self.expand_element(
                    ctx,
                    Some("@included"),
                    value,
                    base_url,
                    false,
                )?)
                .into_array();
                if !ex.iter().all(is_node_object) {
                    return Err(E::InvalidIncludedValue);
                }
                let mut all = result
                    .remove("@included")
                    .map(|v| as_array(v).into_array())
                    .unwrap_or_default();
                all.extend(ex);
                Value::Array(all)
            }
            "@value" => {
                if input_type == Some("@json") {
                    if self.mode10() {
                        return Err(E::InvalidValueObjectValue);
                    }
                } else if matches!(value, Value::Object(_) | Value::Array(_)) {
                    return Err(E::InvalidValueObjectValue);
                }
                result.insert("@value", value.clone());
                return Ok(false);
            }
            "@language" => match value {
                Value::String(s) => {
                    if !wellformed_language(s) {
                        self.lose(|| SafeModeEvent::InvalidLanguage(excerpt(s)))?;
                    }
                    value.clone()
                }
                _ => return Err(E::InvalidLanguageTaggedString),
            },
            "@direction" => {
                if self.mode10() {
                    return Ok(false);
                }
                match value.as_str().and_then(Direction::parse) {
                    Some(_) => value.clone(),
                    None => return Err(E::InvalidBaseDirection),
                }
            }
            "@index" => match value {
                Value::String(_) => value.clone(),
                _ => return Err(E::InvalidIndexValue),
            },
            "@list" => {
                if ap.is_none() || ap == Some("@graph") {
                    self.lose(|| SafeModeEvent::TopLevelList)?;
                    return Ok(false);
                }
                as_array(self.expand_element(ctx, ap, value, base_url, false)?)
            }
            "@set" => self.expand_element(ctx, ap, value, base_url, false)?,
            "@reverse" => {
                if !matches!(value, Value::Object(_)) {
                    return Err(E::InvalidReverseValue);
                }
                let ev = self.expand_element(ctx, Some("@reverse"), value, base_url, false)?;
                if let Value::Object(mut evo) = ev {
                    if let Some(Value::Object(rr)) = evo.remove("@reverse") {
                        for (p, items) in rr.iter() {
                            add_value(result, p, items.clone());
                        }
                    }
                    if !evo.is_empty() {
                        let mut rmap = take_object(result, "@reverse");
                        for (p, items) in evo.iter() {
                            for item in items.one_or_many() {
                                if is_value_object(item) || is_list_object(item) {
                                    return Err(E::InvalidReversePropertyValue);
                                }
                                add_value(&mut rmap, p, Value::Array(vec![item.clone()]));
                            }
                        }
                        result.insert("@reverse", Value::Object(rmap));
                    }
                }
                return Ok(false);
            }
            "@nest" => return Ok(true),
            _ => {
                self.lose(|| SafeModeEvent::IgnoredKeyword(ep.clone()))?;
                return Ok(false);
            }
        };
        if !matches!(ev, Value::Null) {
            result.insert(ep, ev);
        }
        Ok(false)
    }

    /// One property entry (a term, compact IRI or IRI) of a map being expanded.
    fn expand_property(
        &mut self,
        ctx: &Rc<Context>,
        key: &str,
        ep: &str,
        value: &Value,
        base_url: Option<&str>,
        result: &mut Object,
    ) -> Result<(), JsonLdError> {
        use JsonLdError as E;
        // A property.
        let def: Option<Rc<TermDef>> = ctx.terms.get(key).cloned();
        let container = def.as_ref().map_or(0, |d| d.container);
        let mut ev: Value = if def.as_ref().and_then(|d| d.type_mapping.as_deref()) == Some("@json")
        {
            let mut o = obj1("@value", value.clone());
            o.insert("@type", Value::from("@json"));
            Value::Object(o)
        } else if let (true, Value::Object(lm)) = (container & C_LANGUAGE != 0, value) {
            let dir = match def.as_ref().and_then(|d| d.direction) {
                Some(d) => d,
                None => ctx.direction,
            };
            let mut out = Vec::new();
            for (lang, lv) in sorted_entries(lm) {
                for item in lv.one_or_many() {
                    match item {
                        Value::Null => continue,
                        Value::String(_) => {}
                        _ => return Err(E::InvalidLanguageMapValue),
                    }
                    let mut v = obj1("@value", item.clone());
                    if lang != "@none"
                        && ctx.expand_iri(lang, false, true).as_deref() != Some("@none")
                    {
                        if !wellformed_language(lang) {
                            self.lose(|| SafeModeEvent::InvalidLanguage(excerpt(lang)))?;
                        }
                        v.insert("@language", Value::from(lang));
                    }
                    if let Some(d) = dir {
                        v.insert("@direction", Value::from(d.as_str()));
                    }
                    out.push(Value::Object(v));
                }
            }
            Value::Array(out)
        } else if let (true, Value::Object(im), Some(d)) = (
            container & (C_INDEX | C_TYPE | C_ID) != 0,
            value,
            def.as_ref(),
        ) {
            self.expand_index_map(ctx, key, d, im, base_url)?
        } else {
            self.expand_element(ctx, Some(key), value, base_url, false)?
        };
        if matches!(ev, Value::Null) {
            return Ok(());
        }
        if container & C_LIST != 0 && !is_list_object(&ev) {
            ev = Value::Object(obj1("@list", as_array(ev)));
        }
        if container & C_GRAPH != 0 && container & (C_ID | C_INDEX) == 0 {
            let items = as_array(ev).into_array();
            ev = Value::Array(
                items
                    .into_iter()
                    .map(|e| Value::Object(obj1("@graph", as_array(e))))
                    .collect(),
            );
        }
        if def.as_ref().is_some_and(|d| d.reverse) {
            let mut rmap = take_object(result, "@reverse");
            for item in as_array(ev).into_array() {
                if is_value_object(&item) || is_list_object(&item) {
                    return Err(E::InvalidReversePropertyValue);
                }
                add_value(&mut rmap, ep, Value::Array(vec![item]));
            }
            result.insert("@reverse", Value::Object(rmap));
        } else {
            add_value(result, ep, ev);
        }
        Ok(())
    }

    fn expand_index_map(
        &mut self,
        ctx: &Rc<Context>,
        key: &str,
        def: &TermDef,
        map: &Object,
        base_url: Option<&str>,
    ) -> Result<Value, JsonLdError> {
        let container = def.container;
        let index_key = def.index.as_deref().unwrap_or("@index");
        let mut out = Vec::new();
        for (index, iv) in sorted_entries(map) {
            let mut map_ctx = if container & (C_ID | C_TYPE) != 0 {
                ctx.previous.clone().unwrap_or_else(|| ctx.clone())
            } else {
                ctx.clone()
            };
            if container & C_TYPE != 0 {
                if let Some(d) = map_ctx.terms.get(index).cloned() {
                    if let Some(c) = &d.context {
                        map_ctx =
                            self.process_scoped(&map_ctx, c, d.base_url.as_deref(), false, false)?;
                    }
                }
            }
            let expanded_index = ctx.expand_iri(index, true, true);
            let is_none = expanded_index.as_deref() == Some("@none");
            let items = as_array(self.expand_element(&map_ctx, Some(key), iv, base_url, true)?)
                .into_array();
            for mut item in items {
                if container & C_GRAPH != 0 && !is_graph_object(&item) {
                    item = Value::Object(obj1("@graph", as_array(item)));
                }
                if let Value::Object(o) = &mut item {
                    if container & C_INDEX != 0 && index_key != "@index" && !is_none {
                        if o.contains_key("@value") {
                            return Err(JsonLdError::InvalidValueObject);
                        }
                        let re = value_expand(ctx, Some(index_key), &Value::from(index));
                        if let Some(eik) = ctx.expand_iri(index_key, false, true) {
                            let mut vals = vec![re];
                            if let Some(existing) = o.remove(&eik) {
                                vals.extend(as_array(existing).into_array());
                            }
                            o.insert(eik, Value::Array(vals));
                        }
                    } else if container & C_INDEX != 0 && !o.contains_key("@index") && !is_none {
                        o.insert("@index", Value::from(index));
                    } else if container & C_ID != 0 && !o.contains_key("@id") && !is_none {
                        match ctx.expand_iri(index, true, false) {
                            Some(id) => o.insert("@id", Value::String(id)),
                            None => self.lose(|| SafeModeEvent::ReservedId(excerpt(index)))?,
                        }
                    } else if container & C_TYPE != 0 && !is_none {
                        if let Some(t) = &expanded_index {
                            let mut types = vec![Value::String(t.clone())];
                            if let Some(existing) = o.remove("@type") {
                                types.extend(as_array(existing).into_array());
                            }
                            o.insert("@type", Value::Array(types));
                        }
                    }
                }
                out.push(item);
            }
        }
        Ok(Value::Array(out))
    }
}

/// Value expansion of a scalar under `ap`'s term definition.
fn value_expand(ctx: &Context, ap: Option<&str>, value: &Value) -> Value {
    let def = ap.and_then(|p| ctx.term(p));
    let tm = def.and_then(|d| d.type_mapping.as_deref());
    if let Value::String(s) = value {
        match tm {
            Some("@id") => {
                return Value::Object(obj1("@id", opt_string(ctx.expand_iri(s, true, false))))
            }
            Some("@vocab") => {
                return Value::Object(obj1("@id", opt_string(ctx.expand_iri(s, true, true))))
            }
            _ => {}
        }
    }
    let mut r = obj1("@value", value.clone());
    match tm {
        Some(t) if t != "@id" && t != "@vocab" && t != "@none" => {
            r.insert("@type", Value::from(t));
        }
        _ => {
            if let Value::String(_) = value {
                let lang = match def.and_then(|d| d.language.as_ref()) {
                    Some(l) => l.clone(),
                    None => ctx.language.clone(),
                };
                let dir = match def.and_then(|d| d.direction) {
                    Some(d) => d,
                    None => ctx.direction,
                };
                if let Some(l) = lang {
                    r.insert("@language", Value::String(l));
                }
                if let Some(d) = dir {
                    r.insert("@direction", Value::from(d.as_str()));
                }
            }
        }
    }
    Value::Object(r)
}

fn parse_container(v: &Value, mode10: bool) -> Result<u8, JsonLdError> {
    fn flag(s: &str) -> Option<u8> {
        Some(match s {
            "@graph" => C_GRAPH,
            "@id" => C_ID,
            "@index" => C_INDEX,
            "@language" => C_LANGUAGE,
            "@list" => C_LIST,
            "@set" => C_SET,
            "@type" => C_TYPE,
            _ => return None,
        })
    }
    let bad = JsonLdError::InvalidContainerMapping;
    let items: Vec<&str> = match v {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) if !mode10 => {
            let mut out = Vec::new();
            for x in a {
                out.push(x.as_str().ok_or(bad.clone())?);
            }
            out
        }
        _ => return Err(bad),
    };
    let mut flags = 0u8;
    for s in &items {
        flags |= flag(s).ok_or(bad.clone())?;
    }
    if mode10 && flags & (C_GRAPH | C_ID | C_TYPE) != 0 {
        return Err(bad);
    }
    let ok = match items.len() {
        0 => false,
        1 => true,
        _ if flags & C_LIST != 0 => false,
        _ if flags & C_GRAPH != 0 => {
            flags & !(C_GRAPH | C_ID | C_INDEX | C_SET) == 0
                && flags & (C_ID | C_INDEX) != (C_ID | C_INDEX)
        }
        _ => flags & C_SET != 0 && (flags & !C_SET).count_ones() <= 1,
    };
    if ok {
        Ok(flags)
    } else {
        Err(bad)
    }
}

// ---------------------------------------------------------------------------
// Node map and RDF
// ---------------------------------------------------------------------------

#[derive(Default)]
struct NodeEntry {
    types: Vec<String>,
    index: Option<Value>,
    props: BTreeMap<String, Vec<Value>>,
}

enum Subject {
    None,
    Node(String),
    /// Processing a reverse property: the referencing node's id.
    Reverse(String),
}

struct NodeMap {
    graphs: BTreeMap<String, BTreeMap<String, NodeEntry>>,
    labels: BTreeMap<String, String>,
    counter: usize,
    rdf_direction: Option<RdfDirection>,
    generalized: bool,
    safe: bool,
}

impl NodeMap {
    fn new(opts: &Options) -> Self {
        NodeMap {
            graphs: BTreeMap::new(),
            labels: BTreeMap::new(),
            counter: 0,
            rdf_direction: opts.rdf_direction,
            generalized: opts.produce_generalized_rdf,
            safe: opts.safe,
        }
    }

    fn blank(&mut self, id: Option<&str>) -> String {
        if let Some(i) = id {
            if let Some(m) = self.labels.get(i) {
                return m.clone();
            }
        }
        let n = format!("_:b{}", self.counter);
        self.counter += 1;
        if let Some(i) = id {
            self.labels.insert(i.to_string(), n.clone());
        }
        n
    }

    fn node(&mut self, graph: &str, id: &str) -> &mut NodeEntry {
        self.graphs
            .entry(graph.to_string())
            .or_default()
            .entry(id.to_string())
            .or_default()
    }

    fn add_to(&mut self, graph: &str, subject: &str, prop: &str, v: Value, dedupe: bool) {
        let compound = self.rdf_direction == Some(RdfDirection::CompoundLiteral);
        let vals = self
            .node(graph, subject)
            .props
            .entry(prop.to_string())
            .or_default();
        // Triples are deduplicated at the end; only values that become fresh
        // blank nodes (compound literals) must be merged here.
        if dedupe
            && compound
            && v.get("@direction").is_some()
            && vals.iter().any(|x| ld_equal(x, &v))
        {
            return;
        }
        vals.push(v);
    }

    /// Node map generation over the expanded document (borrowed: only
    /// value objects are copied into the map).
    fn walk(
        &mut self,
        p: &mut Processor<'_>,
        element: &Value,
        graph: &str,
        subject: &Subject,
        prop: Option<&str>,
        mut list: Option<&mut Vec<Value>>,
    ) -> Result<(), JsonLdError> {
        p.tick()?;
        p.enter()?;
        let r = match element {
            Value::Array(items) => items
                .iter()
                .try_for_each(|it| self.walk(p, it, graph, subject, prop, list.as_deref_mut())),
            Value::Object(o) => self.walk_object(p, o, graph, subject, prop, list),
            _ => Ok(()),
        };
        p.leave();
        r
    }

    fn walk_object(
        &mut self,
        p: &mut Processor<'_>,
        o: &Object,
        graph: &str,
        subject: &Subject,
        prop: Option<&str>,
        list: Option<&mut Vec<Value>>,
    ) -> Result<(), JsonLdError> {
        if o.contains_key("@value") {
            match list {
                Some(l) => l.push(Value::Object(o.clone())),
                None => {
                    if let (Subject::Node(s), Some(pr)) = (subject, prop) {
                        self.add_to(graph, s, pr, Value::Object(o.clone()), true);
                    }
                }
            }
            return Ok(());
        }
        if let Some(items) = o.get("@list") {
            let mut res = Vec::new();
            self.walk(p, items, graph, subject, prop, Some(&mut res))?;
            let lo = Value::Object(obj1("@list", Value::Array(res)));
            match list {
                Some(l) => l.push(lo),
                None => {
                    if let (Subject::Node(s), Some(pr)) = (subject, prop) {
                        self.add_to(graph, s, pr, lo, false);
                    }
                }
            }
            return Ok(());
        }
        // A node object.
        let id = match o.get("@id") {
            Some(Value::String(s)) if s.starts_with("_:") => self.blank(Some(s)),
            Some(Value::String(s)) => s.clone(),
            // A null @id (an ignored keyword-like one): the node has no
            // usable name, so nothing about it becomes a triple.
            Some(Value::Null) => String::new(),
            _ => self.blank(None),
        };
        self.node(graph, &id);
        match subject {
            Subject::Reverse(rs) => {
                if let Some(pr) = prop {
                    let reference = Value::Object(obj1("@id", Value::String(rs.clone())));
                    self.add_to(graph, &id, pr, reference, true);
                }
            }
            _ => {
                if let Some(pr) = prop {
                    let reference = Value::Object(obj1("@id", Value::String(id.clone())));
                    match list {
                        Some(l) => l.push(reference),
                        None => {
                            if let Subject::Node(s) = subject {
                                self.add_to(graph, s, pr, reference, true);
                            }
                        }
                    }
                }
            }
        }
        if let Some(t) = o.get("@type") {
            for ty in t.one_or_many() {
                if let Some(s) = ty.as_str() {
                    let s = if s.starts_with("_:") {
                        self.blank(Some(s))
                    } else {
                        s.to_string()
                    };
                    let node = self.node(graph, &id);
                    if !node.types.contains(&s) {
                        node.types.push(s);
                    }
                }
            }
        }
        if let Some(ix) = o.get("@index") {
            let node = self.node(graph, &id);
            match &node.index {
                Some(existing) if existing != ix => return Err(JsonLdError::ConflictingIndexes),
                _ => node.index = Some(ix.clone()),
            }
        }
        if let Some(Value::Object(rev)) = o.get("@reverse") {
            let referenced = Subject::Reverse(id.clone());
            for (rp, vals) in rev.iter() {
                for v in vals.one_or_many() {
                    self.walk(p, v, graph, &referenced, Some(rp), None)?;
                }
            }
        }
        if let Some(g) = o.get("@graph") {
            self.walk(p, g, &id, &Subject::None, None, None)?;
        }
        if let Some(inc) = o.get("@included") {
            self.walk(p, inc, graph, &Subject::None, None, None)?;
        }
        // Properties in document order: the order only affects blank node
        // labels, which carry no meaning.
        let this = Subject::Node(id.clone());
        for (pr, v) in o.iter() {
            if is_keyword(pr) {
                continue;
            }
            let pr = if pr.starts_with("_:") {
                self.blank(Some(pr))
            } else {
                pr.clone()
            };
            self.node(graph, &id).props.entry(pr.clone()).or_default();
            self.walk(p, v, graph, &this, Some(&pr), None)?;
        }
        Ok(())
    }

    fn emit_quads(&mut self, p: &mut Processor<'_>) -> Result<Vec<Quad>, JsonLdError> {
        let graphs = core::mem::take(&mut self.graphs);
        let mut out = Vec::new();
        for (gname, graph) in &graphs {
            let gterm = if gname == "@default" {
                None
            } else {
                match id_term(gname) {
                    Some(t) => Some(t),
                    None => {
                        if !graph.is_empty() {
                            lose(self.safe, || SafeModeEvent::RelativeGraph(excerpt(gname)))?;
                        }
                        continue;
                    }
                }
            };
            for (subject, node) in graph {
                let Some(s) = id_term(subject) else {
                    if !node.types.is_empty() || node.props.values().any(|v| !v.is_empty()) {
                        lose(self.safe, || {
                            SafeModeEvent::RelativeSubject(excerpt(subject))
                        })?;
                    }
                    continue;
                };
                for t in &node.types {
                    match id_term(t) {
                        Some(o) => {
                            p.tick()?;
                            out.push(Quad {
                                subject: s.clone(),
                                predicate: Term::Iri(RDF_TYPE.to_string()),
                                object: o,
                                graph: gterm.clone(),
                            });
                        }
                        None => lose(self.safe, || SafeModeEvent::RelativeType(excerpt(t)))?,
                    }
                }
                for (prop, values) in &node.props {
                    let pterm = if let Some(label) = prop.strip_prefix("_:") {
                        if !self.generalized {
                            if !values.is_empty() {
                                lose(self.safe, || {
                                    SafeModeEvent::BlankNodePredicate(excerpt(prop))
                                })?;
                            }
                            continue;
                        }
                        Term::Blank(label.to_string())
                    } else if wellformed_iri(prop) {
                        Term::Iri(prop.clone())
                    } else {
                        if !values.is_empty() {
                            lose(self.safe, || {
                                SafeModeEvent::RelativePredicate(excerpt(prop))
                            })?;
                        }
                        continue;
                    };
                    for item in values {
                        let mut extra = Vec::new();
                        if let Some(o) = self.object_to_rdf(p, item, &mut extra)? {
                            p.tick()?;
                            out.push(Quad {
                                subject: s.clone(),
                                predicate: pterm.clone(),
                                object: o,
                                graph: gterm.clone(),
                            });
                        }
                        for (ts, tp, to) in extra {
                            p.tick()?;
                            out.push(Quad {
                                subject: ts,
                                predicate: tp,
                                object: to,
                                graph: gterm.clone(),
                            });
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    fn object_to_rdf(
        &mut self,
        p: &mut Processor<'_>,
        item: &Value,
        triples: &mut Vec<(Term, Term, Term)>,
    ) -> Result<Option<Term>, JsonLdError> {
        let Some(o) = item.as_object() else {
            return Ok(None);
        };
        if let Some(id) = o.get("@id") {
            let term = id.as_str().and_then(id_term);
            if term.is_none() {
                lose(self.safe, || {
                    SafeModeEvent::RelativeObject(excerpt(id.as_str().unwrap_or("null")))
                })?;
            }
            return Ok(term);
        }
        if let Some(l) = o.get("@list") {
            return self.list_to_rdf(p, l.one_or_many(), triples).map(Some);
        }
        let Some(value) = o.get("@value") else {
            return Ok(None);
        };
        let dt = o.get("@type").and_then(Value::as_str);
        if let Some(d) = dt {
            if d != "@json" && !wellformed_iri(d) {
                lose(self.safe, || SafeModeEvent::InvalidDatatype(excerpt(d)))?;
                return Ok(None);
            }
        }
        let lang = o.get("@language").and_then(Value::as_str);
        if let Some(l) = lang {
            if !wellformed_language(l) {
                lose(self.safe, || SafeModeEvent::InvalidLanguage(excerpt(l)))?;
                return Ok(None);
            }
        }
        let (lex, datatype): (String, &str) = if dt == Some("@json") {
            (
                crate::encoding::jcs::canonicalize(value)
                    .map_err(|_| JsonLdError::InvalidJsonLiteral)?,
                RDF_JSON,
            )
        } else {
            match value {
                Value::Bool(b) => (
                    if *b { "true" } else { "false" }.to_string(),
                    dt.unwrap_or(XSD_BOOLEAN),
                ),
                Value::Number(n) => {
                    let x = n.as_f64();
                    // |x| < 1e21 < 2^70 fits an i128, so the cast tests integrality.
                    let big = !(-1e21 < x && x < 1e21);
                    if big || (x as i128) as f64 != x || dt == Some(XSD_DOUBLE) {
                        (double_lexical(x), dt.unwrap_or(XSD_DOUBLE))
                    } else {
                        (integer_lexical(x), dt.unwrap_or(XSD_INTEGER))
                    }
                }
                Value::String(s) => (
                    s.clone(),
                    dt.unwrap_or(if lang.is_some() {
                        RDF_LANG_STRING
                    } else {
                        XSD_STRING
                    }),
                ),
                _ => return Ok(None),
            }
        };
        if o.contains_key("@direction") && self.rdf_direction.is_none() {
            lose(self.safe, || {
                SafeModeEvent::DirectionNotSet(excerpt_value(&Value::String(lex.clone())))
            })?;
        }
        if let (Some(dir), Some(mode)) = (
            o.get("@direction").and_then(Value::as_str),
            self.rdf_direction,
        ) {
            let language = lang.map(str::to_ascii_lowercase).unwrap_or_default();
            match mode {
                RdfDirection::I18nDatatype => {
                    return Ok(Some(Term::Literal {
                        value: lex,
                        datatype: format!("{I18N_NS}{language}_{dir}"),
                        language: None,
                    }));
                }
                RdfDirection::CompoundLiteral => {
                    let b = self.blank(None);
                    let node = Term::Blank(b.trim_start_matches("_:").to_string());
                    let rdf = |local: &str| Term::Iri(format!("{RDF_NS}{local}"));
                    triples.push((node.clone(), rdf("value"), Term::string(lex)));
                    if lang.is_some() {
                        triples.push((node.clone(), rdf("language"), Term::string(language)));
                    }
                    triples.push((node.clone(), rdf("direction"), Term::string(dir)));
                    return Ok(Some(node));
                }
            }
        }
        Ok(Some(Term::Literal {
            value: lex,
            datatype: datatype.to_string(),
            // Lowercased as jsonld.js does (tags are case-insensitive, and
            // what issuers sign is jsonld.js's output): `en-US` would
            // otherwise canonicalize differently from what was signed.
            language: if datatype == RDF_LANG_STRING {
                lang.map(str::to_ascii_lowercase)
            } else {
                None
            },
        }))
    }

    fn list_to_rdf(
        &mut self,
        p: &mut Processor<'_>,
        items: &[Value],
        triples: &mut Vec<(Term, Term, Term)>,
    ) -> Result<Term, JsonLdError> {
        if items.is_empty() {
            return Ok(Term::Iri(RDF_NIL.to_string()));
        }
        p.enter()?;
        let nodes: Vec<Term> = items
            .iter()
            .map(|_| Term::Blank(self.blank(None).trim_start_matches("_:").to_string()))
            .collect();
        for (i, (s, item)) in nodes.iter().zip(items).enumerate() {
            p.tick()?;
            let mut embedded = Vec::new();
            let obj = match self.object_to_rdf(p, item, &mut embedded) {
                Ok(o) => o,
                Err(e) => {
                    p.leave();
                    return Err(e);
                }
            };
            if let Some(o) = obj {
                triples.push((s.clone(), Term::Iri(RDF_FIRST.to_string()), o));
            }
            let rest = nodes
                .get(i + 1)
                .cloned()
                .unwrap_or_else(|| Term::Iri(RDF_NIL.to_string()));
            triples.push((s.clone(), Term::Iri(RDF_REST.to_string()), rest));
            triples.append(&mut embedded);
        }
        p.leave();
        Ok(nodes
            .into_iter()
            .next()
            .unwrap_or_else(|| Term::Iri(RDF_NIL.to_string())))
    }
}

/// The RDF term for a node identifier, `None` when it is not well-formed
/// (relative IRIs and the like produce no triple).
fn id_term(id: &str) -> Option<Term> {
    if let Some(label) = id.strip_prefix("_:") {
        if label.is_empty() {
            return None;
        }
        return Some(Term::Blank(label.to_string()));
    }
    if wellformed_iri(id) {
        Some(Term::Iri(id.to_string()))
    } else {
        None
    }
}

/// Canonical `xsd:double` lexical form as JSON-LD processors write it
/// (`1.1E0`, `1.0E21`): JavaScript's `toExponential(15)` with trailing
/// zeros of the mantissa trimmed.
fn double_lexical(x: f64) -> String {
    let s = format!("{x:.15e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let mantissa = match mantissa.split_once('.') {
        Some((int, frac)) => {
            let frac = frac.trim_end_matches('0');
            format!("{int}.{}", if frac.is_empty() { "0" } else { frac })
        }
        None => format!("{mantissa}.0"),
    };
    format!("{mantissa}E{exp}")
}

/// Canonical `xsd:integer` lexical form of an integral double below 1e21.
fn integer_lexical(x: f64) -> String {
    if x == 0.0 {
        return "0".to_string();
    }
    // `Display` for f64 prints integral values without exponent or fraction,
    // with the shortest round-trip digits (as JavaScript does).
    format!("{x}")
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// [`Processor::lose`] for code without the processor at hand.
fn lose(safe: bool, event: impl FnOnce() -> SafeModeEvent) -> Result<(), JsonLdError> {
    if safe {
        Err(JsonLdError::SafeModeViolation(event()))
    } else {
        Ok(())
    }
}

/// A document string for an error message, at most 80 characters.
fn excerpt(s: &str) -> String {
    const MAX: usize = 80;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A JSON value (a scalar) for an error message.
fn excerpt_value(v: &Value) -> String {
    excerpt(&json::to_string(v))
}

/// What jsonld.js calls absolute: an IRI with a scheme and no whitespace,
/// or a blank node identifier.
fn is_absolute_or_blank(s: &str) -> bool {
    (s.starts_with("_:") && !s.chars().any(char::is_whitespace)) || is_absolute_iri(s)
}

const KEYWORDS: &[&str] = &[
    "@base",
    "@container",
    "@context",
    "@direction",
    "@graph",
    "@id",
    "@import",
    "@included",
    "@index",
    "@json",
    "@language",
    "@list",
    "@nest",
    "@none",
    "@prefix",
    "@propagate",
    "@protected",
    "@reverse",
    "@set",
    "@type",
    "@value",
    "@version",
    "@vocab",
];

fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// `"@" 1*ALPHA`: reserved for future keywords, ignored.
fn has_keyword_form(s: &str) -> bool {
    s.len() > 1 && s.starts_with('@') && s.bytes().skip(1).all(|b| b.is_ascii_alphabetic())
}

/// Splits at the first `:` when it is not the first character.
fn split_prefix(s: &str) -> Option<(&str, &str)> {
    match s.find(':') {
        Some(i) if i > 0 => Some((&s[..i], &s[i + 1..])),
        _ => None,
    }
}

/// The scheme of an absolute IRI, if `s` starts with one.
fn scheme_len(s: &str) -> Option<usize> {
    let i = s.find(':')?;
    let scheme = &s[..i];
    let mut bytes = scheme.bytes();
    match bytes.next() {
        Some(b) if b.is_ascii_alphabetic() => {}
        _ => return None,
    }
    if bytes.all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.') {
        Some(i)
    } else {
        None
    }
}

/// True when `s` starts with a scheme (used to split and resolve IRIs).
fn has_scheme(s: &str) -> bool {
    scheme_len(s).is_some()
}

/// An absolute IRI as the algorithms require one (datatypes, type
/// mappings): a scheme and no whitespace.
fn is_absolute_iri(s: &str) -> bool {
    has_scheme(s) && !s.chars().any(char::is_whitespace)
}

fn wellformed_iri(s: &str) -> bool {
    has_scheme(s)
        && s.bytes().filter(|&b| b == b'#').count() <= 1
        && !s.chars().any(|c| {
            matches!(
                c,
                '\u{0}'..='\u{20}' | '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`'
            )
        })
}

/// BCP 47 shape check (`[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`).
fn wellformed_language(s: &str) -> bool {
    let mut parts = s.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

struct IriParts<'a> {
    scheme: Option<&'a str>,
    authority: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

fn split_iri(s: &str) -> IriParts<'_> {
    let (rest, fragment) = match s.find('#') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (rest, query) = match rest.find('?') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (scheme, rest) = match scheme_len(rest) {
        Some(i) => (Some(&rest[..i]), &rest[i + 1..]),
        None => (None, rest),
    };
    let (authority, path) = match rest.strip_prefix("//") {
        Some(r) => {
            let end = r.find('/').unwrap_or(r.len());
            (Some(&r[..end]), &r[end..])
        }
        None => (None, rest),
    };
    IriParts {
        scheme,
        authority,
        path,
        query,
        fragment,
    }
}

/// RFC 3986 section 5.2.4.
fn remove_dot_segments(path: &str) -> String {
    let mut input: &str = path;
    let mut out = String::with_capacity(path.len());
    while !input.is_empty() {
        if let Some(r) = input.strip_prefix("../") {
            input = r;
        } else if let Some(r) = input.strip_prefix("./") {
            input = r;
        } else if input.starts_with("/./") {
            input = &input[2..];
        } else if input == "/." {
            input = "/";
        } else if input.starts_with("/../") {
            input = &input[3..];
            truncate_last_segment(&mut out);
        } else if input == "/.." {
            input = "/";
            truncate_last_segment(&mut out);
        } else if input == "." || input == ".." {
            input = "";
        } else {
            let start = usize::from(input.starts_with('/'));
            let end = input[start..].find('/').map_or(input.len(), |i| i + start);
            out.push_str(&input[..end]);
            input = &input[end..];
        }
    }
    out
}

fn truncate_last_segment(out: &mut String) {
    match out.rfind('/') {
        Some(i) => out.truncate(i),
        None => out.clear(),
    }
}

/// Resolves `reference` against `base` (RFC 3986 section 5.2, no
/// normalization beyond dot segments).
fn resolve_iri(base: &str, reference: &str) -> String {
    let r = split_iri(reference);
    if r.scheme.is_some() {
        return compose(
            r.scheme,
            r.authority,
            &remove_dot_segments(r.path),
            r.query,
            r.fragment,
        );
    }
    let b = split_iri(base);
    if b.scheme.is_none() {
        // Not an absolute base: nothing sensible to resolve against.
        return reference.to_string();
    }
    let (authority, path, query) = if r.authority.is_some() {
        (r.authority, remove_dot_segments(r.path), r.query)
    } else if r.path.is_empty() {
        (b.authority, b.path.to_string(), r.query.or(b.query))
    } else if r.path.starts_with('/') {
        (b.authority, remove_dot_segments(r.path), r.query)
    } else {
        let merged = if b.authority.is_some() && b.path.is_empty() {
            format!("/{}", r.path)
        } else {
            match b.path.rfind('/') {
                Some(i) => format!("{}{}", &b.path[..=i], r.path),
                None => r.path.to_string(),
            }
        };
        (b.authority, remove_dot_segments(&merged), r.query)
    };
    compose(b.scheme, authority, &path, query, r.fragment)
}

fn compose(
    scheme: Option<&str>,
    authority: Option<&str>,
    path: &str,
    query: Option<&str>,
    fragment: Option<&str>,
) -> String {
    let mut s = String::new();
    if let Some(sc) = scheme {
        s.push_str(sc);
        s.push(':');
    }
    if let Some(a) = authority {
        s.push_str("//");
        s.push_str(a);
    }
    s.push_str(path);
    if let Some(q) = query {
        s.push('?');
        s.push_str(q);
    }
    if let Some(f) = fragment {
        s.push('#');
        s.push_str(f);
    }
    s
}

/// Members in code point order of their keys (what jsonld.js iterates in,
/// which decides corner cases such as colliding keywords).
fn sorted_entries(o: &Object) -> Vec<(&str, &Value)> {
    let mut v: Vec<(&str, &Value)> = o.iter().map(|(k, v)| (k.as_str(), v)).collect();
    v.sort_unstable_by(|a, b| a.0.cmp(b.0));
    v
}

fn obj1(k: &str, v: Value) -> Object {
    let mut o = Object::new();
    o.insert(k, v);
    o
}

fn opt_string(s: Option<String>) -> Value {
    s.map_or(Value::Null, Value::String)
}

/// The value as an array (null becomes empty).
fn as_array(v: Value) -> Value {
    match v {
        Value::Array(a) => Value::Array(a),
        Value::Null => Value::Array(Vec::new()),
        other => Value::Array(vec![other]),
    }
}

trait IntoArray {
    fn into_array(self) -> Vec<Value>;
}

impl IntoArray for Value {
    fn into_array(self) -> Vec<Value> {
        match self {
            Value::Array(a) => a,
            Value::Null => Vec::new(),
            other => vec![other],
        }
    }
}

/// Removes and returns the object at `key` (a new one if absent).
fn take_object(o: &mut Object, key: &str) -> Object {
    match o.remove(key) {
        Some(Value::Object(x)) => x,
        _ => Object::new(),
    }
}

/// JSON-LD "add value" with `as array`: `key` always ends up an array.
fn add_value(o: &mut Object, key: &str, value: Value) {
    let mut arr = match o.remove(key) {
        Some(Value::Array(a)) => a,
        Some(other) => vec![other],
        None => Vec::new(),
    };
    match value {
        Value::Array(items) => arr.extend(items),
        v => arr.push(v),
    }
    o.insert(key, Value::Array(arr));
}

fn is_value_object(v: &Value) -> bool {
    v.get("@value").is_some()
}

fn is_list_object(v: &Value) -> bool {
    v.get("@list").is_some()
}

fn is_node_object(v: &Value) -> bool {
    match v {
        Value::Object(o) => {
            !(o.contains_key("@value") || o.contains_key("@list") || o.contains_key("@set"))
        }
        _ => false,
    }
}

fn is_graph_object(v: &Value) -> bool {
    match v {
        Value::Object(o) => {
            o.contains_key("@graph")
                && o.keys()
                    .all(|k| matches!(k.as_str(), "@graph" | "@id" | "@index" | "@context"))
        }
        _ => false,
    }
}

/// JSON-LD value equality: members unordered, numbers by value.
fn ld_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| ld_equal(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| ld_equal(v, w))
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_rfc3986_examples() {
        let base = "http://a/b/c/d;p?q";
        let cases = [
            ("g:h", "g:h"),
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            (";x", "http://a/b/c/;x"),
            ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("/../g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            (".g", "http://a/b/c/.g"),
            ("g..", "http://a/b/c/g.."),
            ("..g", "http://a/b/c/..g"),
            ("./../g", "http://a/b/g"),
            ("./g/.", "http://a/b/c/g/"),
            ("g/./h", "http://a/b/c/g/h"),
            ("g/../h", "http://a/b/c/h"),
            ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
            ("g;x=1/../y", "http://a/b/c/y"),
            ("g?y/./x", "http://a/b/c/g?y/./x"),
            ("g#s/../x", "http://a/b/c/g#s/../x"),
        ];
        for (r, want) in cases {
            assert_eq!(resolve_iri(base, r), want, "{r}");
        }
    }

    #[test]
    fn double_and_integer_forms() {
        assert_eq!(double_lexical(1.1), "1.1E0");
        assert_eq!(double_lexical(10.0), "1.0E1");
        assert_eq!(double_lexical(-0.5), "-5.0E-1");
        assert_eq!(double_lexical(1e21), "1.0E21");
        assert_eq!(double_lexical(0.1 + 0.2), "3.0E-1");
        assert_eq!(integer_lexical(-0.0), "0");
        assert_eq!(integer_lexical(123.0), "123");
        assert_eq!(integer_lexical(1e20), "100000000000000000000");
    }

    /// The bundled loader without its trust: full validation.
    struct Untrusted;
    impl ContextLoader for Untrusted {
        fn load(&self, url: &str) -> Option<Cow<'_, str>> {
            BundledLoader.load(url)
        }
    }

    #[test]
    fn bundled_contexts_are_valid() {
        for url in crate::ld::contexts::urls() {
            if url == "https://www.w3.org/2018/credentials/examples/v1" {
                continue; // imports ODRL, which is not bundled
            }
            let doc =
                json::parse_str(&format!(r#"{{"@context": "{url}", "@id": "urn:x"}}"#)).unwrap();
            expand(&doc, &Options::default(), &Untrusted).unwrap_or_else(|e| panic!("{url}: {e}"));
        }
    }

    #[test]
    fn deep_nesting_ends_in_an_error_within_a_small_stack() {
        // Built directly (the JSON parser caps depth on its own): 1000 levels
        // of nested nodes, lists and contexts. Measured: a level of node
        // nesting takes about 2 KiB of stack in release builds and up to
        // 10 KiB unoptimized, so the default depth bound (96) fits a 1 MiB
        // wasm stack; this unoptimized test gets 4 MiB.
        let mut v = Value::from("leaf");
        for i in 0..1_000 {
            let mut o = Object::new();
            let key = if i % 2 == 0 { "http://e/p" } else { "@list" };
            o.insert(key, v);
            if i % 3 == 0 {
                o.insert(
                    "@context",
                    Value::Object(obj1("x", Value::from("http://e/x"))),
                );
            }
            v = Value::Object(o);
        }
        let doc = Value::Object(obj1("http://e/p", v));
        let r = std::thread::Builder::new()
            .stack_size(4 << 20)
            .spawn(move || to_rdf_bundled(&doc).map(|q| q.len()))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(r, Err(JsonLdError::LimitExceeded(LimitKind::Depth)));
    }

    #[test]
    fn eu_microcredential_extension_context() {
        let doc = json::parse_str(
            r#"{
              "@context": ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/microcredx/eu-mc/v1"],
              "id": "urn:uuid:1",
              "type": ["VerifiableCredential"],
              "credentialSubject": {
                "id": "did:example:learner",
                "workload": 25,
                "typeOfAssessment": "written exam",
                "learningOutcomes": ["a", "b"]
              }
            }"#,
        )
        .unwrap();
        let quads = to_rdf_bundled(&doc).unwrap();
        let ns = "https://w3id.org/microcredx/eu-mc#";
        let find = |p: &str| {
            quads
                .iter()
                .filter(|q| q.predicate == Term::Iri(format!("{ns}{p}")))
                .map(|q| q.object.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            find("workload"),
            vec![Term::typed(
                "25",
                "http://www.w3.org/2001/XMLSchema#decimal"
            )]
        );
        assert_eq!(find("typeOfAssessment"), vec![Term::string("written exam")]);
        assert_eq!(find("learningOutcomes").len(), 2);
        // Protected: a later context may not redefine the terms.
        let bad = json::parse_str(
            r#"{"@context": ["https://w3id.org/microcredx/eu-mc/v1", {"workload": "http://e/w"}], "workload": 1}"#,
        )
        .unwrap();
        assert_eq!(
            to_rdf_bundled(&bad).unwrap_err(),
            JsonLdError::ProtectedTermRedefinition("workload".into())
        );
    }

    mod safe_mode {
        use super::*;
        use SafeModeEvent as S;

        fn opts(safe: bool) -> Options {
            Options {
                safe,
                ..Options::default()
            }
        }

        /// The safe-mode event `doc` raises; without safe mode the same
        /// document must go through (the loss is silent there).
        fn event(doc: &str) -> SafeModeEvent {
            let doc = json::parse_str(doc).unwrap();
            to_rdf(&doc, &opts(false), &BundledLoader)
                .unwrap_or_else(|e| panic!("not safe mode: {e}"));
            match to_rdf(&doc, &opts(true), &BundledLoader) {
                Err(JsonLdError::SafeModeViolation(e)) => e,
                other => panic!("expected a safe-mode violation, got {other:?}"),
            }
        }

        const P: &str = r#"{"p": "http://e/p"}"#;

        #[test]
        fn undefined_and_null_terms() {
            let doc = format!(r#"{{"@context": {P}, "@id": "urn:x", "p": 1, "foo": "b"}}"#);
            assert_eq!(event(&doc), S::UndefinedTerm("foo".into()));
            assert_eq!(
                event(r#"{"@id": "urn:x", "http://e/p": 1, "@foo": 2}"#),
                S::UndefinedTerm("@foo".into())
            );
            // Not a term and not an absolute IRI either.
            assert_eq!(
                event(r#"{"@id": "urn:x", ":foo": 2}"#),
                S::UndefinedTerm(":foo".into())
            );
            assert_eq!(
                event(r#"{"@context": {"foo": null}, "@id": "urn:x", "foo": 1}"#),
                S::NullTerm("foo".into())
            );
            // Nested nodes too, and the value does not matter.
            assert_eq!(
                event(r#"{"@context": {"p": "http://e/p"}, "p": {"q": []}}"#),
                S::UndefinedTerm("q".into())
            );
        }

        #[test]
        fn relative_types() {
            assert_eq!(
                event(r#"{"@id": "urn:x", "@type": ["http://e/T", "Foo"]}"#),
                S::RelativeType("Foo".into())
            );
            assert_eq!(
                event(r#"{"@id": "urn:x", "@type": "@foo"}"#),
                S::RelativeType("@foo".into())
            );
            // Absolute by shape but not a well-formed IRI: left out of the RDF.
            assert_eq!(
                event(r#"{"@id": "urn:x", "@type": "http://e/{T}"}"#),
                S::RelativeType("http://e/{T}".into())
            );
            // Defined, blank and @vocab types are fine.
            let ok = json::parse_str(
                r#"{"@context": {"@vocab": "http://v/", "T": "http://e/T"}, "@type": ["T", "U", "_:b"], "p": 1}"#,
            )
            .unwrap();
            assert!(to_rdf(&ok, &opts(true), &BundledLoader).is_ok());
        }

        #[test]
        fn relative_and_reserved_ids() {
            assert_eq!(
                event(r#"{"@id": "rel", "http://e/p": 1}"#),
                S::RelativeId("rel".into())
            );
            assert_eq!(
                event(r#"{"@id": "@foo", "http://e/p": 1}"#),
                S::ReservedId("@foo".into())
            );
            let typed = r#"{"@context": {"p": {"@id": "http://e/p", "@type": "@id"}}, "@id": "urn:x", "p": "@foo"}"#;
            assert_eq!(event(typed), S::ReservedId("@foo".into()));
            let map = r#"{"@context": {"p": {"@id": "http://e/p", "@container": "@id"}}, "@id": "urn:x", "p": {"@foo": {"http://e/q": 1}}}"#;
            assert_eq!(event(map), S::ReservedId("@foo".into()));
            // A relative reference as an @id-typed value reaches the RDF step.
            let reference = r#"{"@context": {"p": {"@id": "http://e/p", "@type": "@id"}}, "@id": "urn:x", "p": "rel"}"#;
            assert_eq!(event(reference), S::RelativeObject("rel".into()));
            // With a base, relative references resolve and nothing is lost.
            let doc = json::parse_str(reference).unwrap();
            let based = Options {
                base: Some("https://a.example/".into()),
                ..opts(true)
            };
            assert!(to_rdf(&doc, &based, &BundledLoader).is_ok());
        }

        #[test]
        fn reserved_names_in_contexts() {
            let with =
                |ctx: &str| format!(r#"{{"@context": {ctx}, "@id": "urn:x", "http://e/p": 1}}"#);
            assert_eq!(
                event(&with(r#"{"@foo": "http://e/foo"}"#)),
                S::ReservedTerm("@foo".into())
            );
            assert_eq!(
                event(&with(r#"{"r": {"@reverse": "@foo"}}"#)),
                S::ReservedReverse("@foo".into())
            );
            assert_eq!(
                event(&with(r#"{"t": {"@id": "@foo"}}"#)),
                S::ReservedId("@foo".into())
            );
            // Found while validating a scoped context: reported as itself,
            // not as an invalid scoped context.
            assert_eq!(
                event(&with(
                    r#"{"t": {"@id": "http://e/t", "@context": {"@foo": "http://e/foo"}}}"#
                )),
                S::ReservedTerm("@foo".into())
            );
        }

        #[test]
        fn invalid_languages() {
            assert_eq!(
                event(
                    r#"{"@id": "urn:x", "http://e/p": {"@value": "x", "@language": "not a tag"}}"#
                ),
                S::InvalidLanguage("not a tag".into())
            );
            assert_eq!(
                event(r#"{"@context": {"@language": "en_GB"}, "@id": "urn:x", "http://e/p": 1}"#),
                S::InvalidLanguage("en_GB".into())
            );
            assert_eq!(
                event(
                    r#"{"@context": {"p": {"@id": "http://e/p", "@container": "@language"}}, "@id": "urn:x", "p": {"e n": "x"}}"#
                ),
                S::InvalidLanguage("e n".into())
            );
            // A term's own language is only seen when the RDF is written.
            assert_eq!(
                event(
                    r#"{"@context": {"p": {"@id": "http://e/p", "@language": "e n"}}, "@id": "urn:x", "p": "x"}"#
                ),
                S::InvalidLanguage("e n".into())
            );
        }

        #[test]
        fn dropped_values_and_objects() {
            assert_eq!(
                event(r#"{"@graph": ["x", {"@id": "urn:x", "http://e/p": 1}]}"#),
                S::FreeFloatingScalar("\"x\"".into())
            );
            assert_eq!(
                event(r#"{"@id": "urn:x", "http://e/p": {"@value": null}}"#),
                S::NullValue
            );
            assert_eq!(
                event(r#"{"@id": "urn:x", "http://e/p": {"@language": "en"}}"#),
                S::OnlyLanguage
            );
            assert_eq!(event(r#"{"@graph": [{}]}"#), S::EmptyObject);
            assert_eq!(event(r#"{}"#), S::EmptyObject);
            assert_eq!(event(r#"{"@graph": [{"@value": "x"}]}"#), S::TopLevelValue);
            assert_eq!(event(r#"{"@graph": [{"@list": [1]}]}"#), S::TopLevelList);
            assert_eq!(
                event(r#"{"@graph": [{"@id": "urn:x"}]}"#),
                S::OnlyId("urn:x".into())
            );
            // As jsonld.js: the value of an @graph container counts as top level.
            assert_eq!(
                event(
                    r#"{"@context": {"g": {"@id": "http://e/g", "@container": "@graph"}}, "@id": "urn:s", "g": {"@id": "urn:x"}}"#
                ),
                S::OnlyId("urn:x".into())
            );
            assert_eq!(
                event(r#"{"@id": "urn:x", "http://e/p": 1, "@vocab": "http://e/"}"#),
                S::IgnoredKeyword("@vocab".into())
            );
        }

        #[test]
        fn losses_when_writing_rdf() {
            assert_eq!(
                event(r#"{"@id": "http://e/{g}", "@graph": [{"@id": "urn:x", "http://e/p": 1}]}"#),
                S::RelativeGraph("http://e/{g}".into())
            );
            assert_eq!(
                event(r#"{"@id": "http://e/{s}", "http://e/p": 1}"#),
                S::RelativeSubject("http://e/{s}".into())
            );
            assert_eq!(
                event(r#"{"@id": "urn:x", "http://e/{p}": 1}"#),
                S::RelativePredicate("http://e/{p}".into())
            );
            assert_eq!(
                event(r#"{"@id": "urn:x", "_:p": 1}"#),
                S::BlankNodePredicate("_:b0".into())
            );
            assert_eq!(
                event(
                    r#"{"@id": "urn:x", "http://e/p": {"@value": "x", "@type": "http://e/{d}"}}"#
                ),
                S::InvalidDatatype("http://e/{d}".into())
            );
            let dir = r#"{"@id": "urn:x", "http://e/p": {"@value": "x", "@direction": "rtl"}}"#;
            assert_eq!(event(dir), S::DirectionNotSet("\"x\"".into()));
            // With an RDF form for the direction, nothing is lost.
            let with_dir = Options {
                rdf_direction: Some(RdfDirection::I18nDatatype),
                ..opts(true)
            };
            assert!(to_rdf(&json::parse_str(dir).unwrap(), &with_dir, &BundledLoader).is_ok());
        }

        #[test]
        fn safe_documents_give_the_same_rdf() {
            let doc = json::parse_str(
                r#"{
                  "@context": ["https://www.w3.org/ns/credentials/v2", {"grade": "http://e/grade"}],
                  "id": "urn:uuid:1",
                  "type": ["VerifiableCredential"],
                  "issuer": "did:example:issuer",
                  "credentialSubject": {"id": "did:example:s", "grade": "A"},
                  "name": {"@value": "Name", "@language": "en"}
                }"#,
            )
            .unwrap();
            let safe = to_rdf(&doc, &opts(true), &BundledLoader).unwrap();
            assert_eq!(safe, to_rdf(&doc, &opts(false), &BundledLoader).unwrap());
            assert_eq!(safe, to_rdf_bundled(&doc).unwrap());
        }

        #[test]
        fn language_tags_are_lowercased_in_rdf() {
            let doc = json::parse_str(
                r#"{"@context": {"p": {"@id": "http://e/p", "@language": "de-CH"}}, "@id": "urn:x", "p": "a", "http://e/q": {"@value": "b", "@language": "en-US"}}"#,
            )
            .unwrap();
            let langs: Vec<_> = to_rdf_bundled(&doc)
                .unwrap()
                .into_iter()
                .filter_map(|q| match q.object {
                    Term::Literal { language, .. } => language,
                    _ => None,
                })
                .collect();
            assert_eq!(langs, ["de-ch", "en-us"]);
        }

        #[test]
        fn messages_and_codes() {
            let e = JsonLdError::SafeModeViolation(S::UndefinedTerm("foo".into()));
            assert_eq!(e.code(), "safe mode validation error");
            assert_eq!(
                S::UndefinedTerm("foo".into()).to_string(),
                "the term `foo` is not defined by the credential's contexts, so it would not be covered by the signature"
            );
            assert_eq!(
                e.to_string(),
                "safe mode validation error: the term `foo` is not defined by the credential's contexts, so it would not be covered by the signature"
            );
            assert_eq!(
                S::RelativeType("T".into()).code(),
                "relative @type reference"
            );
            assert_eq!(S::NullTerm("t".into()).code(), "invalid property");
            // Document strings are shortened in messages.
            let long = "x".repeat(500);
            let doc = format!(r#"{{"@id": "urn:x", "{long}": 1}}"#);
            let S::UndefinedTerm(t) = event(&doc) else {
                panic!()
            };
            assert_eq!(t.chars().count(), 81);
            assert!(t.ends_with('…'));
        }

        /// The case of the DCC fixture `safeModeBreaker.json`, which
        /// jsonld.js rejects with "Relative @type reference found.":
        /// `StatusList2021Entry` is not defined by the VC 2.0 context.
        #[test]
        fn undefined_status_entry_type() {
            let doc = json::parse_str(
                r#"{
                  "@context": ["https://www.w3.org/ns/credentials/v2"],
                  "id": "urn:uuid:1",
                  "type": ["VerifiableCredential"],
                  "issuer": "did:example:issuer",
                  "credentialSubject": {"id": "did:example:s"},
                  "credentialStatus": {"id": "https://e.example/s#848", "type": "StatusList2021Entry"}
                }"#,
            )
            .unwrap();
            assert_eq!(
                to_rdf_bundled(&doc),
                Err(JsonLdError::SafeModeViolation(S::RelativeType(
                    "StatusList2021Entry".into()
                )))
            );
        }
    }

    mod fuzz {
        use super::*;
        use proptest::prelude::*;

        /// Keys and strings that steer every branch of the algorithms.
        const WORDS: &[&str] = &[
            "@context",
            "@id",
            "@type",
            "@value",
            "@list",
            "@set",
            "@graph",
            "@reverse",
            "@included",
            "@nest",
            "@language",
            "@direction",
            "@index",
            "@json",
            "@vocab",
            "@base",
            "@container",
            "@protected",
            "@propagate",
            "@import",
            "@version",
            "@prefix",
            "@none",
            "@foo",
            "a",
            "b",
            "ex",
            "ex:c",
            "_:d",
            "http://e/f",
            "http://e/",
            "x/y",
            "../z",
            "#f",
            "",
            "ltr",
            "en",
            "https://www.w3.org/ns/credentials/v2",
            "https://bomb/0",
        ];

        fn word() -> impl Strategy<Value = String> {
            proptest::sample::select(WORDS).prop_map(String::from)
        }

        fn value() -> impl Strategy<Value = Value> {
            let leaf = prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::Bool),
                (-3i32..3)
                    .prop_map(|n| json::parse_str(&format!("{}", f64::from(n) / 2.0)).unwrap()),
                word().prop_map(Value::String),
            ];
            leaf.prop_recursive(5, 48, 5, |inner| {
                prop_oneof![
                    proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                    proptest::collection::vec((word(), inner), 0..5)
                        .prop_map(|kv| Value::Object(kv.into_iter().collect())),
                ]
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]
            #[test]
            fn never_panics(doc in value(), base in proptest::option::of(word())) {
                for dir in [None, Some(RdfDirection::I18nDatatype), Some(RdfDirection::CompoundLiteral)] {
                    let opts = Options { base: base.clone(), rdf_direction: dir, produce_generalized_rdf: true, ..Options::default() };
                    let _ = to_rdf(&doc, &opts, &Bomb);
                    let _ = expand(&doc, &opts, &BundledLoader);
                }
            }
        }
    }

    #[test]
    fn unknown_context_is_an_error_not_a_fetch() {
        let doc = json::parse_str(r#"{"@context": "https://example.org/ctx", "a": 1}"#).unwrap();
        let err = to_rdf_bundled(&doc).unwrap_err();
        assert_eq!(
            err,
            JsonLdError::UnknownContext("https://example.org/ctx".into())
        );
        assert_eq!(err.code(), "loading remote context failed");
    }

    /// Serves `https://bomb/N`: two terms whose scoped contexts both load
    /// level N+1, so naive processing doubles the work at every level.
    struct Bomb;
    impl ContextLoader for Bomb {
        fn load(&self, url: &str) -> Option<Cow<'_, str>> {
            let n: u32 = url.strip_prefix("https://bomb/")?.parse().ok()?;
            let next = if n < 40 {
                format!("\"https://bomb/{}\"", n + 1)
            } else {
                "{}".into()
            };
            Some(Cow::Owned(format!(
                "{{\"@context\":{{\"a\":{{\"@id\":\"http://e/a{n}\",\"@context\":{next}}},\"b\":{{\"@id\":\"http://e/b{n}\",\"@context\":[{{\"z\":\"http://e/z\"}},{next}]}}}}}}"
            )))
        }
    }

    #[test]
    fn context_bomb_hits_a_limit() {
        let doc =
            json::parse_str(r#"{"@context": "https://bomb/0", "a": {"b": {"a": 1}}}"#).unwrap();
        let err = to_rdf(&doc, &Options::default(), &Bomb).unwrap_err();
        assert!(
            matches!(
                err,
                JsonLdError::LimitExceeded(_) | JsonLdError::ContextOverflow
            ),
            "{err:?}"
        );
    }
}
