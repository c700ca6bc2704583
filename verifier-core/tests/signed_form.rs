//! "Valid" means what was signed: for RDF-signed credentials the report is
//! read from the signed graph, so rewriting the JSON without changing its
//! quads changes nothing a user sees.
//!
//! Every credential of the demo network (valid, revoked, suspended,
//! expired, issued while its university was suspended, …) is re-signed with
//! `eddsa-rdfc-2022` by its demo issuer, then rewritten into JSON-LD that
//! expands to the same quads (full IRIs as keys, aliases in embedded
//! contexts, `@nest`, `@included`, `@graph`, value objects, types written
//! as IRIs with an embedded scoped context that redefines terms, reordered
//! arrays…). Each rewrite must be rejected or give the same verdict, checks
//! and shown values as the original: never valid with other values.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use mcx_verifier_core::json::{self, Object, Value};
use mcx_verifier_core::low_level::did::Purpose;
use mcx_verifier_core::low_level::proof::{self, ProofOptions, Suite};
use mcx_verifier_core::low_level::{jsonld, multibase};
use mcx_verifier_core::{
    summary, verify_offline, CheckKind, Options, Outcome, RegistrySource, Report, Resources,
    Timestamp, Verdict,
};
use proptest::prelude::*;

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../demo");

struct Demo {
    now: Timestamp,
    documents: BTreeMap<String, Vec<u8>>,
    /// Demo issuer keys (published on purpose).
    keys: Vec<[u8; 32]>,
    /// Re-signed credentials: name, unsecured document, its proof, and the
    /// report of the document as signed.
    bases: Vec<Base>,
}

struct Base {
    name: String,
    unsecured: Object,
    proof: Value,
    report: Report,
}

fn read_json(path: &str) -> Value {
    json::parse(&std::fs::read(path).unwrap(), Default::default()).unwrap()
}

fn secret_of(key_file: &Value) -> [u8; 32] {
    let sk = key_file
        .get("secretKeyMultibase")
        .unwrap()
        .as_str()
        .unwrap();
    let raw = multibase::decode(sk).unwrap();
    raw[raw.len() - 32..].try_into().unwrap()
}

fn options(d: &Demo) -> Options {
    Options::new(d.now).with_registry(RegistrySource::demo())
}

fn run(d: &Demo, input: &[u8]) -> Report {
    let mut resources = Resources::new();
    for (url, bytes) in &d.documents {
        resources.insert(url.clone(), bytes.clone());
    }
    verify_offline(input, &options(d), &resources)
}

/// `doc` signed for assertion with `suite` by `sk` under `vm`.
fn sign(doc: &Object, suite: Suite, vm: &str, sk: &[u8; 32]) -> Object {
    let options = ProofOptions {
        suite,
        verification_method: vm.to_string(),
        purpose: Purpose::AssertionMethod,
        created: Timestamp::parse_rfc3339("2026-09-01T00:00:00Z").unwrap(),
        challenge: None,
        domain: None,
    };
    proof::sign(doc, &options, sk).unwrap()
}

fn with_proof(doc: &Object, proof: &Value) -> String {
    let mut signed = doc.clone();
    signed.insert("proof", proof.clone());
    json::to_string(&Value::Object(signed))
}

