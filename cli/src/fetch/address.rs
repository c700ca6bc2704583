//! Which IP addresses `mcx verify` may connect to, and how the host part of
//! a URL reads as an address.
//!
//! Everything here is a pure function, so that the classification can be
//! tested exhaustively without sending a single packet.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Where an address leads, as far as fetching is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// A public internet address: fetched over `https:`.
    Public,
    /// This machine or a private network (loopback, RFC 1918, unique-local,
    /// link-local, carrier-grade NAT…): only with `--allow-private-network`,
    /// since an attacker's link to it would reach services that trust
    /// whoever can talk to them (cloud metadata, admin consoles).
    Private,
    /// Not a destination at all (unspecified, multicast, broadcast,
    /// documentation, reserved): never connected to.
    Never,
}

/// Classifies `ip`. IPv6 forms that carry an IPv4 address (mapped,
/// compatible, NAT64, 6to4) are classified by that IPv4 address, since
/// that is where the packets end up.
pub fn reach(ip: IpAddr) -> Reach {
    match ip {
        IpAddr::V4(v4) => reach_v4(v4),
        IpAddr::V6(v6) => reach_v6(v6),
    }
}

/// IPv4 ranges that are not public, most specific first where they nest.
const V4_RANGES: &[(u32, u8, Reach)] = &[
    (0x0000_0000, 8, Reach::Never), // 0.0.0.0/8 "this network" (Linux: this machine)
    (0x0a00_0000, 8, Reach::Private), // 10.0.0.0/8 RFC 1918
    (0x6440_0000, 10, Reach::Private), // 100.64.0.0/10 carrier-grade NAT
    (0x7f00_0000, 8, Reach::Private), // 127.0.0.0/8 loopback
    (0xa9fe_0000, 16, Reach::Private), // 169.254.0.0/16 link-local (cloud metadata)
    (0xac10_0000, 12, Reach::Private), // 172.16.0.0/12 RFC 1918
    (0xc000_0000, 24, Reach::Private), // 192.0.0.0/24 IETF protocol assignments
    (0xc000_0200, 24, Reach::Never), // 192.0.2.0/24 documentation
    (0xc058_6300, 24, Reach::Never), // 192.88.99.0/24 former 6to4 relays
    (0xc0a8_0000, 16, Reach::Private), // 192.168.0.0/16 RFC 1918
    (0xc612_0000, 15, Reach::Private), // 198.18.0.0/15 benchmarking (labs)
    (0xc633_6400, 24, Reach::Never), // 198.51.100.0/24 documentation
    (0xcb00_7100, 24, Reach::Never), // 203.0.113.0/24 documentation
    (0xe000_0000, 4, Reach::Never), // 224.0.0.0/4 multicast
    (0xf000_0000, 4, Reach::Never), // 240.0.0.0/4 reserved, and broadcast
];

fn reach_v4(ip: Ipv4Addr) -> Reach {
    let n = u32::from(ip);
    V4_RANGES
        .iter()
        .find(|(net, len, _)| n >> (32 - len) == net >> (32 - len))
        .map_or(Reach::Public, |(_, _, reach)| *reach)
}

/// IPv6 ranges inside the global unicast block 2000::/3 that are not
/// public. Everything outside 2000::/3 is listed in [`reach_v6`].
const V6_GLOBAL_EXCEPTIONS: &[(u128, u8, Reach)] = &[
    (0x2001_0000 << 96, 23, Reach::Never), // 2001::/23 IETF protocol assignments (Teredo…)
    (0x2001_0db8 << 96, 32, Reach::Never), // 2001:db8::/32 documentation
    (0x3fff_0000 << 96, 20, Reach::Never), // 3fff::/20 documentation
];

fn reach_v6(ip: Ipv6Addr) -> Reach {
    let n = u128::from(ip);
    let within = |net: u128, len: u8| n >> (128 - len) == net >> (128 - len);
    let embedded = |shift: u32| reach_v4(Ipv4Addr::from((n >> shift) as u32));
    if n == 0 {
        return Reach::Never; // :: unspecified
    }
    if n == 1 {
        return Reach::Private; // ::1 loopback
    }
    if within(0, 96) // ::a.b.c.d, IPv4-compatible (deprecated, still routable by some stacks)
        || within(0xffff << 32, 96) // ::ffff:a.b.c.d, IPv4-mapped
        || within(0xffff << 48, 96) // ::ffff:0:a.b.c.d, IPv4-translated (SIIT)
        || within(0x0064_ff9b << 96, 96)
    // 64:ff9b::a.b.c.d, NAT64 well-known prefix
    {
        return embedded(0);
    }
    if within(0x0064_ff9b_0001 << 80, 48) {
        return Reach::Private; // 64:ff9b:1::/48 local-use NAT64
    }
    if within(0x2002 << 112, 16) {
        return embedded(80); // 2002:a.b.c.d::/48, 6to4
    }
    if within(0xfc << 120, 7) || within(0xfe80 << 112, 10) || within(0xfec0 << 112, 10) {
        return Reach::Private; // unique-local, link-local, site-local
    }
    if !within(0x2000 << 112, 3) {
        // Multicast (ff00::/8), discard-only (100::/64) and everything
        // unassigned: only 2000::/3 is handed out for the internet.
        return Reach::Never;
    }
    V6_GLOBAL_EXCEPTIONS
        .iter()
        .find(|(net, len, _)| within(*net, *len))
        .map_or(Reach::Public, |(_, _, reach)| *reach)
}

