//! No input makes the core panic: random bytes, and real credentials damaged
//! at the byte level and at the JSON level, go through `verify` and through
//! every decoder on its own.
//!
//! This is CI's short stand-in for the fuzz targets in `fuzz/` (which run
//! for minutes with coverage guidance). The same real inputs seed those
//! targets: `MCX_FUZZ_SEEDS=fuzz/seeds cargo test -p mcx-verifier-core
//! --test no_panic -- --ignored write_fuzz_seeds` regenerates them.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use mcx_verifier_core::json::{self, Limits as JsonLimits, Object, Value};
use mcx_verifier_core::low_level::baked;
use mcx_verifier_core::low_level::did::{self, Purpose};
use mcx_verifier_core::low_level::jws::{self, Jws};
use mcx_verifier_core::low_level::proof::{self, ProofOptions, Suite};
use mcx_verifier_core::low_level::status::{Bitstring, Entry};
use mcx_verifier_core::low_level::{gzip, input, jcs, jsonld, multibase, rdf, rdfc};
use mcx_verifier_core::registry::{self, Registry};
use mcx_verifier_core::{
    verify, Limits, Options, PublicKey, RegistrySource, Report, Resources, SignatureAnswer, Step,
    Timestamp, Verdict,
};
use proptest::prelude::*;

const ISSUER_SK: [u8; 32] = [7; 32];
const JCS: Suite = Suite::EddsaJcs2022;
const ASSERT: Purpose = Purpose::AssertionMethod;
const HOLDER_SK: [u8; 32] = [11; 32];
const WEB_DID: &str = "did:web:demo.example:issuers:1";
/// Separates the verified input from the documents that answer its fetches
/// in the `verify` fuzz target's seeds.
const FUZZ_SEPARATOR: &[u8] = b"\0MCX\0";
const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors");
/// The committed MicroCredX DEMO network (registry, DID documents, status
/// lists, credentials of every outcome; see demo/README.md).
const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../demo");

fn now() -> Timestamp {
    Timestamp::parse_rfc3339("2026-11-28T12:00:00Z").unwrap()
}

fn obj(v: Value) -> Object {
    match v {
        Value::Object(o) => o,
        _ => panic!("not an object"),
    }
}

fn text(o: &Object) -> String {
    json::to_string(&Value::Object(o.clone()))
}

/// An Open Badges 3.0 micro-credential (VC 2.0, or 1.1 with `v1`).
/// The learner: the holder who presents the credentials.
fn learner_did() -> String {
    did::did_key(&proof::public_key(&HOLDER_SK))
}

fn unsigned(issuer: &str, v1: bool) -> Object {
    let learner = learner_did();
    let (ctx, from, until) = if v1 {
        (
            "https://www.w3.org/2018/credentials/v1",
            "issuanceDate",
            "expirationDate",
        )
    } else {
        (
            "https://www.w3.org/ns/credentials/v2",
            "validFrom",
            "validUntil",
        )
    };
    obj(json::parse_str(&format!(
        r#"{{"@context":["{ctx}","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id":"urn:uuid:7f1c1e8e-2b7a-4f57-9d0e-1d1c7d8a9b01",
        "type":["VerifiableCredential","OpenBadgeCredential"],
        "name":"Robotics Safety",
        "issuer":{{"id":"{issuer}","type":["Profile"],"name":"Demo University"}},
        "{from}":"2026-01-01T00:00:00Z","{until}":"2028-01-01T00:00:00Z",
        "credentialSubject":{{"type":["AchievementSubject"],"id":"{learner}",
          "achievement":{{"id":"https://demo.example/a/1","type":["Achievement"],"name":"Robotics Safety",
            "description":"Safe collaboration with industrial robots.","criteria":{{"narrative":"Exam"}},
            "achievementType":"MicroCredential","creditsAvailable":3,
            "alignment":[{{"type":["Alignment"],"targetName":"EQF level 6","targetUrl":"https://europa.eu/europass/en/eqf"}}]}}}}}}"#
    ))
    .unwrap())
}

