//! The tableless decimal parser against `core`'s: the same double for
//! every input both accept, and the same inputs refused (apart from the
//! spellings of infinity and NaN, which only `core` reads).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::json::parse_f64;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ours = parse_f64(text);
    let core = text.parse::<f64>().ok();
    let words = text
        .trim_start_matches(['+', '-'])
        .to_ascii_lowercase();
    if matches!(words.as_str(), "inf" | "infinity" | "nan") {
        assert_eq!(ours, None);
        return;
    }
    assert_eq!(
        ours.map(f64::to_bits),
        core.map(f64::to_bits),
        "{text:?}: ours {ours:?}, core {core:?}"
    );
});
