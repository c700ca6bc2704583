//! `ecdsa-sd-2023` derived proofs: the W3C vc-di-ecdsa vectors
//! (tests/vectors/vc-di-ecdsa/TestVectors/ecdsa-sd-2023, see the README)
//! step by step and end to end, the 1EdTech validator's Open Badges 3.0
//! derived credential, tampering, and base proofs (not for verifiers).
//!
//! The vectors' documents use `https://w3id.org/citizenship/v4rc1`, which
//! is not bundled (contexts are never fetched). So the algorithm is checked
//! step by step on their intermediate data (proof value, N-Quads, label
//! maps, hashes), and end to end on copies whose not-bundled context is
//! written inline with the same term definitions: the RDF, hence every
//! signed byte, is unchanged (the tests check that the N-Quads are the
//! vectors').
//!
//! As in `ecdsa_vectors.rs`, without the core's `native-crypto` feature
//! the core asks this test (standing in for the browser's WebCrypto) to
//! check each signature; with it the core checks them itself.

use mcx_verifier_core::json::{self, Object, Value};
use mcx_verifier_core::low_level::multibase;
use mcx_verifier_core::low_level::proof::{self, ecdsa_sd, ProofError, Suite};
use mcx_verifier_core::low_level::rdf::{self, Quad, Term};
use mcx_verifier_core::{
    verify, verify_offline, Algorithm, CheckKind, Code, Options, Outcome, PublicKey, Report,
    Resources, SignatureAnswer, SignatureCheck, Step, Timestamp, Verdict,
};
use sha2::{Digest, Sha256};

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/vc-di-ecdsa/TestVectors/ecdsa-sd-2023"
);
const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/openbadges/1edtech-validator/ob30/sd/derivedcredential.json"
);
/// The two vector sets: the permanent resident card and the employment
/// authorization document.
const SETS: [&str; 2] = ["prc", "employ"];

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{path}")).unwrap()
}

fn value(path: &str) -> Value {
    json::parse_str(&read(path)).unwrap()
}