fn sign_di(
    doc: &Object,
    suite: Suite,
    vm: String,
    purpose: Purpose,
    challenge: Option<&str>,
) -> Object {
    let sk = if purpose == Purpose::Authentication {
        &HOLDER_SK
    } else {
        &ISSUER_SK
    };
    let options = ProofOptions {
        suite,
        verification_method: vm,
        purpose,
        created: Timestamp::parse_rfc3339("2026-01-01T00:00:00Z").unwrap(),
        challenge: challenge.map(String::from),
        domain: None,
    };
    proof::sign(doc, &options, sk).unwrap()
}

fn issuer_did() -> String {
    did::did_key(&proof::public_key(&ISSUER_SK))
}

fn issuer_vm() -> String {
    did::did_key_method(&proof::public_key(&ISSUER_SK))
}

fn sign_jwt(doc: &Object) -> String {
    let mut header = Object::new();
    header.insert("kid", Value::from(issuer_vm()));
    jws::sign(header, &Value::Object(doc.clone()), &ISSUER_SK)
}

/// A one-pixel PNG (signature, IHDR, IDAT, IEND) to bake credentials into.
fn tiny_png() -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut typed = kind.to_vec();
        typed.extend_from_slice(data);
        out.extend_from_slice(&typed);
        out.extend_from_slice(&crc32(&typed).to_be_bytes());
    }
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut png = baked::PNG_SIGNATURE.to_vec();
    chunk(&mut png, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    // zlib stream of one filter byte and one grey pixel.
    chunk(
        &mut png,
        b"IDAT",
        &[0x78, 0x01, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01],
    );
    chunk(&mut png, b"IEND", &[]);
    png
}

/// A real input and the documents that answer its fetches.
struct Sample {
    name: String,
    bytes: Vec<u8>,
    resources: BTreeMap<String, Vec<u8>>,
    /// Check issuers against the demo network registry.
    registry: bool,
    /// Its verdict undamaged (checked once, below).
    expect: Verdict,
}

impl Sample {
    fn new(name: &str, bytes: impl Into<Vec<u8>>, valid: bool) -> Self {
        Sample {
            name: name.to_string(),
            bytes: bytes.into(),
            resources: BTreeMap::new(),
            registry: false,
            expect: if valid {
                Verdict::Valid
            } else {
                Verdict::Invalid
            },
        }
    }
}

/// The demo network's samples, each with every document the demo serves.
fn demo_samples() -> Vec<Sample> {
    let manifest = json::parse(
        &std::fs::read(format!("{DEMO}/manifest.json")).unwrap(),
        JsonLimits::default(),
    )
    .unwrap();
    let mut resources = BTreeMap::new();
    for (url, file) in manifest
        .get("resources")
        .unwrap()
        .as_object()
        .unwrap()
        .iter()
    {
        let path = format!("{DEMO}/{}", file.as_str().unwrap());
        resources.insert(url.clone(), std::fs::read(path).unwrap());
    }
    let mut out = Vec::new();
    for s in manifest.get("samples").unwrap().as_array().unwrap() {
        let file = s.get("file").unwrap().as_str().unwrap();
        let verdict = s.get("verdict").unwrap().as_str().unwrap();
        out.push(Sample {
            name: format!("demo-{}", file.rsplit('/').next().unwrap()),
            bytes: std::fs::read(format!("{DEMO}/{file}")).unwrap(),
            resources: resources.clone(),
            registry: true,
            expect: [Verdict::Valid, Verdict::Invalid, Verdict::Unverifiable]
                .into_iter()
                .find(|v| v.as_str() == verdict)
                .unwrap(),
        });
    }
    out
}

fn samples() -> &'static [Sample] {
    static SAMPLES: OnceLock<Vec<Sample>> = OnceLock::new();
    SAMPLES.get_or_init(build_samples)
}

