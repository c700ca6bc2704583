//! The active context: term definitions, context processing and the
//! create term definition algorithm, with the loading of remote contexts
//! through the caller's [`ContextLoader`](super::ContextLoader).

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use super::cache::Trace;
use super::helpers::obj1;
use super::iri::{
    has_keyword_form, has_scheme, is_absolute_iri, is_keyword, resolve_iri, split_prefix,
    wellformed_language,
};
use super::processor::{excerpt, Processor};
use super::ContextLoader;
use super::{JsonLdError, LimitKind, SafeModeEvent};
use crate::encoding::json::{self, Object, Value};

// ---------------------------------------------------------------------------
// Active context
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub(super) fn parse(s: &str) -> Option<Self> {
        match s {
            "ltr" => Some(Direction::Ltr),
            "rtl" => Some(Direction::Rtl),
            _ => None,
        }
    }

    pub(super) fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

pub(super) const C_GRAPH: u8 = 1;
pub(super) const C_ID: u8 = 2;
pub(super) const C_INDEX: u8 = 4;
pub(super) const C_LANGUAGE: u8 = 8;
pub(super) const C_LIST: u8 = 16;
pub(super) const C_SET: u8 = 32;
pub(super) const C_TYPE: u8 = 64;

#[derive(Clone, Debug)]
pub(super) struct TermDef {
    /// `None` is a null mapping (the term is defined but maps to nothing).
    pub(super) iri: Option<String>,
    pub(super) prefix: bool,
    pub(super) protected: bool,
    pub(super) reverse: bool,
    pub(super) base_url: Option<String>,
    pub(super) context: Option<Rc<Value>>,
    pub(super) container: u8,
    /// `Some(None)` is an explicit `null` (overrides the default).
    pub(super) direction: Option<Option<Direction>>,
    pub(super) index: Option<String>,
    pub(super) language: Option<Option<String>>,
    pub(super) nest: Option<String>,
    pub(super) type_mapping: Option<String>,
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
pub(super) struct Context {
    /// Shared until modified; `Rc<str>` keys make the copy-on-write clone
    /// of a large context cheap (no string copies).
    pub(super) terms: Rc<BTreeMap<Rc<str>, Rc<TermDef>>>,
    pub(super) base: Option<String>,
    pub(super) original_base: Option<String>,
    pub(super) vocab: Option<String>,
    pub(super) language: Option<String>,
    pub(super) direction: Option<Direction>,
    pub(super) previous: Option<Rc<Context>>,
    /// The entry of [`BundledContexts`](super::BundledContexts) this
    /// context is a copy of, if any: set only where a context is finished
    /// (never on one being modified), it names the same content in every
    /// call, while `Rc` addresses are per call.
    pub(super) shared: Option<u32>,
}

impl Context {
    pub(super) fn term(&self, t: &str) -> Option<&TermDef> {
        self.terms.get(t).map(|d| &**d)
    }

