//! The W3C JSON-LD 1.1 API test suite (expand and toRdf manifests), run
//! against `jsonld::expand` / `jsonld::to_rdf`.
//!
//! Every test runs except those for JSON-LD 1.0 only (`specVersion:
//! json-ld-1.0` or `processingMode: json-ld-1.0`): the suite's remote
//! documents are local files served by a loader rooted at the copied
//! `tests/` folder, so nothing needs the network. Expected failures and the
//! tests not run are listed, each with its reason, in
//! `tests/vectors/json-ld-api/EXCLUDED.md`; any other failure fails this
//! test, as does a pass rate under 95% in either manifest.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use mcx_verifier_core::json::{self, Value};
use mcx_verifier_core::low_level::jsonld::{
    self, ContextLoader, Options, ProcessingMode, RdfDirection,
};
use mcx_verifier_core::low_level::rdf::{self, Quad, Term};
use mcx_verifier_core::low_level::rdfc;

const BASE_IRI: &str = "https://w3c.github.io/json-ld-api/tests/";

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/json-ld-api")
}

fn tests_dir() -> PathBuf {
    suite_dir().join("tests")
}

/// Serves the suite's own documents for their published URLs.
struct SuiteLoader;

impl ContextLoader for SuiteLoader {
    fn load(&self, url: &str) -> Option<Cow<'_, str>> {
        let rel = url.strip_prefix(BASE_IRI)?;
        if rel.contains("..") {
            return None;
        }
        std::fs::read_to_string(tests_dir().join(rel))
            .ok()
            .map(Cow::Owned)
    }
}

fn read_json(rel: &str) -> Result<Value, String> {
    let text = std::fs::read_to_string(tests_dir().join(rel)).map_err(|e| format!("{rel}: {e}"))?;
    json::parse(
        text.as_bytes(),
        json::Limits {
            max_bytes: 1 << 24,
            max_depth: 256,
        },
    )
    .map_err(|e| format!("{rel}: {e}"))
}

/// The ids listed in EXCLUDED.md under a `## <section>` heading.
fn listed(section: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(suite_dir().join("EXCLUDED.md")).expect("EXCLUDED.md");
    let mut out = BTreeSet::new();
    let mut inside = false;
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            inside = h.trim().starts_with(section);
            continue;
        }
        if inside {
            if let Some(rest) = line.trim_start().strip_prefix("- `") {
                if let Some(end) = rest.find('`') {
                    out.insert(rest[..end].to_string());
                }
            }
        }
    }
    out
}

/// JSON-LD object comparison: arrays unordered except under `@list`,
/// numbers by value, language tags case-insensitively.
fn ld_eq(a: &Value, b: &Value, ordered: bool) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    y.get(k).is_some_and(|w| match (k.as_str(), v, w) {
                        ("@language", Value::String(l), Value::String(m)) => {
                            l.eq_ignore_ascii_case(m)
                        }
                        _ => ld_eq(v, w, k == "@list"),
                    })
                })
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return false;
            }
            if ordered {
                return x.iter().zip(y).all(|(v, w)| ld_eq(v, w, false));
            }
            let mut used = vec![false; y.len()];
            x.iter().all(|v| {
                let hit = y
                    .iter()
                    .enumerate()
                    .find(|(i, w)| !used[*i] && ld_eq(v, w, false))
                    .map(|(i, _)| i);
                match hit {
                    Some(i) => {
                        used[i] = true;
                        true
                    }
                    None => false,
                }
            })
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn lower_language(mut quads: Vec<Quad>) -> Vec<Quad> {
    for q in &mut quads {
        if let Term::Literal {
            language: Some(l), ..
        } = &mut q.object
        {
            *l = l.to_ascii_lowercase();
        }
    }
    quads
}

fn canonical(quads: Vec<Quad>) -> Result<String, String> {
    rdfc::canonicalize(&lower_language(quads), &rdfc::Limits::default())
        .map_err(|e| format!("rdfc: {e:?}"))
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Expand,
    ToRdf,
}

enum Outcome {
    Pass,
    Fail(String),
    NotRun,
}

