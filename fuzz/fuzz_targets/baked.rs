//! Baked badges: the credential inside an arbitrary PNG or SVG.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::low_level::baked;

const MAX_INFLATED: usize = 2 * 1024 * 1024;

fuzz_target!(|data: &[u8]| {
    let _ = baked::png_credential(data, MAX_INFLATED);
    // Also as a PNG, whatever the first bytes are.
    let mut png = Vec::from(&baked::PNG_SIGNATURE[..]);
    png.extend_from_slice(data);
    let _ = baked::png_credential(&png, MAX_INFLATED);
    if let Ok(baked_png) = baked::bake_png(&png, "{\"fuzz\":true}") {
        let _ = baked::png_credential(&baked_png, MAX_INFLATED);
    }
    let _ = baked::svg_credential(&String::from_utf8_lossy(data));
});