fn build_samples() -> Vec<Sample> {
    let v2 = unsigned(&issuer_did(), false);
    let v1 = unsigned(&issuer_did(), true);
    let jcs_v2 = text(&sign_di(&v2, JCS, issuer_vm(), ASSERT, None));
    let jcs_v1 = text(&sign_di(&v1, JCS, issuer_vm(), ASSERT, None));
    let jose = sign_jwt(&v2);
    let vc_jwt = {
        let mut claims = Object::new();
        claims.insert("iss", Value::from(issuer_did()));
        claims.insert("sub", Value::from(learner_did()));
        claims.insert("nbf", Value::Number(json::Number::from_u64(1_767_225_600)));
        claims.insert(
            "jti",
            Value::from("urn:uuid:7f1c1e8e-2b7a-4f57-9d0e-1d1c7d8a9b01"),
        );
        claims.insert("vc", Value::Object(v1.clone()));
        let mut header = Object::new();
        header.insert("kid", Value::from(issuer_vm()));
        jws::sign(header, &Value::Object(claims), &ISSUER_SK)
    };

    // A presentation by the holder's did:key carrying a DI and a JWT credential.
    let holder = did::did_key(&proof::public_key(&HOLDER_SK));
    let mut vp = obj(json::parse_str(&format!(
        r#"{{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiablePresentation"],"holder":"{holder}"}}"#
    ))
    .unwrap());
    vp.insert(
        "verifiableCredential",
        Value::Array(vec![
            json::parse_str(&jcs_v2).unwrap(),
            json::parse_str(&format!(
                r#"{{"@context":"https://www.w3.org/ns/credentials/v2","type":"EnvelopedVerifiableCredential","id":"data:application/vc+jwt,{jose}"}}"#
            ))
            .unwrap(),
            Value::from(jose.as_str()),
        ]),
    );
    let vp = text(&sign_di(
        &vp,
        JCS,
        did::did_key_method(&proof::public_key(&HOLDER_SK)),
        Purpose::Authentication,
        Some("fuzz-challenge"),
    ));

    // A did:web issuer whose document the host supplies.
    let web_vm = format!("{WEB_DID}#key-1");
    let web_cred = text(&sign_di(
        &unsigned(WEB_DID, false),
        JCS,
        web_vm.clone(),
        ASSERT,
        None,
    ));
    let web_doc = format!(
        r##"{{"@context":["https://www.w3.org/ns/did/v1","https://w3id.org/security/multikey/v1"],"id":"{WEB_DID}",
        "verificationMethod":[{{"id":"{web_vm}","type":"Multikey","controller":"{WEB_DID}","publicKeyMultibase":"{}"}}],
        "assertionMethod":["{web_vm}"],"authentication":["#key-1"]}}"##,
        multibase::encode_ed25519_multikey(&proof::public_key(&ISSUER_SK))
    );
    let mut web = Sample::new("did-web.json", web_cred, true);
    web.resources.insert(
        did::web_document_url(WEB_DID).unwrap(),
        web_doc.into_bytes(),
    );

    let link = format!(
        "https://verify.microcredx.eu/#vc={}",
        input::encode_fragment(jcs_v2.as_bytes())
    );
    let jwt_link = format!("#vc={}", input::encode_fragment(jose.as_bytes()));
    let hosted_url = "https://demo.example/credentials/1.json";
    let mut hosted = Sample::new(
        "hosted-link.txt",
        format!(
            "https://verify.microcredx.eu/?url={}",
            hosted_url.replace(':', "%3A").replace('/', "%2F")
        ),
        true,
    );
    hosted
        .resources
        .insert(hosted_url.to_string(), jcs_v2.clone().into_bytes());
    let png = baked::bake_png(&tiny_png(), &jcs_v2).unwrap();
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\" width=\"1\" height=\"1\">\n\
         <openbadges:credential><![CDATA[{jcs_v2}]]></openbadges:credential>\n<rect width=\"1\" height=\"1\"/></svg>\n"
    );
    let svg_jwt = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\"><openbadges:credential verify=\"{jose}\"/></svg>"
    );
    let w3c_jcs = std::fs::read(format!(
        "{VECTORS}/vc-di-eddsa/TestVectors/eddsa-jcs-2022/signedJCS.json"
    ))
    .unwrap();
    let w3c_rdfc = std::fs::read(format!(
        "{VECTORS}/vc-di-eddsa/TestVectors/eddsa-rdfc-2022/signedDataInt.json"
    ))
    .unwrap();

    // The same micro-credential with the JSON-LD based suites.
    let rdfc_v2 = text(&sign_di(
        &v2,
        Suite::EddsaRdfc2022,
        issuer_vm(),
        ASSERT,
        None,
    ));
    let ed_sig_v1 = {
        let mut v1 = v1.clone();
        let mut ctx = v1.get("@context").unwrap().as_array().unwrap().to_vec();
        ctx.push(Value::from(
            "https://w3id.org/security/suites/ed25519-2020/v1",
        ));
        v1.insert("@context", Value::Array(ctx));
        text(&sign_di(
            &v1,
            Suite::Ed25519Signature2020,
            issuer_vm(),
            ASSERT,
            None,
        ))
    };

    let mut out = vec![
        Sample::new("eddsa-jcs-2022.json", jcs_v2, true),
        Sample::new("eddsa-rdfc-2022.json", rdfc_v2, true),
        Sample::new("ed25519-signature-2020-v1.json", ed_sig_v1, true),
        Sample::new("eddsa-jcs-2022-v1.json", jcs_v1, true),
        Sample::new("vc-jose.jwt", jose, true),
        Sample::new("vc-jwt-v1.jwt", vc_jwt, true),
        Sample::new("presentation.json", vp, true),
        web,
        Sample::new("link.txt", link, true),
        Sample::new("jwt-link.txt", jwt_link, true),
        hosted,
        Sample::new("baked.png", png, true),
        Sample::new("baked.svg", svg, true),
        Sample::new("baked-jwt.svg", svg_jwt, true),
        // Its issuer is an https URL the did:key proof cannot belong to.
        Sample::new("w3c-signedJCS.json", w3c_jcs, false),
        // Its issuer is an https URL too.
        Sample::new("w3c-signedDataInt.json", w3c_rdfc, false),
        Sample::new("unsigned.json", text(&v2), false),
    ];
    out.extend(demo_samples());
    out
}