fn demo() -> &'static Demo {
    static DEMO_NET: OnceLock<Demo> = OnceLock::new();
    DEMO_NET.get_or_init(|| {
        let manifest = read_json(&format!("{DEMO}/manifest.json"));
        let now = Timestamp::parse_rfc3339(manifest.get("now").unwrap().as_str().unwrap()).unwrap();
        let mut documents = BTreeMap::new();
        for (url, file) in manifest
            .get("resources")
            .unwrap()
            .as_object()
            .unwrap()
            .iter()
        {
            let path = format!("{DEMO}/{}", file.as_str().unwrap());
            documents.insert(url.clone(), std::fs::read(path).unwrap());
        }
        let keys: Vec<[u8; 32]> = std::fs::read_dir(format!("{DEMO}/keys"))
            .unwrap()
            .map(|e| secret_of(&read_json(e.unwrap().path().to_str().unwrap())))
            .collect();
        let mut d = Demo {
            now,
            documents,
            keys,
            bases: Vec::new(),
        };
        for s in manifest.get("samples").unwrap().as_array().unwrap() {
            let file = s.get("file").unwrap().as_str().unwrap();
            let kind = s.get("kind").unwrap().as_str().unwrap();
            // The tampered sample is broken on purpose: re-signing would mend it.
            if kind != "credential" || !file.ends_with(".json") || file.contains("tampered") {
                continue;
            }
            let doc = read_json(&format!("{DEMO}/{file}"));
            let mut unsecured = doc.as_object().unwrap().clone();
            let old = unsecured.remove("proof").unwrap();
            let vm = old.get("verificationMethod").unwrap().as_str().unwrap();
            let want = s.get("verdict").unwrap().as_str().unwrap();
            // Sign with whichever demo key is the issuer's.
            let base = d.keys.iter().find_map(|sk| {
                let signed = sign(&unsecured, Suite::EddsaRdfc2022, vm, sk);
                let text = json::to_string(&Value::Object(signed.clone()));
                let report = run(&d, text.as_bytes());
                let sig = report
                    .checks()
                    .iter()
                    .find(|c| c.kind == CheckKind::Signature)
                    .map(|c| c.outcome);
                (sig == Some(Outcome::Pass)).then(|| Base {
                    name: file.to_string(),
                    unsecured: unsecured.clone(),
                    proof: signed.get("proof").unwrap().clone(),
                    report,
                })
            });
            let base = base.unwrap_or_else(|| panic!("no demo key signs {file}"));
            assert_eq!(
                base.report.verdict().as_str(),
                want,
                "{file} re-signed with eddsa-rdfc-2022: {}",
                base.report.to_json()
            );
            d.bases.push(base);
        }
        d
    })
}

/// The expanded form of `doc`'s top-level node (`None` when a composed
/// rewrite made it invalid JSON-LD).
fn expanded(doc: &Object) -> Option<Object> {
    let options = jsonld::Options {
        safe: true,
        ..Default::default()
    };
    let e = jsonld::expand(
        &Value::Object(doc.clone()),
        &options,
        &jsonld::BundledLoader,
    )
    .ok()?;
    e.as_array()?.first()?.as_object().cloned()
}

/// The IRI the top-level key `k` of `doc` expands to.
fn iri_of(doc: &Object, k: &str) -> Option<String> {
    let mut single = Object::new();
    for key in ["@context", "id", "type"] {
        if let Some(v) = doc.get(key) {
            single.insert(key, v.clone());
        }
    }
    single.insert(k, doc.get(k)?.clone());
    expanded(&single)?
        .keys()
        .find(|key| !key.starts_with('@'))
        .cloned()
}

/// The keys a rewrite may move: everything but the node's own identity.
fn movable(doc: &Object) -> Vec<String> {
    doc.keys()
        .filter(|k| !["@context", "id", "type", "proof"].contains(&k.as_str()))
        .cloned()
        .collect()
}

fn push_context(doc: &mut Object, extra: Value) {
    let mut ctx = doc.get("@context").unwrap().one_or_many().to_vec();
    ctx.push(extra);
    doc.insert("@context", Value::Array(ctx));
}

/// The equivalent rewrites. Each returns `None` where it does not apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rewrite {
    /// `k` written as its full IRI, with the expanded value.
    FullIri,
    /// `k` kept, its value in expanded form (value objects, `@id`, `@type`).
    ExpandedValue,
    /// `k` renamed to an alias defined in an added embedded context.
    Alias,
    /// `k` moved under `@nest`.
    Nest,
    /// `k` moved to a node with the same id under `@included`.
    Included,
    /// The document wrapped in a top-level `@graph`.
    Graph,
    /// The subject with its types as IRIs (no type-scoped context) and an
    /// embedded scoped context that maps a fake achievement name to `@index`
    /// (scoped contexts may override protected terms).
    ScopedOverride,
    /// Every array reversed (RDF properties are sets).
    Reorder,
}

const REWRITES: [Rewrite; 8] = [
    Rewrite::FullIri,
    Rewrite::ExpandedValue,
    Rewrite::Alias,
    Rewrite::Nest,
    Rewrite::Included,
    Rewrite::Graph,
    Rewrite::ScopedOverride,
    Rewrite::Reorder,
];

