//! Credential status: revocation, suspension and status messages, from
//! [Bitstring Status List v1.0] (`BitstringStatusListEntry`) and its
//! predecessor StatusList2021 (`StatusList2021Entry`).
//!
//! A credential names one or more status entries; each points at a *status
//! list credential* by URL and at a position in it. Checking one entry:
//!
//! 1. the list credential is asked of the host by URL (sans-I/O: a missing
//!    list makes [`crate::verify`] return `Step::Need`);
//! 2. it is verified like any credential — signature, key, validity — by the
//!    same pipeline, minus its own status and membership checks;
//! 3. its type and `statusPurpose` must match the entry's;
//! 4. `encodedList` (multibase base64url of a GZIP stream) is inflated with
//!    a hard output bound: the size the GZIP trailer declares, itself capped
//!    by [`crate::Limits::max_inflated`]; the header is parsed here and the
//!    CRC-32 and length are checked, so a truncated, padded or bomb-shaped
//!    list is refused instead of half-read;
//! 5. the `statusSize` bits at `statusListIndex × statusSize` (most
//!    significant bit first) are the status.
//!
//! Anything wrong with the credential's own entry is `malformed`; anything
//! that keeps the list from being trusted or read (fetch failure, bad
//! signature, expired list, wrong purpose, damaged bitstring, index past the
//! end) is `status_unavailable`, which makes the verdict `unverifiable`: a
//! status that cannot be established is never reported as "not revoked".
//!
//! Deliberately lenient, with a warning instead of a failure, because
//! deployed issuers do these and none of them can hide a revocation: a list
//! signed by another party than the credential's issuer (allowed by the
//! spec), a list whose `id` is not the URL it was fetched from, and a list
//! shorter than the spec's 131,072-entry herd-privacy minimum.
//!
//! [Bitstring Status List v1.0]: https://www.w3.org/TR/vc-bitstring-status-list/

mod bitstring;
mod entry;
mod list;

pub use bitstring::{Bitstring, ListError, OutOfRange};
pub use entry::{Entry, EntryError, StatusMessage};
pub use list::{read_entry, LoadedList, Resolved, Unavailable};

use alloc::format;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;

use crate::encoding::json::{Number, Object, Value};
use crate::model::issuer_id;
use crate::report::{CheckKind, Code, Outcome, Report};

/// The spec's minimum number of entries in a list (herd privacy).
pub const MIN_ENTRIES: u64 = 131_072;

/// Largest `statusSize` (bits per entry) this verifier reads.
pub const MAX_STATUS_SIZE: u32 = 8;

/// Most `credentialStatus` entries checked on one credential.
pub const MAX_ENTRIES: usize = 16;

/// The two status-list families.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    /// W3C Bitstring Status List v1.0.
    Bitstring,
    /// The earlier W3C CCG StatusList2021.
    StatusList2021,
}

impl Method {
    /// The entry type (`credentialStatus.type`).
    pub fn entry_type(self) -> &'static str {
        match self {
            Method::Bitstring => "BitstringStatusListEntry",
            Method::StatusList2021 => "StatusList2021Entry",
        }
    }

    /// The type the list credential must have.
    pub fn credential_type(self) -> &'static str {
        match self {
            Method::Bitstring => "BitstringStatusListCredential",
            Method::StatusList2021 => "StatusList2021Credential",
        }
    }

    /// The type of the list credential's subject.
    pub fn list_type(self) -> &'static str {
        match self {
            Method::Bitstring => "BitstringStatusList",
            Method::StatusList2021 => "StatusList2021",
        }
    }

    fn of_entry(ty: &str) -> Option<Method> {
        match ty {
            "BitstringStatusListEntry" => Some(Method::Bitstring),
            "StatusList2021Entry" => Some(Method::StatusList2021),
            _ => None,
        }
    }
}

fn detail_value(entry: &Entry, resolved: Option<&Resolved>) -> Value {
    let mut o = Object::new();
    o.insert("url", Value::from(entry.list_url.as_str()));
    o.insert("type", Value::from(entry.method.entry_type()));
    o.insert("purpose", Value::from(entry.purpose.as_str()));
    o.insert("index", Value::Number(Number::from_u64(entry.index)));
    o.insert(
        "size",
        Value::Number(Number::from_u64(u64::from(entry.size))),
    );
    if let Some(r) = resolved {
        o.insert("value", Value::Number(Number::from_u64(u64::from(r.value))));
        if let Some(m) = entry.message(r.value) {
            o.insert("message", Value::from(m));
        }
        o.insert("issuer", Value::from(r.list_issuer.as_str()));
    }
    Value::Object(o)
}

