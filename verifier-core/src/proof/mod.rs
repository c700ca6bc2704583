//! Signatures and the keys that make them: Data Integrity suites, compact
//! JWS, public keys, signature checks, and resolving a verification method
//! to a key through its DID method.
//!
//! A new suite is a line in [`SUITES`] (and a variant of [`Suite`]); a new
//! key type is a variant of [`key::PublicKey`] with its parsing, and an
//! algorithm in [`signature`]; a new DID method is a function in `did`.

pub mod data_integrity;
pub mod detached_jws;
pub mod did;
pub mod ecdsa_sd;
pub mod jws;
pub mod key;
pub mod signature;

pub use data_integrity::*;
