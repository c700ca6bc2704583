//! `mcx` with ECDSA P-256 keys: `mcx key new --type p256`, issuing in the
//! ecdsa suites and as ES256 JWTs, and verifying what was issued — the
//! signature, the key bound to the issuer, and any change refused.

mod kit;

use kit::{headline, mcx, reports, run_ok, scratch, verdict, NOW};
use mcx_verifier_core::json::{self, Value};

const UNSIGNED: &str = r#"{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],"type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{"type":["Profile"],"name":"TH Nordstadt"},"name":"PLC Programming","credentialSubject":{"type":["AchievementSubject"],"achievement":{"id":"https://th-nordstadt.example/a/plc","type":["Achievement"],"name":"PLC Programming","criteria":{"narrative":"Passed the assessed project."},"description":"IEC 61131-3 programming of PLCs."}}}"#;

fn proof_suites(report: &Value) -> Vec<String> {
    report
        .get("details")
        .and_then(|d| d.get("proof"))
        .map(Value::one_or_many)
        .unwrap_or(&[])
        .iter()
        .filter_map(Value::as_str)
        .map(String::from)
        .collect()
}

#[test]
fn p256_keys_issue_what_verifies_and_nothing_else() {
    let dir = scratch();
    let key = dir.file("p256.json");
    let did = run_ok(&["key", "new", "--type", "p256", "-o", &key]);
    assert!(did.trim().starts_with("did:key:zDn"), "{did}");
    let unsigned = dir.file("unsigned.json");
    std::fs::write(&unsigned, UNSIGNED).unwrap();
    for (format, suite) in [
        ("ecdsa-rdfc-2019", "ecdsa-rdfc-2019"),
        ("ecdsa-jcs-2019", "ecdsa-jcs-2019"),
        // The eddsa formats are made as their ecdsa counterparts.
        ("eddsa-jcs-2022", "ecdsa-jcs-2019"),
        ("jwt", "JWS (ES256)"),
    ] {
        let out = dir.file(&format!("{format}.txt"));
        run_ok(&[
            "issue", "--key", &key, "--format", format, "--now", NOW, "-o", &out, &unsigned,
        ]);
        let r = &reports(&mcx(&["verify", "--json", "--now", NOW, "--offline", &out]))[0];
        assert_eq!(verdict(r), "valid", "{format}: {r:?}");
        assert_eq!(proof_suites(r), [suite], "{format}");
        // Any change to the signed content is caught.
        let text = std::fs::read_to_string(&out).unwrap();
        let changed = if format == "jwt" {
            // Flip one character of the payload (keeping valid base64url).
            let dot = text.find('.').unwrap() + 10;
            let mut b = text.into_bytes();
            b[dot] = if b[dot] == b'A' { b'B' } else { b'A' };
            String::from_utf8(b).unwrap()
        } else {
            text.replace("PLC Programming", "PLC Programmierung")
        };
        std::fs::write(&out, changed).unwrap();
        let r = &reports(&mcx(&["verify", "--json", "--now", NOW, "--offline", &out]))[0];
        assert_eq!(verdict(r), "invalid", "{format}: {r:?}");
        assert!(
            matches!(headline(r).0, Some("invalid_signature" | "malformed")),
            "{format}: {r:?}"
        );
    }
}

#[test]
fn the_w3c_p256_test_key_file_is_read() {
    // The vc-di-ecdsa test key (TestVectors/p256KeyPair.json), as a key file.
    let dir = scratch();
    let key = dir.file("w3c.json");
    std::fs::write(
        &key,
        r#"{"type":"P256KeyPair","publicKeyMultibase":"zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP","secretKeyMultibase":"z42twTcNeSYcnqg1FLuSFs2bsGH3ZqbRHFmvS9XMsYhjxvHN"}"#,
    )
    .unwrap();
    let shown = run_ok(&["key", "show", &key]);
    let shown = json::parse_str(&shown).unwrap();
    assert_eq!(
        shown.get("did").and_then(Value::as_str),
        Some("did:key:zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP")
    );
    // A key file whose public key is not its secret key's is refused.
    std::fs::write(
        &key,
        r#"{"publicKeyMultibase":"zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169","secretKeyMultibase":"z42twTcNeSYcnqg1FLuSFs2bsGH3ZqbRHFmvS9XMsYhjxvHN"}"#,
    )
    .unwrap();
    assert!(!mcx(&["key", "show", &key]).status.success());
}
