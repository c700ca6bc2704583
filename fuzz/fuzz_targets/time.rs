//! RFC 3339 / xsd:dateTime parsing: never panics, and what it reads it
//! writes back in a form that reads the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::Timestamp;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(t) = Timestamp::parse_rfc3339(&text) {
        let formatted = t.to_rfc3339();
        // Offsets can push year 0000 or 9999 out of the four-digit range.
        if formatted.len() == 20 && formatted.starts_with(|c: char| c.is_ascii_digit()) {
            assert_eq!(
                Timestamp::parse_rfc3339(&formatted),
                Ok(t),
                "{text} -> {formatted}"
            );
        }
    }
    if data.len() >= 8 {
        let t = Timestamp::from_unix_seconds(i64::from_le_bytes(data[..8].try_into().unwrap()));
        let _ = t.to_rfc3339();
    }
});
