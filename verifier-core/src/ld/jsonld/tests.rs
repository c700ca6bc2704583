use super::helpers::obj1;
use super::iri::resolve_iri;
use super::node_map::{double_lexical, integer_lexical};
use super::*;
use crate::encoding::json::{self, Object};
use crate::ld::rdf::Term;
use alloc::format;
use alloc::string::ToString;
use alloc::vec;

#[test]
fn resolves_rfc3986_examples() {
    let base = "http://a/b/c/d;p?q";
    let cases = [
        ("g:h", "g:h"),
        ("g", "http://a/b/c/g"),
        ("./g", "http://a/b/c/g"),
        ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"),
        ("//g", "http://g"),
        ("?y", "http://a/b/c/d;p?y"),
        ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"),
        ("g#s", "http://a/b/c/g#s"),
        (";x", "http://a/b/c/;x"),
        ("", "http://a/b/c/d;p?q"),
        (".", "http://a/b/c/"),
        ("./", "http://a/b/c/"),
        ("..", "http://a/b/"),
        ("../", "http://a/b/"),
        ("../g", "http://a/b/g"),
        ("../..", "http://a/"),
        ("../../g", "http://a/g"),
        ("../../../g", "http://a/g"),
        ("/./g", "http://a/g"),
        ("/../g", "http://a/g"),
        ("g.", "http://a/b/c/g."),
        (".g", "http://a/b/c/.g"),
        ("g..", "http://a/b/c/g.."),
        ("..g", "http://a/b/c/..g"),
        ("./../g", "http://a/b/g"),
        ("./g/.", "http://a/b/c/g/"),
        ("g/./h", "http://a/b/c/g/h"),
        ("g/../h", "http://a/b/c/h"),
        ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
        ("g;x=1/../y", "http://a/b/c/y"),
        ("g?y/./x", "http://a/b/c/g?y/./x"),
        ("g#s/../x", "http://a/b/c/g#s/../x"),
    ];
    for (r, want) in cases {
        assert_eq!(resolve_iri(base, r), want, "{r}");
    }
}

#[test]
fn double_and_integer_forms() {
    assert_eq!(double_lexical(1.1), "1.1E0");
    assert_eq!(double_lexical(10.0), "1.0E1");
    assert_eq!(double_lexical(-0.5), "-5.0E-1");
    assert_eq!(double_lexical(1e21), "1.0E21");
    assert_eq!(double_lexical(0.1 + 0.2), "3.0E-1");
    assert_eq!(integer_lexical(-0.0), "0");
    assert_eq!(integer_lexical(123.0), "123");
    assert_eq!(integer_lexical(1e20), "100000000000000000000");
}

/// The forms as they were written with `core::fmt` before.
#[test]
fn double_and_integer_forms_agree_with_core_fmt() {
    fn old_double(x: f64) -> String {
        let s = format!("{x:.15e}");
        let (mantissa, exp) = s.split_once('e').unwrap();
        let (int, frac) = mantissa.split_once('.').unwrap();
        let frac = frac.trim_end_matches('0');
        format!("{int}.{}E{exp}", if frac.is_empty() { "0" } else { frac })
    }
    let mut state = 0x1234_5678_9abc_def1u64;
    let mut values = vec![0.0, -0.0, 1.5, 1234567890123456.5, 1e21, 5e-324, f64::MAX];
    for i in 0..20_000u64 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        values.push(f64::from_bits(state));
        values.push((i as f64) * 0.37);
    }
    for x in values.into_iter().filter(|x| x.is_finite()) {
        assert_eq!(double_lexical(x), old_double(x), "{x:e}");
        let int = x.trunc() % 1e21;
        assert_eq!(
            integer_lexical(int),
            if int == 0.0 {
                "0".into()
            } else {
                format!("{int}")
            }
        );
    }
}

/// The bundled loader without its trust: full validation.
struct Untrusted;
impl ContextLoader for Untrusted {
    fn load(&self, url: &str) -> Option<Cow<'_, str>> {
        BundledLoader.load(url)
    }
}

