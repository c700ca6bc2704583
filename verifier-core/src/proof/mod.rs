//! Signatures and the keys that make them: Data Integrity suites, compact
//! JWS, and resolving a verification method to a key through its DID
//! method.
//!
//! A new suite is a variant of [`Suite`] with its canonicalization in
//! `data_integrity`; a new key type or DID method is a function in `did`.

pub mod data_integrity;
pub mod did;
pub mod jws;

pub use data_integrity::*;
