//! Input detection and decoding (JSON, JWT, links, fragments, baked PNG/SVG)
//! on arbitrary bytes, with and without the linked document available.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::low_level::input::{self, Decoded};
use mcx_verifier_core::{Limits, Resources};

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let mut resources = Resources::new();
    let first = input::decode(data, &limits, &resources);
    // A link to a hosted credential asks for it; answer with the input
    // itself (so nesting is exercised) and decode again.
    for url in resources.take_missing() {
        resources.insert(url, data.to_vec());
    }
    let _ = input::decode(data, &limits, &resources);
    if let Ok(Decoded::Json(v, _)) = first {
        // Whatever JSON decoding accepted re-serializes.
        let _ = mcx_verifier_core::json::to_string(&v);
    }
    let _ = input::percent_decode(&String::from_utf8_lossy(data));
});