#[test]
fn bundled_contexts_are_valid() {
    for url in crate::ld::contexts::urls() {
        if url == "https://www.w3.org/2018/credentials/examples/v1" {
            continue; // imports ODRL, which is not bundled
        }
        let doc = json::parse_str(&format!(r#"{{"@context": "{url}", "@id": "urn:x"}}"#)).unwrap();
        expand(&doc, &Options::default(), &Untrusted).unwrap_or_else(|e| panic!("{url}: {e}"));
    }
}

#[test]
fn deep_nesting_ends_in_an_error_within_a_small_stack() {
    // Built directly (the JSON parser caps depth on its own): 1000 levels
    // of nested nodes, lists and contexts. Measured: a level of node
    // nesting takes about 2 KiB of stack in release builds and up to
    // 10 KiB unoptimized, so the default depth bound (96) fits a 1 MiB
    // wasm stack; this unoptimized test gets 4 MiB.
    let mut v = Value::from("leaf");
    for i in 0..1_000 {
        let mut o = Object::new();
        let key = if i % 2 == 0 { "http://e/p" } else { "@list" };
        o.insert(key, v);
        if i % 3 == 0 {
            o.insert(
                "@context",
                Value::Object(obj1("x", Value::from("http://e/x"))),
            );
        }
        v = Value::Object(o);
    }
    let doc = Value::Object(obj1("http://e/p", v));
    let r = std::thread::Builder::new()
        .stack_size(4 << 20)
        .spawn(move || to_rdf_bundled(&doc).map(|q| q.len()))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(r, Err(JsonLdError::LimitExceeded(LimitKind::Depth)));
}

#[test]
fn eu_microcredential_extension_context() {
    let doc = json::parse_str(
        r#"{
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/microcredx/eu-mc/v1"],
          "id": "urn:uuid:1",
          "type": ["VerifiableCredential"],
          "credentialSubject": {
            "id": "did:example:learner",
            "workload": 25,
            "typeOfAssessment": "written exam",
            "learningOutcomes": ["a", "b"]
          }
        }"#,
    )
    .unwrap();
    let quads = to_rdf_bundled(&doc).unwrap();
    let ns = "https://w3id.org/microcredx/eu-mc#";
    let find = |p: &str| {
        quads
            .iter()
            .filter(|q| q.predicate == Term::Iri(format!("{ns}{p}")))
            .map(|q| q.object.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        find("workload"),
        vec![Term::typed(
            "25",
            "http://www.w3.org/2001/XMLSchema#decimal"
        )]
    );
    assert_eq!(find("typeOfAssessment"), vec![Term::string("written exam")]);
    assert_eq!(find("learningOutcomes").len(), 2);
    // Protected: a later context may not redefine the terms.
    let bad = json::parse_str(
        r#"{"@context": ["https://w3id.org/microcredx/eu-mc/v1", {"workload": "http://e/w"}], "workload": 1}"#,
    )
    .unwrap();
    assert_eq!(
        to_rdf_bundled(&bad).unwrap_err(),
        JsonLdError::ProtectedTermRedefinition("workload".into())
    );
}

mod safe_mode {
    use super::*;
    use SafeModeEvent as S;

    fn opts(safe: bool) -> Options {
        Options {
            safe,
            ..Options::default()
        }
    }

    /// The safe-mode event `doc` raises; without safe mode the same
    /// document must go through (the loss is silent there).
    fn event(doc: &str) -> SafeModeEvent {
        let doc = json::parse_str(doc).unwrap();
        to_rdf(&doc, &opts(false), &BundledLoader).unwrap_or_else(|e| panic!("not safe mode: {e}"));
        match to_rdf(&doc, &opts(true), &BundledLoader) {
            Err(JsonLdError::SafeModeViolation(e)) => e,
            other => panic!("expected a safe-mode violation, got {other:?}"),
        }
    }

    const P: &str = r#"{"p": "http://e/p"}"#;

    #[test]
    fn undefined_and_null_terms() {
        let doc = format!(r#"{{"@context": {P}, "@id": "urn:x", "p": 1, "foo": "b"}}"#);
        assert_eq!(event(&doc), S::UndefinedTerm("foo".into()));
        assert_eq!(
            event(r#"{"@id": "urn:x", "http://e/p": 1, "@foo": 2}"#),
            S::UndefinedTerm("@foo".into())
        );
        // Not a term and not an absolute IRI either.
        assert_eq!(
            event(r#"{"@id": "urn:x", ":foo": 2}"#),
            S::UndefinedTerm(":foo".into())
        );
        assert_eq!(
            event(r#"{"@context": {"foo": null}, "@id": "urn:x", "foo": 1}"#),
            S::NullTerm("foo".into())
        );
        // Nested nodes too, and the value does not matter.
        assert_eq!(
            event(r#"{"@context": {"p": "http://e/p"}, "p": {"q": []}}"#),
            S::UndefinedTerm("q".into())
        );
    }

    #[test]
    fn relative_types() {
        assert_eq!(
            event(r#"{"@id": "urn:x", "@type": ["http://e/T", "Foo"]}"#),
            S::RelativeType("Foo".into())
        );
        assert_eq!(
            event(r#"{"@id": "urn:x", "@type": "@foo"}"#),
            S::RelativeType("@foo".into())
        );
        // Absolute by shape but not a well-formed IRI: left out of the RDF.
        assert_eq!(
            event(r#"{"@id": "urn:x", "@type": "http://e/{T}"}"#),
            S::RelativeType("http://e/{T}".into())
        );
        // Defined, blank and @vocab types are fine.
        let ok = json::parse_str(
            r#"{"@context": {"@vocab": "http://v/", "T": "http://e/T"}, "@type": ["T", "U", "_:b"], "p": 1}"#,
        )
        .unwrap();
        assert!(to_rdf(&ok, &opts(true), &BundledLoader).is_ok());
    }

    #[test]
    fn relative_and_reserved_ids() {
        assert_eq!(
            event(r#"{"@id": "rel", "http://e/p": 1}"#),
            S::RelativeId("rel".into())
        );
        assert_eq!(
            event(r#"{"@id": "@foo", "http://e/p": 1}"#),
            S::ReservedId("@foo".into())
        );
        let typed = r#"{"@context": {"p": {"@id": "http://e/p", "@type": "@id"}}, "@id": "urn:x", "p": "@foo"}"#;
        assert_eq!(event(typed), S::ReservedId("@foo".into()));
        let map = r#"{"@context": {"p": {"@id": "http://e/p", "@container": "@id"}}, "@id": "urn:x", "p": {"@foo": {"http://e/q": 1}}}"#;
        assert_eq!(event(map), S::ReservedId("@foo".into()));
        // A relative reference as an @id-typed value reaches the RDF step.
        let reference = r#"{"@context": {"p": {"@id": "http://e/p", "@type": "@id"}}, "@id": "urn:x", "p": "rel"}"#;
        assert_eq!(event(reference), S::RelativeObject("rel".into()));
        // With a base, relative references resolve and nothing is lost.
        let doc = json::parse_str(reference).unwrap();
        let based = Options {
            base: Some("https://a.example/".into()),
            ..opts(true)
        };
        assert!(to_rdf(&doc, &based, &BundledLoader).is_ok());
    }

    #[test]
    fn reserved_names_in_contexts() {
        let with = |ctx: &str| format!(r#"{{"@context": {ctx}, "@id": "urn:x", "http://e/p": 1}}"#);
        assert_eq!(
            event(&with(r#"{"@foo": "http://e/foo"}"#)),
            S::ReservedTerm("@foo".into())
        );
        assert_eq!(
            event(&with(r#"{"r": {"@reverse": "@foo"}}"#)),
            S::ReservedReverse("@foo".into())
        );
        assert_eq!(
            event(&with(r#"{"t": {"@id": "@foo"}}"#)),
            S::ReservedId("@foo".into())
        );
        // Found while validating a scoped context: reported as itself,
        // not as an invalid scoped context.
        assert_eq!(
            event(&with(
                r#"{"t": {"@id": "http://e/t", "@context": {"@foo": "http://e/foo"}}}"#
            )),
            S::ReservedTerm("@foo".into())
        );
    }

    #[test]
    fn invalid_languages() {
        assert_eq!(
            event(r#"{"@id": "urn:x", "http://e/p": {"@value": "x", "@language": "not a tag"}}"#),
            S::InvalidLanguage("not a tag".into())
        );
        assert_eq!(
            event(r#"{"@context": {"@language": "en_GB"}, "@id": "urn:x", "http://e/p": 1}"#),
            S::InvalidLanguage("en_GB".into())
        );
        assert_eq!(
            event(
                r#"{"@context": {"p": {"@id": "http://e/p", "@container": "@language"}}, "@id": "urn:x", "p": {"e n": "x"}}"#
            ),
            S::InvalidLanguage("e n".into())
        );
        // A term's own language is only seen when the RDF is written.
        assert_eq!(
            event(
                r#"{"@context": {"p": {"@id": "http://e/p", "@language": "e n"}}, "@id": "urn:x", "p": "x"}"#
            ),
            S::InvalidLanguage("e n".into())
        );
    }

    #[test]
    fn dropped_values_and_objects() {
        assert_eq!(
            event(r#"{"@graph": ["x", {"@id": "urn:x", "http://e/p": 1}]}"#),
            S::FreeFloatingScalar("\"x\"".into())
        );
        assert_eq!(
            event(r#"{"@id": "urn:x", "http://e/p": {"@value": null}}"#),
            S::NullValue
        );
        assert_eq!(
            event(r#"{"@id": "urn:x", "http://e/p": {"@language": "en"}}"#),
            S::OnlyLanguage
        );
        assert_eq!(event(r#"{"@graph": [{}]}"#), S::EmptyObject);
        assert_eq!(event(r#"{}"#), S::EmptyObject);
        assert_eq!(event(r#"{"@graph": [{"@value": "x"}]}"#), S::TopLevelValue);
        assert_eq!(event(r#"{"@graph": [{"@list": [1]}]}"#), S::TopLevelList);
        assert_eq!(
            event(r#"{"@graph": [{"@id": "urn:x"}]}"#),
            S::OnlyId("urn:x".into())
        );
        // As jsonld.js: the value of an @graph container counts as top level.
        assert_eq!(
            event(
                r#"{"@context": {"g": {"@id": "http://e/g", "@container": "@graph"}}, "@id": "urn:s", "g": {"@id": "urn:x"}}"#
            ),
            S::OnlyId("urn:x".into())
        );
        assert_eq!(
            event(r#"{"@id": "urn:x", "http://e/p": 1, "@vocab": "http://e/"}"#),
            S::IgnoredKeyword("@vocab".into())
        );
    }

    #[test]
    fn losses_when_writing_rdf() {
        assert_eq!(
            event(r#"{"@id": "http://e/{g}", "@graph": [{"@id": "urn:x", "http://e/p": 1}]}"#),
            S::RelativeGraph("http://e/{g}".into())
        );
        assert_eq!(
            event(r#"{"@id": "http://e/{s}", "http://e/p": 1}"#),
            S::RelativeSubject("http://e/{s}".into())
        );
        assert_eq!(
            event(r#"{"@id": "urn:x", "http://e/{p}": 1}"#),
            S::RelativePredicate("http://e/{p}".into())
        );
        assert_eq!(
            event(r#"{"@id": "urn:x", "_:p": 1}"#),
            S::BlankNodePredicate("_:b0".into())
        );
        assert_eq!(
            event(r#"{"@id": "urn:x", "http://e/p": {"@value": "x", "@type": "http://e/{d}"}}"#),
            S::InvalidDatatype("http://e/{d}".into())
        );
        let dir = r#"{"@id": "urn:x", "http://e/p": {"@value": "x", "@direction": "rtl"}}"#;
        assert_eq!(event(dir), S::DirectionNotSet("\"x\"".into()));
        // With an RDF form for the direction, nothing is lost.
        let with_dir = Options {
            rdf_direction: Some(RdfDirection::I18nDatatype),
            ..opts(true)
        };
        assert!(to_rdf(&json::parse_str(dir).unwrap(), &with_dir, &BundledLoader).is_ok());
    }

    #[test]
    fn safe_documents_give_the_same_rdf() {
        let doc = json::parse_str(
            r#"{
              "@context": ["https://www.w3.org/ns/credentials/v2", {"grade": "http://e/grade"}],
              "id": "urn:uuid:1",
              "type": ["VerifiableCredential"],
              "issuer": "did:example:issuer",
              "credentialSubject": {"id": "did:example:s", "grade": "A"},
              "name": {"@value": "Name", "@language": "en"}
            }"#,
        )
        .unwrap();
        let safe = to_rdf(&doc, &opts(true), &BundledLoader).unwrap();
        assert_eq!(safe, to_rdf(&doc, &opts(false), &BundledLoader).unwrap());
        assert_eq!(safe, to_rdf_bundled(&doc).unwrap());
    }

    #[test]
    fn language_tags_are_lowercased_in_rdf() {
        let doc = json::parse_str(
            r#"{"@context": {"p": {"@id": "http://e/p", "@language": "de-CH"}}, "@id": "urn:x", "p": "a", "http://e/q": {"@value": "b", "@language": "en-US"}}"#,
        )
        .unwrap();
        let langs: Vec<_> = to_rdf_bundled(&doc)
            .unwrap()
            .into_iter()
            .filter_map(|q| match q.object {
                Term::Literal { language, .. } => language,
                _ => None,
            })
            .collect();
        assert_eq!(langs, ["de-ch", "en-us"]);
    }

    #[test]
    fn messages_and_codes() {
        let e = JsonLdError::SafeModeViolation(S::UndefinedTerm("foo".into()));
        assert_eq!(e.code(), "safe mode validation error");
        assert_eq!(
            S::UndefinedTerm("foo".into()).to_string(),
            "the term `foo` is not defined by the credential's contexts, so it would not be covered by the signature"
        );
        assert_eq!(
            e.to_string(),
            "safe mode validation error: the term `foo` is not defined by the credential's contexts, so it would not be covered by the signature"
        );
        assert_eq!(
            S::RelativeType("T".into()).code(),
            "relative @type reference"
        );
        assert_eq!(S::NullTerm("t".into()).code(), "invalid property");
        // Document strings are shortened in messages.
        let long = "x".repeat(500);
        let doc = format!(r#"{{"@id": "urn:x", "{long}": 1}}"#);
        let S::UndefinedTerm(t) = event(&doc) else {
            panic!()
        };
        assert_eq!(t.chars().count(), 81);
        assert!(t.ends_with('…'));
    }

    /// The case of the DCC fixture `safeModeBreaker.json`, which
    /// jsonld.js rejects with "Relative @type reference found.":
    /// `StatusList2021Entry` is not defined by the VC 2.0 context.
    #[test]
    fn undefined_status_entry_type() {
        let doc = json::parse_str(
            r#"{
              "@context": ["https://www.w3.org/ns/credentials/v2"],
              "id": "urn:uuid:1",
              "type": ["VerifiableCredential"],
              "issuer": "did:example:issuer",
              "credentialSubject": {"id": "did:example:s"},
              "credentialStatus": {"id": "https://e.example/s#848", "type": "StatusList2021Entry"}
            }"#,
        )
        .unwrap();
        assert_eq!(
            to_rdf_bundled(&doc),
            Err(JsonLdError::SafeModeViolation(S::RelativeType(
                "StatusList2021Entry".into()
            )))
        );
    }
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    /// Keys and strings that steer every branch of the algorithms.
    const WORDS: &[&str] = &[
        "@context",
        "@id",
        "@type",
        "@value",
        "@list",
        "@set",
        "@graph",
        "@reverse",
        "@included",
        "@nest",
        "@language",
        "@direction",
        "@index",
        "@json",
        "@vocab",
        "@base",
        "@container",
        "@protected",
        "@propagate",
        "@import",
        "@version",
        "@prefix",
        "@none",
        "@foo",
        "a",
        "b",
        "ex",
        "ex:c",
        "_:d",
        "http://e/f",
        "http://e/",
        "x/y",
        "../z",
        "#f",
        "",
        "ltr",
        "en",
        "https://www.w3.org/ns/credentials/v2",
        "https://bomb/0",
    ];

    fn word() -> impl Strategy<Value = String> {
        proptest::sample::select(WORDS).prop_map(String::from)
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            (-3i32..3).prop_map(|n| json::parse_str(&format!("{}", f64::from(n) / 2.0)).unwrap()),
            word().prop_map(Value::String),
        ];
        leaf.prop_recursive(5, 48, 5, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                proptest::collection::vec((word(), inner), 0..5)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn never_panics(doc in value(), base in proptest::option::of(word())) {
            for dir in [None, Some(RdfDirection::I18nDatatype), Some(RdfDirection::CompoundLiteral)] {
                let opts = Options { base: base.clone(), rdf_direction: dir, produce_generalized_rdf: true, ..Options::default() };
                let _ = to_rdf(&doc, &opts, &Bomb);
                let _ = expand(&doc, &opts, &BundledLoader);
            }
        }
    }
}

#[test]
fn unknown_context_is_an_error_not_a_fetch() {
    let doc = json::parse_str(r#"{"@context": "https://example.org/ctx", "a": 1}"#).unwrap();
    let err = to_rdf_bundled(&doc).unwrap_err();
    assert_eq!(
        err,
        JsonLdError::UnknownContext("https://example.org/ctx".into())
    );
    assert_eq!(err.code(), "loading remote context failed");
}

/// Serves `https://bomb/N`: two terms whose scoped contexts both load
/// level N+1, so naive processing doubles the work at every level.
struct Bomb;
impl ContextLoader for Bomb {
    fn load(&self, url: &str) -> Option<Cow<'_, str>> {
        let n: u32 = url.strip_prefix("https://bomb/")?.parse().ok()?;
        let next = if n < 40 {
            format!("\"https://bomb/{}\"", n + 1)
        } else {
            "{}".into()
        };
        Some(Cow::Owned(format!(
            "{{\"@context\":{{\"a\":{{\"@id\":\"http://e/a{n}\",\"@context\":{next}}},\"b\":{{\"@id\":\"http://e/b{n}\",\"@context\":[{{\"z\":\"http://e/z\"}},{next}]}}}}}}"
        )))
    }
}

#[test]
fn context_bomb_hits_a_limit() {
    let doc = json::parse_str(r#"{"@context": "https://bomb/0", "a": {"b": {"a": 1}}}"#).unwrap();
    let err = to_rdf(&doc, &Options::default(), &Bomb).unwrap_err();
    assert!(
        matches!(
            err,
            JsonLdError::LimitExceeded(_) | JsonLdError::ContextOverflow
        ),
        "{err:?}"
    );
}
