//! The name resolver `mcx verify` gives ureq: the one place where a host
//! becomes socket addresses, and so the place where those addresses are
//! checked.
//!
//! Checking here rather than on the URL is what makes the check hold: ureq
//! calls the resolver for every new connection (the first request and
//! every redirect hop) and connects to exactly the addresses it returns.
//! A name is therefore looked up once, and the addresses that were checked
//! are the ones connected to; a DNS answer that changes between a check and
//! the connection (DNS rebinding) cannot slip a private address past.

use std::fmt;
use std::io;
use std::net::SocketAddr;

use ureq::config::Config;
use ureq::http::uri::Scheme;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

use super::address::{self, Host};
use super::Policy;

/// Resolves hosts and refuses addresses the [`Policy`] does not allow.
#[derive(Debug)]
pub struct CheckedResolver {
    policy: Policy,
    lookup: DefaultResolver,
}

impl CheckedResolver {
    /// A resolver enforcing `policy`.
    pub fn new(policy: Policy) -> Self {
        CheckedResolver {
            policy,
            lookup: DefaultResolver::default(),
        }
    }
}

/// The resolver's refusal, carried through ureq as an I/O error so that
/// the fetcher can tell it apart (for tests; reports never say).
#[derive(Debug)]
pub struct AddressRefused;

impl fmt::Display for AddressRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("address not allowed")
    }
}

impl std::error::Error for AddressRefused {}

impl AddressRefused {
    /// True when `e` is this refusal.
    pub fn is(e: &ureq::Error) -> bool {
        match e {
            ureq::Error::Io(io) => io
                .get_ref()
                .is_some_and(|inner| inner.is::<AddressRefused>()),
            _ => false,
        }
    }
}

fn refused() -> ureq::Error {
    ureq::Error::Io(io::Error::new(
        io::ErrorKind::PermissionDenied,
        AddressRefused,
    ))
}

impl Resolver for CheckedResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let https = match uri.scheme() {
            Some(s) if *s == Scheme::HTTPS => true,
            Some(s) if *s == Scheme::HTTP => false,
            _ => return Err(refused()),
        };
        let authority = uri.authority().ok_or_else(refused)?;
        let port = authority.port_u16().unwrap_or(if https { 443 } else { 80 });
        let addrs = match address::parse_host(authority.host()) {
            // An address written out is read here, the way a browser
            // reads it (`127.1` is 127.0.0.1), and that address is the one
            // connected to: the system's resolver never gets to read it
            // some other way.
            Host::Ip(ip) => {
                let mut addrs = self.empty();
                addrs.push(SocketAddr::new(ip, port));
                addrs
            }
            Host::Invalid => return Err(refused()),
            Host::Name => self.lookup.resolve(uri, config, timeout)?,
        };
        // One disallowed address refuses the name: a name that also points
        // at this machine is not one to trust with the others.
        let allowed = |a: &SocketAddr| self.policy.permits(https, a.ip());
        if addrs.is_empty() || !addrs.iter().all(allowed) {
            return Err(refused());
        }
        Ok(addrs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ureq::unversioned::transport::time::Duration;

    /// Resolves `url` with `policy`. Only hosts written as addresses are
    /// used here, so nothing is looked up and nothing is sent.
    fn resolve(policy: Policy, url: &str) -> Result<Vec<SocketAddr>, ureq::Error> {
        let uri: Uri = url.parse().unwrap();
        let config = Config::default();
        let timeout = NextTimeout {
            after: Duration::NotHappening,
            ..NextTimeout::default()
        };
        CheckedResolver::new(policy)
            .resolve(&uri, &config, timeout)
            .map(|a| a.to_vec())
    }

    const DEFAULT: Policy = Policy {
        allow_private_network: false,
    };
    const LOCAL_TESTING: Policy = Policy {
        allow_private_network: true,
    };

    #[test]
    fn loopback_in_every_spelling_is_refused_by_default() {
        for url in [
            "https://127.0.0.1/",
            "https://127.1/",
            "https://127.0.0.1.:8443/",
            "https://2130706433/",
            "https://0x7f.1/",
            "https://0x7f000001/",
            "https://017700000001/",
            "https://0177.0.0.1/",
            "https://[::1]/",
            "https://[::ffff:127.0.0.1]/",
            "https://[::ffff:7f00:1]/",
            "https://[::127.0.0.1]/",
            "https://[64:ff9b::7f00:1]/",
            "https://[2002:7f00:1::1]/",
            "https://169.254.169.254/",
            "https://2852039166/",
            "https://[fd00::1]/",
            "https://10.0.0.1/",
            "https://0.0.0.0/",
            "https://0/",
            "https://[::]/",
            "https://1.2.3.4.5/",
            "http://127.0.0.1/",
        ] {
            let e = resolve(DEFAULT, url).expect_err(url);
            assert!(AddressRefused::is(&e), "{url}: {e}");
        }
    }

    #[test]
    fn the_checked_address_is_the_one_returned() {
        let public = "93.184.215.14:443".parse::<SocketAddr>().unwrap();
        assert_eq!(
            resolve(DEFAULT, "https://93.184.215.14/").unwrap(),
            [public]
        );
        assert_eq!(
            resolve(DEFAULT, "https://1572394766/").unwrap(),
            [public],
            "the decimal form becomes the address it stands for"
        );
        assert_eq!(
            resolve(LOCAL_TESTING, "http://127.1:8080/").unwrap(),
            ["127.0.0.1:8080".parse::<SocketAddr>().unwrap()]
        );
    }

    #[test]
    fn local_testing_allows_private_networks_and_nothing_more() {
        for url in [
            "http://127.0.0.1:8080/",
            "http://[::1]/",
            "https://10.1.2.3/",
            "http://192.168.0.10/",
            "https://[fe80::1]/",
        ] {
            assert!(resolve(LOCAL_TESTING, url).is_ok(), "{url}");
        }
        for url in [
            // Plain http travels only inside this machine or network.
            "http://93.184.215.14/",
            "http://[2606:4700::1111]/",
            // Not destinations at all.
            "https://0.0.0.0/",
            "https://[::]/",
            "https://224.0.0.1/",
            "https://255.255.255.255/",
            "https://192.0.2.1/",
            "https://[ff02::1]/",
        ] {
            let e = resolve(LOCAL_TESTING, url).expect_err(url);
            assert!(AddressRefused::is(&e), "{url}: {e}");
        }
    }
}
