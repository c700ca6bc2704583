//! JSON parse then RFC 8785 canonicalization. A canonical form must be
//! valid JSON and a fixed point: canonicalizing it again changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::low_level::jcs;
use mcx_verifier_core::json::{self, Limits};

fuzz_target!(|data: &[u8]| {
    let Ok(v) = json::parse(data, Limits::default()) else {
        return;
    };
    if let Ok(c) = jcs::canonicalize(&v) {
        let again = json::parse(c.as_bytes(), Limits::default())
            .unwrap_or_else(|e| panic!("canonical form does not parse: {e}: {c}"));
        assert_eq!(
            jcs::canonicalize(&again).as_deref(),
            Ok(c.as_str()),
            "canonicalization is not idempotent"
        );
    }
});
