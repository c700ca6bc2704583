//! The verification report: one shape for the core, the widget's JS API,
//! the site and `mcx verify --json` (the shape in the README).
//!
//! Checks carry an [`Outcome`] and, when they do not pass, a [`Code`]. The
//! verdict is never stored independently: [`Report::verdict`] derives it from
//! the checks, so a report cannot claim `valid` while holding a failure.

pub mod portfolio;
pub mod summary;

use alloc::string::String;
use alloc::vec::Vec;

use crate::encoding::json::{Object, Value};

/// Stable, machine-readable failure codes. Their string forms are part of
/// the CLI and JS contracts and never change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// The input could not be decoded (bad JSON, base64, multibase, lengths…).
    Malformed,
    /// The input is well-formed but uses something this verifier does not
    /// support (a proof type, DID method, remote JSON-LD context…).
    Unsupported,
    /// The signature does not match the signed content.
    InvalidSignature,
    /// The key that signed is not the issuer's (or holder's) for this purpose.
    WrongKey,
    /// Past its `validUntil` / `expirationDate`.
    Expired,
    /// Before its `validFrom` / `issuanceDate`.
    NotYetValid,
    /// Revoked by its issuer (status list).
    Revoked,
    /// Suspended by its issuer (status list).
    Suspended,
    /// Good signature, but the issuer is not an active member of the network.
    UntrustedIssuer,
    /// A status list needed for the check could not be obtained or verified.
    StatusUnavailable,
    /// A document other than a status list (a `did:web` DID document, a
    /// hosted credential) could not be obtained.
    ResourceUnavailable,
    /// The document is not in the form its signer signed: its JSON says
    /// something the signed data does not (RDF-signed documents, whose
    /// signature covers the graph and not the JSON keys).
    NotAsSigned,
    /// A presentation's holder is not the subject of a credential in it:
    /// the presenter may have copied someone else's credential.
    HolderMismatch,
}

impl Code {
    /// The stable string form (`"invalid_signature"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Malformed => "malformed",
            Code::Unsupported => "unsupported",
            Code::InvalidSignature => "invalid_signature",
            Code::WrongKey => "wrong_key",
            Code::Expired => "expired",
            Code::NotYetValid => "not_yet_valid",
            Code::Revoked => "revoked",
            Code::Suspended => "suspended",
            Code::UntrustedIssuer => "untrusted_issuer",
            Code::StatusUnavailable => "status_unavailable",
            Code::ResourceUnavailable => "resource_unavailable",
            Code::NotAsSigned => "not_as_signed",
            Code::HolderMismatch => "holder_mismatch",
        }
    }

    /// Parses the stable string form.
    pub fn parse(s: &str) -> Option<Code> {
        ALL_CODES.iter().copied().find(|c| c.as_str() == s)
    }

    /// True for codes meaning "something needed could not be had" rather
    /// than "something is wrong": they make a report `unverifiable`.
    pub fn is_unavailability(self) -> bool {
        matches!(self, Code::StatusUnavailable | Code::ResourceUnavailable)
    }

    /// Rank for choosing the headline: lower is more important. A broken
    /// signature outranks expiry, which outranks a missing status list, so
    /// the reader sees the reason that matters most.
    pub(crate) fn rank(self) -> u8 {
        match self {
            Code::Malformed => 0,
            Code::NotAsSigned => 1,
            Code::Unsupported => 2,
            Code::InvalidSignature => 3,
            Code::WrongKey => 4,
            Code::HolderMismatch => 5,
            Code::Revoked => 6,
            Code::Suspended => 7,
            Code::UntrustedIssuer => 8,
            Code::Expired => 9,
            Code::NotYetValid => 10,
            Code::ResourceUnavailable => 11,
            Code::StatusUnavailable => 12,
        }
    }
}

/// Every code, in headline rank order.
pub const ALL_CODES: [Code; 13] = [
    Code::Malformed,
    Code::NotAsSigned,
    Code::Unsupported,
    Code::InvalidSignature,
    Code::WrongKey,
    Code::HolderMismatch,
    Code::Revoked,
    Code::Suspended,
    Code::UntrustedIssuer,
    Code::Expired,
    Code::NotYetValid,
    Code::ResourceUnavailable,
    Code::StatusUnavailable,
];

