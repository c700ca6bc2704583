//! Processed bundled contexts shared between calls: [`BundledContexts`].
//!
//! A credential signed over RDF names a few bundled contexts (VC 2.0, Open
//! Badges 3.0, the EU extension…), and every verification expands two
//! documents under them: the proof configuration and the credential. Built
//! per call, the same JSON is parsed, the same term definitions created and
//! the same type- and property-scoped contexts applied again and again.
//! [`BundledContexts`] keeps them: the parsed documents, their scoped
//! contexts, and each processed context as an entry keyed by what it was
//! made of (the active context's entry, the bundled document or scoped
//! context applied to it, the flags and options of the step).
//!
//! # Work limits
//!
//! What a call is charged does not depend on what the cache holds. Each
//! entry is computed once on its own (own counters, no scoped context
//! validated yet) while its cost is recorded as a [`Trace`]: the ticks, the
//! deepest recursion, and each scoped context it validates with that
//! validation's own trace. A call that uses the entry *replays* the trace
//! against its own state: validations this call has already done are
//! skipped, exactly as processing skips them, and the rest is charged to
//! the call's counters ([`Limits`](super::Limits)). If that could exceed a
//! limit (the depth is checked against the deepest recursion of all of it,
//! an upper bound), the context is processed for real, which fails, or
//! not, the way it always did. So the work counted, the depth checked and
//! every error are those of processing without the cache; the tests
//! compare both (`shared_contexts_*`). Processing that loads a document
//! (no bundled context does) is not kept, so that loads stay counted by the
//! call: while an entry is computed, loading ends it.
//!
//! The work done outside a call's counters (computing an entry on its own)
//! is bounded by construction: entries are only made with the bundled
//! loader, from a context that is itself an entry (or the empty initial
//! context) and a value of a bundled document, a fixed set; each key is
//! computed at most once per cache, success or failure, and a cache makes at
//! most [`MAX_ENTRIES`] entries, each within the limits of the call that
//! made it. Its recursion is that of one bundled context (a few levels,
//! never more than the depth bound), on top of the call's. Memory is bounded
//! the same way.
//!
//! Contexts are shared immutably: an entry is cloned out (its term map is
//! reference-counted, so the copy is cheap and copy-on-write), and the copy
//! gets the call's own `previous` context, so the identities that the
//! per-call memo of `Processor::process_scoped` relies on are those of
//! processing without the cache.

use alloc::collections::BTreeMap;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use super::context::Context;
use super::processor::Processor;
use super::ProcessingMode;
use crate::encoding::json::Value;

/// Most entries one [`BundledContexts`] makes (a credential uses a few
/// dozen); later combinations are processed per call, as without a cache.
pub(super) const MAX_ENTRIES: usize = 128;

/// The shared id of the initial context without a base IRI.
pub(super) const INITIAL: u32 = 0;

/// The bundled contexts, processed once and shared by every call given
/// this object: parsed documents, term definitions, applied scoped
/// contexts. See [`to_rdf_cached`](super::to_rdf_cached).
///
/// Holds only what follows from the bundled documents, never anything of
/// the documents processed with it, so it may serve any number of calls
/// (the pipeline keeps one per [`Resources`](crate::Resources)). Results,
/// errors and the work charged against [`Limits`](super::Limits) are the
/// same with a new cache and a used one.
#[derive(Default)]
pub struct BundledContexts {
    /// Bundled documents (their `@context` entry) with their URL, parsed
    /// once.
    docs: Vec<(String, Rc<Value>)>,
    /// Scoped contexts inside shared values, by address (as
    /// `Processor::interned`): the values are kept here, so an address is
    /// never reused while it is a key.
    interned: BTreeMap<usize, Rc<Value>>,
    /// The shared values (`docs` and `interned`) by address. (Maps of the
    /// processor's kinds: the widget's size budget counts every new one.)
    values: BTreeMap<usize, Rc<Value>>,
    /// Processed contexts sorted by key; `None` when the result is not
    /// shared (an error, a document loaded, …).
    entries: Vec<(Key, Option<Rc<Entry>>)>,
}

/// (active context's shared id, local context's address, flag bits). The
/// address names the base IRI too: a bundled document is processed with
/// its own URL, a scoped context with that of the document it is in.
type Key = (u32, usize, u8);

