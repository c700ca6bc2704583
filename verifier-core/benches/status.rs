//! Status-list and registry performance.
//!
//! - `status/check_10k_credentials`: `status::check` for 10,000 different
//!   credentials (distinct indexes) against one signed 131,072-entry list,
//!   sharing one `Resources` as a batch host does (the list is verified and
//!   inflated once); `..._uncached` gives each check a fresh `Resources`, so
//!   each does the full work (parse, verify the signature, inflate, read);
//! - `status/decode_list` and `status/lookup_10k_decoded`: inflating the list
//!   once, and reading 10,000 entries from it (what a host-side cache buys);
//! - `registry/*`: verifying the demo registry, looking up a DID in a
//!   1,000-member registry, and the full `registry::check`.
//!
//! Run: `cargo bench -p mcx-verifier-core --bench status`; medians are in
//! `target/criterion/<group>/<name>/new/estimates.json`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use mcx_verifier_core::json::{self, Object, Value};
use mcx_verifier_core::low_level::did::{self, Purpose};
use mcx_verifier_core::low_level::proof::{self, ProofOptions, Suite};
use mcx_verifier_core::low_level::status::{self, Bitstring, LoadedList, Method, Unavailable};
use mcx_verifier_core::registry::{self, Registry};
use mcx_verifier_core::{verify_offline, Options, Resources, Timestamp, Verdict};
use mcx_verifier_core::{Kind, Report};
use std::rc::Rc;

const LIST_URL: &str = "https://uni.example/status/1.json";
const SEED: [u8; 32] = [7; 32];
const N: u64 = 10_000;

fn now() -> Timestamp {
    Timestamp::parse_rfc3339("2026-11-28T12:00:00Z").unwrap()
}

fn obj(s: &str) -> Object {
    match json::parse_str(s).unwrap() {
        Value::Object(o) => o,
        _ => unreachable!(),
    }
}

fn sign(doc: &Object) -> Object {
    let key = proof::public_key(&SEED);
    let opts = ProofOptions {
        suite: Suite::EddsaJcs2022,
        verification_method: did::did_key_method(&key),
        purpose: Purpose::AssertionMethod,
        created: now(),
        challenge: None,
        domain: None,
    };
    proof::sign(doc, &opts, &SEED).unwrap()
}

/// A signed list with every 97th of the 10,000 used entries revoked.
fn signed_list() -> (Vec<u8>, String) {
    let mut bits = Bitstring::zeroed(131_072, 1);
    for i in (0..N).step_by(97) {
        bits.set(i * 13, 1, 1).unwrap();
    }
    let issuer = did::did_key(&proof::public_key(&SEED));
    let doc = obj(&format!(
        r#"{{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"{LIST_URL}","type":["VerifiableCredential","BitstringStatusListCredential"],"issuer":"{issuer}","validFrom":"2026-11-01T00:00:00Z","credentialSubject":{{"id":"{LIST_URL}#list","type":"BitstringStatusList","statusPurpose":"revocation","encodedList":"{}"}}}}"#,
        bits.encode()
    ));
    (
        json::to_string(&Value::Object(sign(&doc))).into_bytes(),
        bits.encode(),
    )
}

fn credentials(issuer: &str) -> Vec<Object> {
    (0..N)
        .map(|i| {
            obj(&format!(
                r#"{{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"issuer":"{issuer}","validFrom":"2026-01-01T00:00:00Z","credentialSubject":{{"id":"did:example:{i}"}},"credentialStatus":{{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"{}","statusListCredential":"{LIST_URL}"}}}}"#,
                i * 13
            ))
        })
        .collect()
}

/// What the pipeline does for a list it has not seen: verify the list
/// credential (JCS-signed, so its JSON is what was signed), then read it.
fn load(list: &[u8], method: Method) -> Result<Rc<LoadedList>, Unavailable> {
    let report = verify_offline(list, &Options::new(now()), &Resources::new());
    assert_eq!(report.verdict(), Verdict::Valid, "{}", report.to_json());
    let reading = obj(std::str::from_utf8(list).unwrap());
    Ok(Rc::new(LoadedList::from_verified(
        &reading,
        LIST_URL,
        method,
        2 << 20,
    )?))
}

