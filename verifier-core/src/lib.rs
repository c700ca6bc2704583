//! # MicroCredX verification core
//!
//! Verifies digital micro-credentials — W3C Verifiable Credentials 1.1 and
//! 2.0, Open Badges 3.0 — entirely offline: Data Integrity proofs
//! (`eddsa-jcs-2022`, `eddsa-rdfc-2022`, `Ed25519Signature2020`), JWTs with
//! EdDSA, `did:key` / `did:jwk` / `did:web` keys, validity periods, status
//! lists and the MicroCredX network registry.
//!
//! The crate is `#![no_std]` + `alloc` and *sans-I/O*: it never fetches, has
//! no clock and no randomness. The host passes the current time and answers
//! requests for documents by URL ([`Step::Need`]):
//!
//! ```
//! use mcx_verifier_core::{verify, Options, Resources, Step, Timestamp, Verdict};
//!
//! let credential = br#"{"not": "a credential"}"#;
//! let options = Options::new(Timestamp::parse_rfc3339("2026-11-28T12:00:00Z").unwrap());
//! let mut resources = Resources::new();
//! let report = loop {
//!     match verify(credential, &options, &resources) {
//!         Step::Done(report) => break report,
//!         // A real host fetches each URL (browser fetch, HTTP, a local file).
//!         Step::Need(needs) => needs.urls.into_iter().for_each(|u| resources.insert_failure(u, "offline")),
//!     }
//! };
//! assert_eq!(report.verdict(), Verdict::Invalid);
//! assert!(report.to_json().contains("\"code\":\"malformed\""));
//! ```
//!
//! Every input gets a [`Report`]; malformed input is a failed check with a
//! stable [`Code`], never an `Err` or a panic, and all work is bounded by
//! [`Limits`].
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// Without `low-level`, the issuing halves of the building blocks (signing,
// encoding, baking) and their test helpers are unreachable by design; the
// build with the feature (the CLI, tests, fuzzing) still checks for dead code.
#![cfg_attr(not(feature = "low-level"), allow(dead_code, unused_imports))]

extern crate alloc;
#[cfg(any(test, feature = "std"))]
extern crate std;

// The tree follows the layers, lowest first; a module imports only from
// its own layer or below (ARCHITECTURE.md draws the map):
// encoding → ld → proof → trust → report → options, resources → input →
// verify (the pipeline) → step (the host loop).
mod documents;
mod encoding;
mod input;
mod ld;
mod model;
mod options;
mod proof;
mod report;
mod resources;
mod step;
mod time;
mod trust;
mod verify;

pub use model::DataModel;
pub use options::{Limits, Options, RegistrySource};
pub use proof::key::PublicKey;
pub use proof::signature::{Algorithm, SignatureCheck};
pub use report::{
    Check, CheckKind, Code, Kind, Outcome, Report, Verdict, ALL_CHECK_KINDS, ALL_CODES,
};
pub use resources::{Lookup, Resources, SignatureAnswer};
pub use step::{
    FetchBudget, Needs, Step, MAX_DOCUMENT_BYTES, MAX_FETCHES, MAX_FETCH_ROUNDS,
    MAX_SIGNATURE_CHECKS,
};
pub use time::Timestamp;
pub use verify::{verify, verify_offline};

/// The JSON values reports carry in their details (the credential summary,
/// the issuer's membership…), with a strict, bounded parser.
pub mod json {
    pub use crate::encoding::decimal::parse_f64;
    pub use crate::encoding::json::*;
}

/// The network registry's content (members, recognitions, combined
/// offers), for hosts that show a portfolio's progress.
pub mod registry {
    pub use crate::trust::registry::*;
    pub use crate::verify::{accepted_registry as accepted, verify_registry};
}

/// Grouping verified credentials by learner, so that only one learner's
/// credits add up.
pub mod portfolio {
    pub use crate::report::portfolio::*;
}

/// The summary of a credential's content that a report shows, and
/// checking an address against an Open Badges 2.0 recipient identity.
pub mod summary {
    pub use crate::report::summary::*;
    pub use crate::verify::recipient_matches;
}

/// Decoding what a user gives (JSON, a JWT, a share link, a QR payload, a
/// baked badge) and encoding share-link fragments.
pub mod share {
    pub use crate::input::{
        decode, decode_fragment, encode_fragment, encode_fragment_for_qr, hosted_address, Decoded,
    };
}

/// The building blocks under the pipeline — JSON, JCS, JSON-LD, RDF and
/// RDFC, multibase, baked images, DIDs, JWS, Data Integrity proofs, status
/// lists — for conformance tests, fuzzing and the issuing tools.
///
/// Not part of the stable API: enable the `low-level` feature to use them.
#[cfg(feature = "low-level")]
pub mod low_level {
    pub use crate::encoding::{baked, checksum, decimal, gzip, jcs, json, multibase};
    /// Input decoding, down to its errors.
    pub mod input {
        pub use crate::input::*;
    }
    pub use crate::ld::{contexts, jsonld, rdf, rdfc, signed_view};
    pub use crate::proof::{did, jws, key, signature};
    pub use crate::trust::{registry, status};
    /// Data Integrity proofs: verification and signing.
    pub mod proof {
        pub use crate::proof::data_integrity::*;
    }
    pub use crate::model::{issuer_id, VC_V1, VC_V2};
}
