//! The 1EdTech public validator's Open Badges 3.0 test resources
//! (tests/vectors/openbadges/1edtech-validator, see its README): JSON, JWT,
//! baked PNG and SVG credentials, bad proofs, dates, types and contexts,
//! and revoked credentials.
//!
//! Every case gets the outcome written below, and the outcome is checked
//! against what the 1EdTech validator expects: where the validator calls a
//! case invalid, so must we; where it calls one valid and we do not, the
//! case is in [`DEVIATIONS`] with the reason.

use mcx_verifier_core::json::{self, Value};
use mcx_verifier_core::{verify_offline, CheckKind, Options, Outcome, Resources, Timestamp};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/openbadges");
/// Where the samples' status list lives (upstream serves the file beside them).
const TESTLIST_URL: &str = "https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist";

/// Our outcome for each case: verdict, headline code, and whether a
/// warning must be among the checks.
const OURS: &[(&str, &str, Option<&str>)] = &[
    ("ob30/simple.json", "valid", None),
    ("ob30/simple.1ob", "valid", None),
    ("ob30/simple_v1.json", "valid", None),
    (
        "ob30/simple-did-key-method.json",
        "invalid",
        Some("wrong_key"),
    ),
    ("ob30/simple-did-web-method.json", "valid", None),
    // Its second proof is of an unknown type; every proof must verify.
    (
        "ob30/simple-multiple-proofs.json",
        "invalid",
        Some("unsupported"),
    ),
    ("ob30/simple-json.png", "valid", None),
    ("ob30/simple-jwt.png", "invalid", Some("wrong_key")),
    ("ob30/velocity.jwt", "invalid", Some("unsupported")),
    ("ob30/simple-jwt_v1.png", "invalid", Some("wrong_key")),
    ("ob30/simple-json.svg", "valid", None),
    ("ob30/simple-jwt.svg", "invalid", Some("wrong_key")),
    ("ob30/simple-jwt_v1.svg", "invalid", Some("wrong_key")),
    // Undefined types and terms: the JSON-LD safe mode of the proof refuses them.
    ("ob30/simple-err-type.json", "invalid", Some("malformed")),
    (
        "ob30/simple-err-proof-method.json",
        "invalid",
        Some("wrong_key"),
    ),
    (
        "ob30/simple-err-proof-method-no-scheme.json",
        "invalid",
        Some("unsupported"),
    ),
    (
        "ob30/simple-err-proof-method-unknown-scheme.json",
        "invalid",
        Some("unsupported"),
    ),
    (
        "ob30/simple-err-proof-method-unknown-did-method.json",
        "invalid",
        Some("unsupported"),
    ),
    (
        "ob30/simple-err-proof-value.json",
        "invalid",
        Some("invalid_signature"),
    ),
    ("ob30/simple-err-expired.json", "invalid", Some("expired")),
    ("ob30/simple-err-context.json", "invalid", Some("malformed")),
    ("ob30/simple-context-alias.json", "valid", None),
    ("ob30/simple-context-version.json", "valid", None),
    ("ob30/simple-err-issuer.json", "invalid", Some("malformed")),
    (
        "ob30/simple-err-credential-subject-type.json",
        "invalid",
        Some("malformed"),
    ),
    (
        "ob30/simple-err-credential-subject-identifier-type.json",
        "invalid",
        Some("malformed"),
    ),
    (
        "ob30/simple-err-credential-subject-result-type.json",
        "invalid",
        Some("malformed"),
    ),
    (
        "ob30/simple-err-credential-subject-achievement-result-description-type.json",
        "invalid",
        Some("malformed"),
    ),
    (
        "ob30/simple-err-credential-subject-profile-type.json",
        "invalid",
        Some("malformed"),
    ),
    (
        "ob30/simple-err-evidence-type.json",
        "invalid",
        Some("malformed"),
    ),
    (
        "ob30/simple-err-issuer-type.json",
        "invalid",
        Some("malformed"),
    ),
    (
        "ob30/simple-err-issuer-parentorg-type.json",
        "invalid",
        Some("malformed"),
    ),
    (
        "ob30/simple-err-issuer-otheridentifier-type.json",
        "invalid",
        Some("malformed"),
    ),
    (
        "ob30/simple-err-issued.json",
        "invalid",
        Some("not_yet_valid"),
    ),
    // The legacy 1EdTechRevocationList status method is not supported: the
    // status cannot be known, so never `valid`.
    (
        "ob30/complete.json",
        "unverifiable",
        Some("status_unavailable"),
    ),
    // Its key is `#key-1` of a document the samples do not include.
    ("ob30/complete_v1.json", "invalid", Some("wrong_key")),
    // did:web at dc.1edtech.org, which is not saved here.
    (
        "ob30/credential-status-revoked.json",
        "unverifiable",
        Some("resource_unavailable"),
    ),
    ("ob30/simple-eddsa-2022.json", "valid", None),
    (
        "ob30/bit-string-list/credential-status-revoked.json",
        "invalid",
        Some("revoked"),
    ),
    (
        "ob30/bit-string-list/credential-status-revoked-blank-nodes.json",
        "invalid",
        Some("revoked"),
    ),
    // ecdsa-sd-2023: a derived proof (what the holder disclosed), by the
    // P-256 key the stand-in issuer document lists.
    ("ob30/sd/derivedcredential.json", "valid", None),
];