/// What was checked. The string forms are stable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckKind {
    /// Decoding the input into a credential or presentation.
    Format,
    /// The cryptographic proof.
    Signature,
    /// The proof's key belongs to the issuer / holder with the right purpose.
    Key,
    /// The validity period against the current time.
    Validity,
    /// Revocation and suspension status.
    Status,
    /// Network membership of the issuer.
    Issuer,
    /// A presentation's challenge and domain.
    Challenge,
    /// The credentials embedded in a presentation.
    Credentials,
    /// For a credential in a signed presentation: the holder who signed
    /// it is the credential's subject.
    Holder,
}

impl CheckKind {
    /// The stable string form.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::Format => "format",
            CheckKind::Signature => "signature",
            CheckKind::Key => "key",
            CheckKind::Validity => "validity",
            CheckKind::Status => "status",
            CheckKind::Issuer => "issuer",
            CheckKind::Challenge => "challenge",
            CheckKind::Credentials => "credentials",
            CheckKind::Holder => "holder",
        }
    }

    /// The kind a stable string names.
    pub fn parse(s: &str) -> Option<CheckKind> {
        ALL_CHECK_KINDS.iter().copied().find(|k| k.as_str() == s)
    }
}

/// Every check kind, in pipeline order.
pub const ALL_CHECK_KINDS: &[CheckKind] = &[
    CheckKind::Format,
    CheckKind::Signature,
    CheckKind::Key,
    CheckKind::Validity,
    CheckKind::Status,
    CheckKind::Issuer,
    CheckKind::Challenge,
    CheckKind::Credentials,
    CheckKind::Holder,
];

/// The outcome of one check. `Fail` always carries a code; warnings may.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Checked and fine.
    Pass,
    /// Fine, with something the reader should know.
    Warn(Option<Code>),
    /// Checked and not fine.
    Fail(Code),
    /// Not run, because an earlier check made it meaningless.
    Skip,
}

impl Outcome {
    /// The stable string form (`pass`, `warn`, `fail`, `skip`).
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Warn(_) => "warn",
            Outcome::Fail(_) => "fail",
            Outcome::Skip => "skip",
        }
    }

    /// The code, if any.
    pub fn code(self) -> Option<Code> {
        match self {
            Outcome::Warn(c) => c,
            Outcome::Fail(c) => Some(c),
            _ => None,
        }
    }
}

/// One check in a report.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// What was checked.
    pub kind: CheckKind,
    /// How it went.
    pub outcome: Outcome,
    /// One English sentence for humans; hosts may translate from `kind`,
    /// `code` and `purpose`.
    pub detail: String,
    /// For status checks: the status purpose the check is about
    /// (`revocation`, `suspension`, `message`…), so that a host can say
    /// "not suspended" rather than a generic sentence.
    pub purpose: Option<String>,
}

/// The overall answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Every check passed or only warned.
    Valid,
    /// Something is wrong.
    Invalid,
    /// Nothing is known to be wrong, but something needed could not be had.
    Unverifiable,
}

impl Verdict {
    /// The stable string form.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Valid => "valid",
            Verdict::Invalid => "invalid",
            Verdict::Unverifiable => "unverifiable",
        }
    }
}

/// Whether the input was a credential or a presentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A verifiable credential.
    Credential,
    /// A verifiable presentation.
    Presentation,
}

impl Kind {
    /// The stable string form.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Credential => "credential",
            Kind::Presentation => "presentation",
        }
    }
}

/// A verification report.
///
/// Only the core writes reports (hosts read them, or read one back from
/// its JSON with [`Report::from_json`]), so what a host shows is what the
/// checks found; the verdict is derived, never stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub(crate) kind: Kind,
    pub(crate) checks: Vec<Check>,
    pub(crate) credential: Value,
    pub(crate) credentials: Vec<Report>,
    pub(crate) details: Object,
}

impl Report {
    /// Credential or presentation (credential when the input could not be read).
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The checks, in the order they ran.
    pub fn checks(&self) -> &[Check] {
        &self.checks
    }

    /// A display summary of the credential, read from what was signed (see
    /// [`crate::summary`]); `Null` when unreadable.
    pub fn credential(&self) -> &Value {
        &self.credential
    }

    /// For a presentation: one report per embedded credential.
    pub fn credentials(&self) -> &[Report] {
        &self.credentials
    }