fn bench_status(c: &mut Criterion) {
    let (list_bytes, encoded) = signed_list();
    let issuer = did::did_key(&proof::public_key(&SEED));
    let creds = credentials(&issuer);

    // Sanity: the revoked ones are found.
    let mut revoked = 0;
    let list = load(&list_bytes, Method::Bitstring).unwrap();
    for d in &creds {
        let mut r = Report::new(Kind::Credential);
        status::check(d, &mut r, &mut |_, _| Ok(list.clone()));
        if r.headline().is_some() {
            revoked += 1;
        }
    }
    assert_eq!(revoked, N.div_ceil(97));

    let mut g = c.benchmark_group("status");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    // One Resources for the batch, as hosts use it: the list is verified
    // and inflated once, then every credential reads its entry.
    g.bench_function("check_10k_credentials", |b| {
        b.iter(|| {
            let mut cached: Option<Rc<LoadedList>> = None;
            for d in &creds {
                let mut r = Report::new(Kind::Credential);
                status::check(black_box(d), &mut r, &mut |_, method| {
                    if let Some(l) = &cached {
                        return Ok(l.clone());
                    }
                    let l = load(&list_bytes, method)?;
                    cached = Some(l.clone());
                    Ok(l)
                });
                black_box(r);
            }
        })
    });
    // No reuse at all: each credential pays for finding, verifying and
    // inflating the list.
    g.bench_function("check_10k_credentials_uncached", |b| {
        b.iter(|| {
            for d in &creds {
                let mut r = Report::new(Kind::Credential);
                status::check(black_box(d), &mut r, &mut |_, method| {
                    load(&list_bytes, method)
                });
                black_box(r);
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("status");
    g.bench_function("decode_list", |b| {
        b.iter(|| Bitstring::decode(black_box(&encoded), 2 << 20).unwrap())
    });
    let bits = Bitstring::decode(&encoded, 2 << 20).unwrap();
    g.bench_function("lookup_10k_decoded", |b| {
        b.iter(|| {
            let mut set = 0u32;
            for i in 0..N {
                set += bits.get(black_box(i * 13), 1).unwrap();
            }
            set
        })
    });
    g.finish();
}

fn big_registry(members: usize) -> Registry {
    let mut list = String::new();
    for i in 0..members {
        if i > 0 {
            list.push(',');
        }
        list.push_str(&format!(
            r#"{{"id":"did:web:uni{i}.example","alsoKnownAs":["did:key:z{i}"],"name":{{"en":"University {i}"}},"country":"DE","qualityAssurance":{{"name":"QA"}},"statusHistory":[{{"status":"joined","date":"2024-01-01T00:00:00Z"}}]}}"#
        ));
    }
    let doc = obj(&format!(
        r#"{{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential","MicroCredXNetworkRegistry"],"issuer":"did:key:x","credentialSubject":{{"name":"Big network","members":[{list}]}}}}"#
    ));
    Registry::parse_unverified(&doc).unwrap()
}

fn bench_registry(c: &mut Criterion) {
    let demo = include_bytes!("../../demo/registry.json");
    let mut g = c.benchmark_group("registry");
    g.bench_function("verify_demo_registry", |b| {
        b.iter(|| {
            registry::verify_registry(black_box(demo), registry::DEMO_GOVERNANCE_DID, now())
                .unwrap()
        })
    });
    let reg = big_registry(1000);
    g.bench_function("lookup_in_1000_members", |b| {
        let mut i = 0usize;
        b.iter(|| {
            i = (i + 389) % 1000;
            black_box(reg.member(black_box(&format!("did:web:uni{i}.example#key-1"))))
        })
    });
    let doc = obj(
        r#"{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"issuer":"did:web:uni777.example","validFrom":"2026-01-01T00:00:00Z","credentialSubject":{"id":"did:example:1"}}"#,
    );
    g.bench_function("check_in_1000_members", |b| {
        b.iter(|| {
            let mut r = Report::new(Kind::Credential).with_credential(Value::Object(Object::new()));
            registry::check(
                black_box(&doc),
                "did:web:uni777.example",
                &mut r,
                &reg,
                now(),
            );
            r
        })
    });
    g.finish();
}

criterion_group!(benches, bench_status, bench_registry);
criterion_main!(benches);