/// N-Quads from the RDFC-1.0 suite, for the RDF decoders.
fn nquads_samples() -> Vec<String> {
    ["test002", "test017", "test020", "test044", "test060"]
        .iter()
        .map(|t| {
            std::fs::read_to_string(format!("{VECTORS}/rdf-canon/tests/rdfc10/{t}-in.nq")).unwrap()
        })
        .collect()
}

/// Runs the full pipeline, answering fetches from `docs` (anything else
/// fails), and checks the report is well formed. Also returns the URLs
/// that were asked for, in order.
fn run_verify(
    bytes: &[u8],
    docs: &BTreeMap<String, Vec<u8>>,
    registry: bool,
) -> (Report, Vec<String>) {
    let mut options = Options::new(now());
    if registry {
        // The demo network's samples, as the demo's manifest expects them.
        options = options.with_registry(RegistrySource::demo());
    } else {
        options.challenge = Some(String::from("fuzz-challenge"));
    }
    let mut asked = Vec::new();
    let mut resources = Resources::new();
    let mut rounds = 0;
    let report = loop {
        match verify(bytes, &options, &resources) {
            Step::Done(r) => break r,
            Step::Need(needs) => {
                rounds += 1;
                assert!(rounds <= 32, "verification keeps asking for documents");
                assert!(!needs.is_empty());
                for check in &needs.signatures {
                    resources.insert_signature(check, SignatureAnswer::Invalid);
                }
                for u in needs.urls {
                    asked.push(u.clone());
                    match docs.get(&u) {
                        Some(b) => resources.insert(u, b.clone()),
                        None => resources.insert_failure(u, "offline"),
                    }
                }
            }
        }
    };
    let json_text = report.to_json();
    let value = json::parse(
        json_text.as_bytes(),
        JsonLimits {
            max_bytes: usize::MAX,
            max_depth: 4096,
        },
    )
    .unwrap_or_else(|e| panic!("report is not JSON ({e}): {json_text}"));
    assert_eq!(
        value.get("verdict").and_then(Value::as_str),
        Some(report.verdict().as_str())
    );
    if report.verdict() != Verdict::Valid {
        assert!(report.headline().is_some());
    }
    (report, asked)
}

fn verify_sample(bytes: &[u8], s: &Sample) -> Report {
    run_verify(bytes, &s.resources, s.registry).0
}

fn verify_alone(bytes: &[u8]) -> Report {
    run_verify(bytes, &BTreeMap::new(), false).0
}

