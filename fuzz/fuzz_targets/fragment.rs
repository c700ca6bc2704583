//! The URL-fragment payload (raw DEFLATE + base64url): arbitrary payloads
//! decode or fail cleanly, and encode-then-decode is the identity.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::low_level::input;

const MAX_INFLATED: usize = 2 * 1024 * 1024;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(bytes) = input::decode_fragment(&text, MAX_INFLATED) {
        assert!(bytes.len() <= MAX_INFLATED, "inflated past the limit");
    }
    let _ = input::decode_fragment(&text, 16);
    let payload = input::encode_fragment(data);
    assert_eq!(
        input::decode_fragment(&payload, MAX_INFLATED).as_deref(),
        Ok(data),
        "fragment round trip"
    );
});
