//! Interop both ways with the reference JavaScript libraries
//! (`@digitalbazaar/vc` and its cryptosuites, `jose` for JWTs), offline:
//! see tests/interop/. Needs Node.js; installs the harness's npm packages
//! when they are missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use mcx_verifier_core::json::Value;
use mcx_verifier_core::low_level::multibase::{base64url_decode, base64url_encode};

mod kit;

use kit::{headline, mcx_in, reports, scratch, verdict};

fn interop_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/interop")
}

fn node(args: &[&str]) -> (bool, String) {
    let dir = interop_dir();
    // Both tests need the packages: install them once, never concurrently
    // (a half-written node_modules breaks the other test).
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        // (jose is the newest package: an older install lacks it.)
        if !dir.join("node_modules/@digitalbazaar/vc").exists()
            || !dir.join("node_modules/jose").exists()
        {
            eprintln!("installing the interop harness's npm packages (npm ci in tests/interop)");
            let ok = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&dir)
                .status()
                .unwrap()
                .success();
            assert!(ok, "npm ci in tests/interop failed");
        }
    });
    let o = Command::new("node")
        .arg("interop.mjs")
        .args(args)
        .current_dir(&dir)
        .output()
        .expect("node is required for interop tests");
    (
        o.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    )
}

const FORMATS: [&str; 3] = [
    "eddsa-rdfc-2022",
    "eddsa-jcs-2022",
    "ed25519-signature-2020",
];

/// What `node interop.mjs sign` makes besides the current Ed25519 suites:
/// an `Ed25519Signature2018` proof (detached JWS) and ECDSA Data Integrity
/// proofs whose issuer is the signing key's did:key, and VC-JOSE JWTs
/// (`jose`) whose issuer is the signing key's did:jwk.
const BOUND: [&str; 9] = [
    "js-ed25519-signature-2018.json",
    "js-ecdsa-rdfc-2019-p256.json",
    "js-ecdsa-jcs-2019-p256.json",
    "js-ecdsa-rdfc-2019-p384.json",
    "js-ecdsa-jcs-2019-p384.json",
    "js-jwt-es256.jwt",
    "js-jwt-es384.jwt",
    "js-jwt-rs256.jwt",
    "js-jwt-ps256.jwt",
];

/// An RS256 JWT whose issuer is an https URL and whose key is only in its
/// `jwk` header: the signature holds, but nothing ties the key to the issuer.
const JWK_HEADER: &str = "js-jwt-rs256-jwk-header.jwt";

/// `mcx verify --json FILE` (offline, at the harness fixture's time), its report.
fn verify_json(file: &Path, dir: &Path) -> Value {
    let o = mcx_in(
        &[
            "verify",
            "--json",
            "--offline",
            "--now",
            kit::NOW,
            file.to_str().unwrap(),
        ],
        dir,
    );
    let mut r = reports(&o);
    assert_eq!(r.len(), 1, "{}", String::from_utf8_lossy(&o.stderr));
    r.pop().unwrap()
}

/// The outcome and code of a report's check `name` (the first of that name
/// that is not a warning, since a JWT with a jwk header also warns under
/// `signature`).
fn check<'a>(report: &'a Value, name: &str) -> (&'a str, Option<&'a str>) {
    let checks = report.get("checks").and_then(Value::as_array).unwrap();
    let c = checks
        .iter()
        .filter(|c| c.get("check").and_then(Value::as_str) == Some(name))
        .find(|c| c.get("outcome").and_then(Value::as_str) != Some("warn"))
        .unwrap_or_else(|| panic!("no {name} check in {}", json(report)));
    (
        c.get("outcome").and_then(Value::as_str).unwrap(),
        c.get("code").and_then(Value::as_str),
    )
}

fn json(v: &Value) -> String {
    mcx_verifier_core::json::to_string(v)
}

/// Changes one character of what was signed ("Predictive" becomes
/// "Prediktive" in the credential's name): in the JSON, or in a JWT's
/// payload, which is decoded, changed and encoded again (the header and
/// signature stay).
fn tamper(file: &Path) {
    let text = std::fs::read_to_string(file).unwrap();
    let changed = if file.extension().is_some_and(|e| e == "jwt") {
        let parts: Vec<&str> = text.trim().split('.').collect();
        assert_eq!(parts.len(), 3, "{}", file.display());
        let payload = String::from_utf8(base64url_decode(parts[1]).unwrap()).unwrap();
        let changed = payload.replacen("Predictive", "Prediktive", 1);
        assert_ne!(payload, changed);
        format!(
            "{}.{}.{}",
            parts[0],
            base64url_encode(changed.as_bytes()),
            parts[2]
        )
    } else {
        let changed = text.replacen("Predictive", "Prediktive", 1);
        assert_ne!(text, changed);
        changed
    };
    std::fs::write(file, changed).unwrap();
}