/// The host part of a URL, read the way browsers read it (the WHATWG URL
/// Standard's host parser).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Host {
    /// A name to look up.
    Name,
    /// An IP address written out, in any of the forms browsers accept
    /// (`127.0.0.1`, `127.1`, `2130706433`, `0x7f.1`, `017700000001`,
    /// `[::1]`).
    Ip(IpAddr),
    /// Looks like an address but is not a valid one (`1.2.3.4.5`,
    /// `[::g]`, `256.1.1.1`): browsers refuse such URLs, and so do we,
    /// rather than let the system's resolver guess what it means.
    Invalid,
}

/// Reads `host` (as in a URL's authority: IPv6 in brackets, no port).
pub fn parse_host(host: &str) -> Host {
    if let Some(inner) = host.strip_prefix('[') {
        return match inner.strip_suffix(']').map(str::parse::<Ipv6Addr>) {
            Some(Ok(ip)) => Host::Ip(IpAddr::V6(ip)),
            _ => Host::Invalid,
        };
    }
    let mut labels: Vec<&str> = host.split('.').collect();
    if labels.len() > 1 && labels.last() == Some(&"") {
        labels.pop(); // "127.0.0.1." is 127.0.0.1
    }
    if !labels.last().is_some_and(|l| is_number_label(l)) {
        return Host::Name;
    }
    parse_ipv4(&labels).map_or(Host::Invalid, |ip| Host::Ip(IpAddr::V4(ip)))
}

/// True for a label that makes the whole host an IPv4 address: decimal
/// digits, or `0x` and hex digits.
fn is_number_label(label: &str) -> bool {
    let hex = label
        .strip_prefix("0x")
        .or_else(|| label.strip_prefix("0X"));
    match hex {
        Some(digits) => digits.bytes().all(|b| b.is_ascii_hexdigit()),
        None => !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit()),
    }
}

/// The WHATWG IPv4 parser: one to four parts, each decimal, octal
/// (leading `0`) or hex (`0x`); the last part fills the remaining bytes.
fn parse_ipv4(labels: &[&str]) -> Option<Ipv4Addr> {
    if labels.is_empty() || labels.len() > 4 {
        return None;
    }
    let numbers = labels
        .iter()
        .map(|l| parse_ipv4_number(l))
        .collect::<Option<Vec<u64>>>()?;
    let (last, init) = numbers.split_last()?;
    if init.iter().any(|&n| n > 255) || *last >= 1 << (8 * (5 - numbers.len())) {
        return None;
    }
    let mut value = *last;
    for (i, n) in init.iter().enumerate() {
        value += n << (8 * (3 - i));
    }
    u32::try_from(value).ok().map(Ipv4Addr::from)
}

