//! What the host has fetched for the core.
//!
//! The core never does I/O. When verification needs a document it does not
//! have (a status list, a `did:web` DID document, a hosted credential), it
//! records the URL as missing and finishes the rest; [`crate::verify`] then
//! returns [`crate::Step::Need`] with every missing URL at once, so the host
//! can fetch them in parallel and call again.
//!
//! # Batches
//!
//! A host verifying several inputs shares one [`Resources`] between them,
//! so that each document is fetched, and each status list verified, once.
//! But each input's [`FetchBudget`](crate::FetchBudget) records the URLs
//! past *its* budget as failures, and those are that input's limit, not
//! facts about the URLs: another input must not see them, or one input
//! could spend the budget so that the next is unverifiable. So each input
//! works on its own copy (cheap: the documents are shared, not copied),
//! the host supplies what it fetched to the copy and to the batch, and the
//! batch keeps the copy's derived work:
//!
//! ```
//! use mcx_verifier_core::{FetchBudget, Options, Resources, Step, Timestamp};
//!
//! let options = Options::new(Timestamp::from_unix_seconds(1_800_000_000));
//! let mut batch = Resources::new();
//! for input in [&b"{}"[..], b"https://uni.example/c/1.json"] {
//!     let mut mine = batch.clone();
//!     let mut budget = FetchBudget::new();
//!     let report = loop {
//!         match budget.step(input, &options, &mut mine) {
//!             Step::Done(report) => break report,
//!             Step::Need(needs) => {
//!                 let mut fetched = Resources::new();
//!                 for url in needs.urls {
//!                     // A real host fetches `url` here.
//!                     fetched.insert_failure(url, "no network in this example");
//!                 }
//!                 mine.supply_from(&fetched);
//!                 batch.supply_from(&fetched);
//!             }
//!         }
//!     };
//!     batch.keep_work_from(&mine);
//!     # let _ = report;
//! }
//! ```

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;
use core::fmt;

use crate::documents::Documents;
pub use crate::documents::Lookup;
use crate::ld::jsonld::BundledContexts;
use crate::ld::signed_view::Vocabulary;
use crate::proof::signature::{self, SignatureCheck, Verifier};
use crate::proof::ProofError;
use crate::trust::registry::Registry;
use crate::trust::status::{LoadedList, Method};

/// Documents supplied by the host, keyed by URL.
///
/// It also remembers work derived from those documents (a verified and
/// inflated status list, say), so that checking many credentials against
/// the same list — a presentation, a batch run — does that work once.
///
/// `Clone` shares the documents rather than copying them (see the module
/// documentation on batches).
#[derive(Clone, Default)]
pub struct Resources {
    docs: BTreeMap<String, Doc>,
    /// URLs looked up and not found: an append-only log of what to ask
    /// the host for, written through `&self` because one shared borrow of
    /// the resources runs through the whole (recursive) pipeline.
    missing: RefCell<BTreeSet<String>>,
    /// The host's answers to signature checks, by [`SignatureCheck::id`].
    signatures: BTreeMap<[u8; 32], SignatureAnswer>,
    /// Signature checks asked for and not answered: a log like `missing`.
    unanswered: RefCell<BTreeMap<[u8; 32], SignatureCheck>>,
    work: RefCell<Work>,
}

/// A host's answer to a [`SignatureCheck`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignatureAnswer {
    /// The signature is valid.
    Valid,
    /// The signature is not valid (including a key the host's crypto
    /// refuses, such as a point not on its curve).
    Invalid,
    /// The host cannot verify it (no WebCrypto, an algorithm the browser
    /// lacks, over budget): the report says it could not be checked.
    Unavailable(String),
}

