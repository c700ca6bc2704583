//! The W3C vc-di-eddsa test vectors (tests/vectors/vc-di-eddsa, see its README).

use mcx_verifier_core::json::{self, Object, Value};
use mcx_verifier_core::low_level::proof::{self, ProofOptions, Suite};
use mcx_verifier_core::low_level::{did, multibase};
use mcx_verifier_core::{
    verify_offline, CheckKind, Code, Options, Outcome, PublicKey, Resources, Timestamp,
};

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/vc-di-eddsa/TestVectors"
);

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{path}")).unwrap()
}

fn object(path: &str) -> Object {
    match json::parse_str(&read(path)).unwrap() {
        Value::Object(o) => o,
        _ => panic!("{path} is not an object"),
    }
}

fn key_pair() -> ([u8; 32], [u8; 32]) {
    let kp = object("keyPair.json");
    let public =
        multibase::decode_ed25519_multikey(kp.get("publicKeyMultibase").unwrap().as_str().unwrap())
            .unwrap();
    let sk = multibase::decode(kp.get("privateKeyMultibase").unwrap().as_str().unwrap()).unwrap();
    assert_eq!(&sk[..2], &[0x80, 0x26]);
    (sk[2..].try_into().unwrap(), public)
}

fn split(signed: &Object) -> (Object, Object) {
    let mut doc = signed.clone();
    let proof = doc.remove("proof").unwrap();
    (doc, proof.as_object().unwrap().clone())
}

#[test]
fn jcs_step_by_step() {
    let unsigned = object("unsigned.json");
    let config = object("eddsa-jcs-2022/proofConfigJCS.json");
    let hash = proof::hash_data(Suite::EddsaJcs2022, &unsigned, &config).unwrap();
    assert_eq!(
        hex(&hash),
        read("eddsa-jcs-2022/combinedHashJCS.txt").trim()
    );
    assert_eq!(
        mcx_verifier_core::low_level::jcs::canonicalize(&Value::Object(unsigned)).unwrap(),
        read("eddsa-jcs-2022/canonDocJCS.txt")
    );
    assert_eq!(
        mcx_verifier_core::low_level::jcs::canonicalize(&Value::Object(config)).unwrap(),
        read("eddsa-jcs-2022/proofCanonJCS.txt")
    );
}

