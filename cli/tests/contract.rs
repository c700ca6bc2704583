//! The `mcx` command-line contract of the README, exercised on the real binary.

mod kit;

use kit::{command, demo, mcx_in, reports, scratch, stdout, verdict, Scratch, NOW};

const UNSIGNED: &str = r#"{
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
  "id": "urn:uuid:0b8c1e3e-1f0e-4b7b-a1a5-d2d7e3b0c001",
  "type": ["VerifiableCredential", "OpenBadgeCredential"],
  "name": "Digital Twins Basics",
  "issuer": {"type": ["Profile"], "name": "Demo University"},
  "validUntil": "2030-01-01T00:00:00Z",
  "credentialSubject": {"type": ["AchievementSubject"], "id": "did:example:learner",
    "achievement": {"id": "https://demo.example/a/dt", "type": ["Achievement"], "name": "Digital Twins Basics",
      "description": "Modelling plants as digital twins.", "criteria": {"narrative": "Project work"},
      "achievementType": "MicroCredential", "creditsAvailable": 4}}
}"#;

/// A folder with `unsigned.json` (UNSIGNED) and an issuer key, `key.json`.
fn setup() -> Scratch {
    let s = scratch();
    std::fs::write(s.path().join("unsigned.json"), UNSIGNED).unwrap();
    let o = mcx_in(&["key", "new", "--out", "key.json"], s.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).trim().starts_with("did:key:z6Mk"));
    s
}

