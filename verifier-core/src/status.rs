//! Credential status (revocation, suspension).

use alloc::format;

use crate::json::{Object, Value};
use crate::report::{CheckKind, Code, Outcome, Report};
use crate::resources::Resources;
use crate::verify::Options;

/// Checks every `credentialStatus` entry of `doc` and records one check.
pub fn check(doc: &Object, r: &mut Report, _options: &Options, _resources: &Resources) {
    let Some(status) = doc.get("credentialStatus") else {
        r.push(
            CheckKind::Status,
            Outcome::Pass,
            "The credential has no status list: its issuer cannot revoke it.",
        );
        return;
    };
    let ty = status
        .one_or_many()
        .first()
        .and_then(|s| s.get("type"))
        .and_then(Value::as_str)
        .unwrap_or("?");
    r.push(
        CheckKind::Status,
        Outcome::Fail(Code::StatusUnavailable),
        format!("The status method {ty:?} cannot be checked yet."),
    );
}