/// Every decoder on its own, with the invariants the fuzz targets assert.
fn decoders(bytes: &[u8]) {
    let limits = JsonLimits::default();
    let lossy = String::from_utf8_lossy(bytes);
    if let Ok(v) = json::parse(bytes, limits) {
        let s = json::to_string(&v);
        assert_eq!(json::parse(s.as_bytes(), limits).as_ref(), Ok(&v));
        if let Ok(c) = jcs::canonicalize(&v) {
            let again = json::parse(c.as_bytes(), limits).unwrap();
            assert_eq!(jcs::canonicalize(&again).as_deref(), Ok(c.as_str()));
        }
        let _ = did::method_key(&v);
        let _ = PublicKey::from_jwk(&v);
    }
    let _ = input::decode(bytes, &Limits::default(), &Resources::new());
    if let Ok(j) = Jws::decode(&lossy, limits) {
        let _ = j.kid();
        let key = PublicKey::Ed25519(proof::public_key(&ISSUER_SK));
        let _ = j.verify(&key, &proof::InCore);
    }
    let _ = multibase::decode(&lossy);
    let _ = multibase::decode_ed25519_multikey(&lossy);
    let _ = PublicKey::from_multikey(&lossy);
    if let Ok(b) = multibase::base58_decode(&lossy) {
        assert_eq!(multibase::base58_encode(&b), lossy);
    }
    let first_line = lossy.lines().next().unwrap_or("");
    for purpose in [Purpose::AssertionMethod, Purpose::Authentication] {
        let _ = did::resolve(first_line, purpose, &Resources::new());
    }
    let mut web = Resources::new();
    web.insert(did::web_document_url(WEB_DID).unwrap(), bytes.to_vec());
    let _ = did::resolve(&format!("{WEB_DID}#key-1"), Purpose::AssertionMethod, &web);
    let _ = baked::png_credential(bytes, 1 << 20);
    let _ = baked::svg_credential(&lossy);
    let _ = input::decode_fragment(&lossy, 1 << 20);
    if let Ok(quads) = rdf::parse_nquads(&lossy) {
        let _ = rdfc::canonicalize(&quads, &rdfc::Limits::default());
    }
    if let Ok(v) = json::parse(bytes, limits) {
        // JSON-LD to RDF and RDFC-1.0, as eddsa-rdfc-2022 does.
        let _ = proof::rdfc_canonical(&v);
        let _ = jsonld::expand(&v, &jsonld::Options::default(), &jsonld::BundledLoader);
        // Status entries and registries.
        for entry in v.one_or_many() {
            let _ = Entry::parse(entry);
        }
        if let Value::Object(o) = &v {
            if let Ok(r) = Registry::parse_unverified(o) {
                let _ = r.progress(&["https://demo.example/a/1"]);
            }
        }
    }
    let _ =
        mcx_verifier_core::registry::verify_registry(bytes, registry::DEMO_GOVERNANCE_DID, now());
    if let Ok(b) = Bitstring::decode(&lossy, 1 << 20) {
        let _ = b.get(0, 1);
        let _ = b.get(u64::MAX, 8);
    }
    let _ = gzip::gunzip(bytes, 1 << 20);
    if let Ok(t) = Timestamp::parse_rfc3339(lossy.trim()) {
        let _ = t.to_rfc3339();
    }
}

/// One byte-level damage; positions are taken modulo the input length.
#[derive(Clone, Debug)]
enum Mutation {
    Flip(usize, u8),
    Set(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
    Duplicate(usize, usize),
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len();
    let at = |i: usize| if len == 0 { 0 } else { i % (len + 1) };
    match m {
        Mutation::Flip(i, bit) if len > 0 => bytes[i % len] ^= 1 << (bit % 8),
        Mutation::Set(i, b) if len > 0 => bytes[i % len] = *b,
        Mutation::Insert(i, ins) => {
            let i = at(*i);
            bytes.splice(i..i, ins.iter().copied());
        }
        Mutation::Delete(i, n) => {
            let i = at(*i);
            let end = (i + n).min(len);
            bytes.drain(i..end);
        }
        Mutation::Truncate(i) => bytes.truncate(at(*i)),
        Mutation::Duplicate(i, n) => {
            let i = at(*i);
            let end = (i + n).min(len);
            let copy = bytes[i..end].to_vec();
            bytes.splice(end..end, copy);
        }
        _ => {}
    }
}

/// Byte strings that tend to matter to the decoders.
fn token() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 1..8),
        Just(b"{".to_vec()),
        Just(b"}".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"\\u0000".to_vec()),
        Just(b"\\ud800".to_vec()),
        Just(b"9e999".to_vec()),
        Just(b"-0".to_vec()),
        Just(b".".to_vec()),
        Just(b"=".to_vec()),
        Just(b"[".repeat(200)),
        Just(b"#vc=".to_vec()),
        Just(b"did:key:z6Mk".to_vec()),
        Just(b"did:web:".to_vec()),
        Just(b"eyJ".to_vec()),
        Just("\u{feff}é\u{10ffff}".as_bytes().to_vec()),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Set(i, b)),
        (any::<usize>(), token()).prop_map(|(i, t)| Mutation::Insert(i, t)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..256).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
    ]
}

