//! The issuer check: was the credential's issuer an active member when
//! it was issued, and who recognizes it.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::model::Standing;
use super::Registry;
use crate::encoding::json::{Object, Value};
use crate::report::{CheckKind, Code, Outcome, Report};
use crate::time::Timestamp;

/// When `doc` was issued (`validFrom`, else `issuanceDate`), if stated.
pub(super) fn issuance_date(doc: &Object) -> Option<Timestamp> {
    doc.get("validFrom")
        .or(doc.get("issuanceDate"))
        .and_then(Value::as_str)
        .and_then(|s| Timestamp::parse_rfc3339(s).ok())
}

pub(super) fn day(t: Timestamp) -> String {
    let s = t.to_rfc3339();
    s.get(..10).map(String::from).unwrap_or(s)
}

/// Puts `network` into `credential.issuer.network` of the report.
pub(super) fn attach(r: &mut Report, network: Value) {
    if let Value::Object(c) = &mut r.credential {
        let mut issuer = match c.get("issuer") {
            Some(Value::Object(o)) => o.clone(),
            _ => Object::new(),
        };
        issuer.insert("network", network);
        c.insert("issuer", Value::Object(issuer));
    }
}

/// Records whether `issuer` was an active member of the network when `doc`
/// was issued, and attaches the member's details and recognitions.
pub fn check(doc: &Object, issuer: &str, r: &mut Report, reg: &Registry, now: Timestamp) {
    let network_name = reg.name.best(&[]);
    r.details.insert("registry", reg.summary_value());
    let Some(member) = reg.member(issuer) else {
        let mut n = Object::new();
        n.insert("member", Value::Bool(false));
        n.insert("registry", reg.summary_value());
        attach(r, Value::Object(n));
        r.push(
            CheckKind::Issuer,
            Outcome::Fail(Code::UntrustedIssuer),
            format!("The issuer ({issuer}) is not a member of the {network_name}."),
        );
        return;
    };
    let (issued, dated) = match issuance_date(doc) {
        Some(t) => (t, true),
        None => (now, false),
    };
    let at_issue = member.standing_at(issued);
    let now_standing = member.standing_at(now);
    let achievement = doc
        .get("credentialSubject")
        .map(Value::one_or_many)
        .and_then(|s| s.first())
        .and_then(|s| s.get("achievement"))
        .and_then(|a| a.get("id"))
        .and_then(Value::as_str);
    let recognized_by: Vec<Value> = reg
        .recognitions_of(issuer, achievement, now)
        .map(|rec| {
            let mut o = Object::new();
            o.insert("id", Value::from(rec.recognizer.as_str()));
            if let Some(m) = reg.member(&rec.recognizer) {
                o.insert("name", m.name.to_value());
                o.insert("country", Value::from(m.country.as_str()));
            }
            o.insert("scope", rec.scope.to_value());
            Value::Object(o)
        })
        .collect();
    let mut n = match member.to_value() {
        Value::Object(o) => o,
        _ => Object::new(),
    };
    n.insert("member", Value::Bool(true));
    // The name the network vouches for: the only issuer name that is a fact.
    n.insert("name", member.name.to_value());
    n.insert("standingAtIssuance", Value::from(at_issue.as_str()));
    n.insert("standingNow", Value::from(now_standing.as_str()));
    n.insert("recognizedBy", Value::Array(recognized_by));
    n.insert("registry", reg.summary_value());
    attach(r, Value::Object(n));
    let name = member.name.best(&[]);
    let when = if dated {
        format!("on {}", day(issued))
    } else {
        String::from("now (the credential states no issuance date)")
    };
    if at_issue != Standing::Active {
        let why = match (at_issue, member.event_at(issued)) {
            (Standing::NotJoined, _) => format!(
                "it joined only on {}",
                member
                    .history
                    .first()
                    .map(|e| day(e.date))
                    .unwrap_or_default()
            ),
            (s, Some(e)) => format!("its membership was {} on {}", s.as_str(), day(e.date)),
            (s, None) => format!("its membership was {}", s.as_str()),
        };
        r.push(
            CheckKind::Issuer,
            Outcome::Fail(Code::UntrustedIssuer),
            format!(
                "{name} ({}) was not an active member of the {network_name} when this was issued {when}: {why}.",
                member.country
            ),
        );
        return;
    }
    let joined = member
        .history
        .first()
        .map(|e| day(e.date))
        .unwrap_or_default();
    let base = format!(
        "Issued {when} by {name} ({}), an active member of the {network_name} (member since {joined}).",
        member.country
    );
    match (now_standing, member.event_at(now)) {
        (Standing::Active, _) => r.push(CheckKind::Issuer, Outcome::Pass, base),
        (s, e) => r.push(
            CheckKind::Issuer,
            Outcome::Warn(None),
            format!(
                "{base} Its membership has since been {}{}.",
                s.as_str(),
                e.map(|e| format!(" (on {})", day(e.date)))
                    .unwrap_or_default()
            ),
        ),
    }
}
