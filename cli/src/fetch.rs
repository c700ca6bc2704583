//! Fetching the documents the core asks for (status lists, `did:web`
//! documents, hosted credentials) over HTTPS, for `mcx verify`.
//!
//! Every byte of a credential, every link in it and every document it
//! points to may be an attacker's, so the policy is the browser's, made
//! explicit, and tighter where a command line on a server reaches further
//! than a web page: `https:` to public internet addresses only, no cookies
//! or credentials, no proxy, at most [`MAX_DOCUMENT_BYTES`] per document, a
//! time limit per request, and every redirect checked by the same rules.
//! Loopback, private and link-local addresses (and plain `http:` to them)
//! are reached only with `--allow-private-network`, for local testing.
//!
//! Where the checks are:
//! - the URL of every hop (scheme, no user name): [`Policy::check_url`];
//! - the resolved address of every connection: [`resolver`], which ureq
//!   connects through, so the address checked is the address used;
//! - what an address is: [`address`], pure functions.
//!
//! A report must not become a port scanner: whether a fetch failed because
//! the address was refused, the port closed, TLS failed, the server timed
//! out or answered an error, it reads the same ([`FetchError::Unavailable`]).

mod address;
mod resolver;

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use mcx_verifier_core::Resources;
use mcx_verifier_core::MAX_DOCUMENT_BYTES;
use ureq::unversioned::transport::DefaultConnector;

use address::Reach;
use resolver::{AddressRefused, CheckedResolver};

/// Time allowed for one request, redirects included.
const TIMEOUT: Duration = Duration::from_secs(15);
/// Redirects followed for one document.
const MAX_REDIRECTS: usize = 5;

/// Which addresses may be connected to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    /// `--allow-private-network`: also connect to this machine and to
    /// private networks (loopback, RFC 1918, unique-local, link-local,
    /// carrier-grade NAT…), over `https:` or plain `http:`. Off by
    /// default, because a credential's links would then reach services
    /// that trust whoever can talk to them.
    pub allow_private_network: bool,
}

impl Policy {
    /// Checks what can be known of `url` before connecting: `https:`, or
    /// `http:` with `--allow-private-network` (the resolver then keeps it
    /// to private addresses), and no user name or password.
    pub fn check_url(&self, url: &str) -> Result<(), FetchError> {
        let lower = url.to_ascii_lowercase();
        let rest = if let Some(rest) = lower.strip_prefix("https://") {
            rest
        } else if let Some(rest) = lower.strip_prefix("http://") {
            if !self.allow_private_network {
                return Err(FetchError::PlainHttp);
            }
            rest
        } else {
            return Err(FetchError::NotHttps);
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        if authority.contains('@') {
            return Err(FetchError::Credentials);
        }
        Ok(())
    }

    /// True when a connection to `ip` may be opened, over TLS (`https`)
    /// or not.
    fn permits(&self, https: bool, ip: IpAddr) -> bool {
        match address::reach(ip) {
            // Plain http across the internet lets anyone on the path swap
            // a status list.
            Reach::Public => https,
            Reach::Private => self.allow_private_network,
            Reach::Never => false,
        }
    }
}

/// Why a document could not be had.
#[derive(Debug)]
pub enum FetchError {
    /// The URL is not `https:` (nor `http:`).
    NotHttps,
    /// Plain `http:`, without `--allow-private-network`.
    PlainHttp,
    /// A user name or password in the URL.
    Credentials,
    /// Nothing usable came back. The cause is for tests and debugging and
    /// never shown: a report must not tell a refused address from a closed
    /// port, a TLS endpoint or an HTTP error.
    Unavailable(Cause),
}

/// What went wrong behind [`FetchError::Unavailable`].
#[derive(Debug)]
pub enum Cause {
    /// The address is not allowed by the [`Policy`]; nothing was sent.
    AddressRefused,
    /// Connecting, TLS, sending or reading failed (or timed out).
    Transport(ureq::Error),
    /// The server answered with this HTTP status.
    Status(u16),
    /// More than [`MAX_DOCUMENT_BYTES`].
    TooLarge,
    /// A redirect without a usable `Location`.
    BadRedirect,
    /// A redirect to a URL the [`Policy`] refuses.
    RedirectRefused(Box<FetchError>),
    /// More than [`MAX_REDIRECTS`] redirects.
    TooManyRedirects,
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The core puts these after "could not be fetched".
        f.write_str(match self {
            FetchError::NotHttps => "not an https address",
            FetchError::PlainHttp => "plain http is not fetched, only https",
            FetchError::Credentials => "a user name or password in the address",
            FetchError::Unavailable(_) => "unreachable, not allowed, or no usable answer",
        })
    }
}

