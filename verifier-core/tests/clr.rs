//! CLR 2.0 (1EdTech Comprehensive Learner Record): the signing vector of the
//! OB 3.0 implementation guide (tests/vectors/openbadges/1edtech-spec, see its
//! README) with the bundled CLR context, and the pipeline's reports of the
//! credentials inside a record (`verify/clr.rs`).

use mcx_verifier_core::json::{self, Object, Value};
use mcx_verifier_core::low_level::did::{self, Purpose};
use mcx_verifier_core::low_level::proof::{self, ProofOptions, Suite};
use mcx_verifier_core::low_level::status::Bitstring;
use mcx_verifier_core::{
    verify_offline, CheckKind, Code, Options, Outcome, PublicKey, Report, Resources, Timestamp,
    Verdict,
};

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/openbadges/1edtech-spec/clr-v2p0-eddsa-rdfc-2022"
);

fn read(f: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{f}")).unwrap()
}

fn obj(s: &str) -> Object {
    match json::parse_str(s).unwrap() {
        Value::Object(o) => o,
        _ => panic!("not an object"),
    }
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn t(s: &str) -> Timestamp {
    Timestamp::parse_rfc3339(s).unwrap()
}

fn text(o: &Object) -> String {
    json::to_string(&Value::Object(o.clone()))
}

fn code(r: &Report) -> Option<Code> {
    r.headline().and_then(|c| c.outcome.code())
}

fn outcome(r: &Report, kind: CheckKind) -> Option<Outcome> {
    r.checks()
        .iter()
        .find(|c| c.kind == kind)
        .map(|c| c.outcome)
}

/// The vector's key document: its issuer URL does not resolve, so the
/// issuer's controller document (listing the key of the fragment) stands
/// in, as in `eddsa_vectors.rs`.
fn vector_resources() -> Resources {
    let kp = obj(&read("keypair.json"));
    let vm = kp.get("id").unwrap().as_str().unwrap();
    let (issuer, key) = vm.split_once('#').unwrap();
    let mut resources = Resources::new();
    resources.insert(
        issuer,
        format!(
            r#"{{"id":"{issuer}","verificationMethod":[{{"id":"{vm}","type":"Multikey","controller":"{issuer}","publicKeyMultibase":"{key}"}}],"assertionMethod":["{vm}"]}}"#
        )
        .into_bytes(),
    );
    resources
}

#[test]
fn the_clr_context_gives_the_published_canonical_forms_hashes_and_signature() {
    let unsigned = obj(&read("unsigned.json"));
    assert_eq!(
        proof::rdfc_canonical(&Value::Object(unsigned.clone())).unwrap(),
        read("document-canon.txt")
    );
    // The proof options carry no @context: the document's applies.
    let mut config = obj(&read("proof-options.json"));
    config.insert("@context", unsigned.get("@context").unwrap().clone());
    assert_eq!(
        proof::rdfc_canonical(&Value::Object(config.clone())).unwrap(),
        read("proof-canon.txt")
    );
    let hashes = obj(&read("hashes.json"));
    let h = |k: &str| hashes.get(k).unwrap().as_str().unwrap().to_string();
    assert_eq!(
        h("dataToSignHex"),
        format!("{}{}", h("proofHashHex"), h("documentHashHex"))
    );
    assert_eq!(
        hex(&proof::hash_data(Suite::EddsaRdfc2022, &unsigned, &config).unwrap()),
        h("dataToSignHex")
    );
    // Signing with the vector's key reproduces its proof value (Ed25519 is
    // deterministic), and the signed credential verifies with its key.
    let kp = obj(&read("keypair.json"));
    let secret = unhex(kp.get("privateKeyHex").unwrap().as_str().unwrap());
    let secret: [u8; 32] = secret[..32].try_into().unwrap();
    let public: [u8; 32] = unhex(kp.get("publicKeyHex").unwrap().as_str().unwrap())
        .try_into()
        .unwrap();
    assert_eq!(proof::public_key(&secret), public);
    let options = ProofOptions {
        suite: Suite::EddsaRdfc2022,
        verification_method: kp.get("id").unwrap().as_str().unwrap().into(),
        purpose: Purpose::AssertionMethod,
        created: t("2010-01-01T19:23:24Z"),
        challenge: None,
        domain: None,
    };
    let ours = proof::sign(&unsigned, &options, &secret).unwrap();
    assert_eq!(
        ours.get("proof").and_then(|p| p.get("proofValue")),
        Some(&Value::from(h("proofValue").as_str()))
    );
    let signed = obj(&read("signed.json"));
    let mut doc = signed.clone();
    let p = doc.remove("proof").unwrap();
    let p = p.as_array().unwrap()[0].as_object().unwrap().clone();
    assert_eq!(
        p.get("proofValue"),
        Some(&Value::from(h("proofValue").as_str()))
    );
    assert_eq!(
        proof::verify(&doc, &p, &[], &PublicKey::Ed25519(public)),
        Ok(Suite::EddsaRdfc2022)
    );
    // So does the credential inside, on its own.
    let mut inner = doc
        .get("credentialSubject")
        .unwrap()
        .get("verifiableCredential")
        .unwrap()
        .as_array()
        .unwrap()[0]
        .as_object()
        .unwrap()
        .clone();
    let ip = inner.remove("proof").unwrap();
    let ip = ip.as_array().unwrap()[0].as_object().unwrap().clone();
    assert_eq!(
        proof::verify(&inner, &ip, &[], &PublicKey::Ed25519(public)),
        Ok(Suite::EddsaRdfc2022)
    );
}

#[test]
fn the_spec_record_and_its_credential_are_valid() {
    let options = Options::new(t("2025-01-01T00:00:00Z"));
    let r = verify_offline(
        read("signed.json").as_bytes(),
        &options,
        &vector_resources(),
    );
    assert_eq!(r.verdict(), Verdict::Valid, "{}", r.to_json());
    assert_eq!(r.credentials().len(), 1);
    let inner = &r.credentials()[0];
    assert_eq!(inner.verdict(), Verdict::Valid, "{}", inner.to_json());
    assert_eq!(
        inner.credential().get("name").and_then(Value::as_str),
        Some("Example University Degree")
    );
    assert_eq!(outcome(&r, CheckKind::Credentials), Some(Outcome::Pass));
    // The record's own summary is its signed reading.
    assert_eq!(
        r.credential().get("name").and_then(Value::as_str),
        Some("Sample Transcript")
    );
}

#[test]
fn a_changed_spec_record_opens_no_credentials() {
    let options = Options::new(t("2025-01-01T00:00:00Z"));
    let mut signed = obj(&read("signed.json"));
    signed.insert("name", Value::from("Forged transcript"));
    let r = verify_offline(text(&signed).as_bytes(), &options, &vector_resources());
    assert_eq!(r.verdict(), Verdict::Invalid);
    assert_eq!(code(&r), Some(Code::InvalidSignature));
    assert!(r.credentials().is_empty());
    assert_eq!(outcome(&r, CheckKind::Credentials), Some(Outcome::Skip));
}

// Records signed here, with did:key issuers.

const UNI_SK: [u8; 32] = [21; 32];
const OTHER_SK: [u8; 32] = [23; 32];
const LEARNER: &str = "did:example:learner-clr";
const LIST_URL: &str = "https://uni.example/status/clr";

fn now() -> Timestamp {
    t("2026-11-28T12:00:00Z")
}

fn did_of(sk: &[u8; 32]) -> String {
    did::did_key(&proof::public_key(sk))
}

fn sign(doc: &Object, suite: Suite, sk: &[u8; 32]) -> Object {
    let options = ProofOptions {
        suite,
        verification_method: did::did_key_method(&proof::public_key(sk)),
        purpose: Purpose::AssertionMethod,
        created: t("2026-01-01T00:00:00Z"),
        challenge: None,
        domain: None,
    };
    proof::sign(doc, &options, sk).unwrap()
}

/// An Open Badges 3.0 credential `n` for the learner, with `extra` members.
fn badge(n: u32, extra: &str) -> Object {
    let issuer = did_of(&UNI_SK);
    obj(&format!(
        r#"{{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id":"urn:uuid:00000000-0000-4000-8000-00000000000{n}",
        "type":["VerifiableCredential","OpenBadgeCredential"],
        "name":"Module {n}",
        "issuer":{{"id":"{issuer}","type":["Profile"],"name":"Demo University"}},
        "validFrom":"2026-01-01T00:00:00Z"{extra},
        "credentialSubject":{{"type":["AchievementSubject"],"id":"{LEARNER}",
          "achievement":{{"id":"https://uni.example/a/{n}","type":["Achievement"],"name":"Module {n}",
            "description":"Module {n}.","criteria":{{"narrative":"Exam"}}}}}}}}"#
    ))
}

