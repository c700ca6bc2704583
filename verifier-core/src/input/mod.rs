//! Input detection and decoding. Every way a credential arrives ends here:
//! JSON (VC 1.1/2.0 credential or presentation), compact JWS, a verification
//! link carrying the credential in its fragment, a link to a hosted
//! credential, an Open Badges baked PNG or SVG, or the text of a QR code
//! (which is one of the others).
//!
//! A verification link is `<verifier page>#vc=<payload>`: the credential's
//! text, compressed, in the URL fragment, which is never sent to a server.
//! [`encode_fragment`] makes a payload, [`decode_fragment`] reads one of any
//! version (the format is in [`fragment`]).

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use crate::encoding::baked::{self, BakedError};
use crate::encoding::json::{self, JsonError, Value};
use crate::options::Limits;
use crate::proof::jws;
use crate::report::Code;
use crate::resources::{Lookup, Resources};

pub mod fragment;

pub use fragment::{decode_fragment, encode_fragment, encode_fragment_for_qr};

/// A decoded input, ready for verification.
#[derive(Clone, Debug)]
pub enum Decoded {
    /// A JSON document, and how it arrived (for the report's details).
    Json(Value, &'static str),
    /// A compact JWS, and how it arrived.
    Jwt(String, &'static str),
}

/// Why the input could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    /// Nothing but whitespace.
    Empty,
    /// Larger than the JSON size limit.
    TooLarge,
    /// Invalid JSON.
    Json(JsonError),
    /// Not any format this verifier reads.
    Unrecognized,
    /// Recognized but damaged (bad base64, compression, image…).
    Malformed(String),
    /// Recognized but not supported (e.g. Open Badges 2.0).
    Unsupported(String),
    /// A hosted credential the host has not fetched yet.
    Missing(String),
    /// A hosted credential the host could not fetch.
    Unavailable {
        /// Its URL.
        url: String,
        /// The host's reason.
        reason: String,
    },
}

impl InputError {
    /// The report code for this failure.
    pub fn code(&self) -> Code {
        match self {
            InputError::Unsupported(_) => Code::Unsupported,
            InputError::Missing(_) | InputError::Unavailable { .. } => Code::ResourceUnavailable,
            _ => Code::Malformed,
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Empty => f.write_str("The input is empty."),
            InputError::TooLarge => f.write_str("The input is larger than the verifier accepts."),
            InputError::Json(e) => write!(f, "The input is not valid JSON: {e}."),
            InputError::Unrecognized => f.write_str(
                "This is not a credential: expected JSON, a JWT, a verification link, or an Open Badges PNG or SVG.",
            ),
            InputError::Malformed(m) => write!(f, "{m}."),
            InputError::Unsupported(m) => write!(f, "{m}."),
            InputError::Missing(u) => write!(f, "The credential at {u} has not been fetched."),
            InputError::Unavailable { url, reason } => write!(f, "The credential at {url} could not be fetched: {reason}."),
        }
    }
}

/// How many times decoding may unwrap one format into another (a link to a
/// badge holding a JWT…), so that nesting cannot loop.
const MAX_UNWRAP: usize = 3;

/// Decodes `input`, asking `resources` for a hosted credential when the
/// input is a link to one.
pub fn decode(input: &[u8], limits: &Limits, resources: &Resources) -> Result<Decoded, InputError> {
    decode_at(input, limits, resources, 0)
}

fn decode_at(
    input: &[u8],
    limits: &Limits,
    resources: &Resources,
    depth: usize,
) -> Result<Decoded, InputError> {
    if depth > MAX_UNWRAP {
        return Err(InputError::Malformed(String::from(
            "The input nests formats too deeply",
        )));
    }
    if input.len() > limits.json.max_bytes.max(limits.max_inflated) {
        return Err(InputError::TooLarge);
    }
    if input.starts_with(&baked::PNG_SIGNATURE) {
        let text = baked::png_credential(input, limits.max_inflated).map_err(baked_error)?;
        return relabel(
            decode_at(text.as_bytes(), limits, resources, depth + 1)?,
            "Open Badges baked PNG",
        );
    }
    let text = core::str::from_utf8(input).map_err(|_| InputError::Unrecognized)?;
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Err(InputError::Empty);
    }
    if text.starts_with('{') || text.starts_with('[') {
        let v = json::parse(text.as_bytes(), limits.json).map_err(|e| match e.kind {
            json::JsonErrorKind::TooLarge => InputError::TooLarge,
            _ => InputError::Json(e),
        })?;
        return Ok(Decoded::Json(v, "JSON"));
    }
    if text.starts_with('<') {
        let inner = baked::svg_credential(text).map_err(baked_error)?;
        return relabel(
            decode_at(inner.as_bytes(), limits, resources, depth + 1)?,
            "Open Badges baked SVG",
        );
    }
    if text.starts_with("eyJ") && text.contains('~') {
        return Err(InputError::Unsupported(String::from(
            "This is an SD-JWT (a selective-disclosure JWT, as the EU Digital Identity Wallet uses), which this verifier does not check yet",
        )));
    }
    if jws::looks_like_compact(text) {
        return Ok(Decoded::Jwt(String::from(text), "JWT"));
    }
    if let Some(payload) = fragment_payload(text) {
        let bytes = decode_fragment(payload, limits.max_inflated)?;
        return relabel(
            decode_at(&bytes, limits, resources, depth + 1)?,
            "verification link",
        );
    }
    if text.starts_with("https://") || text.starts_with("http://") {
        let url = hosted_url(text);
        if url.contains(char::is_whitespace) {
            return Err(InputError::Unrecognized);
        }
        return match resources.get(&url) {
            Lookup::Found(bytes) => relabel(
                decode_at(bytes, limits, resources, depth + 1)?,
                "hosted credential",
            ),
            Lookup::Failed(reason) => Err(InputError::Unavailable {
                url,
                reason: reason.to_string(),
            }),
            Lookup::Missing => Err(InputError::Missing(url)),
        };
    }
    Err(InputError::Unrecognized)
}