#[test]
fn key_files_are_private_and_not_printed() {
    let s = setup();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(s.path().join("key.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Never overwrite a key.
    let o = mcx_in(&["key", "new", "--out", "key.json"], s.path());
    assert!(!o.status.success());
    let shown = stdout(&mcx_in(&["key", "show", "key.json"], s.path()));
    assert!(shown.contains("did:key:") && !shown.contains("secretKeyMultibase"));
    let shown = stdout(&mcx_in(
        &["key", "show", "--show-secret", "key.json"],
        s.path(),
    ));
    assert!(shown.contains("secretKeyMultibase"));
}

#[test]
fn issue_then_verify_every_format() {
    let s = setup();
    for format in ["eddsa-jcs-2022", "jwt"] {
        let out = format!("signed-{format}");
        let o = mcx_in(
            &[
                "issue",
                "--key",
                "key.json",
                "--format",
                format,
                "unsigned.json",
                "-o",
                &out,
            ],
            s.path(),
        );
        assert!(
            o.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let o = mcx_in(&["verify", "--json", &out], s.path());
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stdout(&o));
        assert!(stdout(&o).starts_with("{\"verdict\":\"valid\""));
        let text = stdout(&mcx_in(&["verify", &out], s.path()));
        assert!(
            text.contains(": VALID") && text.contains("Digital Twins Basics"),
            "{text}"
        );
    }
}

#[test]
fn json_lines_in_input_order_and_exit_codes() {
    let s = setup();
    mcx_in(
        &[
            "issue",
            "--key",
            "key.json",
            "--format",
            "eddsa-jcs-2022",
            "unsigned.json",
            "-o",
            "good.json",
        ],
        s.path(),
    );
    let tampered = std::fs::read_to_string(s.path().join("good.json"))
        .unwrap()
        .replace("Digital Twins Basics", "Digital Twins Expert");
    std::fs::write(s.path().join("bad.json"), tampered).unwrap();
    std::fs::write(s.path().join("junk.txt"), "not a credential").unwrap();

    let o = mcx_in(
        &[
            "verify",
            "--json",
            "good.json",
            "bad.json",
            "junk.txt",
            "good.json",
        ],
        s.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<String> = stdout(&o).lines().map(String::from).collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(
        reports(&o).iter().map(verdict).collect::<Vec<_>>(),
        ["valid", "invalid", "invalid", "valid"]
    );
    assert!(lines[1].contains("\"code\":\"invalid_signature\""));
    assert!(lines[2].contains("\"code\":\"malformed\""));

    // Standard input, and --now.
    let mut child = command()
        .args(["verify", "--json", "--now", "2031-01-01T00:00:00Z", "-"])
        .current_dir(s.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(s.path().join("good.json")).unwrap())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("\"code\":\"expired\""));

    // Usage errors are 2 and print no report.
    for args in [
        &["verify"][..],
        &["verify", "missing-file.json"],
        &["verify", "--now", "tomorrow", "good.json"],
        &["verify", "--resource", "nourl", "good.json"],
        &["verify", "--frobnicate", "good.json"],
    ] {
        let o = mcx_in(args, s.path());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn resources_answer_hosted_credentials() {
    let s = setup();
    mcx_in(
        &[
            "issue",
            "--key",
            "key.json",
            "--format",
            "jwt",
            "unsigned.json",
            "-o",
            "c.jwt",
        ],
        s.path(),
    );
    std::fs::write(
        s.path().join("link.txt"),
        "https://verify.microcredx.eu/?url=https%3A%2F%2Funi.example%2Fc.jwt",
    )
    .unwrap();
    let o = mcx_in(
        &[
            "verify",
            "--json",
            "--resource",
            "https://uni.example/c.jwt=c.jwt",
            "link.txt",
        ],
        s.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // Without the resource, the credential is unavailable: unverifiable, not invalid.
    let o = mcx_in(&["verify", "--json", "link.txt"], s.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("{\"verdict\":\"unverifiable\""),
        "{}",
        stdout(&o)
    );
}

#[test]
fn holders_present_with_challenge_in_every_format() {
    let s = setup();
    // The learner presents their own credentials: the subject is the holder.
    let o = mcx_in(&["key", "new", "--out", "holder.json"], s.path());
    let holder = stdout(&o).trim().to_string();
    assert!(holder.starts_with("did:key:"), "{holder}");
    std::fs::write(
        s.path().join("unsigned.json"),
        UNSIGNED.replace("did:example:learner", &holder),
    )
    .unwrap();
    mcx_in(
        &[
            "issue",
            "--key",
            "key.json",
            "--format",
            "eddsa-rdfc-2022",
            "unsigned.json",
            "-o",
            "a.json",
        ],
        s.path(),
    );
    mcx_in(
        &[
            "issue",
            "--key",
            "key.json",
            "--format",
            "jwt",
            "unsigned.json",
            "-o",
            "b.jwt",
        ],
        s.path(),
    );
    for format in ["eddsa-rdfc-2022", "eddsa-jcs-2022", "jwt"] {
        let out = format!("vp-{format}");
        let o = mcx_in(
            &[
                "present",
                "--key",
                "holder.json",
                "--format",
                format,
                "--challenge",
                "n-42",
                "--domain",
                "hr.example",
                "a.json",
                "b.jwt",
                "-o",
                &out,
            ],
            s.path(),
        );
        assert!(
            o.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let o = mcx_in(
            &[
                "verify",
                "--json",
                "--challenge",
                "n-42",
                "--domain",
                "hr.example",
                &out,
            ],
            s.path(),
        );
        let report = stdout(&o);
        assert_eq!(o.status.code(), Some(0), "{format}: {report}");
        assert!(
            report.contains("\"kind\":\"presentation\"")
                && report.contains("\"check\":\"challenge\",\"outcome\":\"pass\""),
            "{format}"
        );
        // Replaying it against another challenge fails.
        let o = mcx_in(
            &["verify", "--json", "--challenge", "other", &out],
            s.path(),
        );
        assert_eq!(o.status.code(), Some(1), "{format}");
        assert!(
            stdout(&o).contains("\"check\":\"challenge\",\"outcome\":\"fail\""),
            "{format}"
        );
    }
}

/// The text output never presents a name the credential gives itself as a
/// fact: without a registry that vouches for the issuer it is labelled.
#[test]
fn an_issuer_name_no_registry_vouches_for_is_labelled() {
    let s = setup();
    mcx_in(
        &[
            "issue",
            "--key",
            "key.json",
            "--format",
            "eddsa-jcs-2022",
            "unsigned.json",
            "-o",
            "a.json",
        ],
        s.path(),
    );
    let o = mcx_in(&["verify", "a.json"], s.path());
    let text = stdout(&o);
    assert!(
        text.contains(
            "issuer (as the credential states; no registry vouches for it): Demo University"
        ),
        "{text}"
    );
    assert!(!text.contains("  issuer: Demo University"), "{text}");
}

/// A batch runs on several threads; the reports, and their order, are
/// byte for byte those of one thread.
#[test]
fn a_batch_on_many_threads_prints_what_one_thread_prints() {
    let demo = demo();
    let mut files: Vec<String> = std::fs::read_dir(demo.join("credentials"))
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    files.sort();
    // Twice over, so that workers meet the same status lists.
    let again = files.clone();
    files.extend(again);
    let run = |jobs: &str| {
        let mut args = vec!["verify", "--json", "--now", NOW, "--jobs", jobs];
        let registry = demo.join("registry.json").display().to_string();
        let mount = format!("https://demo.microcredx.eu/={}/", demo.display());
        args.extend(["--registry", &registry, "--resource", &mount, "--offline"]);
        args.extend(files.iter().map(String::as_str));
        let o = mcx_in(&args, &demo.join(".."));
        (o.status.code(), stdout(&o))
    };
    let one = run("1");
    assert_eq!(one.0, Some(1), "the demo has invalid samples");
    assert_eq!(one.1.lines().count(), files.len());
    for jobs in ["2", "5"] {
        assert_eq!(run(jobs), one, "--jobs {jobs}");
    }
}
