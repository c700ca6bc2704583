//! The documents a host supplies, as the layers below the pipeline see
//! them: looked up by URL, found, failed, or not supplied yet. The
//! pipeline's [`crate::Resources`] implements [`Documents`]; a building block
//! that needs a document (a `did:web` key document) asks through the trait
//! and never sees the pipeline's caches.

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

/// A source of host-supplied documents.
pub trait Documents {
    /// Looks `url` up; a document not supplied yet is [`Lookup::Missing`]
    /// (and the pipeline will ask the host for it).
    fn get(&self, url: &str) -> Lookup<'_>;
}