/// A replacement JSON value, including hostile ones.
fn json_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(|n| Value::Number(json::Number::from_u64(n))),
        "[a-z:#/ ]{0,20}".prop_map(Value::from),
        Just(Value::from(
            "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
        )),
        Just(Value::from("did:web:demo.example")),
        Just(Value::from("not-a-date")),
        Just(Value::from("9999-12-31T23:59:59Z")),
        Just(Value::Array(vec![])),
        Just(Value::Object(Object::new())),
        Just(json::parse_str(&format!("{}1{}", "[".repeat(40), "]".repeat(40))).unwrap()),
        Just(json::parse_str("1.5e300").unwrap()),
        Just(json::parse_str("-0.0").unwrap()),
    ]
}

/// Replaces the node reached by following `path` (indices taken modulo the
/// number of children) with `new`; returns false if nothing changed.
fn replace_at(v: &mut Value, path: &[usize], new: Value) -> bool {
    let next = match v {
        Value::Object(o) if !o.is_empty() => path.first().map(|i| {
            let key = o.keys().nth(i % o.len()).unwrap().clone();
            key
        }),
        Value::Array(a) if !a.is_empty() => path.first().map(|i| (i % a.len()).to_string()),
        _ => None,
    };
    match (next, v) {
        (Some(key), Value::Object(o)) => {
            let mut child = o.get(&key).unwrap().clone();
            let changed = replace_at(&mut child, &path[1..], new);
            o.insert(key, child);
            changed
        }
        (Some(idx), Value::Array(a)) => {
            let i: usize = idx.parse().unwrap();
            replace_at(&mut a[i], &path[1..], new)
        }
        (_, v) => {
            let changed = jcs::canonicalize(v).ok() != jcs::canonicalize(&new).ok();
            *v = new;
            changed
        }
    }
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

#[test]
fn samples_verify_as_expected() {
    for s in samples() {
        let r = verify_sample(&s.bytes, s);
        assert_eq!(r.verdict(), s.expect, "{}: {}", s.name, r.to_json());
        decoders(&s.bytes);
    }
    for nq in nquads_samples() {
        decoders(nq.as_bytes());
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        verify_alone(&bytes);
        decoders(&bytes);
    }

    #[test]
    fn random_text(s in "[ -~\n]{0,256}") {
        verify_alone(s.as_bytes());
        decoders(s.as_bytes());
    }
}

proptest! {
    #![proptest_config(config(192))]

    #[test]
    fn damaged_credentials(
        which in any::<usize>(),
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let s = &samples()[which % samples().len()];
        let mut bytes = s.bytes.clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let r = verify_sample(&bytes, s);
        if bytes == s.bytes {
            prop_assert_eq!(r.verdict(), s.expect);
        }
        decoders(&bytes);
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn damaged_nquads(which in any::<usize>(), mutations in proptest::collection::vec(mutation(), 1..6)) {
        let all = nquads_samples();
        let mut bytes = all[which % all.len()].clone().into_bytes();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        decoders(&bytes);
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// Changing any value of a signed JSON credential or presentation
    /// (its claims or its proof) makes it fail, and never panics.
    #[test]
    fn tampered_claims(
        which in any::<usize>(),
        path in proptest::collection::vec(any::<usize>(), 1..8),
        new in json_value(),
    ) {
        let json_samples: Vec<&Sample> = samples()
            .iter()
            .filter(|s| s.expect == Verdict::Valid && s.bytes.starts_with(b"{") && has_proof(&s.bytes))
            .collect();
        let s = json_samples[which % json_samples.len()];
        let mut v = json::parse(&s.bytes, JsonLimits::default()).unwrap();
        let changed = replace_at(&mut v, &path, new);
        let bytes = json::to_string(&v).into_bytes();
        let r = verify_sample(&bytes, s);
        if changed {
            prop_assert_ne!(r.verdict(), Verdict::Valid, "{} still valid: {}", s.name, String::from_utf8_lossy(&bytes));
        }
        decoders(&bytes);
    }
}

/// A signed JSON document (not, say, an unsigned presentation, whose own
/// fields may change freely).
fn has_proof(bytes: &[u8]) -> bool {
    json::parse(bytes, JsonLimits::default()).is_ok_and(|v| v.get("proof").is_some())
}

/// Deeply nested and oversized inputs are refused cleanly.
#[test]
fn hostile_shapes() {
    let deep = "[".repeat(100_000);
    let wide = format!("[{}1]", "1,".repeat(20_000));
    let long_string = format!("{{\"a\":\"{}\"}}", "x".repeat(4 * 1024 * 1024));
    let many_dots = ".".repeat(10_000);
    let zeros = vec![0u8; 100_000];
    let bomb = format!(
        "#vc={}",
        input::encode_fragment(&vec![b' '; 3 * 1024 * 1024])
    );
    for input in [
        deep.as_bytes(),
        wide.as_bytes(),
        long_string.as_bytes(),
        many_dots.as_bytes(),
        &zeros,
        bomb.as_bytes(),
    ] {
        let r = verify_alone(input);
        assert_ne!(r.verdict(), Verdict::Valid);
        // Over the size limits the decoders only scan (slowly, unoptimized).
        if input.len() < 1 << 20 {
            decoders(input);
        }
    }
}

/// Writes the fuzz targets' seed corpora (see fuzz/README.md).
#[test]
#[ignore = "writes files; run by hand to refresh fuzz/seeds"]
fn write_fuzz_seeds() {
    let Ok(root) = std::env::var("MCX_FUZZ_SEEDS") else {
        panic!("set MCX_FUZZ_SEEDS to the seeds directory (fuzz/seeds)");
    };
    let write = |target: &str, name: &str, bytes: &[u8]| {
        let dir = format!("{root}/{target}");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(format!("{dir}/{name}"), bytes).unwrap();
    };
    let part = |out: &mut Vec<u8>, key: &str, bytes: &[u8]| {
        out.extend_from_slice(FUZZ_SEPARATOR);
        out.extend_from_slice(format!("@{key}\n").as_bytes());
        out.extend_from_slice(bytes);
    };
    let registry_bytes = std::fs::read(format!("{DEMO}/registry.json")).unwrap();
    for s in samples() {
        let name = s.name.as_str();
        // The verify target's format: the input, then the documents it
        // asked for keyed by URL, then the registry (fuzz_targets/verify.rs).
        let mut with_docs = s.bytes.clone();
        let (_, asked) = run_verify(&s.bytes, &s.resources, s.registry);
        for url in asked {
            if let Some(doc) = s.resources.get(&url) {
                part(&mut with_docs, &url, doc);
            }
        }
        if s.registry {
            part(&mut with_docs, "registry", &registry_bytes);
        }
        write("verify", name, &with_docs);
        write("input", name, &s.bytes);
        if name.ends_with(".json") {
            write("json", name, &s.bytes);
            write("jcs", name, &s.bytes);
            write("jsonld", name, &s.bytes);
            let v = json::parse(&s.bytes, JsonLimits::default()).unwrap();
            if let Some(cs) = v.get("credentialStatus") {
                write("status", name, json::to_string(cs).as_bytes());
            }
        }
        if name.ends_with(".jwt") {
            write("jws", name, &s.bytes);
        }
        if name.ends_with(".png") || name.ends_with(".svg") {
            write("baked", name, &s.bytes);
        }
        if let Some(payload) = std::str::from_utf8(&s.bytes)
            .ok()
            .and_then(|t| t.split_once("#vc="))
        {
            write("fragment", name, payload.1.as_bytes());
        }
        if name == "did-web.json" {
            for (i, doc) in s.resources.values().enumerate() {
                let mut seed = format!("{WEB_DID}#key-1\n").into_bytes();
                seed.extend_from_slice(doc);
                write("did", &format!("did-web-{i}.txt"), &seed);
            }
        }
    }
    write("did", "did-key.txt", issuer_vm().as_bytes());
    let jwk = format!(
        r#"{{"kty":"OKP","crv":"Ed25519","x":"{}"}}"#,
        multibase::base64url_encode(&proof::public_key(&ISSUER_SK))
    );
    write(
        "did",
        "did-jwk.txt",
        format!("did:jwk:{}#0", multibase::base64url_encode(jwk.as_bytes())).as_bytes(),
    );
    write(
        "multibase",
        "multikey.txt",
        multibase::encode_ed25519_multikey(&proof::public_key(&ISSUER_SK)).as_bytes(),
    );
    write(
        "multibase",
        "base64url.txt",
        format!("u{}", multibase::base64url_encode(b"MicroCredX")).as_bytes(),
    );
    let sig = json::parse(&samples()[0].bytes, JsonLimits::default()).unwrap();
    if let Some(pv) = sig
        .get("proof")
        .and_then(|p| p.get("proofValue"))
        .and_then(Value::as_str)
    {
        write("multibase", "proof-value.txt", pv.as_bytes());
    }
    let jcs_inputs = format!("{VECTORS}/json-canonicalization/testdata/input");
    for entry in std::fs::read_dir(&jcs_inputs).unwrap() {
        let path = entry.unwrap().path();
        let name = format!("rfc8785-{}", path.file_name().unwrap().to_string_lossy());
        let bytes = std::fs::read(&path).unwrap();
        write("json", &name, &bytes);
        write("jcs", &name, &bytes);
    }
    for (i, nq) in nquads_samples().iter().enumerate() {
        write("rdf", &format!("rdf-canon-{i}.nq"), nq.as_bytes());
    }
    // A document with a context the jsonld target serves from the input.
    let mut with_context = br#"{"@context":["https://fuzz.example/ctx",{"@vocab":"https://fuzz.example/v#"}],"@id":"https://fuzz.example/a","name":{"@value":"x","@language":"en"},"knows":{"@id":"_:b0","n":[1,2.5,true,{"@list":["a"]}]},"@type":"T"}"#.to_vec();
    with_context.extend_from_slice(FUZZ_SEPARATOR);
    with_context.extend_from_slice(br#"{"@context":{"@version":1.1,"name":{"@id":"https://schema.org/name","@container":"@language"},"knows":{"@id":"https://schema.org/knows","@type":"@id","@context":{"n":{"@id":"https://fuzz.example/n","@container":"@list"}}},"T":{"@id":"https://fuzz.example/T","@protected":true}}}"#);
    write("jsonld", "remote-context.json", &with_context);
    // Status lists: encoded lists, a raw GZIP member, an entry.
    for entry in std::fs::read_dir(format!("{DEMO}/members")).unwrap() {
        let member = entry.unwrap().path();
        let Ok(lists) = std::fs::read_dir(member.join("status")) else {
            continue;
        };
        for list in lists {
            let path = list.unwrap().path();
            let v = json::parse(&std::fs::read(&path).unwrap(), JsonLimits::default()).unwrap();
            if let Some(encoded) = v
                .get("credentialSubject")
                .and_then(|s| s.get("encodedList"))
                .and_then(Value::as_str)
            {
                let name = format!(
                    "{}-{}.txt",
                    member.file_name().unwrap().to_string_lossy(),
                    path.file_stem().unwrap().to_string_lossy()
                );
                write("status", &name, encoded.as_bytes());
            }
        }
    }
    let mut list = Bitstring::zeroed(64, 2);
    list.set(5, 2, 3).unwrap();
    write("status", "bitstring.gz", &gzip::gzip(list.as_bytes()));
    write("registry", "demo-registry.json", &registry_bytes);
    for (i, t) in [
        "2026-11-28T12:00:00Z",
        "2026-01-31T12:00:00.123+01:00",
        "1999-12-31T23:59:60-23:59",
        "0000-01-01T00:00:00",
    ]
    .iter()
    .enumerate()
    {
        write("time", &format!("time-{i}.txt"), t.as_bytes());
    }
}