/// The outcome and sentence for a resolved entry.
fn judge(entry: &Entry, r: &Resolved) -> (Outcome, String) {
    let at = format!("(status list {}, entry {})", entry.list_url, entry.index);
    let msg = entry
        .message(r.value)
        .map(|m| format!(": {}", crate::encoding::json::quoted(m)))
        .unwrap_or_default();
    let set = r.value != 0;
    let (outcome, sentence) = match entry.purpose.as_str() {
        "revocation" if set => (
            Outcome::Fail(Code::Revoked),
            format!("Revoked by its issuer{msg} {at}."),
        ),
        "revocation" => (Outcome::Pass, format!("Not revoked {at}.")),
        "suspension" if set => (
            Outcome::Fail(Code::Suspended),
            format!("Suspended by its issuer{msg} {at}; this may be lifted later."),
        ),
        "suspension" => (Outcome::Pass, format!("Not suspended {at}.")),
        "refresh" if set => (
            Outcome::Warn(None),
            format!("The issuer has a newer version of this credential {at}."),
        ),
        "refresh" => (Outcome::Pass, format!("No newer version announced {at}.")),
        "message" => {
            let text = entry
                .message(r.value)
                .map(crate::encoding::json::quoted)
                .unwrap_or_else(|| format!("value 0x{:x}", r.value));
            let outcome = if set { Outcome::Warn(None) } else { Outcome::Pass };
            (outcome, format!("Status message from the issuer: {text} {at}."))
        }
        other => (
            Outcome::Warn(None),
            format!(
                "The status purpose {} is not one this verifier interprets; its value is 0x{:x} {at}.",
                crate::encoding::json::quoted(other),
                r.value
            ),
        ),
    };
    if r.notes.is_empty() || matches!(outcome, Outcome::Fail(_)) {
        (outcome, sentence)
    } else {
        (
            Outcome::Warn(None),
            format!("{sentence} Note: {}.", r.notes.join("; ")),
        )
    }
}

/// Finds the status list at a URL, for one family of lists: fetched and
/// verified as a credential by the pipeline, then read with
/// [`LoadedList::from_verified`].
pub type ListLoader<'a> = dyn FnMut(&str, Method) -> Result<Rc<LoadedList>, Unavailable> + 'a;

/// Checks every `credentialStatus` entry of `doc` (signed by `doc`'s issuer)
/// and records one check per entry, plus `details.statusLists`.
pub fn check(doc: &Object, r: &mut Report, load: &mut ListLoader<'_>) {
    let Some(status) = doc.get("credentialStatus") else {
        r.push(
            CheckKind::Status,
            Outcome::Pass,
            "The credential has no status list: its issuer cannot revoke it.",
        );
        return;
    };
    let entries = status.one_or_many();
    if entries.is_empty() || entries.len() > MAX_ENTRIES {
        r.push(
            CheckKind::Status,
            Outcome::Fail(Code::Malformed),
            format!(
                "Expected 1 to {MAX_ENTRIES} credentialStatus entries, found {}.",
                entries.len()
            ),
        );
        return;
    }
    let issuer = issuer_id(doc).unwrap_or_default();
    let mut details = Vec::new();
    // Entries often share a list (revocation and suspension bits side by
    // side): each list is verified and inflated once per credential.
    let mut loaded: Vec<Result<Rc<LoadedList>, (String, Method, Unavailable)>> = Vec::new();
    for v in entries {
        let entry = match Entry::parse(v) {
            Ok(e) => e,
            Err(e @ EntryError::Malformed(_)) => {
                r.push(
                    CheckKind::Status,
                    Outcome::Fail(e.code()),
                    format!("The credential's status entry is malformed: {e}."),
                );
                continue;
            }
            Err(e) => {
                r.push(
                    CheckKind::Status,
                    Outcome::Fail(e.code()),
                    format!("The status could not be checked: {e}."),
                );
                continue;
            }
        };
        let known = loaded.iter().position(|l| match l {
            Ok(l) => l.url == entry.list_url && l.method == entry.method,
            Err((u, m, _)) => *u == entry.list_url && *m == entry.method,
        });
        let slot = match known {
            Some(i) => i,
            None => {
                loaded.push(
                    load(&entry.list_url, entry.method)
                        .map_err(|e| (entry.list_url.clone(), entry.method, e)),
                );
                loaded.len() - 1
            }
        };
        let result = match loaded.get(slot) {
            Some(Ok(list)) => read_entry(&entry, list, issuer),
            Some(Err((_, _, e))) => Err(e.clone()),
            None => Err(Unavailable(String::from("internal: list not loaded"))),
        };
        match result {
            Ok(res) => {
                let (outcome, sentence) = judge(&entry, &res);
                details.push(detail_value(&entry, Some(&res)));
                r.push_status(&entry.purpose, outcome, sentence);
            }
            Err(Unavailable(why)) => {
                details.push(detail_value(&entry, None));
                r.push_status(
                    &entry.purpose,
                    Outcome::Fail(Code::StatusUnavailable),
                    format!(
                        "{why} Whether it is {} is unknown.",
                        purpose_word(&entry.purpose)
                    ),
                );
            }
        }
    }
    if !details.is_empty() {
        r.details.insert("statusLists", Value::Array(details));
    }
}

fn purpose_word(purpose: &str) -> &str {
    match purpose {
        "revocation" => "revoked",
        "suspension" => "suspended",
        _ => "flagged",
    }
}
