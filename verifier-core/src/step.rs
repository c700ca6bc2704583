//! The host's side of the sans-I/O loop: [`Step`] says whether the core
//! is done or needs documents, and [`FetchBudget`] bounds how much any one
//! input can make a host fetch.

use alloc::string::String;
use alloc::vec::Vec;

use crate::options::Options;
use crate::report::Report;
use crate::resources::Resources;
use crate::verify::{verify, verify_offline};

/// The result of one call to [`verify`].
#[derive(Clone, Debug)]
pub enum Step {
    /// Verification finished.
    Done(Report),
    /// The host must fetch these URLs (into [`Resources`]) and call again.
    Need(Vec<String>),
}

/// Rounds of fetching a host does for one input before whatever is still
/// missing counts as unavailable (a link to a credential, then its DID
/// document, then its status list… real chains are three or four long).
pub const MAX_FETCH_ROUNDS: usize = 6;
/// Documents a host fetches for one input at most.
pub const MAX_FETCHES: usize = 24;
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
///         Step::Need(urls) => {
///             for url in urls {
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
}

impl FetchBudget {
    /// A budget for one input.
    pub fn new() -> Self {
        Self::default()
    }

    /// Verifies with what `resources` holds. Returns [`Step::Need`] with
    /// the URLs to fetch now (those past the budget are already recorded in
    /// `resources` as failures); the last round counts whatever is missing
    /// as unavailable and is always [`Step::Done`].
    pub fn step(&mut self, input: &[u8], options: &Options, resources: &mut Resources) -> Step {
        self.rounds += 1;
        if self.rounds >= MAX_FETCH_ROUNDS {
            return Step::Done(verify_offline(input, options, resources));
        }
        match verify(input, options, resources) {
            Step::Done(report) => Step::Done(report),
            Step::Need(mut urls) => {
                let allowed = MAX_FETCHES.saturating_sub(self.fetched).min(urls.len());
                for url in urls.split_off(allowed) {
                    resources.insert_failure(url, "too many documents for one check");
                }
                self.fetched += urls.len();
                if urls.is_empty() {
                    // Everything asked for was over budget and is now a
                    // recorded failure: one more pass finishes.
                    return self.step(input, options, resources);
                }
                Step::Need(urls)
            }
        }
    }
}
