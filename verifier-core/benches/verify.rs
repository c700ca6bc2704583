//! Native cost of verifying one credential, end to end (`verify_offline`:
//! input detection, JSON parse, proof, key, validity, display summary).
//!
//! - `verify/eddsa-jcs-2022`, `verify/eddsa-rdfc-2022`,
//!   `verify/ed25519-signature-2020`, `verify/jwt`: one Open Badges 3.0
//!   micro-credential (with the MicroCredX EU extension context) issued by a
//!   `did:key`, signed in the setup with a fixed key as a Data Integrity
//!   proof with either cryptosuite, as an `Ed25519Signature2020` proof (its
//!   context appended, as `@digitalbazaar/vc` issues it), and as a VC-JOSE
//!   JWT;
//! - `parts/*`: where the time goes — Ed25519 verification alone, JCS, and
//!   JSON-LD toRdf + RDFC-1.0 of the same credential (`_shared`: with the
//!   bundled contexts already processed, as in the pipeline); `parts/floor` is the
//!   cryptographic floor of one verification: one SHA-256 of the canonical
//!   document and one strict Ed25519 verification.
//!
//! No status list or registry: those are measured by `benches/status.rs`.
//! Run: `cargo bench -p mcx-verifier-core --bench verify`; medians are in
//! `target/criterion/<group>/<name>/new/estimates.json`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use mcx_verifier_core::json::{self, Object, Value};
use mcx_verifier_core::low_level::did::{self, Purpose};
use mcx_verifier_core::low_level::jsonld::BundledContexts;
use mcx_verifier_core::low_level::proof::{self, ProofOptions, Suite};
use mcx_verifier_core::low_level::{jcs, jws};
use mcx_verifier_core::{verify_offline, Options, Resources, Timestamp, Verdict};

/// A fixed issuer key (benchmark only; not a secret).
const ISSUER_SEED: [u8; 32] = [42; 32];

fn t(s: &str) -> Timestamp {
    Timestamp::parse_rfc3339(s).unwrap()
}

/// An Open Badges 3.0 micro-credential as a MicroCredX member issues it.
fn credential(issuer: &str) -> Object {
    let text = format!(
        r#"{{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json","https://w3id.org/microcredx/eu-mc/v1"],
        "id":"urn:uuid:0b5c2f6e-9a43-4d1b-8c7e-2f4a6d8e0c11","type":["VerifiableCredential","OpenBadgeCredential"],
        "name":"Industrial Robotics","validFrom":"2026-09-15T09:00:00Z","validUntil":"2031-09-15T00:00:00Z",
        "issuer":{{"id":"{issuer}","type":["Profile"],"name":"Demo University of Technology","url":"https://uni.example/",
          "address":{{"type":["Address"],"addressCountry":"Germany","addressCountryCode":"DE"}}}},
        "credentialSubject":{{"type":["AchievementSubject"],"id":"did:example:learner-1234","name":"Alex Example",
          "achievement":{{"id":"https://uni.example/achievements/industrial-robotics","type":["Achievement"],
            "achievementType":"MicroCredential","name":"Industrial Robotics",
            "description":"Program, integrate and safely operate industrial robot arms.",
            "criteria":{{"narrative":"Pass the final assessment with at least 50% of the points."}},
            "creditsAvailable":5,"inLanguage":"en",
            "alignment":[{{"type":["Alignment"],"targetName":"EQF level 6","targetCode":"6","targetFramework":"European Qualifications Framework","targetType":"ext:EQF","targetUrl":"https://europass.europa.eu/en/description-eight-eqf-levels"}},
              {{"type":["Alignment"],"targetName":"operating robots","targetFramework":"ESCO","targetType":"ext:ESCOSkill","targetUrl":"https://esco.ec.europa.eu/en/classification/skill_main"}}],
            "learningOutcomes":["Program a six-axis robot for pick-and-place","Assess the safety of a robot cell"],
            "typeOfAssessment":"Graded lab assessment","formOfParticipation":"On-site",
            "qualityAssurance":"Institutional accreditation","supervisionAndIdentityVerification":"Supervised; identity checked",
            "prerequisites":"None","integrationStackability":"Stackable within the MicroCredX network."}}}}}}"#
    );
    match json::parse_str(&text).unwrap() {
        Value::Object(o) => o,
        _ => unreachable!(),
    }
}