impl std::error::Error for FetchError {
    /// The real cause, for debugging; it must never reach a report.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FetchError::Unavailable(cause) => Some(cause),
            _ => None,
        }
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cause::AddressRefused => f.write_str("the address is not allowed"),
            Cause::Transport(_) => f.write_str("connecting or transferring failed"),
            Cause::Status(status) => write!(f, "HTTP status {status}"),
            Cause::TooLarge => write!(f, "larger than {} MB", MAX_DOCUMENT_BYTES / (1024 * 1024)),
            Cause::BadRedirect => f.write_str("a redirect without a usable Location"),
            Cause::RedirectRefused(_) => f.write_str("a redirect to a refused URL"),
            Cause::TooManyRedirects => write!(f, "more than {MAX_REDIRECTS} redirects"),
        }
    }
}

impl std::error::Error for Cause {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Cause::Transport(e) => Some(e),
            Cause::RedirectRefused(e) => Some(&**e),
            _ => None,
        }
    }
}

impl From<ureq::Error> for FetchError {
    fn from(e: ureq::Error) -> Self {
        FetchError::Unavailable(match e {
            e if AddressRefused::is(&e) => Cause::AddressRefused,
            ureq::Error::BodyExceedsLimit(_) => Cause::TooLarge,
            e => Cause::Transport(e),
        })
    }
}

/// Gets documents from the network, or (offline) from nowhere.
pub struct Fetcher {
    agent: Option<ureq::Agent>,
    policy: Policy,
}

impl Fetcher {
    /// A fetcher that uses the network within `policy`, or with `offline`
    /// one that records every request as unavailable.
    pub fn new(offline: bool, policy: Policy) -> Self {
        let agent = (!offline).then(|| agent(CheckedResolver::new(policy)));
        Fetcher { agent, policy }
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
        let policy = self.policy;
        let results: Vec<(String, Result<Vec<u8>, FetchError>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = urls
                .into_iter()
                .map(|url| {
                    scope.spawn(move || {
                        let result = get(agent, policy, &url);
                        (url, result)
                    })
                })
                .collect();
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        });
        for (url, result) in results {
            match result {
                Ok(bytes) => resources.insert(url, bytes),
                Err(why) => resources.insert_failure(url, why.to_string()),
            }
        }
    }
}

/// The HTTP client: every connection goes through `resolver`.
fn agent(resolver: impl ureq::unversioned::resolver::Resolver) -> ureq::Agent {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        // A proxy would connect wherever it is asked, past the resolver's
        // check (and HTTPS_PROXY is the environment's to choose, not the
        // credential's).
        .proxy(None)
        // Redirects are followed here, so that each hop is checked.
        .max_redirects(0)
        .max_redirects_will_error(false)
        .http_status_as_error(false)
        .user_agent(concat!("mcx/", env!("CARGO_PKG_VERSION")))
        .accept("application/vc+jwt, application/vc+ld+json, application/ld+json, application/json;q=0.9, */*;q=0.5")
        .build();
    ureq::Agent::with_parts(config, DefaultConnector::new(), resolver)
}

