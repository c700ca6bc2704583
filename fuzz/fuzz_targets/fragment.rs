//! The URL-fragment payload in every form (legacy raw DEFLATE + base64url;
//! version 1, DEFLATE with the preset dictionary, as `1.<base64url>` and
//! `1:<base32>`): arbitrary payloads decode or fail cleanly within the
//! inflate bound, and encode-then-decode is the identity for both forms.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::low_level::{input, multibase};

const MAX_INFLATED: usize = 2 * 1024 * 1024;

fn decode_within(payload: &str, max: usize) {
    if let Ok(bytes) = input::decode_fragment(payload, max) {
        assert!(bytes.len() <= max, "inflated past the limit");
    }
}

/// Unpadded upper-case base32 (RFC 4648 §6), to reach the QR form's
/// inflater with arbitrary bytes.
fn base32(data: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let (mut bits, mut n, mut out) = (0u32, 0u32, String::new());
    for &b in data {
        bits = bits << 8 | u32::from(b);
        n += 8;
        while n >= 5 {
            n -= 5;
            out.push(char::from(ALPHABET[(bits >> n & 31) as usize]));
        }
    }
    if n > 0 {
        out.push(char::from(ALPHABET[(bits << (5 - n) & 31) as usize]));
    }
    out
}

fuzz_target!(|data: &[u8]| {
    // The input as a payload of its own, and after each version's prefix.
    let text = String::from_utf8_lossy(data);
    for payload in [text.to_string(), format!("1.{text}"), format!("1:{text}")] {
        decode_within(&payload, MAX_INFLATED);
        decode_within(&payload, 16);
    }
    // The input as compressed bytes: what the inflaters read, with and
    // without the dictionary.
    let b64 = multibase::base64url_encode(data);
    for payload in [b64.clone(), format!("1.{b64}"), format!("1:{}", base32(data))] {
        decode_within(&payload, MAX_INFLATED);
        decode_within(&payload, 16);
    }
    // Round trips, and the bound counts the text, not the dictionary.
    for payload in [
        input::encode_fragment(data),
        input::encode_fragment_for_qr(data),
    ] {
        assert_eq!(
            input::decode_fragment(&payload, MAX_INFLATED).as_deref(),
            Ok(data),
            "fragment round trip"
        );
        assert_eq!(
            input::decode_fragment(&payload, data.len()).as_deref(),
            Ok(data),
            "decodes within its own length"
        );
        if !data.is_empty() {
            assert!(input::decode_fragment(&payload, data.len() - 1).is_err());
        }
    }
});