fn object(path: &str) -> Object {
    value(path).as_object().unwrap().clone()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn multikey(s: &str) -> PublicKey {
    PublicKey::from_multikey(s).unwrap()
}

fn proof_value(doc: &Object) -> String {
    let p = doc.get("proof").unwrap();
    let p = p.as_array().map_or(p, |a| &a[0]);
    p.get("proofValue").unwrap().as_str().unwrap().to_string()
}

/// HMAC-SHA-256 (RFC 2104), for the issuer's side of the vectors only: a
/// verifier never computes one.
fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    block[..key.len()].copy_from_slice(key);
    let pad = |b: u8| block.iter().map(|k| k ^ b).collect::<Vec<u8>>();
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

fn p256_verifies(key: &PublicKey, message: &[u8], signature: &[u8]) -> bool {
    use p256::ecdsa::signature::Verifier;
    let PublicKey::P256(point) = key else {
        return false;
    };
    p256::ecdsa::VerifyingKey::from_sec1_bytes(point).is_ok_and(|k| {
        p256::ecdsa::Signature::from_slice(signature).is_ok_and(|s| k.verify(message, &s).is_ok())
    })
}

/// What a host with its own crypto answers (the browser uses WebCrypto).
fn host_check(check: &SignatureCheck) -> SignatureAnswer {
    match check.algorithm() {
        Algorithm::EcdsaP256Sha256 => {
            if p256_verifies(check.key(), check.message(), check.signature()) {
                SignatureAnswer::Valid
            } else {
                SignatureAnswer::Invalid
            }
        }
        _ => SignatureAnswer::Unavailable("not in this test host".into()),
    }
}

fn options() -> Options {
    Options::new(Timestamp::parse_rfc3339("2025-06-01T00:00:00Z").unwrap())
}

/// Verifies `doc` as a host does; also returns the signature checks the
/// core asked for, per round.
fn run(doc: &Object, resources: &Resources) -> (Report, Vec<usize>) {
    let input = json::to_string(&Value::Object(doc.clone()));
    let mut resources = resources.clone();
    let mut asked = Vec::new();
    for _ in 0..8 {
        match verify(input.as_bytes(), &options(), &resources) {
            Step::Done(r) => return (r, asked),
            Step::Need(needs) => {
                assert!(!needs.is_empty());
                asked.push(needs.signatures.len());
                for check in &needs.signatures {
                    resources.insert_signature(check, host_check(check));
                }
                for url in needs.urls {
                    resources.insert_failure(url, "offline");
                }
            }
        }
    }
    panic!("verification did not finish");
}

fn outcome(r: &Report, kind: CheckKind) -> Option<Outcome> {
    r.checks()
        .iter()
        .find(|c| c.kind == kind)
        .map(|c| c.outcome)
}

fn headline(r: &Report) -> Option<Code> {
    r.headline().and_then(|c| c.outcome.code())
}

#[test]
fn derived_proof_values_parse_as_the_vectors_say() {
    for set in SETS {
        let reveal = object(&format!("{set}/derivedRevealDocument.json"));
        let parsed = ecdsa_sd::parse_derived_proof_value(&proof_value(&reveal)).unwrap();
        let want = object(&format!("{set}/verifyDerivedProofValue.json"));
        let s = |k: &str| want.get(k).unwrap().as_str().unwrap().to_string();
        assert_eq!(hex(&parsed.base_signature), s("baseSignature"), "{set}");
        assert_eq!(
            multibase::encode_base58btc(&parsed.public_key),
            s("publicKey")
        );
        assert_eq!(parsed.ephemeral_key(), multikey(&s("publicKey")));
        let sigs: Vec<String> = parsed.signatures.iter().map(|s| hex(s)).collect();
        assert_eq!(sigs, strings(want.get("signatures").unwrap()));
        let labels: Vec<(String, String)> = want
            .get("labelMap")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let e = strings(e);
                (e[0].clone(), e[1].clone())
            })
            .collect();
        assert_eq!(parsed.label_map, labels);
        let mandatory: Vec<usize> = want
            .get("mandatoryIndexes")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_number().unwrap().as_u64().unwrap() as usize)
            .collect();
        assert_eq!(parsed.mandatory_indexes, mandatory);
    }
}

/// Parses N-Quads lines (renaming blank nodes by `rename` first).
fn quads(lines: &[String], rename: &dyn Fn(&str) -> String) -> Vec<Quad> {
    let text: String = lines.iter().map(|l| rename(l)).collect();
    rdf::parse_nquads(&text).unwrap()
}

#[test]
fn hmac_labels_and_label_replacement_match_the_base_vectors() {
    // The issuer's side (createHmacIdLabelMapFunction), with the vectors'
    // HMAC key: the same label replacement a verifier does, under the
    // label map an HMAC makes.
    let key_material = object("SDKeyMaterial.json");
    let hmac_key = unhex(key_material.get("hmacKeyString").unwrap().as_str().unwrap());
    for set in SETS {
        let canon = strings(&value(&format!("{set}/addBaseDocCanon.json")));
        let quads = quads(&canon, &|l| l.to_string());
        let mut labels: Vec<String> = quads
            .iter()
            .flat_map(|q| [&q.subject, &q.object])
            .filter_map(|t| t.as_blank().map(String::from))
            .collect();
        labels.sort();
        labels.dedup();
        let label_map: Vec<(String, String)> = labels
            .iter()
            .map(|l| {
                let digest = hmac_sha256(&hmac_key, l.as_bytes());
                (
                    l.clone(),
                    format!("u{}", multibase::base64url_encode(&digest)),
                )
            })
            .collect();
        let (lines, relabelled) =
            ecdsa_sd::label_replacement_canonicalize(&quads, &label_map).unwrap();
        assert_eq!(
            lines,
            strings(&value(&format!("{set}/addBaseDocHMACCanon.json"))),
            "{set}"
        );
        assert_eq!(relabelled.len(), lines.len());
        assert!(relabelled
            .iter()
            .all(|q| lines.contains(&rdf::quad_to_nquad(q))));
    }
}

