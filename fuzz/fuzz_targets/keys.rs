//! Public key parsing on arbitrary input: PEM (SubjectPublicKeyInfo and
//! PKCS#1, through the DER reader), DER directly, JWK and Multikey. Also:
//! a key that parses keeps its type through its Multikey form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::json::{self, Limits};
use mcx_verifier_core::PublicKey;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = PublicKey::from_pem(&text);
    let _ = PublicKey::from_spki(data);
    if let Ok(v) = json::parse(data, Limits::default()) {
        let _ = PublicKey::from_jwk(&v);
    }
    if let Ok(key) = PublicKey::from_multikey(text.trim()) {
        let again = key
            .to_multikey()
            .expect("a Multikey that parses has a Multikey form");
        assert_eq!(
            PublicKey::from_multikey(&again).as_ref(),
            Ok(&key),
            "Multikey round trip"
        );
    }
});