fn relabel(d: Decoded, how: &'static str) -> Result<Decoded, InputError> {
    Ok(match d {
        Decoded::Json(v, _) => Decoded::Json(v, how),
        Decoded::Jwt(t, _) => Decoded::Jwt(t, how),
    })
}

fn baked_error(e: BakedError) -> InputError {
    match e {
        BakedError::Malformed(m) => InputError::Malformed(m),
        BakedError::NoCredential(m) => InputError::Unsupported(String::from(m)),
    }
}

/// The `vc=` payload of a link (`…#vc=…`) or of a bare fragment (`#vc=…`, `vc=…`).
fn fragment_payload(text: &str) -> Option<&str> {
    let fragment = match text.find('#') {
        Some(i) => &text[i + 1..],
        None if text.starts_with("vc=") => text,
        None => return None,
    };
    fragment.split('&').find_map(|kv| kv.strip_prefix("vc="))
}

/// The address of the hosted credential an input links to (`…?url=…` of
/// a verifier link, or the link itself), if the input is such a link
/// rather than a credential or a `#vc=` link: what [`decode`] fetches,
/// and what a host shares instead of re-encoding the credential.
pub fn hosted_address(input: &[u8]) -> Option<String> {
    let text = core::str::from_utf8(input).ok()?.trim();
    let link = text.starts_with("https://") || text.starts_with("http://");
    (link && fragment_payload(text).is_none()).then(|| hosted_url(text))
}

/// The URL to fetch for a link: the `url` query parameter of a verifier
/// link (`…?url=…`), or the link itself.
fn hosted_url(text: &str) -> String {
    let without_fragment = text.split('#').next().unwrap_or(text);
    if let Some((_, query)) = without_fragment.split_once('?') {
        for kv in query.split('&') {
            if let Some(v) = kv.strip_prefix("url=") {
                return percent_decode(v);
            }
        }
    }
    String::from(without_fragment)
}