/// Cases the 1EdTech validator accepts and we do not, and why.
const DEVIATIONS: &[(&str, &str)] = &[
    (
        "ob30/simple-did-key-method.json",
        "the issuer is a urn:uuid and the key a did:key nobody binds to it: anyone could have signed",
    ),
    (
        "ob30/simple-jwt.png",
        "RS256 JWT whose key travels in its own jwk header: the signature verifies, but nothing binds that key to the issuer",
    ),
    (
        "ob30/simple-jwt.svg",
        "RS256 JWT whose key travels in its own jwk header: the signature verifies, but nothing binds that key to the issuer",
    ),
    (
        "ob30/simple-jwt_v1.png",
        "RS256 JWT whose key travels in its own jwk header: the signature verifies, but nothing binds that key to the issuer",
    ),
];

/// The saved key documents (see the README) and the status list.
fn resources() -> Resources {
    let mut r = Resources::new();
    let docs = json::parse(
        &std::fs::read(format!("{DIR}/key-documents.json")).unwrap(),
        json::Limits::default(),
    )
    .unwrap();
    for (url, doc) in docs.as_object().unwrap().iter() {
        r.insert(url.as_str(), json::to_string(doc).into_bytes());
    }
    r.insert(
        TESTLIST_URL,
        std::fs::read(format!(
            "{DIR}/1edtech-validator/ob30/bit-string-list/testlist"
        ))
        .unwrap(),
    );
    r
}

#[test]
fn the_1edtech_validator_samples() {
    let expected = json::parse(
        &std::fs::read(format!("{DIR}/1edtech-validator/expected-results.json")).unwrap(),
        json::Limits::default(),
    )
    .unwrap();
    let cases = expected.get("cases").unwrap().as_array().unwrap();
    assert_eq!(
        cases.len(),
        OURS.len(),
        "every upstream case has an outcome here"
    );
    let options = Options::new(Timestamp::parse_rfc3339("2026-11-28T12:00:00Z").unwrap());
    let resources = resources();
    let mut valid = 0;
    for case in cases {
        let input = case.get("input").unwrap().as_str().unwrap();
        let (_, verdict, code) = OURS
            .iter()
            .find(|(i, _, _)| *i == input)
            .unwrap_or_else(|| panic!("no outcome written for {input}"));
        let bytes = std::fs::read(format!("{DIR}/1edtech-validator/{input}")).unwrap();
        let report = verify_offline(&bytes, &options, &resources);
        let json = report.to_json();
        // Without the `native-crypto` feature and without a host to ask,
        // RS256 and ECDSA signatures cannot be checked at all.
        let native = cfg!(feature = "native-crypto");
        let (verdict, code) = match code {
            Some("wrong_key") if !native && input.contains("-jwt") => {
                ("invalid", &Some("unsupported"))
            }
            None if !native && input.contains("/sd/") => ("invalid", &Some("unsupported")),
            other => (*verdict, other),
        };
        assert_eq!(report.verdict().as_str(), verdict, "{input}: {json}");
        assert_eq!(
            report
                .headline()
                .and_then(|c| c.outcome.code())
                .map(|c| c.as_str()),
            *code,
            "{input}: {json}"
        );
        let upstream = case.get("expected").unwrap();
        match upstream.get("valid").and_then(Value::as_bool) {
            Some(false) => assert_ne!(verdict, "valid", "{input}: the validator rejects it"),
            Some(true) if verdict != "valid" => assert!(
                DEVIATIONS.iter().any(|(i, _)| *i == input) || !native,
                "{input}: the validator accepts it, and no deviation is recorded"
            ),
            _ => {}
        }
        if verdict == "valid" {
            valid += 1;
            // Nothing is valid here without its signature checked for real.
            assert!(report
                .checks()
                .iter()
                .any(|c| c.kind == CheckKind::Signature && c.outcome == Outcome::Pass));
        }
    }
    assert_eq!(
        valid,
        if cfg!(feature = "native-crypto") {
            10
        } else {
            9
        }
    );
}

#[test]
fn the_draft_eddsa_2022_name_verifies_with_a_warning() {
    let bytes = std::fs::read(format!(
        "{DIR}/1edtech-validator/ob30/simple-eddsa-2022.json"
    ))
    .unwrap();
    let options = Options::new(Timestamp::parse_rfc3339("2026-11-28T12:00:00Z").unwrap());
    let report = verify_offline(&bytes, &options, &resources());
    assert!(report
        .checks()
        .iter()
        .any(|c| c.kind == CheckKind::Signature
            && matches!(c.outcome, Outcome::Warn(_))
            && c.detail.contains("eddsa-2022")));
}

#[test]
fn a_key_named_in_an_https_url_is_not_trusted_without_its_document() {
    // The same sample, without the issuer's key document: the key in the
    // URL's fragment alone proves nothing.
    let bytes = std::fs::read(format!("{DIR}/1edtech-validator/ob30/simple.json")).unwrap();
    let options = Options::new(Timestamp::parse_rfc3339("2026-11-28T12:00:00Z").unwrap());
    let report = verify_offline(&bytes, &options, &Resources::new());
    assert_eq!(
        report.verdict().as_str(),
        "unverifiable",
        "{}",
        report.to_json()
    );
}
