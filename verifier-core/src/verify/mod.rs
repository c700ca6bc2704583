//! The verification pipeline: from decoded input to a [`Report`].
//!
//! Each credential goes through the same checks in the same order — format,
//! signature, key, validity, status, issuer — whatever envelope it came in
//! (Data Integrity proof or JWT). A presentation is checked itself and then
//! every credential inside it gets its own report.

use alloc::format;
use alloc::string::{String, ToString};

use crate::encoding::json::{Object, Value};
use crate::input::{self, Decoded, InputError};
use crate::model::{foreign_format, types};
use crate::options::Options;
use crate::report::{CheckKind, Code, Kind, Outcome, Report};
use crate::resources::{Resources, SignatureAnswer};
use crate::step::{Needs, Step};

mod clr;
mod credential;
mod jwt;
mod ob2;
mod presentation;
mod proofs;
mod trust;
mod validity;

use credential::{check_credential, verify_credential};
use jwt::verify_jwt;
pub use ob2::recipient_matches;
use presentation::verify_presentation;
pub use trust::{accepted_registry, verify_registry};

/// Verifies `input` (any supported format, detected automatically).
///
/// Returns [`Step::Need`] while documents or signature checks are missing
/// from `resources`; record fetch failures with
/// [`Resources::insert_failure`] and the report will say what could not be
/// checked.
pub fn verify(input: &[u8], options: &Options, resources: &Resources) -> Step {
    resources.take_missing();
    resources.take_unanswered();
    let report = verify_input(input, options, resources);
    let needs = Needs {
        urls: resources.take_missing(),
        signatures: resources.take_unanswered(),
    };
    if needs.is_empty() {
        Step::Done(report)
    } else {
        Step::Need(needs)
    }
}

/// Verifies with only the documents already in `resources`: anything
/// missing counts as unavailable. For hosts that cannot fetch.
pub fn verify_offline(input: &[u8], options: &Options, resources: &Resources) -> Report {
    let mut mine = resources.clone();
    loop {
        match verify(input, options, &mine) {
            Step::Done(r) => {
                // What was verified holds for the caller's next input too.
                resources.keep_work_from(&mine);
                return r;
            }
            Step::Need(needs) => {
                for u in needs.urls {
                    mine.insert_failure(u, "not available offline");
                }
                for check in needs.signatures {
                    mine.insert_signature(
                        &check,
                        SignatureAnswer::Unavailable(String::from(
                            "no signature verifier for it without a host",
                        )),
                    );
                }
            }
        }
    }
}

pub(super) struct Ctx<'a> {
    pub(super) options: &'a Options,
    pub(super) resources: &'a Resources,
    /// Verifying a document the core fetched for another check (a status
    /// list): its own status and membership are not checked, which also
    /// stops a status list from pointing at itself.
    pub(super) nested: bool,
}

/// Verifies a credential object that the core needs for another check (a
/// status-list credential, the network registry): format, signature, key
/// and validity only. Also returns, when it verified, the reading to take
/// its contents from: for an RDF-signed list, its signed data, not its JSON.
pub(crate) fn verify_fetched_credential(
    doc: &Object,
    options: &Options,
    resources: &Resources,
) -> (Report, Option<Object>) {
    let ctx = Ctx {
        options,
        resources,
        nested: true,
    };
    check_credential(doc, None, &ctx)
}

fn verify_input(input: &[u8], options: &Options, resources: &Resources) -> Report {
    let mut r = decode_and_verify(input, options, resources);
    // A record to keep says when it was made (the time the checks used).
    r.details
        .insert("checkedAt", Value::from(options.now.to_rfc3339()));
    r
}

fn decode_and_verify(input: &[u8], options: &Options, resources: &Resources) -> Report {
    let ctx = Ctx {
        options,
        resources,
        nested: false,
    };
    match input::decode(input, &options.limits, resources) {
        Ok(Decoded::Json(Value::Object(doc), format)) => {
            let mut r = if ob2::is_assertion(&doc) {
                ob2::verify_json(&doc, &ctx)
            } else if let Some(name) = foreign_format(&doc) {
                unsupported_format(name)
            } else {
                verify_document(&doc, &ctx, 0)
            };
            r.details.insert("format", Value::from(format));
            r
        }
        Ok(Decoded::Json(_, _)) => format_failure(
            Code::Malformed,
            "The input is JSON but not a credential or presentation object.",
        ),
        Ok(Decoded::Jwt(text, format)) => {
            let mut r = verify_jwt(&text, &ctx, 0);
            r.details.insert("format", Value::from(format));
            r
        }
        Err(InputError::Unavailable { url, reason }) => format_failure(
            Code::ResourceUnavailable,
            &format!("The credential at {url} could not be fetched: {reason}."),
        ),
        Err(e) => format_failure(e.code(), &e.to_string()),
    }
}

/// A well-formed document of a format this verifier does not check.
pub(super) fn unsupported_format(name: &str) -> Report {
    format_failure(
        Code::Unsupported,
        &format!("This is {name}, which this verifier does not check yet."),
    )
}

fn format_failure(code: Code, detail: &str) -> Report {
    let mut r = Report::new(Kind::Credential);
    r.push(CheckKind::Format, Outcome::Fail(code), detail);
    r
}

fn verify_document(doc: &Object, ctx: &Ctx<'_>, depth: usize) -> Report {
    if types(doc).contains(&"VerifiablePresentation") {
        verify_presentation(doc, None, ctx, depth)
    } else {
        verify_credential(doc, None, ctx)
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 15)]])
        .map(char::from)
        .collect()
}
