//! The W3C vc-di-ecdsa test vectors (tests/vectors/vc-di-ecdsa, see its
//! README): `ecdsa-rdfc-2019` and `ecdsa-jcs-2019` with P-256 and P-384.
//!
//! The pipeline is driven as a host drives it. Built without the core's
//! `native-crypto` feature (`cargo test -p mcx-verifier-core`), the core
//! asks this test to check each ECDSA signature, as it asks the browser's
//! WebCrypto, and the test answers with the RustCrypto crates; built with
//! it (the workspace, where the CLI enables it) the core checks them
//! itself. Both must give the same reports.

use mcx_verifier_core::json::{self, Object, Value};
use mcx_verifier_core::low_level::proof::{self, Suite, SuiteHash};
use mcx_verifier_core::{
    verify, Algorithm, CheckKind, Code, Options, Outcome, PublicKey, Report, Resources,
    SignatureAnswer, SignatureCheck, Step, Timestamp,
};

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/vc-di-ecdsa/TestVectors"
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

/// (folder, file suffix, suite, curve key file)
const CASES: [(&str, &str, Suite, &str); 4] = [
    (
        "ecdsa-rdfc-2019-p256",
        "ECDSAP256",
        Suite::EcdsaRdfc2019,
        "p256KeyPair.json",
    ),
    (
        "ecdsa-rdfc-2019-p384",
        "ECDSAP384",
        Suite::EcdsaRdfc2019,
        "p384KeyPair.json",
    ),
    (
        "ecdsa-jcs-2019-p256",
        "JCSECDSAP256",
        Suite::EcdsaJcs2019,
        "p256KeyPair.json",
    ),
    (
        "ecdsa-jcs-2019-p384",
        "JCSECDSAP384",
        Suite::EcdsaJcs2019,
        "p384KeyPair.json",
    ),
];