    /// IRI expansion outside context processing.
    pub(super) fn expand_iri(&self, value: &str, doc_rel: bool, vocab: bool) -> Option<String> {
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

/// A term of [`DefineState::defined`] whose definition is in progress.
const DEFINING: usize = 0;
/// A term of [`DefineState::defined`] whose definition is complete.
const DEFINED: usize = 1;

/// State of one context definition being processed (for term definitions
/// that depend on each other).
struct DefineState<'l> {
    local: &'l Object,
    /// [`DEFINING`] or [`DEFINED`] per term (a `usize` rather than a `bool`:
    /// the map type exists anyway, and each new one costs the widget code).
    defined: BTreeMap<String, usize>,
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
impl Processor<'_> {
    fn intern(&mut self, v: &Value) -> Rc<Value> {
        let key = v as *const Value as usize;
        if self.from_shared {
            if let Some(shared) = self.shared.as_deref_mut() {
                return shared.intern(v);
            }
        }
        self.not_portable();
        self.interned
            .entry(key)
            .or_insert_with(|| Rc::new(v.clone()))
            .clone()
    }

    // -- remote contexts ----------------------------------------------------

    fn load_context(&mut self, url: &str) -> Result<Rc<Value>, JsonLdError> {
        if !self.rec.is_empty() {
            // Not while a shared context is computed: loads count against
            // the call, so that processing is not shared (and not done:
            // this error ends it, leaving the call's documents untouched).
            return Err(JsonLdError::LimitExceeded(LimitKind::ContextLoads));
        }
        if let Some((_, v)) = self.docs.iter().find(|(u, _)| u == url) {
            return Ok(v.clone());
        }
        if self.docs.len() >= self.opts.limits.max_context_loads {
            return Err(JsonLdError::LimitExceeded(LimitKind::ContextLoads));
        }
        // Bundled documents are parsed once for all calls sharing them.
        let known = self.shared.as_deref().and_then(|s| s.doc(url));
        let rc = match known {
            Some(rc) => rc,
            None => {
                let rc = Rc::new(parse_context_document(self.loader, url)?);
                if let Some(shared) = self.shared.as_deref_mut() {
                    shared.keep_doc(url, rc.clone());
                }
                rc
            }
        };
        self.docs.push((url.to_string(), rc.clone()));
        Ok(rc)
    }

    // -- context processing -------------------------------------------------

    /// Applies a term's scoped context, memoized by identity for the call:
    /// type-scoped contexts apply at every node of that type.
    pub(super) fn process_scoped(
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
        let flags = (override_protected, propagate, true);
        let r = match self.shared_apply(active, local, base_url, &[], flags) {
            Some(r) => r,
            None => self.process_context(
                active,
                local,
                base_url,
                &[],
                override_protected,
                propagate,
                true,
            )?,
        };
        self.scoped
            .insert(key, (active.clone(), local.clone(), r.clone()));
        Ok(r)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn process_context(
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
        let from_shared = self.from_shared;
        self.from_shared = self.shared.as_deref().is_some_and(|s| s.holds(local));
        let r = self.process_context_inner(
            active,
            local,
            base_url,
            remote,
            override_protected,
            propagate,
            validate_scoped,
        );
        self.from_shared = from_shared;
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
        // The shared entry `result` is a copy of, kept apart while `result`
        // is modified and set where it is finished.
        let mut shared = result.shared.take();
        if let Value::Object(o) = local {
            if let Some(p) = o.get("@propagate") {
                propagate = p.as_bool().ok_or(JsonLdError::InvalidPropagateValue)?;
            }
        }
        if !propagate && result.previous.is_none() {
            result.previous = Some(active.clone());
            shared = None;
        }
        for item in local.one_or_many() {
            match item {
                Value::Null => {
                    shared = None;
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
                    result.shared = shared;
                    let current = Rc::new(result);
                    let flags = (override_protected, propagate, validate_scoped);
                    let next = match self.shared_apply(&current, &loaded, Some(&url), &chain, flags)
                    {
                        Some(next) => next,
                        None => self.process_context(
                            &current,
                            &loaded,
                            Some(&url),
                            &chain,
                            override_protected,
                            propagate,
                            validate_scoped,
                        )?,
                    };
                    result = (*next).clone();
                    shared = result.shared.take();
                }
                Value::Object(def) => {
                    shared = None;
                    self.apply_definition(&mut result, def, base_url, remote, override_protected)?;
                }
                _ => return Err(JsonLdError::InvalidLocalContext),
            }
        }
        result.shared = shared;
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
            // A value of this call: what it defines is not shared (for the
            // rest of this local context; no bundled context imports).
            self.from_shared = false;
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
        if st.local.contains_key(value) && st.defined.get(value) != Some(&DEFINED) {
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
                && st.defined.get(prefix) != Some(&DEFINED)
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
            Some(&DEFINED) => return Ok(()),
            Some(_) => return Err(JsonLdError::CyclicIriMapping),
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
        st.defined.insert(term.to_string(), DEFINING);
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
            st.defined.insert(term.to_string(), DEFINED);
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
                st.defined.insert(term.to_string(), DEFINED);
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
                        st.defined.insert(term.to_string(), DEFINED);
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
                        st.defined.insert(term.to_string(), DEFINED);
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
            if !trusted && !self.validated.contains_key(&id) {
                let snapshot = Rc::new(ctx.clone());
                let recording = !self.rec.is_empty();
                if recording {
                    self.rec.push((self.work, Trace::default()));
                }
                let r =
                    self.process_context(&snapshot, &sc, st.base_url, st.remote, true, true, false);
                if recording {
                    self.record_validation(&sc);
                }
                if let Err(e) = r {
                    return Err(if e.is_fatal() {
                        e
                    } else {
                        E::InvalidScopedContext(Box::new(e))
                    });
                }
                self.validated.entry(id).or_insert_with(|| sc.clone());
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
        st.defined.insert(term.to_string(), DEFINED);
        Ok(())
    }
}

/// The `@context` entry of the document the loader has for `url`.
fn parse_context_document(loader: &dyn ContextLoader, url: &str) -> Result<Value, JsonLdError> {
    let text = loader
        .load(url)
        .ok_or_else(|| JsonLdError::UnknownContext(url.to_string()))?;
    let doc = json::parse(text.as_bytes(), json::Limits::default())
        .map_err(|_| JsonLdError::LoadingRemoteContextFailed(url.to_string()))?;
    match doc {
        Value::Object(mut o) => o
            .remove("@context")
            .ok_or(JsonLdError::InvalidRemoteContext),
        _ => Err(JsonLdError::InvalidRemoteContext),
    }
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
