//! Verification links (`#vc=` payloads): links already handed out decode
//! forever, every text round-trips through both forms byte for byte, and
//! damaged or hostile payloads fail cleanly within the inflate bound.
//!
//! The sizes the demo's links reach (and their QR codes) are measured where
//! the site makes them: `site/src/share.rs`.

use mcx_verifier_core::json::{self, Limits as JsonLimits};
use mcx_verifier_core::low_level::input::{self, InputError};
use mcx_verifier_core::low_level::multibase;
use mcx_verifier_core::share::{decode, Decoded};
use mcx_verifier_core::{Limits, Resources};
use proptest::prelude::*;

const LINKS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/links");
const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../demo");
const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors");
const MAX: usize = 2 * 1024 * 1024;

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// What the core decodes a link or credential to: compact JSON or the JWS.
fn text_of(input: &[u8]) -> (String, &'static str) {
    match decode(input, &Limits::default(), &Resources::new()).unwrap() {
        Decoded::Json(v, how) => (json::to_string(&v), how),
        Decoded::Jwt(t, how) => (t, how),
    }
}

#[test]
fn links_handed_out_decode_forever() {
    for (name, ext) in [("credential", "json"), ("jwt", "jwt")] {
        let expected = read(&format!("{LINKS}/{name}.{ext}"));
        for form in ["legacy", "v1", "v1-qr"] {
            let link = read(&format!("{LINKS}/{name}.{form}.link"));
            let payload = link.trim().split_once("#vc=").unwrap().1;
            assert_eq!(
                input::decode_fragment(payload, MAX).unwrap(),
                expected.as_bytes(),
                "{name}.{form}.link"
            );
            assert_eq!(
                text_of(link.as_bytes()),
                (expected.clone(), "verification link"),
                "{name}.{form}.link through decode"
            );
        }
    }
}

#[test]
fn version_1_links_are_much_shorter() {
    let len = |name: &str, form: &str| read(&format!("{LINKS}/{name}.{form}.link")).trim().len();
    let (legacy, v1) = (len("credential", "legacy"), len("credential", "v1"));
    assert!(
        v1 * 10 < legacy * 6,
        "{v1} is not 40% shorter than {legacy}"
    );
    // Base32 is a longer text, for a smaller QR code (site/src/share.rs).
    assert!(len("credential", "v1-qr") > v1);
    // A JWT's payload is base64url, which the dictionary does not match: as
    // long as before, give or take the version's two characters.
    assert!(len("jwt", "v1") <= len("jwt", "legacy") + 2);
}

/// Every demo credential and presentation, and every credential of the
/// conformance vectors, as the site shares it.
fn real_texts() -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir(format!("{DEMO}/credentials"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for dir in [
        "openbadges/1edtech-validator/ob30",
        "dcc-verifier-core/credentials/v2",
    ] {
        files.extend(
            std::fs::read_dir(format!("{VECTORS}/{dir}"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "json")),
        );
    }
    files.sort();
    files
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).unwrap();
            match decode(&bytes, &Limits::default(), &Resources::new()).ok()? {
                Decoded::Json(v, _) => Some(json::to_string(&v)),
                Decoded::Jwt(t, _) => Some(t),
            }
        })
        .collect()
}

fn assert_round_trip(text: &[u8]) -> Result<(), TestCaseError> {
    for payload in [
        input::encode_fragment(text),
        input::encode_fragment_for_qr(text),
    ] {
        let decoded = input::decode_fragment(&payload, MAX);
        prop_assert_eq!(decoded.as_deref(), Ok(text), "{}", payload);
        let bounded = input::decode_fragment(&payload, text.len());
        prop_assert_eq!(bounded.as_deref(), Ok(text));
        if !text.is_empty() {
            prop_assert!(input::decode_fragment(&payload, text.len() - 1).is_err());
        }
    }
    Ok(())
}

#[test]
fn every_real_credential_round_trips_and_shrinks() {
    let texts = real_texts();
    assert!(texts.len() > 40, "{}", texts.len());
    let (mut before, mut after) = (0, 0);
    for t in &texts {
        assert_round_trip(t.as_bytes()).unwrap();
        // Through the whole input decoder too, as a link.
        let link = format!(
            "https://verify.example/#vc={}",
            input::encode_fragment(t.as_bytes())
        );
        assert_eq!(&text_of(link.as_bytes()).0, t);
        let qr = format!(
            "https://verify.example/#vc={}",
            input::encode_fragment_for_qr(t.as_bytes())
        );
        assert_eq!(&text_of(qr.as_bytes()).0, t);
        let legacy = legacy_payload(t);
        assert_eq!(input::decode_fragment(&legacy, MAX).unwrap(), t.as_bytes());
        before += legacy.len();
        after += input::encode_fragment(t.as_bytes()).len();
    }
    eprintln!(
        "{} texts: legacy payloads {before} characters, version 1 {after}",
        texts.len()
    );
    // Credentials of other issuers (the conformance vectors) and JWTs gain
    // less than the network's own JSON credentials; all together, 30% off.
    assert!(after * 10 < before * 7, "{after} of {before}");
}

