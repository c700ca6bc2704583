//! The validity period a credential's signer wrote.

use alloc::format;
use alloc::string::ToString;

use crate::encoding::json::{Object, Value};
use crate::report::{CheckKind, Code, Outcome, Report};
use crate::time::Timestamp;

pub(super) fn parse_date(
    doc: &Object,
    field: &str,
    r: &mut Report,
) -> Result<Option<Timestamp>, ()> {
    match doc.get(field) {
        None => Ok(None),
        Some(Value::String(s)) => match Timestamp::parse_rfc3339(s) {
            Ok(t) => Ok(Some(t)),
            Err(e) => {
                r.push(
                    CheckKind::Validity,
                    Outcome::Fail(Code::Malformed),
                    format!(
                        "{field} {} is not a valid date: {e}.",
                        crate::encoding::json::quoted(s)
                    ),
                );
                Err(())
            }
        },
        Some(_) => {
            r.push(
                CheckKind::Validity,
                Outcome::Fail(Code::Malformed),
                format!("{field} is not a date string."),
            );
            Err(())
        }
    }
}

/// The validity period: `validFrom`/`validUntil` (VC 2.0) and
/// `issuanceDate`/`expirationDate` (VC 1.1). Whichever of them a credential
/// has count, whatever its data model: a date the signer wrote is never
/// ignored because the document names another version.
pub(super) fn check_validity(doc: &Object, r: &mut Report, now: Timestamp) {
    let mut from: Option<Timestamp> = None;
    let mut until: Option<Timestamp> = None;
    for field in ["validFrom", "issuanceDate"] {
        let Ok(t) = parse_date(doc, field, r) else {
            return;
        };
        from = from.max(t);
    }
    for field in ["validUntil", "expirationDate"] {
        let Ok(t) = parse_date(doc, field, r) else {
            return;
        };
        until = match (until, t) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    if let Some(from) = from {
        if now < from {
            r.push(
                CheckKind::Validity,
                Outcome::Fail(Code::NotYetValid),
                format!("Not valid yet: valid from {}.", from.to_rfc3339()),
            );
            return;
        }
    }
    if let Some(until) = until {
        if now > until {
            r.push(
                CheckKind::Validity,
                Outcome::Fail(Code::Expired),
                format!("Expired on {}.", until.to_rfc3339()),
            );
            return;
        }
    }
    let detail = match until {
        Some(u) => format!("Valid now, until {}.", u.to_rfc3339()),
        None => "Valid now, with no expiry date.".to_string(),
    };
    r.push(CheckKind::Validity, Outcome::Pass, detail);
}