/// Decodes `%XX` escapes (and `+` as space, as in query strings); invalid
/// escapes are kept literally, and so is the whole text when what it
/// decodes to is not UTF-8 (a URL can carry such bytes only escaped).
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let hex = |i: usize| b.get(i).and_then(|&h| char::from(h).to_digit(16));
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match (b[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 2;
            }
            (b'+', ..) => out.push(b' '),
            (c, ..) => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| String::from(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    fn dec(s: &str, r: &Resources) -> Result<Decoded, InputError> {
        decode(s.as_bytes(), &Limits::default(), r)
    }

    #[test]
    fn detects_formats() {
        let r = Resources::new();
        assert!(matches!(
            dec("  {\"a\":1}\n", &r),
            Ok(Decoded::Json(_, "JSON"))
        ));
        assert!(matches!(
            dec("eyJhbGciOiJFZERTQSJ9.e30.sig", &r),
            Ok(Decoded::Jwt(_, "JWT"))
        ));
        assert_eq!(dec("   ", &r).unwrap_err(), InputError::Empty);
        assert_eq!(dec("hello", &r).unwrap_err(), InputError::Unrecognized);
        let payload = encode_fragment(b"{\"hello\":\"world\"}");
        for link in [
            format!("https://verify.example/#vc={payload}"),
            format!("#vc={payload}"),
            format!("vc={payload}"),
        ] {
            match dec(&link, &r) {
                Ok(Decoded::Json(v, "verification link")) => {
                    assert_eq!(v.get("hello").and_then(Value::as_str), Some("world"))
                }
                other => panic!("{link}: {other:?}"),
            }
        }
        assert!(matches!(
            dec("https://v.example/#vc=!!", &r),
            Err(InputError::Malformed(_))
        ));
        assert!(matches!(
            dec("https://v.example/#vc=AAAA", &r),
            Err(InputError::Malformed(_))
        ));
    }

    #[test]
    fn percent_escapes() {
        assert_eq!(percent_decode("a%2Fb+c%3a"), "a/b c:");
        assert_eq!(percent_decode("%41%2"), "A%2");
        // Only two hexadecimal digits make an escape (not "+5", which is " 5").
        assert_eq!(percent_decode("%zz%+5%"), "%zz% 5%");
        assert_eq!(percent_decode("%C3%BC"), "ü");
        // Not UTF-8 once decoded: kept as written.
        assert_eq!(percent_decode("x%FFy"), "x%FFy");
    }

    #[test]
    fn hosted_addresses_of_links_only() {
        assert_eq!(
            hosted_address(b" https://v.example/?url=https%3A%2F%2Fu.example%2Fc.json "),
            Some("https://u.example/c.json".into())
        );
        assert_eq!(
            hosted_address(b"https://u.example/c.json"),
            Some("https://u.example/c.json".into())
        );
        assert_eq!(hosted_address(b"https://v.example/#vc=abc"), None);
        assert_eq!(hosted_address(b"{\"a\":1}"), None);
    }

    #[test]
    fn hosted_credentials_are_asked_for() {
        let mut r = Resources::new();
        let link = "https://verify.example/?url=https%3A%2F%2Funi.example%2Fc.json";
        assert_eq!(
            dec(link, &r).unwrap_err(),
            InputError::Missing("https://uni.example/c.json".into())
        );
        assert_eq!(r.take_missing(), ["https://uni.example/c.json"]);
        r.insert("https://uni.example/c.json", b"{\"x\":1}".to_vec());
        assert!(matches!(
            dec(link, &r),
            Ok(Decoded::Json(_, "hosted credential"))
        ));
        r.insert_failure("https://uni.example/d.json", "HTTP 404");
        assert!(matches!(
            dec("https://uni.example/d.json", &r),
            Err(InputError::Unavailable { .. })
        ));
    }

    #[test]
    fn inflation_is_bounded() {
        let bomb = encode_fragment(&alloc::vec![b'a'; 100_000]);
        assert!(decode_fragment(&bomb, 1000).is_err());
        assert_eq!(decode_fragment(&bomb, 100_000).unwrap().len(), 100_000);
    }
}
