//! What the host has fetched for the core.
//!
//! The core never does I/O. When verification needs a document it does not
//! have (a status list, a `did:web` DID document, a hosted credential), it
//! records the URL as missing and finishes the rest; [`crate::verify`] then
//! returns [`crate::Step::Need`] with every missing URL at once, so the host
//! can fetch them in parallel and call again.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;
use core::cell::RefCell;
use core::fmt;

/// Documents supplied by the host, keyed by URL.
///
/// It also remembers work derived from those documents (a verified and
/// inflated status list, say), so that checking many credentials against
/// the same list — a presentation, a batch run — does that work once.
#[derive(Clone, Default)]
pub struct Resources {
    docs: BTreeMap<String, Result<Vec<u8>, String>>,
    missing: RefCell<BTreeSet<String>>,
    memo: RefCell<BTreeMap<String, Rc<dyn Any>>>,
}

impl fmt::Debug for Resources {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resources")
            .field("docs", &self.docs.keys().collect::<Vec<_>>())
            .field("missing", &self.missing.borrow())
            .field("memoized", &self.memo.borrow().len())
            .finish()
    }
}

/// The answer for one URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup<'a> {
    /// The host supplied these bytes.
    Found(&'a [u8]),
    /// The host tried and failed, for this reason.
    Failed(&'a str),
    /// Not supplied yet; recorded so that the host is asked for it.
    Missing,
}

impl Resources {
    /// No documents.
    pub fn new() -> Self {
        Self::default()
    }

    /// Supplies the bytes fetched from `url`.
    pub fn insert(&mut self, url: impl Into<String>, bytes: Vec<u8>) {
        self.docs.insert(url.into(), Ok(bytes));
    }

    /// Records that fetching `url` failed (network error, HTTP status, CORS…),
    /// so the core reports it instead of asking again.
    pub fn insert_failure(&mut self, url: impl Into<String>, reason: impl Into<String>) {
        self.docs.insert(url.into(), Err(reason.into()));
    }

    /// Looks `url` up, remembering it as needed when absent.
    pub fn get(&self, url: &str) -> Lookup<'_> {
        match self.docs.get(url) {
            Some(Ok(b)) => Lookup::Found(b),
            Some(Err(e)) => Lookup::Failed(e),
            None => {
                self.missing.borrow_mut().insert(String::from(url));
                Lookup::Missing
            }
        }
    }

    /// URLs asked for since the last call, in sorted order; clears the record.
    pub fn take_missing(&self) -> Vec<String> {
        core::mem::take(&mut *self.missing.borrow_mut())
            .into_iter()
            .collect()
    }

    /// The value memoized under `key`, if any. Keys must name everything
    /// the value depends on (the URL, the time it was judged at…).
    pub(crate) fn memoized<T: 'static>(&self, key: &str) -> Option<Rc<T>> {
        let memo = self.memo.borrow();
        memo.get(key).cloned().and_then(|v| v.downcast::<T>().ok())
    }

    /// Remembers `value` under `key`. Documents supplied later do not
    /// invalidate it: memoize only what depends on documents already present.
    pub(crate) fn memoize<T: 'static>(&self, key: String, value: T) -> Rc<T> {
        let rc = Rc::new(value);
        self.memo.borrow_mut().insert(key, rc.clone());
        rc
    }

    /// True when no document has been supplied.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}