fn sign_di(doc: &Object, suite: Suite) -> String {
    let key = proof::public_key(&ISSUER_SEED);
    let options = ProofOptions {
        suite,
        verification_method: did::did_key_method(&key),
        purpose: Purpose::AssertionMethod,
        created: t("2026-09-15T09:00:00Z"),
        challenge: None,
        domain: None,
    };
    json::to_string(&Value::Object(
        proof::sign(doc, &options, &ISSUER_SEED).unwrap(),
    ))
}

fn sign_jwt(doc: &Object) -> String {
    let mut header = Object::new();
    header.insert(
        "kid",
        Value::from(did::did_key_method(&proof::public_key(&ISSUER_SEED))),
    );
    header.insert("typ", Value::from("vc+jwt"));
    jws::sign(header, &Value::Object(doc.clone()), &ISSUER_SEED)
}

fn benches(c: &mut Criterion) {
    let doc = credential(&did::did_key(&proof::public_key(&ISSUER_SEED)));
    let options = Options::new(t("2026-11-28T12:00:00Z"));
    let resources = Resources::new();
    // As `@digitalbazaar/vc` issues it: the suite's context appended.
    let mut doc2020 = Object::new();
    for (k, v) in doc.iter() {
        let mut v = v.clone();
        if let (true, Value::Array(ctx)) = (k == "@context", &mut v) {
            ctx.push(Value::from(
                "https://w3id.org/security/suites/ed25519-2020/v1",
            ));
        }
        doc2020.insert(k.as_str(), v);
    }
    let inputs = [
        ("eddsa-jcs-2022", sign_di(&doc, Suite::EddsaJcs2022)),
        ("eddsa-rdfc-2022", sign_di(&doc, Suite::EddsaRdfc2022)),
        (
            "ed25519-signature-2020",
            sign_di(&doc2020, Suite::Ed25519Signature2020),
        ),
        ("jwt", sign_jwt(&doc)),
    ];
    let mut g = c.benchmark_group("verify");
    for (name, input) in &inputs {
        // Benchmark a real success, not an early failure.
        let r = verify_offline(input.as_bytes(), &options, &resources);
        assert_eq!(r.verdict(), Verdict::Valid, "{name}: {}", r.to_json());
        g.bench_function(*name, |b| {
            b.iter(|| verify_offline(black_box(input.as_bytes()), &options, &resources))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("parts");
    let value = Value::Object(doc.clone());
    let public = proof::public_key(&ISSUER_SEED);
    let message = [7u8; 64];
    let signature = {
        use ed25519_dalek::{Signer, SigningKey};
        SigningKey::from_bytes(&ISSUER_SEED).sign(&message)
    };
    g.bench_function("ed25519_verify", |b| {
        b.iter(|| proof::verify_ed25519(black_box(&public), &message, &signature).unwrap())
    });
    let canonical = proof::rdfc_canonical(&value).unwrap();
    g.bench_function("floor", |b| {
        use sha2::{Digest, Sha256};
        b.iter(|| {
            let digest = Sha256::digest(black_box(canonical.as_bytes()));
            proof::verify_ed25519(black_box(&public), &message, &signature).unwrap();
            digest
        })
    });
    g.bench_function("jcs_canonicalize", |b| {
        b.iter(|| jcs::canonicalize(black_box(&value)).unwrap())
    });
    g.bench_function("jsonld_rdfc_canonical", |b| {
        b.iter(|| proof::rdfc_canonical(black_box(&value)).unwrap())
    });
    // As the pipeline does it: the bundled contexts processed once.
    let mut contexts = BundledContexts::new();
    g.bench_function("jsonld_rdfc_canonical_shared", |b| {
        b.iter(|| {
            proof::rdfc_canonical_dataset_with(
                black_box(&value),
                &mut contexts,
                proof::SuiteHash::Sha256,
            )
            .unwrap()
        })
    });
    g.bench_function("json_parse", |b| {
        let text = json::to_string(&value);
        b.iter(|| json::parse_str(black_box(&text)).unwrap())
    });
    g.finish();
}

criterion_group!(verify_benches, benches);
criterion_main!(verify_benches);
