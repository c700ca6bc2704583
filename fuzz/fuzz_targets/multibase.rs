//! Multibase, base58btc and base64url decoding and Multikey parsing on
//! arbitrary text, with round trips in both directions.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::low_level::multibase;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = multibase::decode(&text);
    if let Ok(key) = multibase::decode_ed25519_multikey(&text) {
        // The canonical (base58btc) form of the key reads back the same.
        let canonical = multibase::encode_ed25519_multikey(&key);
        assert_eq!(multibase::decode_ed25519_multikey(&canonical), Ok(key));
    }
    if let Ok(bytes) = multibase::base58_decode(&text) {
        // base58btc is a bijection between strings and byte strings.
        assert_eq!(multibase::base58_encode(&bytes), text, "base58 round trip");
    }
    if let Some(bytes) = multibase::base64url_decode(&text) {
        let _ = multibase::base64url_encode(&bytes);
    }
    // Encoding then decoding any bytes is the identity (within the decoder's
    // length limit, which rejects overlong text instead of doing slow work;
    // encoding is quadratic, so only lengths near that limit are tried).
    if data.len() <= 512 {
        let encoded = multibase::encode_base58btc(data);
        if let Ok(decoded) = multibase::decode(&encoded) {
            assert_eq!(decoded, data, "base58btc round trip");
        } else {
            // 512 characters is the decoder's documented bound.
            assert!(
                encoded.len() - 1 > 512,
                "base58btc of {} bytes does not decode",
                data.len()
            );
        }
    }
    let b64 = multibase::base64url_encode(data);
    assert_eq!(multibase::base64url_decode(&b64).as_deref(), Some(data));
    let mut u = String::from("u");
    u.push_str(&b64);
    assert_eq!(multibase::decode(&u).as_deref(), Ok(data));
});