#[test]
fn verify_data_and_signatures_step_by_step() {
    let keys = object("SDKeyMaterial.json");
    let issuer_key = multikey(
        keys.get("baseKeyPair")
            .unwrap()
            .get("publicKeyMultibase")
            .unwrap()
            .as_str()
            .unwrap(),
    );
    for set in SETS {
        let reveal = object(&format!("{set}/derivedRevealDocument.json"));
        let parsed = ecdsa_sd::parse_derived_proof_value(&proof_value(&reveal)).unwrap();
        // The disclosed document's statements with canonical labels: the
        // vectors' N-Quads, HMAC labels turned back into c14n ones.
        let nquads = strings(&value(&format!("{set}/verifyNQuads.json")));
        let map = parsed.label_map.clone();
        let c14n = quads(&nquads, &|l| {
            map.iter().fold(l.to_string(), |l, (c, u)| {
                l.replace(&format!("_:{u} "), &format!("_:{c} "))
            })
        });
        let config = read(&format!("{set}/addProofConfigCanon.txt"));
        let config: [u8; 32] = Sha256::digest(config.as_bytes()).into();
        let data = ecdsa_sd::create_verify_data(parsed.clone(), config, &c14n).unwrap();
        assert_eq!(data.nquads, nquads, "{set}");
        let want = object(&format!("{set}/verifyCreateVerifyData.json"));
        let s = |k: &str| want.get(k).unwrap().as_str().unwrap().to_string();
        assert_eq!(hex(&data.proof_hash), s("proofHash"), "{set}");
        assert_eq!(hex(&data.mandatory_hash), s("mandatoryHash"), "{set}");
        assert_eq!(
            data.non_mandatory,
            strings(want.get("nonMandatory").unwrap())
        );
        // The base signature by the issuer's key, each statement's by the
        // proof-scoped key.
        assert!(p256_verifies(
            &issuer_key,
            &data.sign_data(),
            &parsed.base_signature
        ));
        let ephemeral = parsed.ephemeral_key();
        for (line, sig) in data.non_mandatory.iter().zip(&parsed.signatures) {
            assert!(
                p256_verifies(&ephemeral, line.as_bytes(), sig),
                "{set}: {line}"
            );
        }
        // A statement the proof does not have: no label for its blank node.
        let mut more = c14n.clone();
        more.push(Quad {
            subject: Term::blank("c14n9"),
            predicate: Term::iri("https://schema.org/name"),
            object: Term::string("Mallory"),
            graph: None,
        });
        assert_eq!(
            ecdsa_sd::create_verify_data(parsed.clone(), config, &more),
            Err(ProofError::BadSignature)
        );
        // Mandatory indexes past the statements.
        let mut past = parsed.clone();
        past.mandatory_indexes.push(nquads.len());
        assert!(matches!(
            ecdsa_sd::create_verify_data(past, config, &c14n),
            Err(ProofError::Malformed(_))
        ));
    }
}

/// The inline stand-in for the not-bundled citizenship context: the
/// definitions of the terms the disclosed documents use.
fn citizenship_inline() -> Value {
    json::parse_str(
        r#"{
            "PermanentResidentCardCredential": "https://w3id.org/citizenship#PermanentResidentCardCredential",
            "EmploymentAuthorizationDocumentCredential": "https://w3id.org/citizenship#EmploymentAuthorizationDocumentCredential",
            "PermanentResident": "https://w3id.org/citizenship#PermanentResident",
            "EmployablePerson": "https://w3id.org/citizenship#EmployablePerson",
            "Person": "https://schema.org/Person",
            "birthCountry": "https://w3id.org/citizenship#birthCountry",
            "image": {"@id": "https://schema.org/image", "@type": "@id"}
        }"#,
    )
    .unwrap()
}

