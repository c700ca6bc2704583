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
//!         Step::Need(urls) => urls.into_iter().for_each(|u| resources.insert_failure(u, "offline")),
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

extern crate alloc;
#[cfg(any(test, feature = "std"))]
extern crate std;

pub mod baked;
pub mod checksum;
pub mod contexts;
pub mod decimal;
pub mod did;
pub mod input;
pub mod jcs;
pub mod json;
pub mod jsonld;
pub mod jws;
pub mod multibase;
pub mod portfolio;
pub mod proof;
pub mod rdf;
pub mod rdfc;
pub mod registry;
pub mod report;
pub mod resources;
pub mod signed_view;
pub mod status;
pub mod summary;
pub mod time;
pub mod verify;

pub use report::{Check, CheckKind, Code, Kind, Outcome, Report, Verdict};
pub use resources::Resources;
pub use time::Timestamp;
pub use verify::{verify, verify_offline, FetchBudget, Limits, Options, Step};