fn reverse_arrays(v: &mut Value) {
    match v {
        Value::Array(a) => {
            a.reverse();
            a.iter_mut().for_each(reverse_arrays);
        }
        Value::Object(o) => {
            let keys: Vec<String> = o
                .keys()
                .filter(|k| *k != "@context" && *k != "@list")
                .cloned()
                .collect();
            for k in keys {
                let mut inner = o.get(&k).unwrap().clone();
                reverse_arrays(&mut inner);
                o.insert(k, inner);
            }
        }
        _ => {}
    }
}

fn apply(rw: Rewrite, doc: &Object, pick: usize) -> Option<Object> {
    let keys = movable(doc);
    let k = keys.get(pick % keys.len().max(1))?.clone();
    let mut out = doc.clone();
    match rw {
        Rewrite::FullIri => {
            let iri = iri_of(doc, &k)?;
            let v = expanded(doc)?.get(&iri)?.clone();
            out.remove(&k);
            out.insert(iri, v);
        }
        Rewrite::ExpandedValue => {
            let iri = iri_of(doc, &k)?;
            out.insert(k, expanded(doc)?.get(&iri)?.clone());
        }
        Rewrite::Alias => {
            let iri = iri_of(doc, &k)?;
            let v = expanded(doc)?.get(&iri)?.clone();
            let alias = format!("x{k}");
            let mut def = Object::new();
            def.insert(alias.as_str(), Value::from(iri.as_str()));
            push_context(&mut out, Value::Object(def));
            out.remove(&k);
            out.insert(alias, v);
        }
        Rewrite::Nest => {
            let v = out.remove(&k)?;
            let mut nest = match out.remove("@nest") {
                Some(Value::Object(n)) => n,
                _ => Object::new(),
            };
            nest.insert(k, v);
            out.insert("@nest", Value::Object(nest));
        }
        Rewrite::Included => {
            let id = doc.get("id")?.clone();
            let v = out.remove(&k)?;
            let mut node = Object::new();
            node.insert("id", id);
            node.insert(k, v);
            out.insert("@included", Value::Array(vec![Value::Object(node)]));
        }
        Rewrite::Graph => {
            let ctx = out.remove("@context")?;
            let mut wrapped = Object::new();
            wrapped.insert("@context", ctx);
            wrapped.insert("@graph", Value::Array(vec![Value::Object(out)]));
            return Some(wrapped);
        }
        Rewrite::ScopedOverride => {
            let subject_iri = iri_of(doc, "credentialSubject")?;
            let subject = expanded(doc)?.get(&subject_iri)?.as_array()?[0]
                .as_object()?
                .clone();
            let (ach_iri, ach) = subject
                .iter()
                .find(|(k, _)| k.ends_with("#achievement"))
                .map(|(k, v)| (k.clone(), v.clone()))?;
            let mut fake = ach.as_array()?[0].as_object()?.clone();
            fake.insert("name", Value::from("Quantum Surgery (fake)"));
            let mut subject = subject.clone();
            subject.remove(&ach_iri);
            subject.insert("achievement", Value::Object(fake));
            let ctx = json::parse_str(&format!(
                r#"{{"achievement":{{"@id":"{ach_iri}","@context":{{"name":"@index"}}}}}}"#
            ))
            .unwrap();
            subject.insert("@context", ctx);
            out.insert("credentialSubject", Value::Object(subject));
        }
        Rewrite::Reorder => {
            let mut v = Value::Object(out);
            reverse_arrays(&mut v);
            return v.as_object().cloned();
        }
    }
    Some(out)
}

fn codes(r: &Report) -> Vec<(String, String, Option<&'static str>)> {
    r.checks()
        .iter()
        .map(|c| {
            (
                c.kind.as_str().to_string(),
                c.outcome.as_str().to_string(),
                c.outcome.code().map(|c| c.as_str()),
            )
        })
        .collect()
}

