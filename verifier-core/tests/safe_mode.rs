//! JSON-LD safe mode in the RDF-canonicalizing proofs: content the contexts
//! do not define would be dropped from the signed RDF, so it can be added
//! to a signed credential without breaking the signature. Signing refuses
//! such a document and verification reports it as malformed.

use mcx_verifier_core::json::{self, Object, Value};
use mcx_verifier_core::low_level::did::{self, Purpose};
use mcx_verifier_core::low_level::jsonld::{self, BundledLoader};
use mcx_verifier_core::low_level::proof::{self, ProofError, ProofOptions, Suite};
use mcx_verifier_core::{
    verify_offline, CheckKind, Code, Options, Outcome, Resources, Timestamp, Verdict,
};

const ISSUER_SK: [u8; 32] = [7; 32];
const UNDEFINED: &str = "the term `grade` is not defined by the credential's contexts, \
     so it would not be covered by the signature";

fn t(s: &str) -> Timestamp {
    Timestamp::parse_rfc3339(s).unwrap()
}

/// A VC 1.1 credential: the 2018 context has no `@vocab`, so a term it
/// does not define (`grade`) does not expand.
fn vc11(suite: Suite) -> Object {
    let proof_ctx = match suite {
        Suite::Ed25519Signature2020 => "https://w3id.org/security/suites/ed25519-2020/v1",
        _ => "https://w3id.org/security/data-integrity/v2",
    };
    let issuer = did::did_key(&proof::public_key(&ISSUER_SK));
    match json::parse_str(&format!(
        r#"{{"@context": ["https://www.w3.org/2018/credentials/v1", "{proof_ctx}"],
          "id": "urn:uuid:5f3b0c1e-7d2a-4c38-9a61-0e4f2b6d8c11",
          "type": ["VerifiableCredential"],
          "issuer": "{issuer}",
          "issuanceDate": "2026-01-01T00:00:00Z",
          "credentialSubject": {{"id": "did:example:learner"}}}}"#
    ))
    .unwrap()
    {
        Value::Object(o) => o,
        _ => unreachable!(),
    }
}

fn options(suite: Suite) -> ProofOptions {
    ProofOptions {
        suite,
        verification_method: did::did_key_method(&proof::public_key(&ISSUER_SK)),
        purpose: Purpose::AssertionMethod,
        created: t("2026-01-01T00:00:00Z"),
        challenge: None,
        domain: None,
    }
}

/// Adds the undefined `grade` to the credential subject.
fn with_grade(doc: &Object) -> Object {
    let mut doc = doc.clone();
    let mut subject = doc
        .get("credentialSubject")
        .and_then(Value::as_object)
        .unwrap()
        .clone();
    subject.insert("grade", Value::from("A+"));
    doc.insert("credentialSubject", Value::Object(subject));
    doc
}

fn text(o: &Object) -> String {
    json::to_string(&Value::Object(o.clone()))
}

#[test]
fn undefined_terms_cannot_be_signed() {
    for suite in [Suite::EddsaRdfc2022, Suite::Ed25519Signature2020] {
        let doc = with_grade(&vc11(suite));
        assert_eq!(
            proof::sign(&doc, &options(suite), &ISSUER_SK),
            Err(ProofError::Canonicalization(UNDEFINED.into())),
            "{suite:?}"
        );
        // The JSON-only suite signs the JSON itself: nothing is dropped.
        proof::sign(&doc, &options(Suite::EddsaJcs2022), &ISSUER_SK).unwrap();
    }
}

#[test]
fn undefined_terms_added_after_signing_are_malformed() {
    for suite in [Suite::EddsaRdfc2022, Suite::Ed25519Signature2020] {
        let doc = vc11(suite);
        let signed = proof::sign(&doc, &options(suite), &ISSUER_SK).unwrap();
        let now = Options::new(t("2026-06-01T00:00:00Z"));
        let r = verify_offline(text(&signed).as_bytes(), &now, &Resources::new());
        assert_eq!(r.verdict(), Verdict::Valid, "{}", r.to_json());

        // Without safe mode the addition would be invisible to the
        // signature: the RDF is the same with and without it.
        let tampered = with_grade(&signed);
        let rdf = |o: &Object| {
            let mut o = o.clone();
            o.remove("proof");
            jsonld::to_rdf(
                &Value::Object(o),
                &jsonld::Options::default(),
                &BundledLoader,
            )
            .unwrap()
        };
        assert_eq!(rdf(&tampered), rdf(&signed));

        let r = verify_offline(text(&tampered).as_bytes(), &now, &Resources::new());
        assert_eq!(r.verdict(), Verdict::Invalid, "{}", r.to_json());
        let check = r
            .checks()
            .iter()
            .find(|c| c.kind == CheckKind::Signature)
            .unwrap();
        assert_eq!(check.outcome, Outcome::Fail(Code::Malformed));
        assert!(check.detail.contains(UNDEFINED), "{}", check.detail);
    }
}
