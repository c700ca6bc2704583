//! Interop both ways with the reference JavaScript libraries
//! (`@digitalbazaar/vc` and its cryptosuites), offline: see tests/interop/.
//! Needs Node.js; installs the harness's npm packages when they are missing.

use std::path::{Path, PathBuf};
use std::process::Command;

mod kit;

use kit::{mcx_in, scratch};

fn interop_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/interop")
}

fn node(args: &[&str]) -> (bool, String) {
    let dir = interop_dir();
    // Both tests need the packages: install them once, never concurrently
    // (a half-written node_modules breaks the other test).
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        if !dir.join("node_modules/@digitalbazaar/vc").exists() {
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
