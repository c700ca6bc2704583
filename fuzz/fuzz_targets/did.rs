//! DID resolution: the first line of the input is a DID URL, the rest a
//! `did:web` document served for it (and for `did:web:example.com`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::low_level::did::{self, Purpose};
use mcx_verifier_core::json::{self, Limits};
use mcx_verifier_core::Resources;

fuzz_target!(|data: &[u8]| {
    let (line, doc) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let method_url = String::from_utf8_lossy(line);
    let mut resources = Resources::new();
    if let Ok(url) = did::web_document_url(did::did_of(&method_url)) {
        resources.insert(url, doc.to_vec());
    }
    let fixed = did::web_document_url("did:web:example.com").expect("a valid did:web");
    resources.insert(fixed, doc.to_vec());
    for purpose in [Purpose::AssertionMethod, Purpose::Authentication] {
        if let Ok(m) = did::resolve(&method_url, purpose, &resources) {
            // A resolved method belongs to the DID that was asked for.
            assert_eq!(
                m.controller,
                did::did_of(&method_url),
                "controller mismatch"
            );
        }
        for fixed_url in ["did:web:example.com#key-1", "did:web:example.com"] {
            let _ = did::resolve(fixed_url, purpose, &resources);
        }
    }
    // Missing and failed documents are errors, never panics.
    let empty = Resources::new();
    let _ = did::resolve(&method_url, Purpose::AssertionMethod, &empty);
    // Key extraction from arbitrary JSON values (verification methods, JWKs).
    if let Ok(v) = json::parse(doc, Limits::default()) {
        let _ = did::method_key(&v);
        let _ = did::jwk_ed25519(&v);
    }
});