fn run_test(kind: Kind, t: &Value) -> Outcome {
    let types: Vec<&str> = t
        .get("@type")
        .map(|v| v.one_or_many().iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let opt = t.get("option");
    let o = |k: &str| opt.and_then(|x| x.get(k));
    if o("specVersion").and_then(Value::as_str) == Some("json-ld-1.0")
        || o("processingMode").and_then(Value::as_str) == Some("json-ld-1.0")
    {
        return Outcome::NotRun;
    }
    let Some(input) = t.get("input").and_then(Value::as_str) else {
        return Outcome::Fail("no input".into());
    };
    let mut options = Options {
        base: Some(format!("{BASE_IRI}{input}")),
        ..Options::default()
    };
    if let Some(b) = o("base").and_then(Value::as_str) {
        options.base = Some(b.to_string());
    }
    if let Some(ec) = o("expandContext").and_then(Value::as_str) {
        match read_json(ec) {
            Ok(v) => options.expand_context = Some(v),
            Err(e) => return Outcome::Fail(e),
        }
    }
    if o("processingMode").and_then(Value::as_str) == Some("json-ld-1.1") {
        options.processing_mode = ProcessingMode::JsonLd11;
    }
    options.rdf_direction = match o("rdfDirection").and_then(Value::as_str) {
        Some("i18n-datatype") => Some(RdfDirection::I18nDatatype),
        Some("compound-literal") => Some(RdfDirection::CompoundLiteral),
        _ => None,
    };
    options.produce_generalized_rdf =
        o("produceGeneralizedRdf").and_then(Value::as_bool) == Some(true);
    let doc = match read_json(input) {
        Ok(d) => d,
        Err(e) => return Outcome::Fail(e),
    };

    if types.contains(&"jld:NegativeEvaluationTest") {
        let want = t
            .get("expectErrorCode")
            .and_then(Value::as_str)
            .unwrap_or("");
        let got = match kind {
            Kind::Expand => jsonld::expand(&doc, &options, &SuiteLoader).map(|_| ()),
            Kind::ToRdf => jsonld::to_rdf(&doc, &options, &SuiteLoader).map(|_| ()),
        };
        return match got {
            Err(e) if e.code() == want => Outcome::Pass,
            Err(e) => Outcome::Fail(format!("expected error `{want}`, got `{e}`")),
            Ok(()) => Outcome::Fail(format!("expected error `{want}`, got success")),
        };
    }
    match kind {
        Kind::Expand => {
            let got = match jsonld::expand(&doc, &options, &SuiteLoader) {
                Ok(v) => v,
                Err(e) => return Outcome::Fail(format!("error `{e}`")),
            };
            let expect = match t.get("expect").and_then(Value::as_str).map(read_json) {
                Some(Ok(v)) => v,
                Some(Err(e)) => return Outcome::Fail(e),
                None => return Outcome::Fail("no expect".into()),
            };
            if ld_eq(&got, &expect, false) {
                Outcome::Pass
            } else {
                Outcome::Fail(format!(
                    "got {}\nwant {}",
                    json::to_string(&got),
                    json::to_string(&expect)
                ))
            }
        }
        Kind::ToRdf => {
            let got = match jsonld::to_rdf(&doc, &options, &SuiteLoader) {
                Ok(q) => q,
                Err(e) => return Outcome::Fail(format!("error `{e}`")),
            };
            if types.contains(&"jld:PositiveSyntaxTest") {
                return Outcome::Pass;
            }
            let Some(expect) = t.get("expect").and_then(Value::as_str) else {
                return Outcome::Fail("no expect".into());
            };
            let text = match std::fs::read_to_string(tests_dir().join(expect)) {
                Ok(s) => s,
                Err(e) => return Outcome::Fail(format!("{expect}: {e}")),
            };
            let want = match rdf::parse_nquads(&text) {
                Ok(q) => q,
                Err(e) => return Outcome::Fail(format!("{expect}: {e:?}")),
            };
            match (canonical(got), canonical(want)) {
                (Ok(g), Ok(w)) if g == w => Outcome::Pass,
                (Ok(g), Ok(w)) => Outcome::Fail(format!("got\n{g}want\n{w}")),
                (Err(e), _) | (_, Err(e)) => Outcome::Fail(e),
            }
        }
    }
}

struct Tally {
    run: usize,
    pass: usize,
    not_run: Vec<String>,
    failed: Vec<(String, String)>,
}

fn run_manifest(kind: Kind, manifest: &str, prefix: &str) -> Tally {
    let m = read_json(manifest).expect("manifest");
    let mut tally = Tally {
        run: 0,
        pass: 0,
        not_run: Vec::new(),
        failed: Vec::new(),
    };
    let only = std::env::var("JSONLD_TEST").ok();
    for t in m.get("sequence").and_then(Value::as_array).unwrap_or(&[]) {
        let id = format!(
            "{prefix}{}",
            t.get("@id").and_then(Value::as_str).unwrap_or("?")
        );
        if only.as_deref().is_some_and(|o| o != id) {
            continue;
        }
        match run_test(kind, t) {
            Outcome::NotRun => tally.not_run.push(id),
            Outcome::Pass => {
                tally.run += 1;
                tally.pass += 1;
            }
            Outcome::Fail(why) => {
                tally.run += 1;
                tally.failed.push((id, why));
            }
        }
    }
    tally
}

#[test]
fn json_ld_expand_and_to_rdf_suites() {
    let not_run_listed = listed("Not run");
    let failures_listed = listed("Known failures");
    let verbose = std::env::var("JSONLD_VERBOSE").is_ok();
    let mut problems = Vec::new();
    for (kind, manifest, prefix) in [
        (Kind::Expand, "expand-manifest.jsonld", "expand"),
        (Kind::ToRdf, "toRdf-manifest.jsonld", "toRdf"),
    ] {
        let t = run_manifest(kind, manifest, prefix);
        println!(
            "{prefix}: {} run, {} passed, {} failed ({:.1}%), {} not run (JSON-LD 1.0 only)",
            t.run,
            t.pass,
            t.failed.len(),
            100.0 * t.pass as f64 / t.run.max(1) as f64,
            t.not_run.len()
        );
        for (id, why) in &t.failed {
            let known = failures_listed.contains(id);
            if verbose || !known {
                println!("  FAIL {id}{}: {why}", if known { " (known)" } else { "" });
            }
            if !known {
                problems.push(format!("{id} failed and is not in EXCLUDED.md"));
            }
        }
        for id in &t.not_run {
            if !not_run_listed.contains(id) {
                problems.push(format!("{id} is not run but not listed in EXCLUDED.md"));
            }
        }
        if std::env::var("JSONLD_TEST").is_err() && t.pass * 100 < t.run * 95 {
            problems.push(format!(
                "{prefix}: pass rate {}/{} is under 95%",
                t.pass, t.run
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The bundled contexts and `to_rdf_bundled` reproduce, byte for byte, the
/// canonical N-Quads of the vc-di-eddsa specification's test vectors (the
/// unsigned credential and the proof configurations of `eddsa-rdfc-2022`
/// and `Ed25519Signature2020`).
#[test]
fn vc_di_eddsa_canonical_forms() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/vc-di-eddsa/TestVectors");
    let cases = [
        ("unsigned.json", "eddsa-rdfc-2022/canonDocDataInt.txt"),
        (
            "eddsa-rdfc-2022/proofConfigDataInt.json",
            "eddsa-rdfc-2022/proofCanonDataInt.txt",
        ),
        ("unsigned.json", "Ed25519Signature2020/canonDocEdSig.txt"),
        (
            "Ed25519Signature2020/proofConfigEdSig.json",
            "Ed25519Signature2020/proofCanonEdSig.txt",
        ),
    ];
    for (input, expect) in cases {
        let doc = json::parse_str(&std::fs::read_to_string(dir.join(input)).unwrap()).unwrap();
        let quads = jsonld::to_rdf_bundled(&doc).unwrap_or_else(|e| panic!("{input}: {e}"));
        let got = rdfc::canonicalize(&quads, &rdfc::Limits::default()).unwrap();
        let want = std::fs::read_to_string(dir.join(expect)).unwrap();
        assert_eq!(got, want, "{input} vs {expect}");
    }
}