    /// Technical details (proof type, verification method, format, when
    /// it was checked, the registry edition) for a disclosure.
    pub fn details(&self) -> &Object {
        &self.details
    }

    /// An empty report for `kind`.
    pub fn new(kind: Kind) -> Self {
        Report {
            kind,
            checks: Vec::new(),
            credential: Value::Null,
            credentials: Vec::new(),
            details: Object::new(),
        }
    }

    /// Adds a check.
    pub fn push(&mut self, kind: CheckKind, outcome: Outcome, detail: impl Into<String>) {
        self.checks.push(Check {
            kind,
            outcome,
            detail: detail.into(),
            purpose: None,
        });
    }

    /// Adds a status check about one status `purpose`.
    pub fn push_status(&mut self, purpose: &str, outcome: Outcome, detail: impl Into<String>) {
        self.checks.push(Check {
            kind: CheckKind::Status,
            outcome,
            detail: detail.into(),
            purpose: Some(String::from(purpose)),
        });
    }

    /// The verdict derived from the checks.
    pub fn verdict(&self) -> Verdict {
        let mut unavailable = false;
        for c in &self.checks {
            if let Outcome::Fail(code) = c.outcome {
                if code.is_unavailability() {
                    unavailable = true;
                } else {
                    return Verdict::Invalid;
                }
            }
        }
        if unavailable {
            Verdict::Unverifiable
        } else if self
            .checks
            .iter()
            .any(|c| matches!(c.outcome, Outcome::Pass))
        {
            Verdict::Valid
        } else {
            // A report with no passing check proves nothing.
            Verdict::Invalid
        }
    }

    /// The most important failing check, if the verdict is not `valid`.
    pub fn headline(&self) -> Option<&Check> {
        self.checks
            .iter()
            .filter_map(|c| match c.outcome {
                Outcome::Fail(code) => Some((code.rank(), c)),
                _ => None,
            })
            .min_by_key(|(rank, _)| *rank)
            .map(|(_, c)| c)
    }

    /// The report as a JSON value in the shape the README documents.
    pub fn to_value(&self) -> Value {
        let mut o = Object::new();
        o.insert("verdict", Value::from(self.verdict().as_str()));
        o.insert("kind", Value::from(self.kind.as_str()));
        if let Some(h) = self.headline() {
            o.insert("headline", check_value(h));
        }
        o.insert(
            "checks",
            Value::Array(self.checks.iter().map(check_value).collect()),
        );
        o.insert("credential", self.credential.clone());
        o.insert(
            "credentials",
            Value::Array(self.credentials.iter().map(Report::to_value).collect()),
        );
        o.insert("details", Value::Object(self.details.clone()));
        Value::Object(o)
    }

    /// The report as compact JSON text.
    pub fn to_json(&self) -> String {
        crate::encoding::json::to_string(&self.to_value())
    }

    /// Reads back a report from the JSON [`Report::to_json`] wrote (a host
    /// that keeps reports as plain data and shows one again later); `None`
    /// if `text` is not one. The verdict and headline are derived again,
    /// never taken from the text.
    pub fn from_json(text: &str) -> Option<Report> {
        let value =
            crate::encoding::json::parse(text.as_bytes(), crate::encoding::json::Limits::default())
                .ok()?;
        Self::from_value(&value, 0)
    }

    fn from_value(value: &Value, depth: usize) -> Option<Report> {
        // A presentation's credentials are the only nesting a report has.
        if depth >= 2 {
            return None;
        }
        let kind = match value.get("kind")?.as_str()? {
            "presentation" => Kind::Presentation,
            "credential" => Kind::Credential,
            _ => return None,
        };
        let mut r = Report::new(kind);
        for check in value.get("checks")?.as_array()? {
            let code = check
                .get("code")
                .and_then(Value::as_str)
                .and_then(Code::parse);
            let outcome = match check.get("outcome")?.as_str()? {
                "pass" => Outcome::Pass,
                "warn" => Outcome::Warn(code),
                "fail" => Outcome::Fail(code?),
                "skip" => Outcome::Skip,
                _ => return None,
            };
            let kind = CheckKind::parse(check.get("check")?.as_str()?)?;
            let detail = check.get("detail").and_then(Value::as_str).unwrap_or("");
            match check.get("purpose").and_then(Value::as_str) {
                Some(purpose) if kind == CheckKind::Status => {
                    r.push_status(purpose, outcome, detail)
                }
                _ => r.push(kind, outcome, detail),
            }
        }
        r.credential = value.get("credential").cloned().unwrap_or(Value::Null);
        for c in value
            .get("credentials")
            .and_then(Value::as_array)
            .unwrap_or(&[])
        {
            r.credentials.push(Self::from_value(c, depth + 1)?);
        }
        if let Some(details) = value.get("details").and_then(Value::as_object) {
            r.details = details.clone();
        }
        Some(r)
    }