fn signed_badge(n: u32, extra: &str) -> Value {
    Value::Object(sign(&badge(n, extra), Suite::EddsaRdfc2022, &UNI_SK))
}

/// A record holding `inside`, signed by the university with `suite`.
fn record(inside: Vec<Value>, suite: Suite) -> Object {
    record_for(LEARNER, inside, suite)
}

fn record_for(learner: &str, inside: Vec<Value>, suite: Suite) -> Object {
    let issuer = did_of(&UNI_SK);
    let mut doc = obj(&format!(
        r#"{{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id":"urn:example:record:{learner}",
        "type":["VerifiableCredential","ClrCredential"],
        "name":"Transcript",
        "issuer":{{"id":"{issuer}","type":["Profile"],"name":"Demo University"}},
        "validFrom":"2026-02-01T00:00:00Z",
        "credentialSubject":{{"id":"{learner}","type":"ClrSubject",
          "achievement":[{{"id":"https://uni.example/a/1","type":"Achievement","name":"Module 1","criteria":{{"narrative":"Exam"}}}}],
          "association":[]}}}}"#
    ));
    let subject = match doc.get("credentialSubject").unwrap().clone() {
        Value::Object(mut s) => {
            s.insert("verifiableCredential", Value::Array(inside));
            s
        }
        _ => unreachable!(),
    };
    doc.insert("credentialSubject", Value::Object(subject));
    sign(&doc, suite, &UNI_SK)
}

