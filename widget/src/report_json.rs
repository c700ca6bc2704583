//! Reading a report back from its JSON (the shape the README documents), so that the
//! JS side can keep the report as plain data and ask for its display in
//! another language later without verifying again.

use mcx_verifier_core::json::{self, Value};
use mcx_verifier_core::{CheckKind, Code, Kind, Outcome, Report};

/// Presentations inside presentations are not a thing; one level of
/// nesting (a presentation's credentials) is all a report has.
const MAX_DEPTH: usize = 2;

/// The report in `text`, or `None` if it is not one.
pub fn parse(text: &str) -> Option<Report> {
    let value = json::parse(text.as_bytes(), json::Limits::default()).ok()?;
    report(&value, 0)
}

fn kind(s: &str) -> Option<CheckKind> {
    Some(match s {
        "format" => CheckKind::Format,
        "signature" => CheckKind::Signature,
        "key" => CheckKind::Key,
        "validity" => CheckKind::Validity,
        "status" => CheckKind::Status,
        "issuer" => CheckKind::Issuer,
        "challenge" => CheckKind::Challenge,
        "credentials" => CheckKind::Credentials,
        _ => return None,
    })
}

fn outcome(name: &str, code: Option<Code>) -> Option<Outcome> {
    Some(match name {
        "pass" => Outcome::Pass,
        "warn" => Outcome::Warn(code),
        "fail" => Outcome::Fail(code?),
        "skip" => Outcome::Skip,
        _ => return None,
    })
}

fn report(value: &Value, depth: usize) -> Option<Report> {
    if depth >= MAX_DEPTH {
        return None;
    }
    let kind_of_report = match value.get("kind")?.as_str()? {
        "presentation" => Kind::Presentation,
        "credential" => Kind::Credential,
        _ => return None,
    };
    let mut r = Report::new(kind_of_report);
    for check in value.get("checks")?.as_array()? {
        let code = check
            .get("code")
            .and_then(Value::as_str)
            .and_then(Code::parse);
        let name = check.get("outcome")?.as_str()?;
        let detail = check.get("detail").and_then(Value::as_str).unwrap_or("");
        let kind = kind(check.get("check")?.as_str()?)?;
        let outcome = outcome(name, code)?;
        match check.get("purpose").and_then(Value::as_str) {
            Some(purpose) if kind == CheckKind::Status => r.push_status(purpose, outcome, detail),
            _ => r.push(kind, outcome, detail),
        }
    }
    r.credential = value.get("credential").cloned().unwrap_or(Value::Null);
    if let Some(list) = value.get("credentials").and_then(Value::as_array) {
        for c in list {
            r.credentials.push(report(c, depth + 1)?);
        }
    }
    if let Some(details) = value.get("details").and_then(Value::as_object) {
        r.details = details.clone();
    }
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_a_report() {
        let mut inner = Report::new(Kind::Credential);
        inner.push(CheckKind::Signature, Outcome::Pass, "ok");
        inner.push_status("revocation", Outcome::Fail(Code::Revoked), "revoked");
        inner.push_status("suspension", Outcome::Pass, "not suspended");
        inner.credential = json::parse_str(r#"{"issuer":{"name":"U"},"n":5}"#).unwrap();
        let mut outer = Report::new(Kind::Presentation);
        outer.push(CheckKind::Issuer, Outcome::Warn(None), "no registry");
        outer.push(
            CheckKind::Credentials,
            Outcome::Fail(Code::Revoked),
            "one is revoked",
        );
        outer.credentials.push(inner);
        outer.details.insert("format", Value::from("JSON"));
        let text = outer.to_json();
        let back = parse(&text).expect("parses");
        assert_eq!(back, outer);
        assert_eq!(back.to_json(), text);
    }

    #[test]
    fn refuses_what_is_not_a_report() {
        assert!(parse("").is_none());
        assert!(parse("{}").is_none());
        assert!(
            parse(r#"{"kind":"credential","checks":[{"check":"x","outcome":"pass"}]}"#).is_none()
        );
        assert!(
            parse(r#"{"kind":"credential","checks":[{"check":"status","outcome":"fail"}]}"#)
                .is_none()
        );
    }
}