#[test]
fn javascript_signed_credentials_verify_in_rust() {
    let out = scratch();
    let (ok, log) = node(&["sign", out.path().to_str().unwrap()]);
    assert!(ok, "{log}");
    for format in FORMATS {
        let file = out.path().join(format!("js-{format}.json"));
        let o = mcx_in(&["verify", "--json", file.to_str().unwrap()], out.path());
        let report = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(0), "{format}: {report}");
        // Tampering with what JS signed must be caught by us.
        let text = std::fs::read_to_string(&file)
            .unwrap()
            .replace("Predictive Maintenance", "Preventive Maintenance");
        std::fs::write(&file, text).unwrap();
        let o = mcx_in(&["verify", "--json", file.to_str().unwrap()], out.path());
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("\"code\":\"invalid_signature\""),
            "{format}"
        );
    }

    // Ed25519Signature2018, ECDSA and RSA: each bound to its issuer, so
    // valid (no registry given: the issuer check only warns).
    let mut verified = 0;
    for name in BOUND {
        let file = out.path().join(name);
        let report = verify_json(&file, out.path());
        assert_eq!(verdict(&report), "valid", "{name}: {}", json(&report));
        assert_eq!(check(&report, "signature"), ("pass", None), "{name}");
        assert_eq!(check(&report, "key"), ("pass", None), "{name}");
        verified += 1;
        tamper(&file);
        let report = verify_json(&file, out.path());
        assert_eq!(verdict(&report), "invalid", "{name} changed");
        assert_eq!(
            headline(&report).0,
            Some("invalid_signature"),
            "{name} changed: {}",
            json(&report)
        );
    }
    assert_eq!(verified, BOUND.len());

    // A key in the JWT's own header proves the content, not the issuer.
    let file = out.path().join(JWK_HEADER);
    let report = verify_json(&file, out.path());
    assert_eq!(verdict(&report), "invalid", "{}", json(&report));
    assert_eq!(check(&report, "signature"), ("pass", None));
    assert_eq!(check(&report, "key"), ("fail", Some("wrong_key")));
    assert_eq!(headline(&report).0, Some("wrong_key"));
    tamper(&file);
    let report = verify_json(&file, out.path());
    assert_eq!(
        headline(&report).0,
        Some("invalid_signature"),
        "{}",
        json(&report)
    );
}

#[test]
fn rust_signed_credentials_verify_in_javascript() {
    let dir = scratch();
    let d = dir.path();
    assert!(mcx_in(&["key", "new", "--out", "key.json"], d)
        .status
        .success());
    let fixture = interop_dir().join("fixtures/ob3-unsigned.json");
    let mut files = Vec::new();
    for format in FORMATS {
        let out = d.join(format!("rs-{format}.json"));
        let o = mcx_in(
            &[
                "issue",
                "--key",
                "key.json",
                "--format",
                format,
                fixture.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ],
            d,
        );
        assert!(
            o.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        files.push(out.to_str().unwrap().to_string());
    }
    let mut args = vec!["verify"];
    args.extend(files.iter().map(String::as_str));
    let (ok, log) = node(&args);
    assert!(ok, "{log}");
    assert_eq!(
        log.matches("\"verified\":true").count(),
        FORMATS.len(),
        "{log}"
    );
    // And the JS verifier notices tampering too (the harness is not a rubber stamp).
    let text = std::fs::read_to_string(&files[1])
        .unwrap()
        .replace("Predictive Maintenance", "Preventive Maintenance");
    std::fs::write(&files[1], text).unwrap();
    let (ok, log) = node(&["verify", &files[1]]);
    assert!(!ok && log.contains("\"verified\":false"), "{log}");
}

/// What `mcx issue` signs with a P-256 key (`mcx key new --type p256`): both
/// ECDSA suites, checked by the reference cryptosuites, and an ES256 JWT,
/// checked by `jose`.
const P256_FORMATS: [&str; 3] = ["ecdsa-rdfc-2019", "ecdsa-jcs-2019", "jwt"];

#[test]
fn rust_signed_ecdsa_credentials_verify_in_javascript() {
    let dir = scratch();
    let d = dir.path();
    let o = mcx_in(&["key", "new", "--type", "p256", "--out", "p256.json"], d);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("did:key:zDn"));
    let fixture = interop_dir().join("fixtures/ob3-unsigned.json");
    let mut files = Vec::new();
    for format in P256_FORMATS {
        let ext = if format == "jwt" { "jwt" } else { "json" };
        let out = d.join(format!("rs-{format}-p256.{ext}"));
        let o = mcx_in(
            &[
                "issue",
                "--key",
                "p256.json",
                "--format",
                format,
                fixture.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ],
            d,
        );
        assert!(
            o.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let text = std::fs::read_to_string(&out).unwrap();
        let (signed_as, expected) = if format == "jwt" {
            // The protected header: ES256, the key's did:key as kid.
            let header = base64url_decode(text.split('.').next().unwrap()).unwrap();
            (
                String::from_utf8(header).unwrap(),
                "\"alg\":\"ES256\"".to_string(),
            )
        } else {
            (text, format!("\"cryptosuite\":\"{format}\""))
        };
        assert!(signed_as.contains(&expected), "{format}: {signed_as}");
        files.push(out.to_str().unwrap().to_string());
    }
    let mut args = vec!["verify"];
    args.extend(files.iter().map(String::as_str));
    let (ok, log) = node(&args);
    assert!(ok, "{log}");
    assert_eq!(
        log.matches("\"verified\":true").count(),
        P256_FORMATS.len(),
        "{log}"
    );
    for file in &files {
        tamper(Path::new(file));
        let (ok, log) = node(&["verify", file]);
        assert!(!ok && log.contains("\"verified\":false"), "{log}");
    }
}