fn parse_ipv4_number(label: &str) -> Option<u64> {
    let (digits, radix) = if let Some(hex) = label
        .strip_prefix("0x")
        .or_else(|| label.strip_prefix("0X"))
    {
        (hex, 16)
    } else if label.len() > 1 && label.starts_with('0') {
        (&label[1..], 8)
    } else {
        (label, 10)
    };
    if digits.is_empty() {
        // "0x" alone is zero; an empty label is not a number.
        return (radix == 16).then_some(0);
    }
    if !digits.bytes().all(|b| (b as char).is_digit(radix)) {
        return None;
    }
    // Longer than any part of an address can be: refuse, without overflow.
    u64::from_str_radix(digits, radix)
        .ok()
        .filter(|&n| n <= u64::from(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Reach {
        reach(s.parse().unwrap())
    }

    #[test]
    fn ipv4_classes() {
        for public in [
            "8.8.8.8",
            "1.1.1.1",
            "93.184.215.14",
            "100.63.255.255",
            "100.128.0.0",
        ] {
            assert_eq!(r(public), Reach::Public, "{public}");
        }
        for private in [
            "127.0.0.1",
            "127.255.255.254",
            "10.0.0.1",
            "10.255.255.255",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.255",
            "192.0.0.8",
            "198.18.0.1",
            "198.19.255.255",
        ] {
            assert_eq!(r(private), Reach::Private, "{private}");
        }
        for never in [
            "0.0.0.0",
            "0.1.2.3",
            "224.0.0.1",
            "239.255.255.250",
            "240.0.0.1",
            "255.255.255.255",
            "192.0.2.1",
            "198.51.100.7",
            "203.0.113.9",
            "192.88.99.1",
        ] {
            assert_eq!(r(never), Reach::Never, "{never}");
        }
        // Neighbours of the private ranges are public.
        for public in [
            "172.15.255.255",
            "172.32.0.0",
            "192.167.255.255",
            "198.20.0.0",
            "11.0.0.0",
        ] {
            assert_eq!(r(public), Reach::Public, "{public}");
        }
    }

    #[test]
    fn ipv6_classes() {
        for public in ["2606:4700::1111", "2a00:1450:4001::200e", "2001:200::1"] {
            assert_eq!(r(public), Reach::Public, "{public}");
        }
        for private in [
            "::1",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "febf::1",
            "fec0::1",
            "64:ff9b:1::1",
        ] {
            assert_eq!(r(private), Reach::Private, "{private}");
        }
        for never in [
            "::",
            "ff02::1",
            "ff05::2",
            "2001:db8::1",
            "2001::1",
            "3fff::1",
            "100::1",
            "4000::1",
        ] {
            assert_eq!(r(never), Reach::Never, "{never}");
        }
    }

    #[test]
    fn ipv6_forms_carrying_ipv4_are_classified_by_it() {
        // Mapped, compatible, translated, NAT64 and 6to4 forms of loopback,
        // RFC 1918, metadata and a public address.
        for (form, reach) in [
            ("::ffff:127.0.0.1", Reach::Private),
            ("::ffff:7f00:1", Reach::Private),
            ("::ffff:10.1.2.3", Reach::Private),
            ("::ffff:169.254.169.254", Reach::Private),
            ("::ffff:0.0.0.0", Reach::Never),
            ("::ffff:8.8.8.8", Reach::Public),
            ("::127.0.0.1", Reach::Private),
            ("::192.168.0.1", Reach::Private),
            ("::8.8.8.8", Reach::Public),
            ("::ffff:0:127.0.0.1", Reach::Private),
            ("64:ff9b::127.0.0.1", Reach::Private),
            ("64:ff9b::a9fe:a9fe", Reach::Private),
            ("64:ff9b::8.8.8.8", Reach::Public),
            ("2002:7f00:1::", Reach::Private),
            ("2002:c0a8:101::1", Reach::Private),
            ("2002:a9fe:a9fe:1::1", Reach::Private),
            ("2002:808:808::1", Reach::Public),
            ("2002:e000:1::", Reach::Never),
        ] {
            assert_eq!(r(form), reach, "{form}");
        }
    }

    #[test]
    fn hosts_read_as_browsers_read_them() {
        let loopback = Host::Ip(IpAddr::V4(Ipv4Addr::new(127, 0, 0, 1)));
        for form in [
            "127.0.0.1",
            "127.0.0.1.",
            "127.1",
            "127.0.1",
            "2130706433",
            "0x7f000001",
            "0X7F.1",
            "0x7f.1",
            "0x7f.0.0.0x1",
            "017700000001",
            "0177.0.0.1",
            "0177.1",
        ] {
            assert_eq!(parse_host(form), loopback, "{form}");
            assert_eq!(
                match parse_host(form) {
                    Host::Ip(ip) => reach(ip),
                    _ => Reach::Public,
                },
                Reach::Private,
                "{form}"
            );
        }
        let metadata = Host::Ip(IpAddr::V4(Ipv4Addr::new(169, 254, 169, 254)));
        assert_eq!(parse_host("2852039166"), metadata);
        assert_eq!(parse_host("0xa9fea9fe"), metadata);
        assert_eq!(parse_host("169.254.43518"), metadata);
        assert_eq!(parse_host("0"), Host::Ip(IpAddr::V4(Ipv4Addr::UNSPECIFIED)));
        assert_eq!(
            parse_host("0x"),
            Host::Ip(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
        );
        assert_eq!(
            parse_host("[::1]"),
            Host::Ip(IpAddr::V6(Ipv6Addr::LOCALHOST))
        );
        assert_eq!(
            parse_host("[::ffff:127.0.0.1]"),
            Host::Ip("::ffff:7f00:1".parse().unwrap())
        );
        for name in [
            "uni.example",
            "localhost",
            "127.0.0.1.example",
            "0x7f.example",
            "1.2.3.x",
            "a.0x7g",
        ] {
            assert_eq!(parse_host(name), Host::Name, "{name}");
        }
        for invalid in [
            "1.2.3.4.5",
            "256.1.1.1",
            "1.2.3.256",
            "1.2.65536",
            "4294967296",
            "99999999999999999999999",
            "08.1.1.1",
            "0x1g.1",
            "1..1",
            "[::g]",
            "[::1",
            "[fe80::1%25eth0]",
        ] {
            assert_eq!(parse_host(invalid), Host::Invalid, "{invalid}");
        }
    }
}