fn inlined(set: &str) -> Object {
    let mut doc = object(&format!("{set}/derivedRevealDocument.json"));
    doc.insert(
        "@context",
        Value::Array(vec![
            Value::from("https://www.w3.org/ns/credentials/v2"),
            citizenship_inline(),
        ]),
    );
    doc
}

#[test]
fn the_vectors_verify_end_to_end_with_their_context_inlined() {
    for set in SETS {
        // As published: the context is not bundled.
        let (r, _) = run(
            &object(&format!("{set}/derivedRevealDocument.json")),
            &Resources::new(),
        );
        assert_eq!(
            headline(&r),
            Some(Code::Unsupported),
            "{set}: {}",
            r.to_json()
        );

        let doc = inlined(set);
        // The same statements as the vectors' (so the same signed bytes).
        let mut unsecured = doc.clone();
        unsecured.remove("proof");
        let canonical = proof::rdfc_canonical_dataset(&Value::Object(unsecured)).unwrap();
        let parsed = ecdsa_sd::parse_derived_proof_value(&proof_value(&doc)).unwrap();
        let (lines, _) =
            ecdsa_sd::label_replacement_canonicalize(&canonical.quads, &parsed.label_map).unwrap();
        assert_eq!(lines, strings(&value(&format!("{set}/verifyNQuads.json"))));

        let (r, asked) = run(&doc, &Resources::new());
        assert_eq!(
            outcome(&r, CheckKind::Signature),
            Some(Outcome::Pass),
            "{set}: {}",
            r.to_json()
        );
        // One round: the base signature and one per disclosed statement.
        let native = cfg!(feature = "native-crypto");
        let expected: Vec<usize> = if native {
            vec![]
        } else {
            vec![1 + parsed.signatures.len()]
        };
        assert_eq!(asked, expected, "{set}");
        // The vectors' issuer is one did:key, their key another.
        assert_eq!(
            outcome(&r, CheckKind::Key),
            Some(Outcome::Fail(Code::WrongKey)),
            "{set}"
        );
        let details = r.to_json();
        assert!(details.contains("ecdsa-sd-2023"), "{details}");
    }
}

#[test]
fn a_changed_or_added_statement_fails_in_the_vectors() {
    let doc = inlined("prc");
    // A changed disclosed value.
    let mut changed = doc.clone();
    let mut subject = changed
        .get("credentialSubject")
        .unwrap()
        .as_object()
        .unwrap()
        .clone();
    subject.insert("birthCountry", Value::from("Utopia"));
    changed.insert("credentialSubject", Value::Object(subject.clone()));
    let (r, _) = run(&changed, &Resources::new());
    assert_eq!(
        headline(&r),
        Some(Code::InvalidSignature),
        "{}",
        r.to_json()
    );
    // A type the holder did not disclose, added back.
    let mut added = doc.clone();
    subject.insert("birthCountry", Value::from("Arcadia"));
    subject.insert(
        "type",
        Value::Array(vec![
            Value::from("PermanentResident"),
            Value::from("Person"),
            Value::from("EmployablePerson"),
        ]),
    );
    added.insert("credentialSubject", Value::Object(subject));
    let (r, _) = run(&added, &Resources::new());
    assert_eq!(
        headline(&r),
        Some(Code::InvalidSignature),
        "{}",
        r.to_json()
    );
    // A mandatory statement removed (the issuer's image, statement 0): the
    // mandatory hash the issuer signed no longer matches (and the other
    // statements move under the proof's indexes).
    let mandatory = mandatory_statements(&doc);
    assert!(
        mandatory[0].contains("<https://schema.org/image>"),
        "{mandatory:?}"
    );
    let mut removed = doc.clone();
    let mut issuer = removed.get("issuer").unwrap().as_object().unwrap().clone();
    issuer.remove("image");
    removed.insert("issuer", Value::Object(issuer));
    let (r, _) = run(&removed, &Resources::new());
    assert_eq!(
        headline(&r),
        Some(Code::InvalidSignature),
        "{}",
        r.to_json()
    );
}