/// The property: rejected, or the same verdict, checks and shown values.
/// A rejection never also says the signature matched.
fn assert_same_or_rejected(base: &Base, rewritten: &Report, what: &str) {
    let says = |outcome: Outcome| {
        rewritten
            .checks()
            .iter()
            .any(|c| c.kind == CheckKind::Signature && c.outcome == outcome)
    };
    assert!(
        !(says(Outcome::Pass) && says(Outcome::Fail(mcx_verifier_core::Code::NotAsSigned))),
        "{} / {what}: rows contradict each other: {}",
        base.name,
        rewritten.to_json()
    );
    if rewritten.verdict() == Verdict::Invalid && base.report.verdict() != Verdict::Valid {
        // Still not valid; the reason may differ (the form was refused).
        return;
    }
    if rewritten.verdict() == Verdict::Invalid
        && rewritten
            .headline()
            .and_then(|h| h.outcome.code())
            .is_some_and(|c| {
                matches!(
                    c.as_str(),
                    "not_as_signed" | "malformed" | "invalid_signature"
                )
            })
    {
        return;
    }
    assert_eq!(
        rewritten.verdict(),
        base.report.verdict(),
        "{} / {what}: {}",
        base.name,
        rewritten.to_json()
    );
    assert_eq!(
        codes(rewritten),
        codes(&base.report),
        "{} / {what}",
        base.name
    );
    assert_eq!(
        json::to_string(rewritten.credential()),
        json::to_string(base.report.credential()),
        "{} / {what}: shown values differ",
        base.name
    );
}

fn signature_passed(r: &Report) -> bool {
    r.checks()
        .iter()
        .any(|c| c.kind == CheckKind::Signature && c.outcome == Outcome::Pass)
}

/// Every rewrite kind on every key of every demo credential. Also shows
/// that the generator is real: each kind keeps the signature valid somewhere,
/// and some of those would show other values if the JSON were read.
#[test]
fn every_equivalent_rewrite_is_rejected_or_reads_the_same() {
    let d = demo();
    let mut kept: BTreeMap<Rewrite, usize> = BTreeMap::new();
    let mut fooled_json_reading = 0usize;
    let mut total = 0usize;
    for base in &d.bases {
        for rw in REWRITES {
            for pick in 0..movable(&base.unsecured).len() {
                let Some(doc) = apply(rw, &base.unsecured, pick) else {
                    continue;
                };
                total += 1;
                let r = run(d, with_proof(&doc, &base.proof).as_bytes());
                assert_same_or_rejected(base, &r, &format!("{rw:?} #{pick}"));
                if signature_passed(&r) {
                    *kept.entry(rw).or_default() += 1;
                    if json::to_string(&summary::credential(&doc))
                        != json::to_string(base.report.credential())
                    {
                        fooled_json_reading += 1;
                    }
                }
                if matches!(
                    rw,
                    Rewrite::Graph | Rewrite::Reorder | Rewrite::ScopedOverride
                ) {
                    break;
                }
            }
        }
    }
    eprintln!("{total} rewrites; signature still valid: {kept:?}; {fooled_json_reading} would show other values if the JSON were read");
    // A top-level @graph leaves no credential in the JSON: always rejected.
    for rw in REWRITES.into_iter().filter(|rw| *rw != Rewrite::Graph) {
        assert!(
            kept.get(&rw).copied().unwrap_or(0) > 0,
            "{rw:?} never kept the signature valid: the generator is not producing equivalent documents"
        );
    }
    assert!(fooled_json_reading > 0);
}

/// The attack the issue names: a revoked or expired credential's status or
/// expiry hidden from a JSON reader, or another achievement shown.
#[test]
fn hidden_status_expiry_and_fake_achievements_do_not_pass() {
    let d = demo();
    let by_name = |n: &str| d.bases.iter().find(|b| b.name.contains(n)).unwrap();
    let revoked = by_name("revoked");
    for rw in [
        Rewrite::FullIri,
        Rewrite::Alias,
        Rewrite::Nest,
        Rewrite::Included,
    ] {
        let pick = movable(&revoked.unsecured)
            .iter()
            .position(|k| k == "credentialStatus")
            .unwrap();
        let doc = apply(rw, &revoked.unsecured, pick).unwrap();
        let r = run(d, with_proof(&doc, &revoked.proof).as_bytes());
        assert_ne!(r.verdict(), Verdict::Valid, "{rw:?}: {}", r.to_json());
    }
    let expired = by_name("expired");
    let pick = movable(&expired.unsecured)
        .iter()
        .position(|k| k == "validUntil")
        .unwrap();
    for rw in [
        Rewrite::FullIri,
        Rewrite::ExpandedValue,
        Rewrite::Alias,
        Rewrite::Nest,
    ] {
        let doc = apply(rw, &expired.unsecured, pick).unwrap();
        let r = run(d, with_proof(&doc, &expired.proof).as_bytes());
        assert_ne!(r.verdict(), Verdict::Valid, "{rw:?}: {}", r.to_json());
    }
    let valid = by_name("valid-robotics");
    let doc = apply(Rewrite::ScopedOverride, &valid.unsecured, 0).unwrap();
    let r = run(d, with_proof(&doc, &valid.proof).as_bytes());
    assert!(signature_passed(&r), "{}", r.to_json());
    assert!(!r.to_json().contains("Quantum Surgery"), "{}", r.to_json());
    assert_eq!(
        json::to_string(r.credential()),
        json::to_string(valid.report.credential())
    );
}