    /// A report with `credential` as its summary: for hosts' tests that
    /// build reports by hand.
    pub fn with_credential(mut self, credential: Value) -> Report {
        self.credential = credential;
        self
    }

    /// A presentation's report with `credential`'s report inside: for
    /// hosts' tests that build reports by hand.
    pub fn with_embedded(mut self, credential: Report) -> Report {
        self.credentials.push(credential);
        self
    }
}

fn check_value(c: &Check) -> Value {
    let mut o = Object::new();
    o.insert("check", Value::from(c.kind.as_str()));
    o.insert("outcome", Value::from(c.outcome.as_str()));
    if let Some(code) = c.outcome.code() {
        o.insert("code", Value::from(code.as_str()));
    }
    if let Some(p) = &c.purpose {
        o.insert("purpose", Value::from(p.as_str()));
    }
    o.insert("detail", Value::from(c.detail.as_str()));
    Value::Object(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_is_derived_from_checks() {
        let mut r = Report::new(Kind::Credential);
        assert_eq!(r.verdict(), Verdict::Invalid, "no checks proves nothing");
        r.push(CheckKind::Signature, Outcome::Pass, "ok");
        r.push(CheckKind::Issuer, Outcome::Warn(None), "no registry");
        assert_eq!(r.verdict(), Verdict::Valid);
        r.push(
            CheckKind::Status,
            Outcome::Fail(Code::StatusUnavailable),
            "no list",
        );
        assert_eq!(r.verdict(), Verdict::Unverifiable);
        r.push(CheckKind::Validity, Outcome::Fail(Code::Expired), "expired");
        assert_eq!(r.verdict(), Verdict::Invalid);
        r.push(CheckKind::Status, Outcome::Fail(Code::Revoked), "revoked");
        assert_eq!(
            r.headline().map(|c| c.outcome),
            Some(Outcome::Fail(Code::Revoked))
        );
    }

    #[test]
    fn codes_round_trip() {
        for c in ALL_CODES {
            assert_eq!(Code::parse(c.as_str()), Some(c));
        }
    }

    #[test]
    fn a_report_reads_back_from_its_json() {
        let mut inner = Report::new(Kind::Credential);
        for (i, kind) in ALL_CHECK_KINDS.iter().enumerate() {
            let outcome = match i % 4 {
                0 => Outcome::Pass,
                1 => Outcome::Warn(None),
                2 => Outcome::Fail(ALL_CODES[i % ALL_CODES.len()]),
                _ => Outcome::Skip,
            };
            inner.push(*kind, outcome, "detail \"quoted\"");
        }
        inner.push_status("suspension", Outcome::Fail(Code::Suspended), "s");
        let inner =
            inner.with_credential(crate::encoding::json::parse_str(r#"{"name":"N"}"#).unwrap());
        let mut outer = Report::new(Kind::Presentation).with_embedded(inner.clone());
        outer.push(CheckKind::Signature, Outcome::Pass, "ok");
        outer.details.insert("format", Value::from("JSON"));
        for r in [&inner, &outer] {
            let back = Report::from_json(&r.to_json()).unwrap();
            assert_eq!(&back, r);
            assert_eq!(back.to_json(), r.to_json());
        }
        // Not a report, or nested deeper than a presentation's credentials.
        assert!(Report::from_json("{}").is_none());
        assert!(Report::from_json("[").is_none());
        let deep = Report::new(Kind::Presentation)
            .with_embedded(Report::new(Kind::Presentation).with_embedded(inner));
        assert!(Report::from_json(&deep.to_json()).is_none());
        // A failure without a code is not a report this verifier wrote.
        let no_code = r#"{"kind":"credential","checks":[{"check":"key","outcome":"fail"}]}"#;
        assert!(Report::from_json(no_code).is_none());
    }
}