/// The controller document the 1EdTech sample's issuer would publish,
/// listing the P-256 key its verification method names. The validator's
/// samples come without one (see `onedtech_validator.rs`).
fn onedtech_resources() -> Resources {
    let issuer = "https://1edtech.edu/issuers/565049";
    let key = "zDnaekGZTbQBerwcehBSXLqAg6s55hVEBms1zFy89VHXtJSa9";
    let doc = format!(
        r##"{{"@context":"https://www.w3.org/ns/cid/v1","id":"{issuer}","verificationMethod":[{{"id":"{issuer}#{key}","type":"Multikey","controller":"{issuer}","publicKeyMultibase":"{key}"}}],"assertionMethod":["{issuer}#{key}"]}}"##
    );
    let mut r = Resources::new();
    r.insert(issuer, doc.into_bytes());
    r
}

fn sample() -> Object {
    json::parse_str(&std::fs::read_to_string(SAMPLE).unwrap())
        .unwrap()
        .as_object()
        .unwrap()
        .clone()
}

#[test]
fn the_1edtech_derived_credential_verifies() {
    let (r, asked) = run(&sample(), &onedtech_resources());
    assert_eq!(r.verdict(), Verdict::Valid, "{}", r.to_json());
    let parsed = ecdsa_sd::parse_derived_proof_value(&proof_value(&sample())).unwrap();
    if !cfg!(feature = "native-crypto") {
        assert_eq!(asked, vec![1 + parsed.signatures.len()]);
    }
    // What the report shows is the disclosed, signed reading.
    let json = r.to_json();
    assert!(json.contains("Teamwork"), "{json}");
    // Without the issuer's document, the key is nobody's.
    let (r, _) = run(&sample(), &Resources::new());
    assert_ne!(r.verdict(), Verdict::Valid);
}

fn with_subject(doc: &Object, edit: &dyn Fn(&mut Object)) -> Object {
    let mut doc = doc.clone();
    let mut subject = doc
        .get("credentialSubject")
        .unwrap()
        .as_object()
        .unwrap()
        .clone();
    let mut achievement = subject
        .get("achievement")
        .unwrap()
        .as_object()
        .unwrap()
        .clone();
    edit(&mut achievement);
    subject.insert("achievement", Value::Object(achievement));
    doc.insert("credentialSubject", Value::Object(subject));
    doc
}

#[test]
fn tampering_with_the_1edtech_derived_credential_fails() {
    let resources = onedtech_resources();
    let doc = sample();
    // A changed disclosed value.
    let changed = with_subject(&doc, &|a| {
        a.insert("name", Value::from("Leadership"));
    });
    let (r, _) = run(&changed, &resources);
    assert_eq!(
        headline(&r),
        Some(Code::InvalidSignature),
        "{}",
        r.to_json()
    );
    // An added statement the proof does not cover.
    let added = with_subject(&doc, &|a| {
        a.insert("humanCode", Value::from("TW-1"));
    });
    let (r, _) = run(&added, &resources);
    assert_eq!(
        headline(&r),
        Some(Code::InvalidSignature),
        "{}",
        r.to_json()
    );
    // Removed statements: this sample has no mandatory ones (the
    // vectors' test removes one of theirs); a non-mandatory one removed
    // leaves a signature without its statement: the holder must derive a
    // new proof to disclose less.
    assert!(mandatory_statements(&doc).is_empty());
    let mut removed = doc.clone();
    removed.remove("validFrom");
    let (r, _) = run(&removed, &resources);
    assert_eq!(
        headline(&r),
        Some(Code::InvalidSignature),
        "{}",
        r.to_json()
    );
    // A non-mandatory statement removed.
    let removed = with_subject(&doc, &|a| {
        a.remove("description");
    });
    let (r, _) = run(&removed, &resources);
    assert_eq!(
        headline(&r),
        Some(Code::InvalidSignature),
        "{}",
        r.to_json()
    );
    // A signature of the proof changed.
    let mut pv = multibase::base64url_decode(&proof_value(&doc)[1..]).unwrap();
    let last = pv.len() - 40;
    pv[last] ^= 1;
    let mut forged = doc.clone();
    let mut p = forged.get("proof").unwrap().as_array().unwrap()[0]
        .as_object()
        .unwrap()
        .clone();
    p.insert(
        "proofValue",
        Value::from(format!("u{}", multibase::base64url_encode(&pv))),
    );
    forged.insert("proof", Value::Array(vec![Value::Object(p)]));
    let (r, _) = run(&forged, &resources);
    assert_ne!(r.verdict(), Verdict::Valid, "{}", r.to_json());
}

