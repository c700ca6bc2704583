//! RFC 8785 conformance: the upstream JCS vectors (cyberphone/json-canonicalization,
//! see tests/vectors/json-canonicalization/README.md) and properties of the output.

use std::fs;
use std::path::PathBuf;

use mcx_verifier_core::json::{parse_str, Number, Object, Value};
use mcx_verifier_core::low_level::jcs::{canonicalize, format_number};
use proptest::prelude::*;

fn testdata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/json-canonicalization/testdata")
}

/// Every `input/NAME.json` canonicalizes to exactly the bytes of `output/NAME.json`.
#[test]
fn input_output_pairs_are_byte_exact() {
    let dir = testdata();
    let mut names: Vec<String> = fs::read_dir(dir.join("input"))
        .expect("input dir")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .into_string()
                .expect("utf-8 name")
        })
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    // Guards against the copy silently losing files.
    assert_eq!(
        names,
        [
            "arrays.json",
            "french.json",
            "structures.json",
            "unicode.json",
            "values.json",
            "weird.json"
        ]
    );

    let mut failures = Vec::new();
    for name in &names {
        let input = fs::read_to_string(dir.join("input").join(name)).expect("input");
        let want = fs::read(dir.join("output").join(name)).expect("output");
        let got = canonicalize(&parse_str(&input).expect("input parses")).expect("canonicalizes");
        if got.as_bytes() != want.as_slice() {
            failures.push(format!(
                "{name}:\n  got  {got}\n  want {}",
                String::from_utf8_lossy(&want)
            ));
            continue;
        }
        // The hex rendering of the expected bytes agrees too.
        let hex = fs::read_to_string(dir.join("outhex").join(name.replace(".json", ".txt")))
            .expect("outhex");
        let hex_bytes: Vec<u8> = hex
            .split_whitespace()
            .map(|h| u8::from_str_radix(h, 16).expect("hex byte"))
            .collect();
        if hex_bytes != got.as_bytes() {
            failures.push(format!("{name}: outhex differs"));
        }
        // Canonical output is a fixed point.
        let again = canonicalize(&parse_str(&got).expect("output parses")).expect("canonicalizes");
        if again != got {
            failures.push(format!("{name}: not idempotent"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} pairs failed:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
    eprintln!("jcs: {} input/output pairs byte-exact", names.len());
}

/// Every line `hex-ieee,expected` of the ES6 number file: `format_number`
/// gives `expected`, and so does canonicalizing the number as a JSON value,
/// both built from the double and parsed from the expected text.
#[test]
fn es6_number_serialization_10k() {
    let text = fs::read_to_string(testdata().join("es6testfile10k.txt")).expect("number file");
    let mut lines = 0usize;
    let mut failures = Vec::new();
    for line in text.lines() {
        lines += 1;
        let (hex, want) = line.split_once(',').expect("line has a comma");
        let x = f64::from_bits(u64::from_str_radix(hex, 16).expect("hex bits"));
        let got = format_number(x);
        if got != want {
            failures.push(format!("{hex}: format_number got {got}, want {want}"));
            continue;
        }
        let built =
            canonicalize(&Value::Number(Number::from_f64(x).expect("finite"))).expect("canon");
        if built != want {
            failures.push(format!(
                "{hex}: canonicalize(from_f64) got {built}, want {want}"
            ));
        }
        let reparsed =
            canonicalize(&parse_str(want).expect("expected text is JSON")).expect("canon");
        if reparsed != want {
            failures.push(format!(
                "{hex}: canonicalize(parse) got {reparsed}, want {want}"
            ));
        }
    }
    assert_eq!(lines, 10_000);
    assert!(
        failures.is_empty(),
        "{} failures in {lines} lines, first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    eprintln!("jcs: {lines} ES6 number lines match");
}

/// The same check over a longer generated file (for example the upstream
/// 100-million-line `es6testfile100m.txt`, or output of its `numgen.js`),
/// named by `MCX_JCS_ES6_FILE`. Run with `cargo test --release -- --ignored`.
#[test]
#[ignore = "needs MCX_JCS_ES6_FILE pointing at a large ES6 number file"]
fn es6_number_serialization_external_file() {
    use std::io::BufRead;
    let Ok(path) = std::env::var("MCX_JCS_ES6_FILE") else {
        eprintln!("MCX_JCS_ES6_FILE not set; nothing to do");
        return;
    };
    let file = std::io::BufReader::new(fs::File::open(&path).expect("open MCX_JCS_ES6_FILE"));
    let (mut lines, mut failed) = (0u64, 0u64);
    for line in file.lines() {
        let line = line.expect("read line");
        lines += 1;
        let (hex, want) = line.split_once(',').expect("line has a comma");
        let x = f64::from_bits(u64::from_str_radix(hex, 16).expect("hex bits"));
        let got = format_number(x);
        if got != want {
            failed += 1;
            if failed <= 20 {
                eprintln!("{hex}: got {got}, want {want}");
            }
        }
    }
    assert_eq!(failed, 0, "{failed} of {lines} lines differ");
    eprintln!("jcs: {lines} ES6 number lines from {path} match");
}

/// JSON strings with the characters that stress escaping and key ordering:
/// controls, quotes, backslashes, DEL, BMP private use / compatibility area and astral.
fn json_string() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        3 => proptest::char::range('a', 'e'),
        1 => proptest::char::range('\u{0}', '\u{1f}'),
        1 => prop::sample::select(vec!['"', '\\', '/', '\u{7f}', '\u{80}', 'é', '€', '\u{2028}']),
        1 => proptest::char::range('\u{e000}', '\u{ffff}'),
        1 => proptest::char::range('\u{10000}', '\u{10ffff}'),
        1 => any::<char>(),
    ];
    prop::collection::vec(ch, 0..6).prop_map(|cs| cs.into_iter().collect())
}

fn json_number() -> impl Strategy<Value = Number> {
    prop_oneof![
        any::<f64>().prop_filter_map("finite", Number::from_f64),
        any::<u64>().prop_map(Number::from_u64),
        // Literal spellings the parser accepts but that are not canonical.
        (any::<i32>(), 0u32..1000, -330i32..330).prop_map(|(i, f, e)| {
            match parse_str(&format!("{i}.{f:03}E{e:+}")) {
                Ok(Value::Number(n)) => n,
                _ => Number::from_u64(0),
            }
        }),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        json_number().prop_map(Value::Number),
        json_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((json_string(), inner), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Object>())),
        ]
    })
}

/// Rebuilds `v` with every object's members in reverse order.
fn reversed(v: &Value) -> Value {
    match v {
        Value::Array(a) => Value::Array(a.iter().map(reversed).collect()),
        Value::Object(o) => {
            let members: Vec<(String, Value)> =
                o.iter().map(|(k, v)| (k.clone(), reversed(v))).collect();
            Value::Object(members.into_iter().rev().collect())
        }
        other => other.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Canonical output parses back to a value with the same canonical form.
    #[test]
    fn canonical_form_is_a_fixed_point(v in json_value()) {
        let c = canonicalize(&v).unwrap();
        let back = parse_str(&c).unwrap();
        prop_assert_eq!(canonicalize(&back).unwrap(), c);
    }

    /// Member order in the source does not matter.
    #[test]
    fn member_order_is_irrelevant(v in json_value()) {
        prop_assert_eq!(canonicalize(&reversed(&v)).unwrap(), canonicalize(&v).unwrap());
    }

    /// Every finite double prints as text that reads back as the same double.
    #[test]
    fn numbers_round_trip(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        let s = format_number(x);
        let back: f64 = s.parse().unwrap();
        prop_assert!(back == x, "{} -> {} -> {}", x, s, back);
    }
}
