//! The whole pipeline: `verify::verify` on arbitrary bytes at a fixed time.
//!
//! The input may carry documents after `\0MCX\0` separators. A part
//! `@<url>\n<bytes>` answers a fetch of that URL; `@registry\n<bytes>` is a
//! network registry to check issuers against (verified with the demo
//! governance key, or else taken unverified so the fuzzer can change it);
//! any other part answers the next URL asked for that has no keyed part.
//! Every other fetch fails, as offline.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::json::{self, Limits as JsonLimits, Value};
use mcx_verifier_core::registry;
use mcx_verifier_core::{
    verify, Options, RegistrySource, Resources, SignatureAnswer, Step, Timestamp, Verdict,
};

const SEPARATOR: &[u8] = b"\0MCX\0";
/// Rounds of fetching before the pipeline must have finished: each round
/// answers every URL asked for, so only a chain this long could need more.
const MAX_ROUNDS: usize = 32;

fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(i) = rest.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
        parts.push(&rest[..i]);
        rest = &rest[i + SEPARATOR.len()..];
    }
    parts.push(rest);
    parts
}

fuzz_target!(|data: &[u8]| {
    let parts = split(data);
    let input = parts[0];
    let now = Timestamp::parse_rfc3339("2026-11-28T12:00:00Z").unwrap();
    let mut keyed: BTreeMap<&[u8], &[u8]> = BTreeMap::new();
    let mut unkeyed = Vec::new();
    for part in &parts[1..] {
        match part.strip_prefix(b"@").and_then(|p| {
            let nl = p.iter().position(|&b| b == b'\n')?;
            Some((&p[..nl], &p[nl + 1..]))
        }) {
            Some((url, bytes)) => {
                keyed.entry(url).or_insert(bytes);
            }
            None => unkeyed.push(*part),
        }
    }
    let mut unkeyed = unkeyed.into_iter();
    let mut options = Options::new(now);
    options.challenge = Some(String::from("fuzz-challenge"));
    // The registry is an ordinary document the core asks for and judges.
    if let Some(bytes) = keyed.get(&b"registry"[..]).copied() {
        options = options.with_registry(RegistrySource::demo());
        keyed.insert(registry::DEMO_REGISTRY_URL.as_bytes(), bytes);
    }
    let mut resources = Resources::new();
    let mut rounds = 0;
    let report = loop {
        match verify(input, &options, &resources) {
            Step::Done(report) => break report,
            Step::Need(needs) => {
                assert!(!needs.is_empty(), "Step::Need with nothing needed");
                for check in &needs.signatures {
                    resources.insert_signature(check, SignatureAnswer::Invalid);
                }
                let urls = needs.urls;
                rounds += 1;
                assert!(
                    rounds <= MAX_ROUNDS,
                    "verification keeps asking for documents"
                );
                for url in urls {
                    let doc = keyed
                        .get(url.as_bytes())
                        .copied()
                        .or_else(|| unkeyed.next());
                    match doc {
                        Some(doc) => resources.insert(url, doc.to_vec()),
                        None => resources.insert_failure(url, "fuzz: offline"),
                    }
                }
            }
        }
    };
    let verdict = report.verdict();
    assert!(matches!(
        verdict,
        Verdict::Valid | Verdict::Invalid | Verdict::Unverifiable
    ));
    let text = report.to_json();
    let limits = JsonLimits {
        max_bytes: usize::MAX,
        max_depth: 4096,
    };
    let value = json::parse(text.as_bytes(), limits)
        .unwrap_or_else(|e| panic!("report JSON does not parse: {e}: {text}"));
    assert_eq!(
        value.get("verdict").and_then(Value::as_str),
        Some(verdict.as_str()),
        "report JSON disagrees with verdict()"
    );
    assert!(
        matches!(
            value.get("kind").and_then(Value::as_str),
            Some("credential" | "presentation")
        ),
        "bad report kind"
    );
    if verdict != Verdict::Valid {
        assert!(
            report.headline().is_some(),
            "a non-valid report has no headline check"
        );
    }
});