/// Work derived from supplied documents, kept so that it is done once per
/// batch. Each entry is keyed by everything it depends on (the URL, the
/// key it had to be signed with, the time it was judged at), and holds
/// only what documents that were *found* established, never a conclusion
/// drawn from a failure: a failure may be one input's own (past its fetch
/// budget), while [`Resources::keep_work_from`] hands work to the other
/// inputs of a batch.
#[derive(Clone, Default)]
pub(crate) struct Work {
    /// The term vocabulary of the bundled contexts (signed-data reading).
    pub(crate) vocabulary: Option<Rc<Vocabulary>>,
    /// The bundled JSON-LD contexts as processed for the RDF suites. Like
    /// the vocabulary it follows from the bundled documents alone, so the
    /// copies of a batch share one (`Clone` shares it) and it holds for
    /// every input; it never changes a result or the work an input is
    /// charged (see [`BundledContexts`]).
    pub(crate) contexts: Rc<RefCell<BundledContexts>>,
    /// Verified, inflated status lists by (URL, family, time judged).
    pub(crate) status_lists: BTreeMap<(String, Method, i64), Rc<LoadedList>>,
    /// Verified registries by (URL, governance DID, time judged).
    pub(crate) registries: BTreeMap<(String, String, i64), Rc<Registry>>,
}

impl Work {
    fn len(&self) -> usize {
        usize::from(self.vocabulary.is_some())
            + usize::from(!self.contexts.try_borrow().is_ok_and(|c| c.is_empty()))
            + self.status_lists.len()
            + self.registries.len()
    }

    /// Adds what `other` has and this lacks.
    fn absorb(&mut self, other: &Work) {
        if self.vocabulary.is_none() {
            self.vocabulary.clone_from(&other.vocabulary);
        }
        if self.contexts.try_borrow().is_ok_and(|c| c.is_empty()) {
            self.contexts.clone_from(&other.contexts);
        }
        for (k, v) in &other.status_lists {
            self.status_lists
                .entry(k.clone())
                .or_insert_with(|| v.clone());
        }
        for (k, v) in &other.registries {
            self.registries
                .entry(k.clone())
                .or_insert_with(|| v.clone());
        }
    }
}

/// A document's bytes, or why it could not be had; reference-counted so
/// that a copy of [`Resources`] for one input of a batch is cheap.
type Doc = Result<Rc<[u8]>, Rc<str>>;

impl fmt::Debug for Resources {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resources")
            .field("docs", &self.docs.keys().collect::<Vec<_>>())
            .field("missing", &self.missing.borrow())
            .field("work", &self.work.borrow().len())
            .finish()
    }
}

impl Resources {
    /// No documents.
    pub fn new() -> Self {
        Self::default()
    }

    /// Supplies the bytes fetched from `url`.
    pub fn insert(&mut self, url: impl Into<String>, bytes: Vec<u8>) {
        self.docs.insert(url.into(), Ok(Rc::from(bytes)));
    }

    /// Records that fetching `url` failed (network error, HTTP status, CORS…),
    /// so the core reports it instead of asking again.
    pub fn insert_failure(&mut self, url: impl Into<String>, reason: impl Into<String>) {
        self.docs.insert(url.into(), Err(Rc::from(reason.into())));
    }

    /// Looks `url` up, remembering it as needed when absent.
    pub fn get(&self, url: &str) -> Lookup<'_> {
        match self.docs.get(url) {
            Some(Ok(b)) => Lookup::Found(&b[..]),
            Some(Err(e)) => Lookup::Failed(&e[..]),
            None => {
                self.missing.borrow_mut().insert(String::from(url));
                Lookup::Missing
            }
        }
    }

    /// Records the host's answer to a signature check it was asked for
    /// ([`crate::Needs::signatures`]).
    pub fn insert_signature(&mut self, check: &SignatureCheck, answer: SignatureAnswer) {
        self.signatures.insert(check.id(), answer);
    }

    /// Signature checks asked for since the last call; clears the record.
    pub fn take_unanswered(&self) -> Vec<SignatureCheck> {
        core::mem::take(&mut *self.unanswered.borrow_mut())
            .into_values()
            .collect()
    }

    /// Supplies every document, failure and signature answer `other`
    /// holds, replacing what is here for the same URLs. The documents are
    /// shared, not copied.
    ///
    /// For a batch: pass what the host fetched to every input's copy and
    /// to the batch; never pass an input's copy itself, which holds the
    /// failures of that input's budget.
    pub fn supply_from(&mut self, other: &Resources) {
        for (url, doc) in &other.docs {
            self.docs.insert(url.clone(), doc.clone());
        }
        for (id, answer) in &other.signatures {
            self.signatures.insert(*id, answer.clone());
        }
    }

    /// Keeps the work `other` derived from its documents (a verified,
    /// inflated status list…) that is not here yet, so that what one
    /// input of a batch verified the next one reads. `other` is a copy of
    /// these resources, used for one input: derived work only ever comes
    /// from documents that were found (see [`Work`]), so it holds for every
    /// input, whatever failures that copy also recorded.
    pub fn keep_work_from(&self, other: &Resources) {
        if core::ptr::eq(self, other) {
            return;
        }
        let theirs = other.work.borrow();
        self.work.borrow_mut().absorb(&theirs);
    }

    /// URLs asked for since the last call, in sorted order; clears the record.
    pub fn take_missing(&self) -> Vec<String> {
        core::mem::take(&mut *self.missing.borrow_mut())
            .into_iter()
            .collect()
    }

    /// The derived work, to read or add to. Never hold the borrow across
    /// a call that may need it again (verifying a nested document).
    pub(crate) fn work(&self) -> core::cell::RefMut<'_, Work> {
        self.work.borrow_mut()
    }

    /// True when no document has been supplied.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

