//! The security property of RDF-signed credentials, as a differential
//! target: any input that verifies as valid with the demo network's
//! `eddsa-rdfc-2022` credential's signature shows exactly what that
//! credential shows. The fuzzer mutates the credential's JSON freely (full
//! IRI keys, aliases, `@nest`, `@included`, scoped contexts… are seeded in
//! `seeds/signed_form/`); it cannot sign, so whatever it makes valid has
//! the same signed quads, and must read the same.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::json;
use mcx_verifier_core::{verify_offline, Options, Resources, Timestamp, Verdict};

const CREDENTIAL: &[u8] = include_bytes!("../../demo/credentials/valid-iot-castelmar.json");
const LISTS: [(&str, &[u8]); 2] = [
    (
        "https://demo.microcredx.eu/members/castelmar/status/revocation.json",
        include_bytes!("../../demo/members/castelmar/status/revocation.json"),
    ),
    (
        "https://demo.microcredx.eu/members/castelmar/status/messages.json",
        include_bytes!("../../demo/members/castelmar/status/messages.json"),
    ),
];

/// The demo's status lists (a `Resources` is per thread, so per input).
fn resources() -> Resources {
    let mut resources = Resources::new();
    for (url, bytes) in LISTS {
        resources.insert(url, bytes.to_vec());
    }
    resources
}

fn setup() -> &'static (Options, String) {
    static S: OnceLock<(Options, String)> = OnceLock::new();
    S.get_or_init(|| {
        let options = Options::new(Timestamp::parse_rfc3339("2026-11-28T12:00:00Z").unwrap());
        let original = verify_offline(CREDENTIAL, &options, &resources());
        assert_eq!(original.verdict(), Verdict::Valid, "{}", original.to_json());
        let shown = json::to_string(original.credential());
        (options, shown)
    })
}

fuzz_target!(|data: &[u8]| {
    let (options, shown) = setup();
    let r = verify_offline(data, options, &resources());
    if r.verdict() == Verdict::Valid {
        assert_eq!(
            &json::to_string(r.credential()),
            shown,
            "valid with other shown values: {}",
            String::from_utf8_lossy(data)
        );
    }
});
