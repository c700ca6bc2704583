//! `mcx verify` on a CLR 2.0 record: the 1EdTech implementation guide's
//! signed ClrCredential, whose credential inside gets its own report.

mod kit;

use kit::{mcx_in, reports, scratch, stdout, verdict};
use mcx_verifier_core::json::Value;

const VECTOR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../verifier-core/tests/vectors/openbadges/1edtech-spec/clr-v2p0-eddsa-rdfc-2022"
);
const ISSUER: &str = "https://example.edu/issuers/565049";
const KEY: &str = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";

#[test]
fn verify_json_reports_a_records_credentials() {
    let s = scratch();
    let signed = std::fs::read_to_string(format!("{VECTOR}/signed.json")).unwrap();
    std::fs::write(s.path().join("clr.json"), &signed).unwrap();
    // The vector's issuer URL does not resolve: its key document is given.
    std::fs::write(
        s.path().join("issuer.json"),
        format!(
            r#"{{"id":"{ISSUER}","verificationMethod":[{{"id":"{ISSUER}#{KEY}","type":"Multikey","controller":"{ISSUER}","publicKeyMultibase":"{KEY}"}}],"assertionMethod":["{ISSUER}#{KEY}"]}}"#
        ),
    )
    .unwrap();
    // The credential inside, changed after it was signed, in a record that
    // cannot be re-signed here: the record's own signature breaks too.
    std::fs::write(
        s.path().join("changed.json"),
        signed.replacen("Example University Degree", "Example University PhD", 1),
    )
    .unwrap();
    let resource = format!("{ISSUER}=issuer.json");
    let args = |json: bool, file: &'static str| {
        let mut a = vec!["verify", "--offline", "--now", "2025-01-01T00:00:00Z"];
        if json {
            a.push("--json");
        }
        a.extend(["--resource", resource.as_str(), file]);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let run = |json: bool, file: &'static str| {
        let a = args(json, file);
        mcx_in(&a.iter().map(String::as_str).collect::<Vec<_>>(), s.path())
    };
    let o = run(true, "clr.json");
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let r = &reports(&o)[0];
    assert_eq!(verdict(r), "valid");
    let inside = r.get("credentials").and_then(Value::as_array).unwrap();
    assert_eq!(inside.len(), 1);
    assert_eq!(verdict(&inside[0]), "valid");
    assert_eq!(
        inside[0]
            .get("credential")
            .and_then(|c| c.get("name"))
            .and_then(Value::as_str),
        Some("Example University Degree")
    );
    let credentials_check = r
        .get("checks")
        .and_then(Value::as_array)
        .unwrap()
        .iter()
        .find(|c| c.get("check").and_then(Value::as_str) == Some("credentials"))
        .unwrap();
    assert_eq!(
        credentials_check.get("outcome").and_then(Value::as_str),
        Some("pass")
    );
    // The text lists the credential inside under the record.
    let text = stdout(&run(false, "clr.json"));
    assert!(text.contains("credential 1"), "{text}");
    assert!(text.contains("Achievement 1"), "{text}");
    assert!(!text.contains("presentation"), "{text}");

    let o = run(true, "changed.json");
    assert_eq!(o.status.code(), Some(1));
    let r = &reports(&o)[0];
    assert_eq!(verdict(r), "invalid");
    assert!(r
        .get("credentials")
        .and_then(Value::as_array)
        .is_none_or(|c| c.is_empty()));
}