impl Verifier for Resources {
    fn check(&self, check: SignatureCheck) -> Result<(), ProofError> {
        if let Some(done) = signature::verify_in_core(&check) {
            return done;
        }
        let id = check.id();
        match self.signatures.get(&id) {
            Some(SignatureAnswer::Valid) => Ok(()),
            Some(SignatureAnswer::Invalid) => Err(ProofError::BadSignature),
            Some(SignatureAnswer::Unavailable(reason)) => {
                Err(ProofError::HostCannotVerify(reason.clone()))
            }
            None => {
                self.unanswered.borrow_mut().insert(id, check);
                Err(ProofError::Pending)
            }
        }
    }
}

impl Documents for Resources {
    fn get(&self, url: &str) -> Lookup<'_> {
        Resources::get(self, url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inputs_copy_keeps_its_failures_and_the_batch_its_documents() {
        let mut batch = Resources::new();
        batch.insert("https://a.example/1", b"one".to_vec());

        // One input's copy: what its budget refused stays in the copy.
        let mut mine = batch.clone();
        mine.insert_failure("https://a.example/2", "too many documents for one check");
        let mut fetched = Resources::new();
        fetched.insert("https://a.example/3", b"three".to_vec());
        fetched.insert_failure("https://a.example/4", "unreachable");
        mine.supply_from(&fetched);
        batch.supply_from(&fetched);
        let vocab = Rc::new(Vocabulary::bundled().unwrap());
        mine.work().vocabulary = Some(vocab.clone());
        batch.keep_work_from(&mine);

        assert_eq!(batch.get("https://a.example/1"), Lookup::Found(b"one"));
        assert_eq!(batch.get("https://a.example/2"), Lookup::Missing);
        assert_eq!(batch.get("https://a.example/3"), Lookup::Found(b"three"));
        assert_eq!(
            batch.get("https://a.example/4"),
            Lookup::Failed("unreachable")
        );
        assert!(batch
            .work()
            .vocabulary
            .as_ref()
            .is_some_and(|v| Rc::ptr_eq(v, &vocab)));
        // The next input's copy starts from the batch.
        let next = batch.clone();
        // Processed bundled contexts are shared by every copy.
        assert!(Rc::ptr_eq(&next.work().contexts, &mine.work().contexts));
        assert_eq!(next.get("https://a.example/2"), Lookup::Missing);
        assert_eq!(
            mine.get("https://a.example/2"),
            Lookup::Failed("too many documents for one check")
        );
        // Documents are shared between copies, not copied.
        match (
            batch.docs.get("https://a.example/3"),
            next.docs.get("https://a.example/3"),
        ) {
            (Some(Ok(a)), Some(Ok(b))) => assert!(Rc::ptr_eq(a, b)),
            other => panic!("{other:?}"),
        }
        batch.keep_work_from(&batch);
    }
}
