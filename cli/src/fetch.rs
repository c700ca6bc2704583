//! Fetching the documents the core asks for (status lists, `did:web`
//! documents, hosted credentials) over HTTPS, for `mcx verify`.
//!
//! The policy is the browser's, made explicit: `https:` only (plain `http:`
//! only to this machine, for local testing), no cookies or credentials, at
//! most [`MAX_DOCUMENT_BYTES`] per document, a time limit per request, and
//! every redirect checked against the same rules.

use std::time::Duration;

use mcx_verifier_core::verify::MAX_DOCUMENT_BYTES;
use mcx_verifier_core::Resources;

/// Time allowed for one request, redirects included.
const TIMEOUT: Duration = Duration::from_secs(15);
/// Redirects followed for one document.
const MAX_REDIRECTS: usize = 5;

/// Gets documents from the network, or (offline) from nowhere.
pub struct Fetcher {
    agent: Option<ureq::Agent>,
}

impl Fetcher {
    /// A fetcher that uses the network, or with `offline` one that records
    /// every request as unavailable.
    pub fn new(offline: bool) -> Self {
        let agent = (!offline).then(|| {
            ureq::Agent::config_builder()
                .timeout_global(Some(TIMEOUT))
                // Redirects are followed here, so that each hop is checked.
                .max_redirects(0)
                .max_redirects_will_error(false)
                .http_status_as_error(false)
                .user_agent(concat!("mcx/", env!("CARGO_PKG_VERSION")))
                .accept("application/vc+jwt, application/vc+ld+json, application/ld+json, application/json;q=0.9, */*;q=0.5")
                .build()
                .into()
        });
        Fetcher { agent }
    }

    /// Fetches every URL (in parallel) into `resources`, recording each
    /// failure in plain words for the report.
    pub fn fetch_all(&self, urls: Vec<String>, resources: &mut Resources) {
        let Some(agent) = &self.agent else {
            for url in urls {
                resources.insert_failure(
                    url,
                    "not fetched (--offline; give it with --resource URL=FILE)",
                );
            }
            return;
        };
        let results: Vec<(String, Result<Vec<u8>, String>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = urls
                .into_iter()
                .map(|url| {
                    scope.spawn(move || {
                        let result = get(agent, &url);
                        (url, result)
                    })
                })
                .collect();
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        });
        for (url, result) in results {
            match result {
                Ok(bytes) => resources.insert(url, bytes),
                Err(why) => resources.insert_failure(url, why),
            }
        }
    }
}

/// GETs `url`, following redirects that pass [`check_url`].
fn get(agent: &ureq::Agent, url: &str) -> Result<Vec<u8>, String> {
    let mut current = url.to_string();
    for _ in 0..=MAX_REDIRECTS {
        check_url(&current)?;
        let mut response = agent
            .get(&current)
            .call()
            .map_err(|e| format!("cannot fetch {current}: {}", describe(&e)))?;
        let status = response.status().as_u16();
        if matches!(status, 301 | 302 | 303 | 307 | 308) {
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| format!("HTTP status {status} without a Location from {current}"))?;
            current = resolve(&current, location)?;
            continue;
        }
        if !(200..300).contains(&status) {
            return Err(format!("HTTP status {status} from {current}"));
        }
        return response
            .body_mut()
            .with_config()
            .limit(MAX_DOCUMENT_BYTES as u64)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => format!(
                    "{current} is larger than {} MB",
                    MAX_DOCUMENT_BYTES / (1024 * 1024)
                ),
                e => format!("cannot read {current}: {}", describe(&e)),
            });
    }
    Err(format!("more than {MAX_REDIRECTS} redirects from {url}"))
}

/// A short reason for a transport error.
fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => format!("no answer within {} s", TIMEOUT.as_secs()),
        ureq::Error::HostNotFound => "host not found".into(),
        ureq::Error::Io(io) => format!("network error: {io}"),
        e => e.to_string(),
    }
}

/// Accepts `https:` URLs, and `http:` ones only to this machine (a test
/// server); refuses everything else (`file:`, `data:`, plain-text HTTP to
/// other hosts, where anyone on the path could swap a status list).
pub fn check_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") {
        return Ok(());
    }
    if let Some(rest) = lower.strip_prefix("http://") {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = match authority.rsplit_once('@') {
            Some(_) => return Err(format!("refusing {url}: credentials in the address")),
            None => authority,
        };
        let host = if host.starts_with('[') {
            host.split_inclusive(']').next().unwrap_or(host)
        } else {
            host.split(':').next().unwrap_or(host)
        };
        let loopback_ip = host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback());
        if host == "localhost" || host == "[::1]" || loopback_ip {
            return Ok(());
        }
        return Err(format!(
            "refusing {url}: plain http (only https, or http to this machine, is fetched)"
        ));
    }
    Err(format!("refusing {url}: not an https address"))
}

/// Resolves a redirect's `Location` against the URL that gave it.
fn resolve(base: &str, location: &str) -> Result<String, String> {
    let lower = location.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Ok(location.to_string());
    }
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let origin_end = base[scheme_end..]
        .find(['/', '?', '#'])
        .map(|i| scheme_end + i)
        .unwrap_or(base.len());
    if let Some(rest) = location.strip_prefix("//") {
        return Ok(format!("{}{rest}", &base[..scheme_end]));
    }
    if location.starts_with('/') {
        return Ok(format!("{}{location}", &base[..origin_end]));
    }
    Err(format!("unsupported redirect to {location:?} from {base}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_loopback_http_is_fetched() {
        assert!(check_url("https://uni.example/status/1").is_ok());
        assert!(check_url("HTTPS://uni.example/").is_ok());
        assert!(check_url("http://127.0.0.1:8080/x").is_ok());
        assert!(check_url("http://localhost/x").is_ok());
        assert!(check_url("http://[::1]:9/x").is_ok());
        assert!(check_url("http://uni.example/status/1").is_err());
        assert!(check_url("http://localhost.evil.example/").is_err());
        assert!(check_url("http://127.evil.example/").is_err());
        assert!(check_url("http://user@127.0.0.1/").is_err());
        assert!(check_url("file:///etc/passwd").is_err());
        assert!(check_url("data:,x").is_err());
    }

    #[test]
    fn redirects_resolve_against_the_origin() {
        let base = "https://a.example/x/y?q=1";
        assert_eq!(resolve(base, "/z").unwrap(), "https://a.example/z");
        assert_eq!(
            resolve(base, "//b.example/z").unwrap(),
            "https://b.example/z"
        );
        assert_eq!(
            resolve(base, "https://c.example/").unwrap(),
            "https://c.example/"
        );
        assert!(resolve(base, "z").is_err());
    }
}