fn public_key(file: &str) -> PublicKey {
    let kp = object(file);
    PublicKey::from_multikey(kp.get("publicKeyMultibase").unwrap().as_str().unwrap()).unwrap()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a host with its own crypto answers (the browser uses WebCrypto).
fn host_check(check: &SignatureCheck) -> SignatureAnswer {
    use p256::ecdsa::signature::Verifier;
    let ok = match (check.key(), check.algorithm()) {
        (PublicKey::P256(point), Algorithm::EcdsaP256Sha256) => {
            p256::ecdsa::VerifyingKey::from_sec1_bytes(point).is_ok_and(|k| {
                p256::ecdsa::Signature::from_slice(check.signature())
                    .is_ok_and(|s| k.verify(check.message(), &s).is_ok())
            })
        }
        (PublicKey::P384(point), Algorithm::EcdsaP384Sha384) => {
            p384::ecdsa::VerifyingKey::from_sec1_bytes(point).is_ok_and(|k| {
                p384::ecdsa::Signature::from_slice(check.signature())
                    .is_ok_and(|s| k.verify(check.message(), &s).is_ok())
            })
        }
        _ => return SignatureAnswer::Unavailable("not in this test host".into()),
    };
    if ok {
        SignatureAnswer::Valid
    } else {
        SignatureAnswer::Invalid
    }
}

/// Verifies `doc` as a host does; also returns how many signature checks
/// the core asked for.
fn run(doc: &Object) -> (Report, usize) {
    let input = json::to_string(&Value::Object(doc.clone()));
    let options = Options::new(Timestamp::parse_rfc3339("2026-01-01T00:00:00Z").unwrap());
    let mut resources = Resources::new();
    let mut asked = 0;
    for _ in 0..8 {
        match verify(input.as_bytes(), &options, &resources) {
            Step::Done(r) => return (r, asked),
            Step::Need(needs) => {
                assert!(!needs.is_empty());
                for check in &needs.signatures {
                    asked += 1;
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

#[test]
fn hashes_match_the_vectors_step_by_step() {
    for (dir, sfx, suite, key) in CASES {
        let hash = SuiteHash::for_key(&public_key(key));
        let unsigned = object("unsigned.json");
        let config = object(&format!("{dir}/proofConfig{sfx}.json"));
        let data = proof::hash_data_with(suite, hash, &unsigned, &config).unwrap();
        assert_eq!(
            hex(&data),
            read(&format!("{dir}/combinedHash{sfx}.txt")).trim(),
            "{dir}"
        );
        let half = data.len() / 2;
        assert_eq!(
            hex(&data[half..]),
            read(&format!("{dir}/docHash{sfx}.txt")).trim()
        );
    }
}

#[test]
fn signed_vectors_verify_and_are_bound_to_their_issuer() {
    for (dir, sfx, _, key) in CASES {
        let signed = object(&format!("{dir}/signed{sfx}.json"));
        let (r, asked) = run(&signed);
        let native = cfg!(feature = "native-crypto");
        assert_eq!(asked, if native { 0 } else { 1 }, "{dir}");
        assert_eq!(
            outcome(&r, CheckKind::Signature),
            Some(Outcome::Pass),
            "{dir}: {}",
            r.to_json()
        );
        // The vectors' issuer is an https URL while the key is a did:key:
        // the signature is right, but it is not the issuer's.
        assert_eq!(
            outcome(&r, CheckKind::Key),
            Some(Outcome::Fail(Code::WrongKey)),
            "{dir}"
        );
        // The same through the building block, with the key given.
        let mut doc = signed.clone();
        let p = doc.remove("proof").unwrap();
        let p = p.as_object().unwrap();
        let k = public_key(key);
        if native {
            assert!(proof::verify(&doc, p, &[], &k).is_ok(), "{dir}");
        }
        // An Ed25519 key for an ECDSA suite is refused before any crypto.
        let ed = PublicKey::Ed25519([7; 32]);
        assert!(matches!(
            proof::verify(&doc, p, &[], &ed),
            Err(proof::ProofError::Unsupported(_))
        ));
    }
}

#[test]
fn a_changed_credential_or_signature_fails() {
    for (i, (dir, sfx, _, _)) in CASES.into_iter().enumerate() {
        let signed = object(&format!("{dir}/signed{sfx}.json"));
        // Content changed after signing.
        let mut changed = signed.clone();
        let mut subject = changed
            .get("credentialSubject")
            .unwrap()
            .as_object()
            .unwrap()
            .clone();
        subject.insert("alumniOf", Value::from("The School of Forgery"));
        changed.insert("credentialSubject", Value::Object(subject));
        let (r, _) = run(&changed);
        assert_eq!(
            outcome(&r, CheckKind::Signature),
            Some(Outcome::Fail(Code::InvalidSignature)),
            "{dir}"
        );
        // A signature from the other curve's vector (wrong length) is malformed.
        let mut proof = signed.get("proof").unwrap().as_object().unwrap().clone();
        let (other_dir, other_sfx, _, _) = CASES[i ^ 1];
        let other_sig = read(&format!("{other_dir}/sigBTC58{other_sfx}.txt"));
        proof.insert("proofValue", Value::from(other_sig.trim()));
        let mut swapped = signed.clone();
        swapped.insert("proof", Value::Object(proof));
        let (r, _) = run(&swapped);
        assert_eq!(
            outcome(&r, CheckKind::Signature),
            Some(Outcome::Fail(Code::Malformed)),
            "{dir}"
        );
    }
}

/// RFC 7515 appendix A.3: the ES256 JWS example (its signature has a high
/// `s`, which JOSE allows: WebCrypto and RustCrypto both accept it, so the
/// browser and `mcx` agree), verified through the JWS decoder with the
/// RFC's public key, by the core (native) and by the test host.
#[test]
fn rfc7515_es256_example() {
    use mcx_verifier_core::low_level::jws::Jws;
    use mcx_verifier_core::low_level::signature::verify_in_core;
    const JWS: &str = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
    let jwk = json::parse_str(
        r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#,
    )
    .unwrap();
    let key = PublicKey::from_jwk(&jwk).unwrap();
    let jws = Jws::decode(JWS, json::Limits::default()).unwrap();
    assert_eq!(jws.algorithm(), Some(Algorithm::EcdsaP256Sha256));
    assert_eq!(jws.payload.get("iss").and_then(Value::as_str), Some("joe"));
    let (input, sig) = JWS.rsplit_once('.').unwrap();
    let sig = mcx_verifier_core::low_level::multibase::base64url_decode(sig).unwrap();
    let check = SignatureCheck::new(
        Algorithm::EcdsaP256Sha256,
        key.clone(),
        input.as_bytes().to_vec(),
        sig.clone(),
    )
    .unwrap();
    assert_eq!(host_check(&check), SignatureAnswer::Valid);
    if cfg!(feature = "native-crypto") {
        assert_eq!(verify_in_core(&check), Some(Ok(())));
        assert!(jws.verify(&key, &proof::InCore).is_ok());
    }
    // One byte of the signing input changed.
    let mut changed = input.as_bytes().to_vec();
    changed[30] ^= 1;
    let check = SignatureCheck::new(Algorithm::EcdsaP256Sha256, key, changed, sig).unwrap();
    assert_eq!(host_check(&check), SignatureAnswer::Invalid);
}