/// One processed context.
struct Entry {
    /// The context, with its shared id and no `previous` context.
    context: Context,
    /// `previous` is the active context, else the active one's `previous`.
    previous_is_active: bool,
    /// What processing costs, replayed against each call's limits.
    trace: Trace,
}

/// The cost of processing one context (or, nested, of validating a scoped
/// context during it), as the limits see it.
#[derive(Default)]
pub(super) struct Trace {
    /// Calls of `Processor::tick`, those of the validations included.
    pub(super) ticks: usize,
    /// Deepest recursion, relative to where processing started, the
    /// validations included (processing that skips some goes less deep).
    pub(super) peak: usize,
    /// Scoped contexts validated, with the validation's trace.
    pub(super) validations: Vec<(Rc<Value>, Trace)>,
    /// The result depends on this call (a value of its own).
    pub(super) not_portable: bool,
}

impl BundledContexts {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// True when nothing has been processed yet.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub(super) fn doc(&self, url: &str) -> Option<Rc<Value>> {
        self.docs
            .iter()
            .find(|(u, _)| u == url)
            .map(|(_, d)| d.clone())
    }

    pub(super) fn keep_doc(&mut self, url: &str, doc: Rc<Value>) {
        self.hold(&doc);
        self.docs.push((url.into(), doc));
    }

    fn hold(&mut self, v: &Rc<Value>) {
        self.values.entry(address(v)).or_insert_with(|| v.clone());
    }

    /// `Processor::intern` for the scoped contexts of shared values.
    pub(super) fn intern(&mut self, v: &Value) -> Rc<Value> {
        let rc = self
            .interned
            .entry(address(v))
            .or_insert_with(|| Rc::new(v.clone()))
            .clone();
        self.hold(&rc);
        rc
    }

    /// True when `v` is a shared value (not one inside it).
    pub(super) fn holds(&self, v: &Value) -> bool {
        self.values.contains_key(&address(v))
    }
}

impl fmt::Debug for BundledContexts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BundledContexts")
            .field("docs", &self.docs.len())
            .field("entries", &self.entries.len())
            .finish()
    }
}

fn address(v: &Value) -> usize {
    v as *const Value as usize
}

/// The ticks replaying a trace charges, with the scoped contexts it
/// validates (those not in `done`) added to `new`.
fn replay<'t>(
    t: &'t Trace,
    done: &BTreeMap<usize, Rc<Value>>,
    new: &mut Vec<&'t Rc<Value>>,
) -> usize {
    let mut ticks = t.ticks;
    for (sc, sub) in &t.validations {
        // Processing skips a scoped context validated before in the call
        // (validating one validates those inside it too).
        if done.contains_key(&address(sc)) || new.iter().any(|v| Rc::ptr_eq(v, sc)) {
            ticks -= sub.ticks;
        } else {
            new.push(sc);
            ticks -= sub.ticks - replay(sub, done, new);
        }
    }
    ticks
}

