//! `json::parse` on arbitrary bytes. Whatever parses must serialize to text
//! that parses back to the same value, and serialization must be stable.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::json::{self, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    if let Ok(v) = json::parse(data, limits) {
        let text = json::to_string(&v);
        let again = json::parse(text.as_bytes(), limits)
            .unwrap_or_else(|e| panic!("serialized JSON does not parse: {e}: {text}"));
        assert_eq!(again, v, "parse(to_string(v)) != v");
        assert_eq!(json::to_string(&again), text, "serialization is not stable");
    }
    // The &str entry point must agree with the byte one.
    if let Ok(s) = core::str::from_utf8(data) {
        if data.len() <= limits.max_bytes {
            assert_eq!(
                json::parse_str(s).ok(),
                json::parse(data, limits).ok(),
                "parse_str and parse disagree"
            );
        }
    }
});