fn run(doc: &Object) -> Report {
    verify_offline(
        text(doc).as_bytes(),
        &Options::new(now()),
        &Resources::new(),
    )
}

#[test]
fn a_signed_record_reports_each_credential() {
    for suite in [Suite::EddsaRdfc2022, Suite::EddsaJcs2022] {
        let r = run(&record(
            vec![signed_badge(1, ""), signed_badge(2, "")],
            suite,
        ));
        assert_eq!(r.verdict(), Verdict::Valid, "{suite:?} {}", r.to_json());
        assert_eq!(r.credentials().len(), 2);
        for (i, c) in r.credentials().iter().enumerate() {
            assert_eq!(c.verdict(), Verdict::Valid, "{}", c.to_json());
            assert_eq!(
                c.credential().get("name").and_then(Value::as_str),
                Some(format!("Module {}", i + 1).as_str())
            );
        }
        assert_eq!(outcome(&r, CheckKind::Credentials), Some(Outcome::Pass));
    }
}

#[test]
fn a_tampered_credential_inside_makes_the_record_invalid() {
    let mut tampered = signed_badge(2, "");
    if let Value::Object(o) = &mut tampered {
        o.insert("name", Value::from("Module 2 with honours"));
    }
    // The record's issuer signed the record around the changed credential:
    // the record's own signature holds, the credential's does not.
    for suite in [Suite::EddsaRdfc2022, Suite::EddsaJcs2022] {
        let r = run(&record(vec![signed_badge(1, ""), tampered.clone()], suite));
        assert_eq!(outcome(&r, CheckKind::Signature), Some(Outcome::Pass));
        assert_eq!(r.credentials().len(), 2);
        assert_eq!(r.credentials()[0].verdict(), Verdict::Valid);
        assert_eq!(r.credentials()[1].verdict(), Verdict::Invalid);
        assert_eq!(code(&r.credentials()[1]), Some(Code::InvalidSignature));
        assert_ne!(r.verdict(), Verdict::Valid);
        assert_eq!(r.verdict(), Verdict::Invalid, "{}", r.to_json());
        assert_eq!(
            outcome(&r, CheckKind::Credentials),
            Some(Outcome::Fail(Code::InvalidSignature))
        );
    }
}

