//! The Digital Credentials Consortium verifier-core fixtures
//! (tests/vectors/dcc-verifier-core, see its README): each case must give
//! the outcome the DCC tests expect, in our report's terms.

use mcx_verifier_core::json::{self, Value};
use mcx_verifier_core::{
    verify, CheckKind, Code, Options, Outcome, Report, Resources, SignatureAnswer, Step, Timestamp,
    Verdict,
};

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/dcc-verifier-core"
);
const STATUS_URL: &str =
    "https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/src/test-fixtures/status/e5WK8CbZ1GjycuPombrj";

/// What the DCC network would answer, from the saved files; anything else
/// fails as a 404 would.
fn resources() -> Resources {
    let mut r = Resources::new();
    let file = |p: &str| std::fs::read(format!("{DIR}/{p}")).unwrap();
    r.insert(
        STATUS_URL,
        file("resources/status/e5WK8CbZ1GjycuPombrj.json"),
    );
    r.insert(
        "https://digitalcredentials.github.io/dcc-did-web/did.json",
        file("resources/did-web/dcc-did-web/did.json"),
    );
    r.insert(
        "https://digitalcredentials.github.io/dcc-did-web/multikey/did.json",
        file("resources/did-web/dcc-did-web/multikey/did.json"),
    );
    r
}

fn run(input: &str) -> Report {
    let bytes = std::fs::read(format!("{DIR}/{input}")).unwrap();
    // The DCC tests ran in October 2025; validity is judged then.
    let options = Options::new(Timestamp::parse_rfc3339("2025-10-24T00:00:00Z").unwrap());
    let mut res = resources();
    loop {
        match verify(&bytes, &options, &res) {
            Step::Done(r) => return r,
            Step::Need(needs) => {
                for check in &needs.signatures {
                    res.insert_signature(check, SignatureAnswer::Unavailable("no crypto".into()));
                }
                for u in needs.urls {
                    res.insert_failure(u, "HTTP 404");
                }
            }
        }
    }
}

fn outcome(r: &Report, kind: CheckKind) -> Option<Outcome> {
    r.checks()
        .iter()
        .find(|c| c.kind == kind)
        .map(|c| c.outcome)
}

#[test]
fn dcc_expected_results() {
    let expected = json::parse(
        &std::fs::read(format!("{DIR}/expected-results.json")).unwrap(),
        json::Limits::default(),
    )
    .unwrap();
    let mut checked = 0;
    for case in expected.get("cases").unwrap().as_array().unwrap() {
        let name = case.get("name").unwrap().as_str().unwrap();
        let input = case.get("input").unwrap().as_str().unwrap();
        let r = run(input);
        let json = r.to_json();
        let headline = r.headline().and_then(|c| c.outcome.code());
        match case.get("outcome").unwrap().as_str().unwrap() {
            "fatal" => {
                let error = case
                    .get("expected")
                    .unwrap()
                    .get("errors")
                    .unwrap()
                    .as_array()
                    .unwrap()[0]
                    .get("name")
                    .unwrap()
                    .as_str()
                    .unwrap();
                let (verdict, code) = match error {
                    "invalid_signature" => (Verdict::Invalid, Code::InvalidSignature),
                    "no_proof"
                    | "invalid_credential_id"
                    | "invalid_jsonld"
                    | "no_vc_context"
                    | "jsonld.ValidationError" => (Verdict::Invalid, Code::Malformed),
                    "did_web_unresolved" => (Verdict::Unverifiable, Code::ResourceUnavailable),
                    other => panic!("{name}: unmapped DCC error {other}"),
                };
                assert_eq!(
                    (r.verdict(), headline),
                    (verdict, Some(code)),
                    "{name}: {json}"
                );
            }
            "log" => {
                for entry in case
                    .get("expected")
                    .unwrap()
                    .get("log")
                    .unwrap()
                    .as_array()
                    .unwrap()
                {
                    let valid = entry.get("valid").and_then(Value::as_bool);
                    let error = entry
                        .get("error")
                        .and_then(|e| e.get("name"))
                        .and_then(Value::as_str);
                    match (entry.get("id").unwrap().as_str().unwrap(), valid, error) {
                        ("valid_signature", Some(true), _) => {
                            assert_eq!(
                                outcome(&r, CheckKind::Signature),
                                Some(Outcome::Pass),
                                "{name}: {json}"
                            );
                            assert_eq!(
                                outcome(&r, CheckKind::Key),
                                Some(Outcome::Pass),
                                "{name}: {json}"
                            );
                        }
                        ("expiration", Some(v), _) => {
                            let want = if v {
                                Outcome::Pass
                            } else {
                                Outcome::Fail(Code::Expired)
                            };
                            assert_eq!(
                                outcome(&r, CheckKind::Validity),
                                Some(want),
                                "{name}: {json}"
                            );
                        }
                        ("revocation_status", Some(true), _) => {
                            // Not revoked; our verifier may add a warning (e.g. a small list).
                            let got = outcome(&r, CheckKind::Status);
                            assert!(
                                matches!(got, Some(Outcome::Pass | Outcome::Warn(None))),
                                "{name}: {json}"
                            );
                        }
                        ("revocation_status", Some(false), _) => {
                            assert_eq!(
                                outcome(&r, CheckKind::Status),
                                Some(Outcome::Fail(Code::Revoked)),
                                "{name}: {json}"
                            );
                        }
                        ("revocation_status", None, Some("status_list_not_found")) => {
                            assert_eq!(
                                outcome(&r, CheckKind::Status),
                                Some(Outcome::Fail(Code::StatusUnavailable)),
                                "{name}: {json}"
                            );
                            assert_eq!(r.verdict(), Verdict::Unverifiable, "{name}");
                        }
                        // DCC's own issuer registry is not ours; membership is
                        // checked against the MicroCredX registry instead.
                        ("registered_issuer", _, _) => {}
                        other => panic!("{name}: unmapped log entry {other:?}"),
                    }
                }
            }
            other => panic!("{name}: unknown outcome {other}"),
        }
        checked += 1;
    }
    assert_eq!(checked, 24);
}

#[test]
fn dcc_extras_verify() {
    for f in [
        "credentials/v1/v1NoStatus.json",
        "credentials/v2/v2NoStatus.json",
        "credentials/eddsaAndEd25519/v2/v2DoubleSigWithValidStatus.json",
    ] {
        let r = run(f);
        assert_eq!(
            outcome(&r, CheckKind::Signature),
            Some(Outcome::Pass),
            "{f}: {}",
            r.to_json()
        );
    }
    for f in [
        "credentials/v1/v1RevokedAndExpired.json",
        "credentials/v2/v2RevokedAndExpired.json",
    ] {
        let r = run(f);
        assert_eq!(
            outcome(&r, CheckKind::Status),
            Some(Outcome::Fail(Code::Revoked)),
            "{f}"
        );
        assert_eq!(
            outcome(&r, CheckKind::Validity),
            Some(Outcome::Fail(Code::Expired)),
            "{f}"
        );
        assert_eq!(
            r.headline().and_then(|c| c.outcome.code()),
            Some(Code::Revoked),
            "revoked outranks expired"
        );
    }
}
