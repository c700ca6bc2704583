//! `mcx verify --lang`: the text report in English (the default) and
//! German, its words from `mcx-display` like the site's and the widget's;
//! the JSON reports and the exit status the same in every language.

mod kit;

use kit::{demo, mcx, stdout, NOW};

/// `mcx verify [extra…]` on demo samples, answered from `demo/` with its
/// registry, at the demo's reference time: (exit status, standard output).
fn verify_demo(extra: &[&str], samples: &[&str]) -> (Option<i32>, String) {
    let demo = demo();
    let registry = demo.join("registry.json").display().to_string();
    let mount = format!("https://demo.microcredx.eu/={}/", demo.display());
    let files: Vec<String> = samples
        .iter()
        .map(|s| demo.join("credentials").join(s).display().to_string())
        .collect();
    let mut args = vec!["verify", "--now", NOW, "--offline"];
    args.extend(["--registry", &registry, "--resource", &mount]);
    args.extend(extra);
    args.extend(files.iter().map(String::as_str));
    let out = mcx(&args);
    (out.status.code(), stdout(&out))
}

/// Every demo sample, in the manifest's order.
fn all_samples() -> Vec<String> {
    kit::manifest()
        .get("samples")
        .and_then(|s| s.as_array())
        .unwrap()
        .iter()
        .map(|s| {
            let file = s.get("file").and_then(|f| f.as_str()).unwrap();
            file.trim_start_matches("credentials/").to_string()
        })
        .collect()
}

#[test]
fn german_text_says_the_verdict_the_reason_and_every_check_in_german() {
    let (status, text) = verify_demo(&["--lang", "de"], &["revoked-twin-thn.json"]);
    assert_eq!(status, Some(1), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].ends_with("revoked-twin-thn.json: NICHT GÜLTIG (credential)"),
        "{text}"
    );
    assert_eq!(
        lines[1],
        "  Hauptgrund: Technische Hochschule Nordstadt (DEMO) hat diesen Nachweis widerrufen: \
         Er ist nicht mehr gültig.",
        "{text}"
    );
    assert!(
        text.contains("\n  Aussteller: Technische Hochschule Nordstadt (DEMO)\n"),
        "the name the registry vouches for, as a fact: {text}"
    );
    assert!(text.contains("\n  Nachweis: "), "{text}");
    // The check lines keep the report's own words and codes, so that the
    // same search finds them in every language; the sentence is German.
    assert!(
        text.contains("  pass signature   Die Signatur stimmt: "),
        "{text}"
    );
    let revoked = lines
        .iter()
        .find(|l| l.starts_with("  FAIL status "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        revoked.ends_with(" [revoked]") && revoked.contains("widerrufen"),
        "{revoked}"
    );
    // A failed check also shows the core's own message, labelled.
    assert!(
        text.contains("Meldung des Prüfprogramms: "),
        "the verifier's message: {text}"
    );
    for english in ["NOT VALID", "Main reason", "issuer:", "Verifier message"] {
        assert!(!text.contains(english), "{english:?} in {text}");
    }
}

#[test]
fn the_same_checks_in_english_by_default() {
    let (status, default) = verify_demo(&[], &["revoked-twin-thn.json"]);
    let (_, en) = verify_demo(&["--lang", "en"], &["revoked-twin-thn.json"]);
    assert_eq!(status, Some(1));
    assert_eq!(default, en, "English is the default");
    assert!(default.contains(": NOT VALID (credential)\n"), "{default}");
    assert!(
        default.contains("\n  Main reason: Technische Hochschule Nordstadt (DEMO) has revoked"),
        "{default}"
    );
    assert!(
        default.contains("\n  issuer: Technische Hochschule Nordstadt (DEMO)\n"),
        "{default}"
    );
    assert!(default.contains("Verifier message: "), "{default}");
}

/// A name no registry vouches for is labelled as the credential's claim in
/// German too, never written as a fact (`docs/security.md`).
#[test]
fn a_claimed_issuer_name_is_labelled_in_german() {
    let (status, text) = verify_demo(&["--lang", "de"], &["untrusted-millbrook.json"]);
    assert_eq!(status, Some(1), "{text}");
    assert!(
        text.contains(
            "\n  Aussteller (laut Nachweis; kein Register bürgt dafür): Millbrook Institute"
        ),
        "{text}"
    );
    assert!(!text.contains("\n  Aussteller: "), "{text}");
    // Nor does it appear in a sentence: the sentences say "der Aussteller".
    for line in text.lines().filter(|l| l.starts_with("  pass ")) {
        assert!(!line.contains("Millbrook"), "{line}");
    }
}

/// Presentations: the credentials inside are headed in the language too.
#[test]
fn credentials_inside_a_presentation_are_headed_in_german() {
    let (status, text) = verify_demo(&["--lang", "de"], &["presentation-two-members.json"]);
    assert_eq!(status, Some(0), "{text}");
    assert!(text.contains(": GÜLTIG (presentation)\n"), "{text}");
    assert!(
        text.contains("\n    Nachweis 1: GÜLTIG (credential)\n"),
        "{text}"
    );
    assert!(
        text.contains("\n    Nachweis 2: GÜLTIG (credential)\n"),
        "{text}"
    );
}

/// The language changes words only: every sample gets the same exit status
/// and the same check lines (outcome, check, code) in both, and `--json`
/// prints the core's reports byte for byte whatever `--lang` says.
#[test]
fn the_language_changes_words_not_results() {
    let samples = all_samples();
    let samples: Vec<&str> = samples.iter().map(String::as_str).collect();
    let (en_status, en) = verify_demo(&["--lang", "en", "--jobs", "1"], &samples);
    let (de_status, de) = verify_demo(&["--lang", "de", "--jobs", "1"], &samples);
    assert_eq!(en_status, Some(1), "the demo has invalid samples");
    assert_eq!(de_status, en_status);
    let skeleton = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| {
                let t = l.trim_start();
                let word = t.split(' ').next()?;
                ["pass", "warn", "FAIL", "skip"].contains(&word).then(|| {
                    let code = t.rsplit_once(" [").map(|(_, c)| c).unwrap_or("");
                    let check = t.split_whitespace().nth(1).unwrap_or("");
                    format!("{}{word} {check} {code}", &l[..l.len() - t.len()])
                })
            })
            .collect()
    };
    assert!(!skeleton(&en).is_empty());
    assert_eq!(skeleton(&de), skeleton(&en));

    let (_, json_en) = verify_demo(&["--json", "--lang", "en"], &samples);
    let (_, json_de) = verify_demo(&["--json", "--lang", "de"], &samples);
    let (_, json) = verify_demo(&["--json"], &samples);
    assert_eq!(json_de, json_en);
    assert_eq!(json, json_en);
    assert_eq!(json.lines().count(), samples.len());
}

#[test]
fn a_language_tag_is_accepted_and_an_unknown_language_is_a_usage_error() {
    let (status, de_at) = verify_demo(&["--lang", "de-AT"], &["valid-plc-thn.json"]);
    assert_eq!(status, Some(0), "{de_at}");
    assert!(de_at.contains(": GÜLTIG (credential)"), "{de_at}");
    let o = mcx(&["verify", "--lang", "fr", "x.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("en or de"), "{err}");
}