/// The proof options are read from the signed proof too: a presentation's
/// challenge cannot be swapped under an alias.
#[test]
fn proof_options_are_the_signed_ones() {
    let d = demo();
    let valid = d
        .bases
        .iter()
        .find(|b| b.name.contains("valid-plc"))
        .unwrap();
    let mut proof = valid.proof.as_object().unwrap().clone();
    // `created` moved to a full IRI key: the JSON and the signed proof disagree.
    let created = proof.remove("created").unwrap();
    let mut typed = Object::new();
    typed.insert("@value", created);
    typed.insert(
        "@type",
        Value::from("http://www.w3.org/2001/XMLSchema#dateTime"),
    );
    proof.insert("http://purl.org/dc/terms/created", Value::Object(typed));
    let r = run(
        d,
        with_proof(&valid.unsecured, &Value::Object(proof)).as_bytes(),
    );
    assert_eq!(
        r.headline()
            .and_then(|h| h.outcome.code())
            .map(|c| c.as_str()),
        Some("not_as_signed"),
        "{}",
        r.to_json()
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Compositions of rewrites: still rejected or the same.
    #[test]
    fn composed_rewrites_are_rejected_or_read_the_same(
        base in 0usize..64,
        steps in proptest::collection::vec((0usize..REWRITES.len(), 0usize..16), 1..4),
    ) {
        let d = demo();
        let base = &d.bases[base % d.bases.len()];
        let mut doc = base.unsecured.clone();
        let mut what = String::new();
        for (rw, pick) in steps {
            let rw = REWRITES[rw];
            // Graph wrapping hides every key from later rewrites: keep it last.
            if doc.contains_key("@graph") { break; }
            if let Some(next) = apply(rw, &doc, pick) {
                doc = next;
                what.push_str(&format!("{rw:?}#{pick} "));
            }
        }
        let r = run(d, with_proof(&doc, &base.proof).as_bytes());
        assert_same_or_rejected(base, &r, &what);
    }
}

/// Status lists are read from what their issuer signed too: an RDF-signed
/// list whose JSON shows an all-clear `encodedList` (mapped to `@index` by
/// an embedded context under an IRI type) while the signed one revokes.
#[test]
fn a_status_list_is_read_from_its_signed_data() {
    use mcx_verifier_core::low_level::status::Bitstring;
    const SK: [u8; 32] = [42; 32];
    let did = mcx_verifier_core::low_level::did::did_key(&proof::public_key(&SK));
    let vm = mcx_verifier_core::low_level::did::did_key_method(&proof::public_key(&SK));
    let sign = |doc: &Object| sign(doc, Suite::EddsaRdfc2022, &vm, &SK);
    let url = "https://uni.example/status/1";
    let mut bits = Bitstring::zeroed(131_072, 1);
    bits.set(7, 1, 1).unwrap();
    let clear = Bitstring::zeroed(131_072, 1).encode();
    let list = json::parse_str(&format!(
        r#"{{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"{url}",
        "type":["VerifiableCredential","BitstringStatusListCredential"],"issuer":"{did}",
        "validFrom":"2026-01-01T00:00:00Z",
        "credentialSubject":{{"id":"{url}#list","type":"BitstringStatusList",
          "statusPurpose":"revocation","encodedList":"{}"}}}}"#,
        bits.encode()
    ))
    .unwrap();
    let list = sign(list.as_object().unwrap());
    let credential = json::parse_str(&format!(
        r#"{{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:uuid:1",
        "type":["VerifiableCredential"],"issuer":"{did}","validFrom":"2026-01-01T00:00:00Z",
        "credentialSubject":{{"id":"did:example:learner","name":"Alex"}},
        "credentialStatus":{{"id":"{url}#7","type":"BitstringStatusListEntry",
          "statusPurpose":"revocation","statusListIndex":"7","statusListCredential":"{url}"}}}}"#
    ))
    .unwrap();
    let credential = json::to_string(&Value::Object(sign(credential.as_object().unwrap())));
    let check = |list: &Object| {
        let mut resources = Resources::new();
        resources.insert(
            url,
            json::to_string(&Value::Object(list.clone())).into_bytes(),
        );
        let now = Timestamp::parse_rfc3339("2026-11-28T12:00:00Z").unwrap();
        verify_offline(credential.as_bytes(), &Options::new(now), &resources)
    };
    let r = check(&list);
    assert_eq!(
        r.headline()
            .and_then(|h| h.outcome.code())
            .map(|c| c.as_str()),
        Some("revoked"),
        "{}",
        r.to_json()
    );
    // The rewrite: the list's subject in expanded form (IRI type, so no
    // type-scoped context), plus a fake clear `encodedList` that an
    // embedded context maps to `@index`, which the RDF leaves out.
    let mut unsecured = list.clone();
    let proof = unsecured.remove("proof").unwrap();
    let subject_iri = iri_of(&unsecured, "credentialSubject").unwrap();
    let mut subject = expanded(&unsecured)
        .unwrap()
        .get(&subject_iri)
        .unwrap()
        .as_array()
        .unwrap()[0]
        .as_object()
        .unwrap()
        .clone();
    subject.insert("encodedList", Value::from(clear.as_str()));
    subject.insert(
        "@context",
        json::parse_str(r#"{"encodedList":"@index"}"#).unwrap(),
    );
    let mut rewritten = unsecured.clone();
    rewritten.insert("credentialSubject", Value::Object(subject));
    rewritten.insert("proof", proof);
    let r = check(&rewritten);
    assert_ne!(r.verdict(), Verdict::Valid, "{}", r.to_json());
    assert_eq!(
        r.headline()
            .and_then(|h| h.outcome.code())
            .map(|c| c.as_str()),
        Some("revoked"),
        "{}",
        r.to_json()
    );
}

