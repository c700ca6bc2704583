//! The browser as the core's host: passes the time in, fetches what the
//! core asks for, and calls it again until it has a report. All decisions
//! about the credential are the core's; this only moves bytes.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::{clock, crypto, fetch};
use alloc::rc::Rc;
use mcx_verifier_core::registry::{self, Registry};
use mcx_verifier_core::{
    FetchBudget, Needs, Options, RegistrySource, Report, Resources, SignatureAnswer,
    SignatureCheck, Step, Timestamp,
};
use web_sys::RequestCache;

/// Where the demo network's documents live on the internet. They are not
/// really published there: a host that serves the demo files itself maps
/// these addresses to its own copies ([`Config::demo_base`]).
pub const DEMO_ORIGIN: &str = "https://demo.microcredx.eu/";

/// The registry of the network this build trusts. Until the network
/// publishes its production registry this is the demo network's.
pub const NETWORK_REGISTRY_URL: &str = registry::DEMO_REGISTRY_URL;
/// The governance DID pinned for [`NETWORK_REGISTRY_URL`]: a registry
/// signed by anyone else is refused.
pub const NETWORK_KEY: &str = registry::DEMO_GOVERNANCE_DID;

/// How a host wants verification done. `Default` is the built-in network
/// registry, the browser's clock, no challenge, no demo mapping.
#[derive(Clone, Debug)]
pub struct Config {
    /// The time to verify at; the browser's clock when `None`.
    pub now: Option<Timestamp>,
    /// For presentations: the challenge this verifier issued.
    pub challenge: Option<String>,
    /// For presentations: this verifier's domain.
    pub domain: Option<String>,
    /// Absolute URL of a folder serving the demo network's files (e.g.
    /// `https://verify.example/demo/`): every requested URL under
    /// [`DEMO_ORIGIN`] is fetched from there instead.
    pub demo_base: Option<String>,
    /// The network registry to check issuers against; `None` checks no
    /// membership (the report then says so).
    pub registry: Option<RegistrySource>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            now: None,
            challenge: None,
            domain: None,
            demo_base: None,
            registry: Some(network_registry()),
        }
    }
}

/// The registry of the network this build trusts, with its pinned key.
pub fn network_registry() -> RegistrySource {
    RegistrySource {
        url: NETWORK_REGISTRY_URL.into(),
        governance_did: NETWORK_KEY.into(),
    }
}

/// A finished verification: the report and what the core was given (the
/// site builds its share link from the same documents).
pub struct Verified {
    /// The core's report.
    pub report: Report,
    /// Documents fetched for it, keyed by the URL the core asked for.
    pub resources: Resources,
    /// The network registry the core accepted for it, if any.
    pub registry: Option<Rc<Registry>>,
}

impl Config {
    /// The core's options for this configuration.
    pub fn options(&self) -> Options {
        let mut options = Options::new(self.now.unwrap_or_else(clock::now));
        options.challenge.clone_from(&self.challenge);
        options.domain.clone_from(&self.domain);
        options.registry.clone_from(&self.registry);
        options
    }

    /// The address to actually fetch for a URL the core asked for.
    pub fn served_url(&self, url: &str) -> String {
        match (&self.demo_base, url.strip_prefix(DEMO_ORIGIN)) {
            (Some(base), Some(rest)) => format!("{}/{}", base.trim_end_matches('/'), rest),
            _ => url.to_string(),
        }
    }
}

/// Verifies `input`, fetching every document the core needs. Failures to
/// fetch are recorded, in plain words, for the core to report; the core's
/// [`FetchBudget`] bounds the rounds and documents.
///
/// Only the waiting is `async`; every step in between is a plain function
/// of [`Session`], kept out of line so that the compiled future stays small
/// (the widget counts its bytes).
pub async fn run(input: &[u8], config: &Config) -> Verified {
    let mut session = Session::new(input, config);
    loop {
        match session.round() {
            Ok(verified) => break verified,
            Err(Needs { urls, signatures }) => {
                // Send every request of the round before awaiting any.
                let pending: Vec<_> = urls
                    .iter()
                    .map(|url| {
                        let served = config.served_url(url);
                        if config.registry.as_ref().is_some_and(|r| r.url == *url) {
                            // The registry changes rarely and carries its own
                            // validity period: the browser's HTTP cache may
                            // answer (the core verifies it all the same).
                            fetch::start_with(&served, RequestCache::Default)
                        } else {
                            fetch::start(&served)
                        }
                    })
                    .collect();
                for check in &signatures {
                    let answer = crypto::verify(check).await;
                    session.supply_signature(check, answer);
                }
                for (url, request) in urls.into_iter().zip(pending) {
                    let result = request.finish().await;
                    session.supply(url, result);
                }
            }
        }
    }
}

/// The state of one verification between fetches.
struct Session<'a> {
    input: &'a [u8],
    options: Options,
    resources: Resources,
    budget: FetchBudget,
}

impl<'a> Session<'a> {
    fn new(input: &'a [u8], config: &Config) -> Self {
        Session {
            input,
            options: config.options(),
            resources: Resources::new(),
            budget: FetchBudget::new(),
        }
    }

    /// Verifies with what has been fetched: the result, or what to fetch
    /// and check next.
    #[inline(never)]
    fn round(&mut self) -> Result<Verified, Needs> {
        match self
            .budget
            .step(self.input, &self.options, &mut self.resources)
        {
            Step::Done(report) => Ok(Verified {
                report,
                registry: registry::accepted(&self.options, &self.resources),
                resources: core::mem::take(&mut self.resources),
            }),
            Step::Need(needs) => Err(needs),
        }
    }

    /// Records WebCrypto's answer to a signature check.
    #[inline(never)]
    fn supply_signature(&mut self, check: &SignatureCheck, answer: SignatureAnswer) {
        self.resources.insert_signature(check, answer);
    }

    /// Records what fetching `url` gave.
    #[inline(never)]
    fn supply(&mut self, url: String, result: Result<Vec<u8>, fetch::FetchError>) {
        match result {
            Ok(bytes) => self.resources.insert(url, bytes),
            Err(e) => self.resources.insert_failure(url, e.reason()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_addresses_map_to_the_served_copy() {
        let config = Config {
            demo_base: Some("http://127.0.0.1:8080/demo/".into()),
            ..Config::default()
        };
        assert_eq!(
            config.served_url("https://demo.microcredx.eu/status/1.json"),
            "http://127.0.0.1:8080/demo/status/1.json"
        );
        assert_eq!(
            config.served_url("https://uni.example/status/1"),
            "https://uni.example/status/1"
        );
        let plain = Config::default();
        assert_eq!(
            plain.served_url("https://demo.microcredx.eu/a"),
            "https://demo.microcredx.eu/a"
        );
        assert_eq!(plain.registry, Some(network_registry()));
    }
}
