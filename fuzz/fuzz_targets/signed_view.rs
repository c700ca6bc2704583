//! The signed reading of arbitrary datasets (parsed from N-Quads): never
//! panics, is bounded, and does not depend on the order of the statements
//! (canonical datasets come sorted, but the reading must not rely on it).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::json::{self, Value};
use mcx_verifier_core::low_level::rdf;
use mcx_verifier_core::low_level::signed_view::{self, Vocabulary};

fn vocabulary() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| Vocabulary::bundled().unwrap())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(quads) = rdf::parse_nquads(text) else {
        return;
    };
    let vocab = vocabulary();
    // The root named by the first IRI, or the lone unreferenced blank node.
    let named = text
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(iri, _)| iri);
    let mut reversed = quads.clone();
    reversed.reverse();
    for root in [None, named] {
        let forward = signed_view::read(&quads, root, vocab);
        let backward = signed_view::read(&reversed, root, vocab);
        match (forward, backward) {
            (Ok(a), Ok(b)) => assert_eq!(
                json::to_string(&Value::Object(a)),
                json::to_string(&Value::Object(b)),
                "the reading depends on statement order"
            ),
            (a, b) => assert_eq!(a.is_ok(), b.is_ok(), "order decides whether it reads"),
        }
    }
});
