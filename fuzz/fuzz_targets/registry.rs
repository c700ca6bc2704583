//! The network registry: signed (against the demo governance key) and
//! unverified parsing, then every query the verifier and site make.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::json::{self, Limits, Value};
use mcx_verifier_core::registry::{self, Registry};
use mcx_verifier_core::Timestamp;

fuzz_target!(|data: &[u8]| {
    let now = Timestamp::parse_rfc3339("2026-11-28T12:00:00Z").unwrap();
    let mut found = Vec::new();
    if let Ok(r) = mcx_verifier_core::registry::verify_registry(data, registry::DEMO_GOVERNANCE_DID, now) {
        found.push(r);
    }
    if let Ok(Value::Object(o)) = json::parse(data, Limits::default()) {
        if let Ok(r) = Registry::parse_unverified(&o) {
            found.push(r);
        }
    }
    for r in &found {
        let mut achievements: Vec<String> = Vec::new();
        for offer in &r.offers {
            for c in &offer.components {
                achievements.push(c.achievement.clone());
            }
            let _ = r.offer(&offer.id);
        }
        let _ = r.progress(&achievements);
        let _ = r.progress(&achievements[..achievements.len() / 2]);
        let _ = json::to_string(&r.progress_value(&achievements));
        for m in &r.members {
            let _ = json::to_string(&m.to_value());
            for t in [now, Timestamp::from_unix_seconds(0)] {
                let _ = m.standing_at(t);
                let _ = m.event_at(t);
            }
            for did in m.dids() {
                assert!(
                    r.member(did).is_some(),
                    "a member's DID does not find a member"
                );
                let a = achievements.first().map(String::as_str);
                let _ = r.recognitions_of(did, a, now).count();
            }
        }
        let _ = r.name.best(&["de", "en"]);
    }
});