/// A second proof by another key does not decide what is read: an
/// attacker adds an `eddsa-jcs-2022` proof of their own over a rewritten
/// JSON (status hidden) beside the issuer's `eddsa-rdfc-2022` proof, which
/// still verifies over the unchanged quads.
#[test]
fn a_proof_by_someone_else_does_not_pick_the_reading() {
    let d = demo();
    let revoked = d.bases.iter().find(|b| b.name.contains("revoked")).unwrap();
    let pick = movable(&revoked.unsecured)
        .iter()
        .position(|k| k == "credentialStatus")
        .unwrap();
    const ATTACKER: [u8; 32] = [66; 32];
    for rw in [Rewrite::FullIri, Rewrite::Nest, Rewrite::Included] {
        let rewritten = apply(rw, &revoked.unsecured, pick).unwrap();
        let vm = mcx_verifier_core::low_level::did::did_key_method(&proof::public_key(&ATTACKER));
        let theirs = sign(&rewritten, Suite::EddsaJcs2022, &vm, &ATTACKER);
        let both = Value::Array(vec![
            revoked.proof.clone(),
            theirs.get("proof").unwrap().clone(),
        ]);
        let r = run(d, with_proof(&rewritten, &both).as_bytes());
        assert_ne!(r.verdict(), Verdict::Valid, "{rw:?}: {}", r.to_json());
        if rw != Rewrite::Included {
            // (Under @included the status key is not even JSON-LD the
            // canonicalizer accepts: malformed.)
            assert_eq!(
                r.headline()
                    .and_then(|h| h.outcome.code())
                    .map(|c| c.as_str()),
                Some("revoked"),
                "{rw:?}: {}",
                r.to_json()
            );
        }
    }
}

