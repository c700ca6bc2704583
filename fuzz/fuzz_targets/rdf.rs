//! N-Quads parsing then RDFC-1.0 canonicalization with default limits. The
//! canonical form must parse again and be a fixed point.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::low_level::{rdf, rdfc};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    let Ok(quads) = rdf::parse_nquads(text) else {
        return;
    };
    // Each quad's serialization reads back as that quad.
    for q in &quads {
        let line = rdf::quad_to_nquad(q);
        let back = rdf::parse_nquads(&line)
            .unwrap_or_else(|e| panic!("serialized quad does not parse: {e}: {line}"));
        assert_eq!(
            back.as_slice(),
            core::slice::from_ref(q),
            "quad round trip: {line}"
        );
    }
    let limits = rdfc::Limits::default();
    if let Ok(canonical) = rdfc::canonicalize(&quads, &limits) {
        let again = rdf::parse_nquads(&canonical)
            .unwrap_or_else(|e| panic!("canonical N-Quads do not parse: {e}: {canonical}"));
        if let Ok(twice) = rdfc::canonicalize(&again, &limits) {
            assert_eq!(twice, canonical, "canonicalization is not idempotent");
        }
    }
});