#[test]
fn jcs_signing_reproduces_the_vector() {
    let (secret, public) = key_pair();
    let unsigned = object("unsigned.json");
    let expected = object("eddsa-jcs-2022/signedJCS.json");
    let options = ProofOptions {
        suite: Suite::EddsaJcs2022,
        verification_method: did::did_key_method(&public),
        purpose: did::Purpose::AssertionMethod,
        created: Timestamp::parse_rfc3339("2023-02-24T23:36:38Z").unwrap(),
        challenge: None,
        domain: None,
    };
    let signed = proof::sign(&unsigned, &options, &secret).unwrap();
    let pv = |o: &Object| {
        o.get("proof")
            .unwrap()
            .get("proofValue")
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(pv(&signed), pv(&expected));
    assert_eq!(pv(&expected), read("eddsa-jcs-2022/sigBTC58JCS.txt").trim());
}

#[test]
fn jcs_signed_vector_verifies_and_tampering_fails() {
    let (_, public) = key_pair();
    let signed = object("eddsa-jcs-2022/signedJCS.json");
    let (doc, p) = split(&signed);
    assert_eq!(
        proof::verify(&doc, &p, &[], &PublicKey::Ed25519(public)),
        Ok(Suite::EddsaJcs2022)
    );

    // Any change to a claim, the proof options or the signature breaks it.
    let mut claim = doc.clone();
    claim.insert("name", Value::from("Alumni Credential!"));
    assert_eq!(
        proof::verify(&claim, &p, &[], &PublicKey::Ed25519(public)),
        Err(proof::ProofError::BadSignature)
    );
    let mut created = p.clone();
    created.insert("created", Value::from("2023-02-24T23:36:39Z"));
    assert_eq!(
        proof::verify(&doc, &created, &[], &PublicKey::Ed25519(public)),
        Err(proof::ProofError::BadSignature)
    );
    let mut sig = p.clone();
    let mut bytes = multibase::decode(p.get("proofValue").unwrap().as_str().unwrap()).unwrap();
    bytes[10] ^= 1;
    sig.insert(
        "proofValue",
        Value::from(multibase::encode_base58btc(&bytes)),
    );
    assert_eq!(
        proof::verify(&doc, &sig, &[], &PublicKey::Ed25519(public)),
        Err(proof::ProofError::BadSignature)
    );
    let mut other_key = public;
    other_key[0] ^= 1;
    assert!(proof::verify(&doc, &p, &[], &PublicKey::Ed25519(other_key)).is_err());
}

#[test]
fn jcs_vector_through_the_pipeline() {
    // The vector's issuer is an https URL while its key is a did:key: the
    // signature is good, but the key is not bound to the issuer, which this
    // verifier reports as wrong_key rather than valid.
    let options = Options::new(Timestamp::parse_rfc3339("2025-01-01T00:00:00Z").unwrap());
    let report = verify_offline(
        read("eddsa-jcs-2022/signedJCS.json").as_bytes(),
        &options,
        &Resources::new(),
    );
    let outcome = |k| {
        report
            .checks()
            .iter()
            .find(|c| c.kind == k)
            .map(|c| c.outcome)
    };
    assert_eq!(outcome(CheckKind::Signature), Some(Outcome::Pass));
    assert_eq!(outcome(CheckKind::Key), Some(Outcome::Fail(Code::WrongKey)));
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// (suite, folder, file suffix) of the RDFC-based vectors.
const RDFC_SUITES: [(Suite, &str, &str); 2] = [
    (Suite::EddsaRdfc2022, "eddsa-rdfc-2022", "DataInt"),
    (Suite::Ed25519Signature2020, "Ed25519Signature2020", "EdSig"),
];

#[test]
fn rdfc_step_by_step() {
    for (suite, dir, x) in RDFC_SUITES {
        let unsigned = object(if x == "EdSig" {
            "Ed25519Signature2020/signedEdSig.json"
        } else {
            "unsigned.json"
        });
        let mut unsigned = unsigned;
        unsigned.remove("proof");
        let mut config = object(&format!("{dir}/proofConfig{x}.json"));
        config.remove("proofValue");
        assert_eq!(
            proof::rdfc_canonical(&Value::Object(unsigned.clone())).unwrap(),
            read(&format!("{dir}/canonDoc{x}.txt")),
            "{dir}"
        );
        assert_eq!(
            proof::rdfc_canonical(&Value::Object(config.clone())).unwrap(),
            read(&format!("{dir}/proofCanon{x}.txt")),
            "{dir}"
        );
        let hash = proof::hash_data(suite, &unsigned, &config).unwrap();
        assert_eq!(
            hex(&hash),
            read(&format!("{dir}/combinedHash{x}.txt")).trim(),
            "{dir}"
        );
    }
}

#[test]
fn rdfc_signed_vectors_verify_and_tampering_fails() {
    let (secret, public) = key_pair();
    for (suite, dir, x) in RDFC_SUITES {
        let signed = object(&format!("{dir}/signed{x}.json"));
        let (doc, p) = split(&signed);
        assert_eq!(
            proof::verify(&doc, &p, &[], &PublicKey::Ed25519(public)),
            Ok(suite),
            "{dir}"
        );
        let mut claim = doc.clone();
        let mut subject = claim
            .get("credentialSubject")
            .unwrap()
            .as_object()
            .unwrap()
            .clone();
        subject.insert("alumniOf", Value::from("The School of Tampering"));
        claim.insert("credentialSubject", Value::Object(subject));
        assert_eq!(
            proof::verify(&claim, &p, &[], &PublicKey::Ed25519(public)),
            Err(proof::ProofError::BadSignature),
            "{dir}"
        );
        // Signing reproduces the published proofValue (Ed25519 is deterministic).
        let options = ProofOptions {
            suite,
            verification_method: did::did_key_method(&public),
            purpose: did::Purpose::AssertionMethod,
            created: Timestamp::parse_rfc3339("2023-02-24T23:36:38Z").unwrap(),
            challenge: None,
            domain: None,
        };
        let resigned = proof::sign(&doc, &options, &secret).unwrap();
        assert_eq!(
            resigned.get("proof").unwrap().get("proofValue"),
            p.get("proofValue"),
            "{dir}"
        );
    }
}

#[test]
fn proof_sets_and_chains_verify() {
    let keys = json::parse_str(&read("proof-set-chain/multiKeyPairs.json")).unwrap();
    // did:key methods carry their key; check it is one of the published pairs.
    let key_of = |vm: &str| -> [u8; 32] {
        let fingerprint = vm.split('#').nth(1).unwrap();
        assert!(
            json::to_string(&keys).contains(fingerprint),
            "{vm} is not a test key"
        );
        multibase::decode_ed25519_multikey(fingerprint).unwrap()
    };
    for name in [
        "signedProofSet1",
        "signedProofSet2",
        "signedProofChain1",
        "signedProofChain2",
    ] {
        let signed = object(&format!("proof-set-chain/{name}.json"));
        let mut doc = signed.clone();
        doc.remove("proof");
        let proofs = signed.get("proof").unwrap().one_or_many().to_vec();
        for p in &proofs {
            let p = p.as_object().unwrap();
            let key = key_of(p.get("verificationMethod").unwrap().as_str().unwrap());
            assert!(
                proof::verify(&doc, p, &proofs, &PublicKey::Ed25519(key)).is_ok(),
                "{name}"
            );
            // A chained proof covers the proofs it names: changing one breaks it.
            if p.contains_key("previousProof") {
                let mut altered = proofs.clone();
                for q in altered.iter_mut() {
                    if let Value::Object(q) = q {
                        if q.get("id") != p.get("id") {
                            q.insert("created", Value::from("2000-01-01T00:00:00Z"));
                        }
                    }
                }
                assert!(
                    proof::verify(&doc, p, &altered, &PublicKey::Ed25519(key)).is_err(),
                    "{name}"
                );
            }
        }
    }
}

#[test]
fn unknown_contexts_are_unsupported_never_fetched() {
    let employ = object("employmentAuth.json");
    let err = proof::rdfc_canonical(&Value::Object(employ)).unwrap_err();
    assert!(
        matches!(err, proof::ProofError::UnknownContext(ref u) if u.contains("citizenship")),
        "{err:?}"
    );
}

const OB: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/openbadges/1edtech-spec/ob-v3p0-eddsa-rdfc-2022"
);

#[test]
fn open_badges_3_spec_vector() {
    let read_ob = |f: &str| std::fs::read_to_string(format!("{OB}/{f}")).unwrap();
    let unsigned = obj(&read_ob("unsigned.json"));
    assert_eq!(
        proof::rdfc_canonical(&Value::Object(unsigned.clone())).unwrap(),
        read_ob("document-canon.txt")
    );
    let signed = obj(&read_ob("signed.json"));
    let (doc, p) = split(&signed);
    let kp = json::parse_str(&read_ob("keypair.json")).unwrap();
    let public =
        multibase::decode_ed25519_multikey(kp.get("publicKeyMultibase").unwrap().as_str().unwrap())
            .unwrap();
    assert_eq!(
        proof::verify(&doc, &p, &[], &PublicKey::Ed25519(public)),
        Ok(Suite::EddsaRdfc2022)
    );
    let mut tampered = doc.clone();
    tampered.insert("name", Value::from("Forged badge"));
    assert_eq!(
        proof::verify(&tampered, &p, &[], &PublicKey::Ed25519(public)),
        Err(proof::ProofError::BadSignature)
    );
    // Its verification method is an https URL with the key in the fragment:
    // nothing ties that key to the issuer until the issuer's key document
    // (at the URL without the fragment) lists it.
    let options = Options::new(Timestamp::parse_rfc3339("2025-01-01T00:00:00Z").unwrap());
    let r = verify_offline(
        read_ob("signed.json").as_bytes(),
        &options,
        &Resources::new(),
    );
    assert_eq!(r.verdict(), mcx_verifier_core::Verdict::Unverifiable);
    assert_eq!(
        r.headline().and_then(|c| c.outcome.code()),
        Some(Code::ResourceUnavailable)
    );
    let vm = p.get("verificationMethod").unwrap().as_str().unwrap();
    let (issuer, key) = vm.split_once('#').unwrap();
    let mut resources = Resources::new();
    resources.insert(
        issuer,
        format!(
            r#"{{"id":"{issuer}","verificationMethod":[{{"id":"{vm}","type":"Multikey","controller":"{issuer}","publicKeyMultibase":"{key}"}}],"assertionMethod":["{vm}"]}}"#
        )
        .into_bytes(),
    );
    let r = verify_offline(read_ob("signed.json").as_bytes(), &options, &resources);
    assert_eq!(
        r.verdict(),
        mcx_verifier_core::Verdict::Valid,
        "{}",
        r.to_json()
    );
}

fn obj(s: &str) -> Object {
    match json::parse_str(s).unwrap() {
        Value::Object(o) => o,
        _ => panic!(),
    }
}

#[test]
fn report_shows_the_canonical_document_hash() {
    let options = Options::new(Timestamp::parse_rfc3339("2025-01-01T00:00:00Z").unwrap());
    for (dir, x) in [
        ("eddsa-rdfc-2022", "DataInt"),
        ("eddsa-jcs-2022", "JCS"),
        ("Ed25519Signature2020", "EdSig"),
    ] {
        let report = verify_offline(
            read(&format!("{dir}/signed{x}.json")).as_bytes(),
            &options,
            &Resources::new(),
        );
        let hash = report
            .details()
            .get("canonicalHash")
            .and_then(|h| h.as_array())
            .and_then(|h| h.first())
            .and_then(Value::as_str);
        assert_eq!(
            hash,
            Some(read(&format!("{dir}/docHash{x}.txt")).trim()),
            "{dir}"
        );
    }
}