#[test]
fn an_expired_credential_inside_makes_the_record_invalid() {
    let expired = signed_badge(2, r#","validUntil":"2026-06-01T00:00:00Z""#);
    let r = run(&record(
        vec![signed_badge(1, ""), expired],
        Suite::EddsaRdfc2022,
    ));
    assert_eq!(code(&r.credentials()[1]), Some(Code::Expired));
    assert_eq!(r.verdict(), Verdict::Invalid);
    assert_eq!(
        outcome(&r, CheckKind::Credentials),
        Some(Outcome::Fail(Code::Expired))
    );
}

#[test]
fn a_revoked_credential_inside_makes_the_record_invalid() {
    let issuer = did_of(&UNI_SK);
    let mut bits = Bitstring::zeroed(131_072, 1);
    bits.set(7, 1, 1).unwrap();
    let list = obj(&format!(
        r#"{{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"{LIST_URL}",
        "type":["VerifiableCredential","BitstringStatusListCredential"],"issuer":"{issuer}",
        "validFrom":"2026-01-01T00:00:00Z",
        "credentialSubject":{{"id":"{LIST_URL}#list","type":"BitstringStatusList",
          "statusPurpose":"revocation","encodedList":"{}"}}}}"#,
        bits.encode()
    ));
    let list = sign(&list, Suite::EddsaRdfc2022, &UNI_SK);
    let status = |i: u32| {
        format!(
            r#","credentialStatus":{{"id":"{LIST_URL}#{i}","type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"{i}","statusListCredential":"{LIST_URL}"}}"#
        )
    };
    let doc = record(
        vec![signed_badge(1, &status(3)), signed_badge(2, &status(7))],
        Suite::EddsaRdfc2022,
    );
    let mut resources = Resources::new();
    resources.insert(LIST_URL, text(&list).into_bytes());
    let r = verify_offline(text(&doc).as_bytes(), &Options::new(now()), &resources);
    assert_eq!(
        r.credentials()[0].verdict(),
        Verdict::Valid,
        "{}",
        r.to_json()
    );
    assert_eq!(code(&r.credentials()[1]), Some(Code::Revoked));
    assert_eq!(r.verdict(), Verdict::Invalid);
    assert_eq!(
        outcome(&r, CheckKind::Credentials),
        Some(Outcome::Fail(Code::Revoked))
    );
    // Without the list, the record cannot be fully checked either.
    let r = run(&doc);
    assert_eq!(r.verdict(), Verdict::Unverifiable, "{}", r.to_json());
}

#[test]
fn too_many_credentials_inside_are_not_opened() {
    let doc = record(
        vec![
            signed_badge(1, ""),
            signed_badge(2, ""),
            signed_badge(3, ""),
        ],
        Suite::EddsaRdfc2022,
    );
    let mut options = Options::new(now());
    options.limits.max_credentials = 2;
    let r = verify_offline(text(&doc).as_bytes(), &options, &Resources::new());
    assert!(r.credentials().is_empty());
    assert_eq!(
        outcome(&r, CheckKind::Credentials),
        Some(Outcome::Fail(Code::Malformed))
    );
    assert_eq!(r.verdict(), Verdict::Invalid);
    options.limits.max_credentials = 3;
    let r = verify_offline(text(&doc).as_bytes(), &options, &Resources::new());
    assert_eq!(r.verdict(), Verdict::Valid, "{}", r.to_json());
}

#[test]
fn a_credential_the_record_did_not_sign_is_not_shown_as_its() {
    // A credential added to a signed record breaks the record's signature.
    let mut doc = record(vec![signed_badge(1, "")], Suite::EddsaRdfc2022);
    let mut subject = doc
        .get("credentialSubject")
        .unwrap()
        .as_object()
        .unwrap()
        .clone();
    subject.insert(
        "verifiableCredential",
        Value::Array(vec![signed_badge(1, ""), signed_badge(2, "")]),
    );
    doc.insert("credentialSubject", Value::Object(subject));
    let r = run(&doc);
    assert_eq!(r.verdict(), Verdict::Invalid);
    assert!(r.credentials().is_empty());
    // A credential by someone else inside a record is checked as its own:
    // valid (its issuer signed it), and the record's signature covers it.
    let other = Value::Object(sign(
        &{
            let mut b = badge(3, "");
            b.insert("issuer", Value::from(did_of(&OTHER_SK)));
            b
        },
        Suite::EddsaRdfc2022,
        &OTHER_SK,
    ));
    let r = run(&record(
        vec![signed_badge(1, ""), other],
        Suite::EddsaRdfc2022,
    ));
    assert_eq!(r.verdict(), Verdict::Valid, "{}", r.to_json());
    assert_eq!(
        r.credentials()[1]
            .credential()
            .get("issuer")
            .and_then(|i| i.get("id"))
            .and_then(Value::as_str),
        Some(did_of(&OTHER_SK).as_str())
    );
}

