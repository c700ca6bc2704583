//! The browser as the core's host: passes the time in, fetches what the
//! core asks for, and calls it again until it has a report. All decisions
//! about the credential are the core's.

use crate::browser;
use futures::future::join_all;
use mcx_verifier_core::input::{self, Decoded};
use mcx_verifier_core::{
    json, verify, verify_offline, Options, Report, Resources, Step, Timestamp,
};

/// Rounds of fetching before the remaining documents count as unavailable
/// (a link to a credential, then its DID document, then its status list…).
const MAX_ROUNDS: usize = 6;
/// Documents fetched for one verification at most.
const MAX_FETCHES: usize = 24;

/// A finished verification: the report and what the core was given, so the
/// share link can be made from the same documents.
pub struct Verified {
    /// The core's report.
    pub report: Report,
    /// Documents fetched for it.
    pub resources: Resources,
}

/// The current time for the core (the browser's clock, whole seconds).
pub fn now() -> Timestamp {
    Timestamp::from_unix_seconds((js_sys::Date::now() / 1000.0).floor() as i64)
}

/// Options for a verification now.
pub fn options() -> Options {
    Options::new(now())
}

/// Verifies `input`, fetching every document the core needs.
pub async fn run(input: &[u8]) -> Verified {
    let options = options();
    let mut resources = Resources::new();
    let mut fetched = 0usize;
    for _ in 0..MAX_ROUNDS {
        match verify(input, &options, &resources) {
            Step::Done(report) => return Verified { report, resources },
            Step::Need(urls) => {
                let allowed = MAX_FETCHES.saturating_sub(fetched).min(urls.len());
                let (now, later) = urls.split_at(allowed);
                fetched += now.len();
                let results = join_all(now.iter().map(|url| browser::fetch_bytes(url))).await;
                for (url, result) in now.iter().zip(results) {
                    match result {
                        Ok(bytes) => resources.insert(url.clone(), bytes),
                        Err(e) => resources.insert_failure(url.clone(), e.reason()),
                    }
                }
                for url in later {
                    resources.insert_failure(url.clone(), "too many documents for one check");
                }
            }
        }
    }
    let report = verify_offline(input, &options, &resources);
    Verified { report, resources }
}

/// The credential's own text (JSON or compact JWS) for a share link, decoded
/// by the core from whatever envelope it came in (link, baked badge…).
pub fn credential_text(input: &[u8], resources: &Resources) -> Option<String> {
    match input::decode(input, &options().limits, resources).ok()? {
        Decoded::Json(value, _) => Some(json::to_string(&value)),
        Decoded::Jwt(text, _) => Some(text),
    }
}

/// The verification link for a credential text: this page with the
/// credential in the fragment.
pub fn share_link(credential: &str) -> String {
    format!(
        "{}#vc={}",
        browser::page_base(),
        input::encode_fragment(credential.as_bytes())
    )
}