/// GETs `url`, following redirects that pass the same checks.
fn get(agent: &ureq::Agent, policy: Policy, url: &str) -> Result<Vec<u8>, FetchError> {
    // What is wrong with the URL itself may be said; from here on, what
    // went wrong depends on the other side and is not.
    policy.check_url(url)?;
    let unavailable = FetchError::Unavailable;
    let mut current = url.to_string();
    for _ in 0..=MAX_REDIRECTS {
        let mut response = agent.get(&current).call()?;
        let status = response.status().as_u16();
        if matches!(status, 301 | 302 | 303 | 307 | 308) {
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .ok_or(unavailable(Cause::BadRedirect))?;
            current = resolve(&current, location).ok_or(unavailable(Cause::BadRedirect))?;
            policy
                .check_url(&current)
                .map_err(|e| unavailable(Cause::RedirectRefused(Box::new(e))))?;
            continue;
        }
        if !(200..300).contains(&status) {
            return Err(unavailable(Cause::Status(status)));
        }
        return Ok(response
            .body_mut()
            .with_config()
            .limit(MAX_DOCUMENT_BYTES as u64)
            .read_to_vec()?);
    }
    Err(unavailable(Cause::TooManyRedirects))
}

/// Resolves a redirect's `Location` against the URL that gave it; `None`
/// for relative paths, which document servers do not send.
fn resolve(base: &str, location: &str) -> Option<String> {
    let lower = location.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Some(location.to_string());
    }
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let origin_end = base[scheme_end..]
        .find(['/', '?', '#'])
        .map(|i| scheme_end + i)
        .unwrap_or(base.len());
    if let Some(rest) = location.strip_prefix("//") {
        return Some(format!("{}{rest}", &base[..scheme_end]));
    }
    if location.starts_with('/') {
        return Some(format!("{}{location}", &base[..origin_end]));
    }
    None
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use ureq::config::Config;
    use ureq::http::Uri;
    use ureq::unversioned::resolver::{ResolvedSocketAddrs, Resolver};
    use ureq::unversioned::transport::NextTimeout;

    use super::*;

    const DEFAULT: Policy = Policy {
        allow_private_network: false,
    };
    const LOCAL_TESTING: Policy = Policy {
        allow_private_network: true,
    };

    #[test]
    fn urls_are_https_unless_testing_locally() {
        for policy in [DEFAULT, LOCAL_TESTING] {
            assert!(policy.check_url("https://uni.example/status/1").is_ok());
            assert!(policy.check_url("HTTPS://uni.example/").is_ok());
            for bad in [
                "file:///etc/passwd",
                "data:,x",
                "ftp://uni.example/",
                "gopher://127.0.0.1:6379/",
            ] {
                assert!(
                    matches!(policy.check_url(bad), Err(FetchError::NotHttps)),
                    "{bad}"
                );
            }
            for with_user in ["https://user@uni.example/", "https://u:p@127.0.0.1/x@y"] {
                assert!(
                    matches!(policy.check_url(with_user), Err(FetchError::Credentials)),
                    "{with_user}"
                );
            }
        }
        // No plain http by default, not even to this machine; with the
        // option the resolver keeps it to private addresses.
        for http in [
            "http://127.0.0.1:8080/x",
            "http://localhost/x",
            "http://uni.example/",
        ] {
            assert!(
                matches!(DEFAULT.check_url(http), Err(FetchError::PlainHttp)),
                "{http}"
            );
            assert!(LOCAL_TESTING.check_url(http).is_ok(), "{http}");
        }
    }

    #[test]
    fn what_depends_on_the_other_side_reads_the_same() {
        let causes = [
            Cause::AddressRefused,
            Cause::Status(404),
            Cause::Status(500),
            Cause::TooLarge,
            Cause::BadRedirect,
            Cause::TooManyRedirects,
            Cause::RedirectRefused(Box::new(FetchError::PlainHttp)),
            Cause::Transport(ureq::Error::ConnectionFailed),
            Cause::Transport(ureq::Error::Io(
                std::io::ErrorKind::ConnectionRefused.into(),
            )),
            Cause::Transport(ureq::Error::Timeout(ureq::Timeout::Global)),
            Cause::Transport(ureq::Error::HostNotFound),
        ];
        let texts: Vec<String> = causes
            .into_iter()
            .map(|c| FetchError::Unavailable(c).to_string())
            .collect();
        assert!(texts.iter().all(|t| *t == texts[0]), "{texts:?}");
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
        assert!(resolve(base, "z").is_none());
        assert!(resolve(base, "file:///etc/passwd").is_none());
    }

    /// A loopback HTTP server answering every request with `answer`; counts
    /// the connections it accepts.
    fn serve(answer: String) -> (u16, Arc<AtomicUsize>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let connections = Arc::new(AtomicUsize::new(0));
        let count = connections.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                count.fetch_add(1, Ordering::SeqCst);
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                while reader.read_line(&mut line).unwrap_or(0) > 2 {
                    line.clear();
                }
                let _ = stream.write_all(answer.as_bytes());
            }
        });
        (port, connections)
    }

    fn redirect_to(location: &str) -> String {
        format!("HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    }

    /// Stands for a public server: the resolver lets this one loopback
    /// port through as if `--allow-private-network` were given, and checks
    /// every other address by the default policy. That is how a redirect
    /// from a public server to this machine is tested without a public
    /// server (tests talk to loopback only).
    #[derive(Debug)]
    struct TrustOnePort(u16);

    impl Resolver for TrustOnePort {
        fn resolve(
            &self,
            uri: &Uri,
            config: &Config,
            timeout: NextTimeout,
        ) -> Result<ResolvedSocketAddrs, ureq::Error> {
            let policy = if uri.port_u16() == Some(self.0) {
                LOCAL_TESTING
            } else {
                DEFAULT
            };
            CheckedResolver::new(policy).resolve(uri, config, timeout)
        }
    }

    #[test]
    fn a_redirect_to_this_machine_is_refused_without_connecting() {
        let (local, local_connections) = serve(
            "HTTP/1.1 200 OK\r\nContent-Length: 12\r\nConnection: close\r\n\r\n{\"secret\":1}"
                .into(),
        );
        for location in [
            format!("http://127.0.0.1:{local}/admin"),
            format!("https://127.0.0.1:{local}/admin"),
            format!("http://127.1:{local}/admin"),
            format!("http://2130706433:{local}/admin"),
            format!("http://0x7f.1:{local}/admin"),
            format!("http://[::ffff:127.0.0.1]:{local}/admin"),
            format!("http://0.0.0.0:{local}/admin"),
        ] {
            let (public, public_connections) = serve(redirect_to(&location));
            let agent = agent(TrustOnePort(public));
            // The URL checks of local testing (plain http allowed), so that
            // only the address check stands between the redirect and the
            // local service.
            let result = get(
                &agent,
                LOCAL_TESTING,
                &format!("http://127.0.0.1:{public}/status/1"),
            );
            assert!(
                matches!(result, Err(FetchError::Unavailable(Cause::AddressRefused))),
                "{location}: {result:?}"
            );
            assert_eq!(public_connections.load(Ordering::SeqCst), 1, "{location}");
        }
        assert_eq!(
            local_connections.load(Ordering::SeqCst),
            0,
            "never connected to"
        );
    }

    #[test]
    fn a_redirect_stays_within_the_policy_with_the_option_too() {
        // 0.0.0.0 connects to this machine on Linux: the listener would
        // see it if the check let it through.
        let (target, target_connections) =
            serve("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".into());
        let (first, _) = serve(redirect_to(&format!("http://0.0.0.0:{target}/")));
        let agent = agent(CheckedResolver::new(LOCAL_TESTING));
        let result = get(&agent, LOCAL_TESTING, &format!("http://127.0.0.1:{first}/"));
        assert!(
            matches!(result, Err(FetchError::Unavailable(Cause::AddressRefused))),
            "{result:?}"
        );
        assert_eq!(target_connections.load(Ordering::SeqCst), 0);
        // And the same server straight is fetched.
        assert_eq!(
            get(
                &agent,
                LOCAL_TESTING,
                &format!("http://127.0.0.1:{target}/")
            )
            .unwrap(),
            b"{}"
        );
    }
}
