//! The network layer through the CLI contract:
//! `mcx verify --json --registry … --resource URL=FILE …` on every demo
//! sample and on hostile registries and status lists, and the issuer-side
//! `mcx status` / `mcx registry` tools end to end.

use std::path::{Path, PathBuf};
use std::process::Output;

use mcx_verifier_core::json::{self, Value};

mod kit;

use kit::{demo, headline, manifest, mcx, reports, run_ok, scratch, stdout, verdict, NOW};

const THN_REV: &str = "https://demo.microcredx.eu/members/thn/status/revocation.json";

/// `--resource URL=FILE` for every resource of the demo manifest, except
/// those in `replace`, which map to other files.
fn resource_args(replace: &[(&str, &Path)]) -> Vec<String> {
    let m = manifest();
    let mut out = Vec::new();
    for (url, file) in m
        .get("resources")
        .and_then(Value::as_object)
        .unwrap()
        .iter()
    {
        let path = match replace.iter().find(|(u, _)| u == url) {
            Some((_, p)) => p.to_path_buf(),
            None => demo().join(file.as_str().unwrap()),
        };
        out.push("--resource".to_string());
        out.push(format!("{url}={}", path.display()));
    }
    out
}

fn verify(extra: &[String], files: &[PathBuf]) -> (Output, Vec<Value>) {
    let registry = demo().join("registry.json");
    let mut args: Vec<String> = vec![
        "verify".into(),
        "--json".into(),
        "--now".into(),
        NOW.into(),
        "--registry".into(),
        registry.display().to_string(),
        // The demo's addresses are not really published: never fetch them.
        "--offline".into(),
    ];
    args.extend(extra.iter().cloned());
    args.extend(files.iter().map(|f| f.display().to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = mcx(&refs);
    let parsed = reports(&out);
    (out, parsed)
}

#[test]
fn every_demo_sample_through_the_cli_contract() {
    let m = manifest();
    let samples = m.get("samples").and_then(Value::as_array).unwrap();
    let files: Vec<PathBuf> = samples
        .iter()
        .map(|s| demo().join(s.get("file").and_then(Value::as_str).unwrap()))
        .collect();
    let (out, reports) = verify(&resource_args(&[]), &files);
    assert_eq!(out.status.code(), Some(1), "some samples are not valid");
    assert_eq!(
        reports.len(),
        samples.len(),
        "one report per input, in order"
    );
    for (s, r) in samples.iter().zip(&reports) {
        let file = s.get("file").and_then(Value::as_str).unwrap();
        assert_eq!(
            verdict(r),
            s.get("verdict").and_then(Value::as_str).unwrap(),
            "{file}"
        );
        assert_eq!(
            headline(r).0,
            s.get("code").and_then(Value::as_str),
            "{file}"
        );
    }
    // Only the valid ones: exit 0.
    let valid: Vec<PathBuf> = samples
        .iter()
        .filter(|s| s.get("verdict").and_then(Value::as_str) == Some("valid"))
        .map(|s| demo().join(s.get("file").and_then(Value::as_str).unwrap()))
        .collect();
    let (out, reports) = verify(&resource_args(&[]), &valid);
    assert_eq!(out.status.code(), Some(0));
    assert!(reports.iter().all(|r| verdict(r) == "valid"));
    // The member's details are in the report.
    let thn = &reports[0];
    assert_eq!(
        thn.get("credential")
            .and_then(|c| c.get("issuer"))
            .and_then(|i| i.get("network"))
            .and_then(|n| n.get("shortName"))
            .and_then(Value::as_str),
        Some("THN")
    );
}

#[test]
fn a_mounted_copy_of_the_site_answers_like_single_files() {
    let m = manifest();
    let files: Vec<PathBuf> = m
        .get("samples")
        .and_then(Value::as_array)
        .unwrap()
        .iter()
        .map(|s| demo().join(s.get("file").and_then(Value::as_str).unwrap()))
        .collect();
    let (_, one_by_one) = verify(&resource_args(&[]), &files);
    let mount = vec![
        "--resource".to_string(),
        format!("https://demo.microcredx.eu/={}", demo().display()),
    ];
    let (_, mounted) = verify(&mount, &files);
    let verdicts = |reports: &[Value]| -> Vec<(String, Option<String>)> {
        reports
            .iter()
            .map(|r| (verdict(r).to_string(), headline(r).0.map(str::to_string)))
            .collect()
    };
    assert_eq!(verdicts(&mounted), verdicts(&one_by_one));
    assert!(verdicts(&mounted).iter().any(|(v, _)| v == "valid"));
}

#[test]
fn a_missing_resource_is_unverifiable_not_valid() {
    let (out, reports) = verify(&[], &[demo().join("credentials/valid-plc-thn.json")]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(verdict(&reports[0]), "unverifiable");
}

#[test]
/// A registry that is not acceptable is judged like any document: the
/// report says membership is unknown (unverifiable, exit 1) and why; only
/// an unreadable --registry file is a usage error (exit 2).
fn bad_registries_make_membership_unknown_and_say_why() {
    let dir = scratch();
    let text = std::fs::read_to_string(demo().join("registry.json")).unwrap();
    let tampered = dir.path().join("tampered.json");
    std::fs::write(
        &tampered,
        text.replacen("\"country\": \"ES\"", "\"country\": \"PT\"", 1),
    )
    .unwrap();
    let file = demo().join("credentials/valid-plc-thn.json");
    let f = file.display().to_string();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![
                "--registry".into(),
                tampered.display().to_string(),
                "--now".into(),
                NOW.into(),
            ],
            "signature is not valid",
        ),
        (
            vec![
                "--registry".into(),
                demo().join("registry.json").display().to_string(),
                "--registry-key".into(),
                "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp".into(),
                "--now".into(),
                NOW.into(),
            ],
            "not by the pinned governance key",
        ),
        (
            vec![
                "--registry".into(),
                demo().join("registry.json").display().to_string(),
                "--now".into(),
                "2032-01-01T00:00:00Z".into(),
            ],
            "has expired",
        ),
        (
            vec![
                "--registry".into(),
                file.display().to_string(),
                "--now".into(),
                NOW.into(),
            ],
            "is malformed",
        ),
    ];
    let mount = format!("https://demo.microcredx.eu/={}", demo().display());
    for (args, code) in cases {
        let mut all = vec!["verify".to_string(), "--json".into(), "--offline".into()];
        all.extend(["--resource".to_string(), mount.clone()]);
        all.extend(args);
        all.push(f.clone());
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        let out = mcx(&refs);
        assert_eq!(out.status.code(), Some(1), "{code}");
        let r = &reports(&out)[0];
        assert_ne!(verdict(r), "valid", "{code}");
        let issuer = r
            .get("checks")
            .and_then(Value::as_array)
            .and_then(|c| {
                c.iter()
                    .find(|c| c.get("check").and_then(Value::as_str) == Some("issuer"))
            })
            .unwrap();
        let text = |k: &str| issuer.get(k).and_then(Value::as_str).unwrap_or("");
        assert_eq!(text("code"), "resource_unavailable", "{code}");
        assert!(
            text("detail").starts_with("The network registry at file://")
                && text("detail").contains(code),
            "{code}: {}",
            text("detail")
        );
    }
    let missing = mcx(&["verify", "--registry", "no-such-registry.json", &f]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stdout(&missing).is_empty());
}

#[test]
fn bad_status_lists_through_the_cli() {
    let dir = scratch();
    let list = std::fs::read_to_string(demo().join("members/thn/status/revocation.json")).unwrap();
    let start = list.find("\"encodedList\": \"").unwrap() + 16;
    let end = start + list[start..].find('"').unwrap();
    let write = |name: &str, text: String| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    // Truncated gzip (its signature no longer matches either), a cleared
    // list, the suspension list in its place, and garbage.
    let truncated = write(
        "truncated.json",
        format!("{}{}", &list[..end - 10], &list[end..]),
    );
    let cleared = write(
        "cleared.json",
        format!(
            "{}{}{}",
            &list[..start],
            mcx_verifier_core::low_level::status::Bitstring::zeroed(131_072, 1).encode(),
            &list[end..]
        ),
    );
    let wrong_purpose = demo().join("members/thn/status/suspension.json");
    let garbage = write("garbage.json", "\u{1f}\u{8b}not json".into());
    for (name, path) in [
        ("truncated", truncated),
        ("cleared", cleared),
        ("wrong purpose", wrong_purpose),
        ("garbage", garbage),
    ] {
        let (out, reports) = verify(
            &resource_args(&[(THN_REV, &path)]),
            &[
                demo().join("credentials/revoked-twin-thn.json"),
                demo().join("credentials/valid-plc-thn.json"),
            ],
        );
        assert_eq!(out.status.code(), Some(1), "{name}");
        for r in &reports {
            assert_eq!(verdict(r), "unverifiable", "{name}");
            assert_eq!(headline(r).0, Some("status_unavailable"), "{name}");
        }
    }
}

#[test]
fn issuer_tools_revoke_suspend_and_reinstate_end_to_end() {
    let dir = scratch();
    let p = |n: &str| dir.file(n);
    let did = run_ok(&["key", "new", "--out", &p("issuer.json")])
        .trim()
        .to_string();
    let rev_url = "https://uni.example/status/rev.json";
    let sus_url = "https://uni.example/status/sus.json";
    run_ok(&[
        "status",
        "new",
        "--url",
        rev_url,
        "--purpose",
        "revocation",
        "--out",
        &p("rev.json"),
    ]);
    run_ok(&[
        "status",
        "new",
        "--url",
        sus_url,
        "--purpose",
        "suspension",
        "--out",
        &p("sus.json"),
    ]);
    let e1 = run_ok(&["status", "entry", &p("rev.json"), "--index", "42"]);
    let e2 = run_ok(&["status", "entry", &p("sus.json"), "--index", "42"]);
    let unsigned = format!(
        r#"{{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"validFrom":"2026-01-01T00:00:00Z","credentialSubject":{{"id":"did:example:learner"}},"credentialStatus":[{},{}]}}"#,
        e1.trim(),
        e2.trim()
    );
    std::fs::write(p("cred.unsigned.json"), unsigned).unwrap();
    run_ok(&[
        "issue",
        "--key",
        &p("issuer.json"),
        "--format",
        "eddsa-jcs-2022",
        "--now",
        NOW,
        "--out",
        &p("cred.json"),
        &p("cred.unsigned.json"),
    ]);
    let sign = |list: &str, format: &str| {
        run_ok(&[
            "status",
            "sign",
            &p(&format!("{list}.json")),
            "--key",
            &p("issuer.json"),
            "--format",
            format,
            "--now",
            NOW,
            "--out",
            &p(&format!("{list}.signed.json")),
        ]);
    };
    let check = || {
        let out = mcx(&[
            "verify",
            "--json",
            "--now",
            NOW,
            "--resource",
            &format!("{rev_url}={}", p("rev.signed.json")),
            "--resource",
            &format!("{sus_url}={}", p("sus.signed.json")),
            &p("cred.json"),
        ]);
        let r = json::parse(&out.stdout, json::Limits::default()).unwrap();
        (verdict(&r).to_string(), headline(&r).0.map(str::to_string))
    };
    sign("rev", "eddsa-jcs-2022");
    sign("sus", "eddsa-rdfc-2022");
    assert_eq!(check(), ("valid".into(), None));
    assert!(run_ok(&["status", "get", &p("sus.json"), "--index", "42"]).trim() == "0");

    run_ok(&["status", "suspend", &p("sus.json"), "--index", "42"]);
    sign("sus", "eddsa-rdfc-2022");
    assert_eq!(check(), ("invalid".into(), Some("suspended".into())));

    run_ok(&["status", "reinstate", &p("sus.json"), "--index", "42"]);
    sign("sus", "eddsa-jcs-2022");
    assert_eq!(check(), ("valid".into(), None));

    run_ok(&["status", "revoke", &p("rev.json"), "--index", "42"]);
    sign("rev", "eddsa-jcs-2022");
    assert_eq!(check(), ("invalid".into(), Some("revoked".into())));

    // Revocation is final, and each command checks the list's purpose.
    assert!(
        !mcx(&["status", "reinstate", &p("rev.json"), "--index", "42"])
            .status
            .success()
    );
    assert!(!mcx(&["status", "suspend", &p("rev.json"), "--index", "1"])
        .status
        .success());
    assert!(
        !mcx(&["status", "revoke", &p("rev.json"), "--index", "99999999"])
            .status
            .success()
    );
    assert!(did.starts_with("did:key:"));
}

#[test]
fn issuer_tools_build_and_sign_a_registry() {
    let dir = scratch();
    let p = |n: &str| dir.file(n);
    let gov = run_ok(&["key", "new", "--out", &p("gov.json")])
        .trim()
        .to_string();
    let uni = run_ok(&["key", "new", "--out", &p("uni.json")])
        .trim()
        .to_string();
    let reg = p("registry.json");
    run_ok(&[
        "registry",
        "new",
        "--id",
        "https://net.example/registry.json",
        "--name",
        "en=Test network",
        "--out",
        &reg,
    ]);
    run_ok(&[
        "registry",
        "add-member",
        &reg,
        "--did",
        &uni,
        "--joined",
        "2025-01-01",
        "--country",
        "FI",
        "--name",
        "en=Test University",
        "--name",
        "fi=Testiyliopisto",
        "--qa-name",
        "FINEEC",
    ]);
    // A refused edit leaves the file as it was.
    assert!(!mcx(&[
        "registry",
        "add-member",
        &reg,
        "--did",
        &uni,
        "--joined",
        "2025-01-01",
        "--country",
        "FI",
        "--name",
        "en=Again",
        "--qa-name",
        "X",
    ])
    .status
    .success());
    assert!(!mcx(&[
        "registry",
        "update-member",
        &reg,
        "--did",
        &uni,
        "--country",
        "Finland",
    ])
    .status
    .success());
    run_ok(&[
        "registry",
        "add-offer",
        &reg,
        "--id",
        "https://net.example/offers/1",
        "--name",
        "en=Offer",
        "--ects",
        "10",
        "--component",
        "5=https://net.example/a/1",
        "--component",
        "5=https://net.example/a/2",
    ]);
    run_ok(&[
        "registry",
        "withdraw",
        &reg,
        "--did",
        &uni,
        "--date",
        "2026-06-01",
    ]);
    run_ok(&[
        "registry",
        "sign",
        &reg,
        "--key",
        &p("gov.json"),
        "--now",
        NOW,
        "--valid-until",
        "2027-01-01",
        "--out",
        &p("signed.json"),
    ]);
    let shown = run_ok(&[
        "registry",
        "show",
        &p("signed.json"),
        "--registry-key",
        &gov,
        "--now",
        NOW,
    ]);
    assert!(
        shown.contains("withdrawn") && shown.contains("edition 1"),
        "{shown}"
    );
    // Credentials of the withdrawn member, issued now: untrusted.
    std::fs::write(
        p("c.json"),
        r#"{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"credentialSubject":{"id":"did:example:x"}}"#,
    )
    .unwrap();
    run_ok(&[
        "issue",
        "--key",
        &p("uni.json"),
        "--format",
        "eddsa-jcs-2022",
        "--now",
        NOW,
        "--out",
        &p("c.signed.json"),
        &p("c.json"),
    ]);
    let out = mcx(&[
        "verify",
        "--json",
        "--now",
        NOW,
        "--registry",
        &p("signed.json"),
        "--registry-key",
        &gov,
        &p("c.signed.json"),
    ]);
    let r = json::parse(&out.stdout, json::Limits::default()).unwrap();
    assert_eq!(headline(&r).0, Some("untrusted_issuer"));
    // The default pinned key is the demo network's: this registry is refused.
    let out = mcx(&[
        "verify",
        "--json",
        "--registry",
        &p("signed.json"),
        &p("c.signed.json"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report = &reports(&out)[0];
    let (code, detail) = headline(report);
    assert_eq!(code, Some("resource_unavailable"));
    assert!(
        detail.contains("not by the pinned governance key"),
        "{detail}"
    );
    // Signing again publishes a higher edition.
    run_ok(&[
        "registry",
        "sign",
        &reg,
        "--key",
        &p("gov.json"),
        "--now",
        NOW,
        "--valid-until",
        "2027-01-01",
        "--out",
        &p("signed2.json"),
    ]);
    let shown = run_ok(&[
        "registry",
        "show",
        &p("signed2.json"),
        "--registry-key",
        &gov,
        "--now",
        NOW,
    ]);
    assert!(shown.contains("edition 2"), "{shown}");
}
