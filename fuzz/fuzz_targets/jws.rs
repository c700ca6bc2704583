//! Compact JWS decoding on arbitrary text. Also: any JSON object in the
//! input, signed with `jws::sign`, decodes back to itself and verifies.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::json::{self, Limits, Object, Value};
use mcx_verifier_core::low_level::jws::{self, Jws};
use mcx_verifier_core::low_level::proof;
use mcx_verifier_core::PublicKey;

const SK: [u8; 32] = [42; 32];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = jws::looks_like_compact(&text);
    let public = PublicKey::Ed25519(proof::public_key(&SK));
    if let Ok(j) = Jws::decode(&text, Limits::default()) {
        let _ = j.kid();
        let _ = j.algorithm();
        let _ = j.verify(&public, &proof::InCore);
        let _ = j.verify(&PublicKey::Ed25519([0; 32]), &proof::InCore);
    }
    if let Ok(Value::Object(payload)) = json::parse(data, Limits::default()) {
        let mut header = Object::new();
        header.insert("kid", Value::from("did:example:fuzz#key"));
        let compact = jws::sign(header, &Value::Object(payload.clone()), &SK);
        let j = Jws::decode(&compact, Limits::default())
            .unwrap_or_else(|e| panic!("a JWS we signed does not decode: {e}"));
        assert_eq!(j.payload, payload, "JWS payload changed in a round trip");
        assert_eq!(j.kid(), Some("did:example:fuzz#key"));
        assert!(
            j.verify(&public, &proof::InCore).is_ok(),
            "a JWS we signed does not verify"
        );
    }
});