#[test]
fn a_record_inside_a_record_is_not_opened() {
    // (Records of different learners: in a signed graph, two records about
    // the same subject node would merge their credential lists.)
    let inner = Value::Object(record_for(
        "did:example:learner-2",
        vec![signed_badge(1, "")],
        Suite::EddsaRdfc2022,
    ));
    let r = run(&record_for(
        "did:example:learner-3",
        vec![inner],
        Suite::EddsaRdfc2022,
    ));
    assert_eq!(r.verdict(), Verdict::Valid, "{}", r.to_json());
    assert_eq!(r.credentials().len(), 1);
    // Reports are one level deep.
    assert!(r.credentials()[0].credentials().is_empty());
    assert!(Report::from_json(&r.to_json()).is_some());
}

/// The 1EdTech validator's CLR 2.0 sample (`1edtech-validator/clr20/simple.json`,
/// valid upstream): a record by `https://example.edu/issuers/565049` holding
/// a badge by `https://example.com/issuers/876543`, both eddsa-rdfc-2022 with
/// the key in the verification method's fragment. As for the OB 3.0 samples
/// (`onedtech_validator.rs`), controller documents listing those keys stand
/// in for what the issuers would publish.
#[test]
fn the_validator_sample_record_and_its_badge_are_valid() {
    let sample = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/openbadges/1edtech-validator/clr20/simple.json"
    ))
    .unwrap();
    let mut resources = vector_resources();
    let issuer = "https://example.com/issuers/876543";
    let key = "z6MkvREVgsHx7Ppae68vCoByy73ZD4aMSJiPML2cryVL8JAx";
    resources.insert(
        issuer,
        format!(
            r#"{{"id":"{issuer}","verificationMethod":[{{"id":"{issuer}#{key}","type":"Multikey","controller":"{issuer}","publicKeyMultibase":"{key}"}}],"assertionMethod":["{issuer}#{key}"]}}"#
        )
        .into_bytes(),
    );
    let options = Options::new(t("2025-01-01T00:00:00Z"));
    let r = verify_offline(&sample, &options, &resources);
    assert_eq!(r.verdict(), Verdict::Valid, "{}", r.to_json());
    assert_eq!(r.credentials().len(), 1);
    assert_eq!(r.credentials()[0].verdict(), Verdict::Valid);
    assert_eq!(
        r.credentials()[0]
            .credential()
            .get("issuer")
            .and_then(|i| i.get("id"))
            .and_then(Value::as_str),
        Some(issuer)
    );
    // Without the badge issuer's key document the badge, and so the
    // record, cannot be fully checked.
    let r = verify_offline(&sample, &options, &vector_resources());
    assert_eq!(r.credentials()[0].verdict(), Verdict::Unverifiable);
    assert_eq!(r.verdict(), Verdict::Unverifiable, "{}", r.to_json());
}

/// A CLR signed as a JWT (VC-JOSE) opens its credentials too.
#[test]
fn a_record_signed_as_a_jwt_reports_each_credential() {
    use mcx_verifier_core::low_level::jws;
    let mut unsigned = record(
        vec![signed_badge(1, ""), signed_badge(2, "")],
        Suite::EddsaJcs2022,
    );
    unsigned.remove("proof");
    let mut header = Object::new();
    header.insert(
        "kid",
        Value::from(did::did_key_method(&proof::public_key(&UNI_SK))),
    );
    let jwt = jws::sign(header, &Value::Object(unsigned), &UNI_SK);
    let r = verify_offline(jwt.as_bytes(), &Options::new(now()), &Resources::new());
    assert_eq!(r.verdict(), Verdict::Valid, "{}", r.to_json());
    assert_eq!(r.credentials().len(), 2);
    assert_eq!(outcome(&r, CheckKind::Credentials), Some(Outcome::Pass));
    // A tampered credential inside is caught there too.
    let mut tampered = signed_badge(2, "");
    if let Value::Object(o) = &mut tampered {
        o.insert("name", Value::from("Module 2 with honours"));
    }
    let mut unsigned = record(vec![signed_badge(1, ""), tampered], Suite::EddsaJcs2022);
    unsigned.remove("proof");
    let mut header = Object::new();
    header.insert(
        "kid",
        Value::from(did::did_key_method(&proof::public_key(&UNI_SK))),
    );
    let jwt = jws::sign(header, &Value::Object(unsigned), &UNI_SK);
    let r = verify_offline(jwt.as_bytes(), &Options::new(now()), &Resources::new());
    assert_eq!(r.verdict(), Verdict::Invalid, "{}", r.to_json());
}
