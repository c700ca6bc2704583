//! What the host has fetched for the core.
//!
//! The core never does I/O. When verification needs a document it does not
//! have (a status list, a `did:web` DID document, a hosted credential), it
//! records the URL as missing and finishes the rest; [`crate::verify`] then
//! returns [`crate::Step::Need`] with every missing URL at once, so the host
//! can fetch them in parallel and call again.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;

/// Documents supplied by the host, keyed by URL.
#[derive(Clone, Debug, Default)]
pub struct Resources {
    docs: BTreeMap<String, Result<Vec<u8>, String>>,
    missing: RefCell<BTreeSet<String>>,
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

    /// True when no document has been supplied.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}
