//! The host's side of the sans-I/O loop: [`Step`] says whether the core
//! is done or needs something from the host (documents, signature checks),
//! and [`FetchBudget`] bounds how much any one input can make a host do.

use alloc::string::String;
use alloc::vec::Vec;

use crate::options::Options;
use crate::proof::signature::SignatureCheck;
use crate::report::Report;
use crate::resources::{Resources, SignatureAnswer};
use crate::verify::{verify, verify_offline};

/// The result of one call to [`verify`].
#[derive(Clone, Debug)]
pub enum Step {
    /// Verification finished.
    Done(Report),
    /// The host must provide these (into [`Resources`]) and call again.
    Need(Needs),
}

/// What the core needs from the host to go on: all of it at once, so that
/// the host can fetch and verify in parallel.
#[derive(Clone, Debug, Default)]
pub struct Needs {
    /// URLs to fetch ([`Resources::insert`] or [`Resources::insert_failure`]),
    /// in sorted order.
    pub urls: Vec<String>,
    /// Signatures to verify ([`Resources::insert_signature`]). Only hosts
    /// built without the core's `native-crypto` feature are asked (ECDSA
    /// and RSA; Ed25519 is always checked in the core).
    pub signatures: Vec<SignatureCheck>,
}

impl Needs {
    /// True when nothing is needed.
    pub fn is_empty(&self) -> bool {
        self.urls.is_empty() && self.signatures.is_empty()
    }
}

/// Rounds a host does for one input before whatever is still missing
/// counts as unavailable (a link to a credential, then its DID document,
/// then its status list… real chains are three or four long; a host that
/// verifies ECDSA or RSA signatures for the core answers each in a round
/// of its own, which can add two).
pub const MAX_FETCH_ROUNDS: usize = 8;
/// Documents a host fetches for one input at most.
pub const MAX_FETCHES: usize = 24;
/// Signature checks a host is asked for per input at most. A derived
/// `ecdsa-sd-2023` proof needs one per disclosed statement besides its base
/// signature: up to 1 + `proof::ecdsa_sd::MAX_SIGNATURES` (129),
/// asked in one round; this leaves room for a presentation's own proof and
/// a few more credentials. Still bounded work: each check is one ECDSA or
/// RSA verification of a message the core has already bounded (a fraction
/// of a millisecond in WebCrypto), and those past the bound fail.
pub const MAX_SIGNATURE_CHECKS: usize = 160;
/// Largest document a host should accept from the network. Credentials,
/// DID documents and status lists are a few KB; a baked badge a few MB.
pub const MAX_DOCUMENT_BYTES: usize = 12 * 1024 * 1024;

/// The bounds of one verification by a host that fetches: calls [`verify`]
/// until it is done, and keeps the host within [`MAX_FETCH_ROUNDS`] rounds
/// and [`MAX_FETCHES`] documents, so that no input can make a host fetch
/// without end. Every host (browser, widget, CLI) drives the core with it.
///
/// ```
/// use mcx_verifier_core::{FetchBudget, Options, Resources, Step, Timestamp};
///
/// let options = Options::new(Timestamp::from_unix_seconds(1_800_000_000));
/// let mut resources = Resources::new();
/// let mut budget = FetchBudget::new();
/// let report = loop {
///     match budget.step(b"{}", &options, &mut resources) {
///         Step::Done(report) => break report,
///         Step::Need(needs) => {
///             for url in needs.urls {
///                 // A real host fetches `url` here.
///                 resources.insert_failure(url, "no network in this example");
///             }
///         }
///     }
/// };
/// assert_eq!(report.verdict(), mcx_verifier_core::Verdict::Invalid);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct FetchBudget {
    rounds: usize,
    fetched: usize,
    checked: usize,
}

impl FetchBudget {
    /// A budget for one input.
    pub fn new() -> Self {
        Self::default()
    }

    /// Verifies with what `resources` holds. Returns [`Step::Need`] with
    /// the URLs to fetch and signatures to check now (those past the
    /// budget are already recorded in `resources` as failures); the last
    /// round counts whatever is missing as unavailable and is always
    /// [`Step::Done`].
    pub fn step(&mut self, input: &[u8], options: &Options, resources: &mut Resources) -> Step {
        self.rounds += 1;
        if self.rounds >= MAX_FETCH_ROUNDS {
            return Step::Done(verify_offline(input, options, resources));
        }
        match verify(input, options, resources) {
            Step::Done(report) => Step::Done(report),
            Step::Need(mut needs) => {
                let allowed = MAX_FETCHES
                    .saturating_sub(self.fetched)
                    .min(needs.urls.len());
                for url in needs.urls.split_off(allowed) {
                    resources.insert_failure(url, "too many documents for one check");
                }
                self.fetched += needs.urls.len();
                let allowed = MAX_SIGNATURE_CHECKS
                    .saturating_sub(self.checked)
                    .min(needs.signatures.len());
                for check in needs.signatures.split_off(allowed) {
                    resources.insert_signature(
                        &check,
                        SignatureAnswer::Unavailable(String::from(
                            "too many signatures for one check",
                        )),
                    );
                }
                self.checked += needs.signatures.len();
                if needs.is_empty() {
                    // Everything asked for was over budget and is now a
                    // recorded failure: one more pass finishes.
                    return self.step(input, options, resources);
                }
                Step::Need(needs)
            }
        }
    }
}
