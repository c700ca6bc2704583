//! Links to a result on the verifier site: the neutral page, not the page
//! that makes the claim. A credential that came from a hosted address is
//! linked by that address (`?url=…`: short, and always the issuer's
//! current copy); any other by its own text in the fragment (`#vc=1.…`),
//! which the browser never sends anywhere. The site encodes that text with
//! the core's `share::encode_fragment`; the widget, whose size budget has no
//! room for a DEFLATE compressor, with the browser's `CompressionStream`.

use alloc::string::String;

use mcx_verifier_core::json;
use mcx_verifier_core::share::{decode, hosted_address, Decoded};
use mcx_verifier_core::{Limits, Resources};

/// Percent-encodes everything except the unreserved characters of RFC 3986,
/// like `encodeURIComponent` but stricter (also `!'()*`).
pub fn encode_component(s: &str) -> String {
    // By hand rather than with `format!`: the widget carries every byte.
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// The verifier page `site` (its address, e.g. `https://verify.microcredx.eu/`)
/// for an input that links to a hosted credential (the URL of one, or a
/// verifier's `?url=` link): `site?url=<address>`. `None` for any other
/// input, which a `#vc=` link carries as its [`credential_text`].
pub fn hosted_link(site: &str, input: &[u8]) -> Option<String> {
    let url = hosted_address(input)?;
    let mut link = String::from(site);
    link.push_str("?url=");
    link.push_str(&encode_component(&url));
    Some(link)
}

/// The text a `#vc=` link carries for `input` (whatever was verified: a
/// credential's text or bytes, a `#vc=` link, a baked badge): the
/// credential's JSON, compact, or its JWT exactly as issued. `None` when
/// the input holds no credential the core can decode, or only links to one.
pub fn credential_text(input: &[u8], limits: &Limits) -> Option<String> {
    Some(match decode(input, limits, &Resources::new()).ok()? {
        Decoded::Json(value, _) => json::to_string(&value),
        Decoded::Jwt(text, _) => text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    const SITE: &str = "https://verify.microcredx.eu/";

    #[test]
    fn a_hosted_credential_is_linked_by_its_address() {
        assert_eq!(
            hosted_link(SITE, b" https://uni.example/c/1.json?a=b&c ").as_deref(),
            Some("https://verify.microcredx.eu/?url=https%3A%2F%2Funi.example%2Fc%2F1.json%3Fa%3Db%26c")
        );
        // A verifier link to a hosted credential points at the same address.
        assert_eq!(
            hosted_link(
                SITE,
                b"https://other.example/?url=https%3A%2F%2Funi.example%2Fc.jwt"
            )
            .as_deref(),
            Some("https://verify.microcredx.eu/?url=https%3A%2F%2Funi.example%2Fc.jwt")
        );
        assert_eq!(hosted_link(SITE, b"https://x.example/#vc=1.abc"), None);
        assert_eq!(hosted_link(SITE, b"{}"), None);
        assert_eq!(
            encode_component("a b&c=d/\u{e9}#"),
            "a%20b%26c%3Dd%2F%C3%A9%23"
        );
    }

    #[test]
    fn any_other_credential_travels_as_its_text() {
        let limits = Limits::default();
        let text = credential_text(br#" { "a" : [1, "<x>"] } "#, &limits);
        assert_eq!(text.as_deref(), Some(r#"{"a":[1,"<x>"]}"#));
        // A #vc= link of another verifier: the credential inside.
        let payload = mcx_verifier_core::share::encode_fragment(br#"{"b":2}"#);
        let link = format!("https://x.example/#vc={payload}");
        assert_eq!(
            credential_text(link.as_bytes(), &limits).as_deref(),
            Some(r#"{"b":2}"#)
        );
        let jwt = "eyJhbGciOiJFZERTQSJ9.e30.c2ln";
        assert_eq!(
            credential_text(jwt.as_bytes(), &limits).as_deref(),
            Some(jwt)
        );
        assert_eq!(credential_text(b"not a credential", &limits), None);
        assert_eq!(
            credential_text(b"https://uni.example/c.json", &limits),
            None
        );
    }
}
