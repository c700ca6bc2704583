//! The state of one `expand` / `to_rdf` call: the work and depth bounds of
//! [`Limits`](super::Limits), the caches of context processing (and the
//! caller's [`BundledContexts`], shared between calls), and safe mode (what
//! to do when content would be lost).

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::cache::{BundledContexts, Trace};
use super::context::Context;
use super::{
    BundledLoader, ContextLoader, JsonLdError, LimitKind, Options, ProcessingMode, SafeModeEvent,
};
use crate::encoding::json::{self, Value};

// ---------------------------------------------------------------------------
// The processor: context processing and expansion
// ---------------------------------------------------------------------------

type ScopedKey = (usize, usize, bool, bool);
/// (active context, scoped context, result), the inputs kept alive.
type ScopedEntry = (Rc<Context>, Rc<Value>, Rc<Context>);

pub(super) struct Processor<'a> {
    pub(super) opts: &'a Options,
    pub(super) loader: &'a dyn ContextLoader,
    /// Remote context documents by URL (their `@context` entry), parsed
    /// once; a list, as there are at most `max_context_loads`.
    pub(super) docs: Vec<(String, Rc<Value>)>,
    /// Results of applying scoped contexts, by (active context, scoped
    /// context) identity. Entries hold both inputs alive, so an address is
    /// never reused for a different context while it is a key.
    pub(super) scoped: BTreeMap<ScopedKey, ScopedEntry>,
    /// Scoped contexts shared by address of their source `Value`, so a term
    /// definition does not deep-copy its context each time it is created
    /// and identical definitions share one `Rc` (cheap comparisons, cache
    /// hits). Every source outlives the call (the document, `docs`, this
    /// map itself, `keep`), so an address is never reused for another value.
    pub(super) interned: BTreeMap<usize, Rc<Value>>,
    /// Scoped contexts (by interned address) already validated. (A map of
    /// the type of `interned` rather than a set: one instance of map code
    /// less in the widget.)
    pub(super) validated: BTreeMap<usize, Rc<Value>>,
    /// Values built during the call that interned addresses may point into.
    pub(super) keep: Vec<Rc<Value>>,
    pub(super) work: usize,
    pub(super) nodes: usize,
    pub(super) depth: usize,
    /// The deepest `depth` reached (for the traces of shared contexts).
    pub(super) peak: usize,
    /// Processed bundled contexts shared with other calls (only with the
    /// bundled loader, see [`BundledContexts`]).
    pub(super) shared: Option<&'a mut BundledContexts>,
    /// True while processing a context that is a shared value (a bundled
    /// document or a scoped context inside one): its scoped contexts are
    /// interned in `shared`, not in `interned`.
    pub(super) from_shared: bool,
    /// While a processed context is being computed for `shared`: its
    /// trace and those of the validations under way, each with the work
    /// counted when it started.
    pub(super) rec: Vec<(usize, Trace)>,
}

impl<'a> Processor<'a> {
    pub(super) fn new(opts: &'a Options, loader: &'a dyn ContextLoader) -> Self {
        Processor {
            opts,
            loader,
            docs: Vec::new(),
            scoped: BTreeMap::new(),
            interned: BTreeMap::new(),
            validated: BTreeMap::new(),
            keep: Vec::new(),
            work: 0,
            nodes: 0,
            depth: 0,
            peak: 0,
            shared: None,
            from_shared: false,
            rec: Vec::new(),
        }
    }

    /// A processor on the bundled contexts that shares processed contexts
    /// with other calls through `shared`.
    pub(super) fn with_shared(opts: &'a Options, shared: &'a mut BundledContexts) -> Self {
        let mut p = Processor::new(opts, &BundledLoader);
        p.shared = Some(shared);
        p
    }

    pub(super) fn mode10(&self) -> bool {
        self.opts.processing_mode == ProcessingMode::JsonLd10
    }

    pub(super) fn tick(&mut self) -> Result<(), JsonLdError> {
        self.work += 1;
        if self.work > self.opts.limits.max_work {
            return Err(JsonLdError::LimitExceeded(LimitKind::Work));
        }
        Ok(())
    }

    pub(super) fn enter(&mut self) -> Result<(), JsonLdError> {
        self.depth += 1;
        self.peak = self.peak.max(self.depth);
        if self.depth > self.opts.limits.max_depth {
            self.depth -= 1;
            return Err(JsonLdError::LimitExceeded(LimitKind::Depth));
        }
        Ok(())
    }

    pub(super) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Content is about to be lost: an error in safe mode, nothing
    /// otherwise (the event is only built when it is reported).
    pub(super) fn lose(&self, event: impl FnOnce() -> SafeModeEvent) -> Result<(), JsonLdError> {
        lose(self.opts.safe, event)
    }
}

/// [`Processor::lose`] for code without the processor at hand.
pub(super) fn lose(safe: bool, event: impl FnOnce() -> SafeModeEvent) -> Result<(), JsonLdError> {
    if safe {
        Err(JsonLdError::SafeModeViolation(event()))
    } else {
        Ok(())
    }
}

/// A document string for an error message, at most 80 characters.
pub(super) fn excerpt(s: &str) -> String {
    const MAX: usize = 80;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A JSON value (a scalar) for an error message.
pub(super) fn excerpt_value(v: &Value) -> String {
    excerpt(&json::to_string(v))
}