impl Processor<'_> {
    /// The context `process_context(active, local, base_url, remote,
    /// flags…)` returns, from the shared cache: `None` when it is not
    /// shared (the caller processes it), or when its replayed cost exceeds
    /// a limit (processing then fails as it always did).
    pub(super) fn shared_apply(
        &mut self,
        active: &Rc<Context>,
        local: &Rc<Value>,
        base_url: Option<&str>,
        remote: &[String],
        (override_protected, propagate, validate_scoped): (bool, bool, bool),
    ) -> Option<Rc<Context>> {
        // While an entry is computed its trace counts everything it does;
        // a longer remote chain is a document's own.
        if !self.rec.is_empty() || remote.len() > 1 {
            return None;
        }
        let id = active.shared?;
        let shared = self.shared.as_deref()?;
        if !shared.holds(local) {
            return None;
        }
        let flags = u8::from(override_protected)
            | u8::from(propagate) << 1
            | u8::from(validate_scoped) << 2
            | u8::from(self.opts.processing_mode == ProcessingMode::JsonLd10) << 3
            | u8::from(self.opts.safe) << 4;
        let key: Key = (id, address(local), flags);
        let entry = match shared.entries.binary_search_by_key(&key, |(k, _)| *k) {
            Ok(i) => shared.entries[i].1.clone()?,
            Err(_) if shared.entries.len() >= MAX_ENTRIES => return None,
            Err(i) => {
                // Entries are never removed: their count is a fresh id.
                let new_id = shared.entries.len() as u32 + 1;
                // Processed on its own: own counters, nothing validated yet.
                let saved = (
                    core::mem::take(&mut self.work),
                    core::mem::take(&mut self.depth),
                    core::mem::take(&mut self.peak),
                    core::mem::take(&mut self.validated),
                );
                self.rec.push((0, Trace::default()));
                let r = self.process_context(
                    active,
                    local,
                    base_url,
                    remote,
                    override_protected,
                    propagate,
                    validate_scoped,
                );
                let mut trace = self.rec.pop().map(|(_, t)| t).unwrap_or_default();
                trace.ticks = self.work;
                trace.peak = self.peak;
                (self.work, self.depth, self.peak, self.validated) = saved;
                let made = r.ok().and_then(|ctx| {
                    let previous_is_active = match (&ctx.previous, &active.previous) {
                        (Some(p), _) if Rc::ptr_eq(p, active) => true,
                        (Some(p), Some(q)) if Rc::ptr_eq(p, q) => false,
                        (None, None) => false,
                        _ => return None,
                    };
                    let mut context = (*ctx).clone();
                    context.shared = Some(new_id);
                    context.previous = None;
                    (!trace.not_portable).then(|| {
                        Rc::new(Entry {
                            context,
                            previous_is_active,
                            trace,
                        })
                    })
                });
                self.shared
                    .as_deref_mut()?
                    .entries
                    .insert(i, (key, made.clone()));
                made?
            }
        };
        let mut validated = Vec::new();
        let ticks = replay(&entry.trace, &self.validated, &mut validated);
        let limits = self.opts.limits;
        if self.work + ticks > limits.max_work || self.depth + entry.trace.peak > limits.max_depth {
            return None;
        }
        self.work += ticks;
        for sc in validated {
            self.validated
                .entry(address(sc))
                .or_insert_with(|| sc.clone());
        }
        let mut context = entry.context.clone();
        context.previous = if entry.previous_is_active {
            Some(active.clone())
        } else {
            active.previous.clone()
        };
        Some(Rc::new(context))
    }

    /// Closes the trace of a scoped-context validation (see `create_term`).
    pub(super) fn record_validation(&mut self, sc: &Rc<Value>) {
        if let Some((start, mut t)) = self.rec.pop() {
            t.ticks = self.work - start;
            if let Some((_, p)) = self.rec.last_mut() {
                p.validations.push((sc.clone(), t));
            }
        }
    }

    /// The entry being computed depends on this call.
    pub(super) fn not_portable(&mut self) {
        if let Some((_, t)) = self.rec.first_mut() {
            t.not_portable = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{run_to_rdf, BundledLoader, JsonLdError, Limits, Options};
    use super::*;
    use crate::encoding::json;
    use crate::ld::rdf::Quad;
    use std::format;
    use std::string::ToString;
    use std::vec;

    /// What a call produced and what it was charged.
    #[derive(Debug, PartialEq)]
    struct Outcome {
        result: Result<Vec<Quad>, JsonLdError>,
        work: usize,
        nodes: usize,
        depth: usize,
        docs: Vec<String>,
        validated: usize,
    }

    fn run(doc: &Value, opts: &Options, shared: Option<&mut BundledContexts>) -> Outcome {
        let mut p = match shared {
            Some(c) => Processor::with_shared(opts, c),
            None => Processor::new(opts, &BundledLoader),
        };
        let result = run_to_rdf(&mut p, doc);
        Outcome {
            result,
            work: p.work,
            nodes: p.nodes,
            depth: p.depth,
            docs: {
                let mut urls: Vec<String> = p.docs.iter().map(|(u, _)| u.clone()).collect();
                urls.sort();
                urls
            },
            validated: p.validated.len(),
        }
    }

    /// Every JSON document of the test vectors (credentials, the JSON-LD
    /// and RDFC suites' inputs and contexts, …), by path.
    fn vector_documents() -> Vec<(String, Value)> {
        fn walk(dir: &std::path::Path, out: &mut Vec<(String, Value)>) {
            let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
            entries.sort_by_key(|e| e.path());
            for e in entries {
                let path = e.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path
                    .extension()
                    .is_some_and(|x| x == "json" || x == "jsonld")
                {
                    let Ok(text) = std::fs::read_to_string(&path) else {
                        continue;
                    };
                    if let Ok(v) = json::parse_str(&text) {
                        out.push((path.display().to_string(), v));
                    }
                }
            }
        }
        let mut out = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
        walk(&root, &mut out);
        assert!(out.len() > 1000, "{} documents", out.len());
        out
    }

    const V1: &str = "https://www.w3.org/2018/credentials/v1";
    const V2: &str = "https://www.w3.org/ns/credentials/v2";
    const OB: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    const OB300: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context.json";
    const EU: &str = "https://w3id.org/microcredx/eu-mc/v1";
    const ED: &str = "https://w3id.org/security/suites/ed25519-2020/v1";
    const DI: &str = "https://w3id.org/security/data-integrity/v2";

    /// Documents that combine the bundled contexts with what a document
    /// may do to them: other orders, nulls, inline and embedded contexts,
    /// `@import`, `@propagate`, scoped contexts of its own.
    fn synthetic_documents() -> Vec<Value> {
        let body = |ctx: &str| {
            format!(
                r#"{{"@context": {ctx}, "id": "urn:uuid:1",
                  "type": ["VerifiableCredential", "OpenBadgeCredential"],
                  "issuer": {{"id": "did:example:issuer", "type": ["Profile"], "name": "Uni"}},
                  "validFrom": "2026-01-01T00:00:00Z",
                  "credentialSubject": {{"id": "did:example:s", "type": ["AchievementSubject"],
                    "achievement": {{"id": "urn:a", "type": ["Achievement"], "name": "A",
                      "criteria": {{"narrative": "n"}},
                      "alignment": [{{"type": ["Alignment"], "targetName": "t", "targetUrl": "https://e/"}}]}}}},
                  "proof": {{"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022",
                    "created": "2026-01-01T00:00:00Z", "proofPurpose": "assertionMethod",
                    "verificationMethod": "did:example:issuer#k"}}}}"#
            )
        };
        let contexts = [
            format!(r#"["{V2}", "{OB}", "{EU}"]"#),
            format!(r#"["{V2}", "{OB}", "{EU}", "{ED}"]"#),
            format!(r#"["{V2}", "{EU}", "{OB}"]"#),
            format!(r#"["{V1}", "{OB300}"]"#),
            format!(r#"["{V1}", "{OB300}", "{ED}"]"#),
            format!(r#"["{V2}", "{OB}", "{V2}"]"#),
            format!(r#"["{V2}", null, "{V2}", "{OB}"]"#),
            format!(r#"["{V2}", "{OB}", {{"@vocab": "https://e/v#"}}]"#),
            format!(r#"["{V2}", "{OB}", {{"name": "https://e/name"}}]"#),
            format!(r#"["{V2}", {{"@import": "{EU}"}}, "{OB}"]"#),
            format!(
                r#"["{V2}", "{OB}", {{"Achievement": {{"@id": "https://e/A", "@context": ["{DI}", {{"x": "https://e/x"}}]}}}}]"#
            ),
            format!(
                r#"["{V2}", {{"@propagate": false, "AchievementSubject": {{"@id": "https://e/S", "@context": "{EU}"}}}}, "{OB}"]"#
            ),
            format!(r#"["{V2}", "{OB}", "https://e/not-bundled"]"#),
            format!(r#""{V2}""#),
            format!(r#"["{DI}", "{V2}"]"#),
        ];
        let mut docs: Vec<Value> = contexts
            .iter()
            .map(|c| json::parse_str(&body(c)).unwrap())
            .collect();
        // Embedded contexts, scoped contexts inside scoped contexts.
        let embedded = format!(
            r#"{{"@context": ["{V2}"], "type": "VerifiableCredential",
              "credentialSubject": {{"@context": ["{OB}", "{EU}"], "type": "AchievementSubject",
                "achievement": {{"type": "Achievement", "name": "A", "workload": 5}}}},
              "proof": [{{"@context": "{ED}", "type": "Ed25519Signature2020", "proofPurpose": "assertionMethod"}},
                        {{"type": "DataIntegrityProof", "proofPurpose": "authentication"}}]}}"#
        );
        docs.push(json::parse_str(&embedded).unwrap());
        docs
    }

    fn options(safe: bool, limits: Limits) -> Options {
        Options {
            safe,
            limits,
            ..Options::default()
        }
    }

    /// The cache changes neither a result nor what a call is charged:
    /// without it, with a new one, and with one that served every other
    /// document before (in two orders), everything is the same.
    #[test]
    fn shared_contexts_change_nothing() {
        let mut docs: Vec<(String, Value)> = synthetic_documents()
            .into_iter()
            .enumerate()
            .map(|(i, d)| (format!("synthetic {i}"), d))
            .collect();
        docs.extend(vector_documents());
        for safe in [true, false] {
            let opts = options(safe, Limits::default());
            let mut forward = BundledContexts::new();
            let mut backward = BundledContexts::new();
            for (_, doc) in &docs {
                run(doc, &opts, Some(&mut forward));
            }
            for (_, doc) in docs.iter().rev() {
                run(doc, &opts, Some(&mut backward));
            }
            assert!(forward.entries.iter().filter(|(_, e)| e.is_some()).count() > 20);
            let mut shared = 0;
            for (name, doc) in &docs {
                let plain = run(doc, &opts, None);
                assert_eq!(plain.depth, 0, "{name}");
                let cold = run(doc, &opts, Some(&mut BundledContexts::new()));
                assert_eq!(plain, cold, "{name} (new cache, safe: {safe})");
                assert_eq!(
                    plain,
                    run(doc, &opts, Some(&mut forward)),
                    "{name} ({safe})"
                );
                assert_eq!(
                    plain,
                    run(doc, &opts, Some(&mut backward)),
                    "{name} ({safe})"
                );
                shared += usize::from(plain.docs.iter().any(|u| forward.doc(u).is_some()));
            }
            assert!(shared > 60, "{shared} documents use bundled contexts");
        }
    }

    /// Near every limit, a call with a used cache fails (or not) exactly
    /// where one without it does, with the same error.
    #[test]
    fn shared_contexts_keep_every_limit() {
        let docs = synthetic_documents();
        let mut warm = BundledContexts::new();
        for doc in &docs {
            run(doc, &options(true, Limits::default()), Some(&mut warm));
        }
        for (i, doc) in docs.iter().enumerate() {
            let full = run(doc, &options(true, Limits::default()), None);
            let mut cases = Vec::new();
            let step = (full.work / 97).max(1);
            for w in (0..full.work + 2)
                .step_by(step)
                .chain(full.work.saturating_sub(3)..full.work + 2)
            {
                cases.push(Limits {
                    max_work: w,
                    ..Limits::default()
                });
            }
            for d in 0..16 {
                cases.push(Limits {
                    max_depth: d,
                    ..Limits::default()
                });
            }
            for n in 0..full.docs.len() + 2 {
                cases.push(Limits {
                    max_context_loads: n,
                    ..Limits::default()
                });
            }
            for n in 0..3 {
                cases.push(Limits {
                    max_remote_contexts: n,
                    ..Limits::default()
                });
            }
            for limits in cases {
                let opts = options(true, limits);
                let plain = run(doc, &opts, None);
                assert_eq!(plain, run(doc, &opts, Some(&mut warm)), "{i}: {limits:?}");
            }
        }
        // Entries made under small limits may be missing; nothing else changes.
        for doc in &docs {
            let opts = options(true, Limits::default());
            assert_eq!(run(doc, &opts, None), run(doc, &opts, Some(&mut warm)));
        }
    }

    /// The cache is bounded: entries stop at `MAX_ENTRIES`, and then
    /// contexts are processed per call with the same results.
    #[test]
    fn shared_contexts_are_bounded() {
        let mut cache = BundledContexts::new();
        let opts = options(true, Limits::default());
        let urls: Vec<&str> = crate::ld::contexts::urls()
            .filter(|u| !u.contains("examples/v1"))
            .collect();
        let mut n = 0;
        'outer: for a in &urls {
            for b in &urls {
                for c in &urls {
                    let doc = json::parse_str(&format!(
                        r#"{{"@context": ["{a}", "{b}", "{c}"], "@id": "urn:x", "@type": "https://e/T"}}"#
                    ))
                    .unwrap();
                    assert_eq!(run(&doc, &opts, None), run(&doc, &opts, Some(&mut cache)));
                    n += 1;
                    if n > 400 {
                        break 'outer;
                    }
                }
            }
        }
        assert_eq!(cache.entries.len(), MAX_ENTRIES);
        let docs = vec![synthetic_documents().remove(0)];
        for doc in &docs {
            assert_eq!(run(doc, &opts, None), run(doc, &opts, Some(&mut cache)));
        }
    }
}