/// The mandatory statements of the sample, as N-Quads.
fn mandatory_statements(doc: &Object) -> Vec<String> {
    let mut unsecured = doc.clone();
    unsecured.remove("proof");
    let canonical = proof::rdfc_canonical_dataset(&Value::Object(unsecured)).unwrap();
    let parsed = ecdsa_sd::parse_derived_proof_value(&proof_value(doc)).unwrap();
    let (lines, _) =
        ecdsa_sd::label_replacement_canonicalize(&canonical.quads, &parsed.label_map).unwrap();
    parsed
        .mandatory_indexes
        .iter()
        .map(|&i| lines[i].clone())
        .collect()
}

#[test]
fn a_base_proof_is_for_the_holder_only() {
    for set in SETS {
        let base = object(&format!("{set}/addSignedSDBase.json"));
        let err = ecdsa_sd::parse_derived_proof_value(&proof_value(&base)).unwrap_err();
        assert_eq!(err, ProofError::Unsupported(ecdsa_sd::BASE_PROOF.into()));
        let (r, asked) = run(&base, &Resources::new());
        assert!(asked.is_empty());
        assert_eq!(headline(&r), Some(Code::Unsupported), "{}", r.to_json());
        let json = r.to_json();
        assert!(
            json.contains("the holder must derive a presentation of it"),
            "{json}"
        );
        let offline = verify_offline(
            json::to_string(&Value::Object(base)).as_bytes(),
            &options(),
            &Resources::new(),
        );
        assert_eq!(headline(&offline), Some(Code::Unsupported));
    }
}

#[test]
fn malformed_proof_values_and_other_keys_are_refused() {
    let good = proof_value(&sample());
    let bytes = multibase::base64url_decode(&good[1..]).unwrap();
    let enc = |b: &[u8]| format!("u{}", multibase::base64url_encode(b));
    let malformed = |pv: &str| {
        matches!(
            ecdsa_sd::parse_derived_proof_value(pv),
            Err(ProofError::Malformed(_))
        )
    };
    assert!(malformed(&format!("z{}", &good[1..])));
    assert!(malformed("u!!"));
    assert!(malformed(&enc(&bytes[..bytes.len() - 1])));
    assert!(malformed(&enc(&[0xd9, 0x5d, 0x02, 0x80])));
    // Five components, the wrong shapes.
    assert!(malformed(&enc(&[0xd9, 0x5d, 0x01, 0x85, 0, 0, 0, 0, 0])));
    assert!(malformed(&enc(&[0xd9, 0x5d, 0x01, 0x80])));
    let mut trailing = bytes.clone();
    trailing.push(0);
    assert!(malformed(&enc(&trailing)));
    // A P-384 issuer key: ecdsa-sd-2023 signs with P-256.
    let mut doc = sample();
    let p = doc.remove("proof").unwrap();
    let p = p.as_array().unwrap()[0].as_object().unwrap().clone();
    let p384 = PublicKey::P384(vec![2; 49]);
    assert!(matches!(
        proof::verify(&doc, &p, &[], &p384),
        Err(ProofError::Unsupported(_))
    ));
    assert_eq!(Suite::of(&p), Ok(Suite::EcdsaSd2023));
}