/// The legacy payload of a text, as the verifier wrote it before version 1.
fn legacy_payload(t: &str) -> String {
    multibase::base64url_encode(&miniz_oxide::deflate::compress_to_vec(t.as_bytes(), 9))
}

fn jws_like() -> impl Strategy<Value = String> {
    let part = proptest::collection::vec(any::<u8>(), 0..80);
    (part.clone(), part.clone(), part, any::<bool>()).prop_map(|(h, p, s, json_header)| {
        let h = if json_header {
            br#"{"alg":"EdDSA","typ":"vc+jwt"}"#.to_vec()
        } else {
            h
        };
        format!(
            "{}.{}.{}",
            multibase::base64url_encode(&h),
            multibase::base64url_encode(&p),
            multibase::base64url_encode(&s)
        )
    })
}

/// A byte-level change to a real text.
fn mutate(text: &str, at: usize, byte: u8, kind: u8) -> Vec<u8> {
    let mut b = text.as_bytes().to_vec();
    let i = at % (b.len() + 1);
    match kind % 3 {
        0 if i < b.len() => b[i] = byte,
        1 => b.insert(i, byte),
        _ => b.truncate(i),
    }
    b
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn random_bytes_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        assert_round_trip(&bytes)?;
    }

    #[test]
    fn jws_shaped_texts_round_trip(jws in jws_like()) {
        assert_round_trip(jws.as_bytes())?;
    }

    #[test]
    fn changed_real_credentials_round_trip(
        which in any::<usize>(),
        at in any::<usize>(),
        byte in any::<u8>(),
        kind in any::<u8>(),
    ) {
        let texts = real_texts_cached();
        let t = mutate(&texts[which % texts.len()], at, byte, kind);
        assert_round_trip(&t)?;
    }

    /// Payloads of any characters decode or fail, never past the bound.
    #[test]
    fn random_payloads_fail_cleanly(
        version in prop::sample::select(vec!["1.", "1:", "", "2."]),
        body in "[A-Za-z0-9_:.=-]{0,300}",
        max in 0usize..5000,
    ) {
        let payload = format!("{version}{body}");
        if let Ok(bytes) = input::decode_fragment(&payload, max) {
            prop_assert!(bytes.len() <= max);
        }
    }

    /// A real payload damaged anywhere decodes to something within the
    /// bound or fails with a reason; it never panics.
    #[test]
    fn damaged_real_payloads_fail_cleanly(
        which in any::<usize>(),
        at in any::<usize>(),
        replacement in prop::sample::select(b"AZaz09-_27".to_vec()),
        qr in any::<bool>(),
    ) {
        let texts = real_texts_cached();
        let t = &texts[which % texts.len()];
        let payload = if qr {
            input::encode_fragment_for_qr(t.as_bytes())
        } else {
            input::encode_fragment(t.as_bytes())
        };
        let mut p = payload.into_bytes();
        let i = 2 + at % (p.len() - 2);
        p[i] = replacement;
        let p = String::from_utf8(p).unwrap();
        match input::decode_fragment(&p, MAX) {
            Ok(bytes) => prop_assert!(bytes.len() <= MAX),
            Err(InputError::Malformed(m)) => prop_assert!(m.ends_with("(was it cut off?)") || m.contains("beyond"), "{}", m),
            Err(e) => prop_assert!(false, "{:?}", e),
        }
    }
}

fn real_texts_cached() -> &'static [String] {
    static TEXTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TEXTS.get_or_init(real_texts)
}

#[test]
fn the_frozen_texts_are_the_demo_credentials() {
    // The frozen files hold what the demo credentials were when the links
    // were written; if the demo is regenerated, the links must still decode
    // (they do: they carry their own text), and this says so plainly.
    let expected = read(&format!("{LINKS}/credential.json"));
    let value = json::parse(expected.as_bytes(), JsonLimits::default()).unwrap();
    assert_eq!(
        json::to_string(&value),
        expected,
        "compact JSON as the site shares it"
    );
}