/// The document is the signed graph's top node, not any credential-shaped
/// node inside it: an issuer's credential that embeds another credential
/// node (here under `evidence`) cannot be rewritten so that the embedded
/// node becomes the top level (`@included` carrying the real top node).
#[test]
fn an_embedded_node_cannot_be_promoted_to_the_document() {
    const SK: [u8; 32] = [43; 32];
    let did = mcx_verifier_core::low_level::did::did_key(&proof::public_key(&SK));
    let vm = mcx_verifier_core::low_level::did::did_key_method(&proof::public_key(&SK));
    let embedded = format!(
        r#"{{"id":"urn:y","type":["VerifiableCredential"],"issuer":"{did}",
        "validFrom":"2026-01-01T00:00:00Z",
        "credentialSubject":{{"id":"did:example:mallory","name":"Mallory"}}}}"#
    );
    let outer = json::parse_str(&format!(
        r#"{{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:x",
        "type":["VerifiableCredential"],"issuer":"{did}","validFrom":"2026-01-01T00:00:00Z",
        "validUntil":"2026-02-01T00:00:00Z",
        "credentialSubject":{{"id":"did:example:alex","name":"Alex"}},
        "evidence":{embedded}}}"#
    ))
    .unwrap();
    let signed = sign(outer.as_object().unwrap(), Suite::EddsaRdfc2022, &vm, &SK);
    let now = Timestamp::parse_rfc3339("2026-11-28T12:00:00Z").unwrap();
    let check = |doc: &Object| {
        verify_offline(
            json::to_string(&Value::Object(doc.clone())).as_bytes(),
            &Options::new(now),
            &Resources::new(),
        )
    };
    // As signed: expired.
    assert_eq!(
        check(&signed)
            .headline()
            .and_then(|h| h.outcome.code())
            .map(|c| c.as_str()),
        Some("expired")
    );
    // The rewrite: the embedded node on top, the real top node included.
    let mut top = json::parse_str(&embedded)
        .unwrap()
        .as_object()
        .unwrap()
        .clone();
    top.insert("@context", signed.get("@context").unwrap().clone());
    let mut real = signed.clone();
    real.remove("@context");
    let proof = real.remove("proof").unwrap();
    real.insert("evidence", Value::from("urn:y"));
    top.insert("@included", Value::Array(vec![Value::Object(real)]));
    top.insert("proof", proof);
    let r = check(&top);
    assert_ne!(r.verdict(), Verdict::Valid, "{}", r.to_json());
    assert!(
        !r.to_json().contains("\"valid\",\"kind\""),
        "{}",
        r.to_json()
    );
}

/// The same property for `ecdsa-rdfc-2019`: the signed reading does not
/// depend on the suite. Every demo credential, re-issued by a P-256
/// `did:key` and signed with ECDSA, then every rewrite kind on every key:
/// rejected or the same report.
#[cfg(feature = "native-crypto")]
#[test]
fn ecdsa_rdfc_credentials_are_read_from_their_signed_data_too() {
    const SK: [u8; 32] = [0x5a; 32];
    let d = demo();
    let key = proof::public_key_p256(&SK).unwrap();
    let mk = key.to_multikey().unwrap();
    let (did, vm) = (format!("did:key:{mk}"), format!("did:key:{mk}#{mk}"));
    let mut checked = 0usize;
    for demo_base in d.bases.iter().take(4) {
        let mut unsecured = demo_base.unsecured.clone();
        let issuer = match unsecured.remove("issuer") {
            Some(Value::Object(mut o)) => {
                o.insert("id", Value::from(did.as_str()));
                Value::Object(o)
            }
            _ => Value::from(did.as_str()),
        };
        unsecured.insert("issuer", issuer);
        let options = ProofOptions {
            suite: Suite::EcdsaRdfc2019,
            verification_method: vm.clone(),
            purpose: Purpose::AssertionMethod,
            created: Timestamp::parse_rfc3339("2026-09-01T00:00:00Z").unwrap(),
            challenge: None,
            domain: None,
        };
        let mut signed = proof::sign_p256(&unsecured, &options, &SK).unwrap();
        let proof_value = signed.remove("proof").unwrap();
        let report = run(d, with_proof(&signed, &proof_value).as_bytes());
        assert!(signature_passed(&report), "{}", report.to_json());
        let base = Base {
            name: format!("{} (ecdsa-rdfc-2019)", demo_base.name),
            unsecured: signed,
            proof: proof_value,
            report,
        };
        for rw in REWRITES {
            for pick in 0..movable(&base.unsecured).len() {
                let Some(doc) = apply(rw, &base.unsecured, pick) else {
                    continue;
                };
                let r = run(d, with_proof(&doc, &base.proof).as_bytes());
                assert_same_or_rejected(&base, &r, &format!("{rw:?}#{pick}"));
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "only {checked} rewrites");
}
