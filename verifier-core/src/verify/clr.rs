//! CLR 2.0 (1EdTech Comprehensive Learner Record): a `ClrCredential` whose
//! subject (`ClrSubject`) carries the learner's credentials in
//! `verifiableCredential`, each with its own proof, beside `achievement` and
//! `association` lists.
//!
//! The record is checked like any credential. Then every credential inside
//! gets its own full report in the outer report's `credentials` (the list a
//! presentation's credentials go to), at most `limits.max_credentials` of
//! them, and a `credentials` check sums them up with the presentations' rule:
//! it passes when every one is valid and otherwise fails with the code of the
//! worst one (an invalid credential before one that could not be checked). So
//! a record whose own checks pass is `valid` only when all its credentials
//! are; a tampered, revoked or expired credential inside makes it `invalid`,
//! one that could not be checked `unverifiable`.
//!
//! Which credentials are inside is what the record's issuer signed, never
//! the text alone. For a suite that signs the JSON (JCS) the signed reading
//! *is* the JSON, and its entries are checked as they are. For a suite that
//! signs a graph (RDFC) the credentials are nodes of the record's signed
//! graph (the CLR context's `verifiableCredential` is a plain set, not a
//! graph container), which cannot be checked against their own proofs: the
//! entries of the text are checked instead, and each must be one the record
//! signed (the same number of entries; an object by its `id`, a JWT by its
//! exact text), and what the credential's own signed reading says of its
//! `id`, type, issuer, name, dates and subject must be what the record's
//! signed data says of it. A record whose signature did not verify opens no
//! credentials (nothing shows what its issuer put in it).
//!
//! Only the record at the top of a report is opened (the hook is in
//! `verify_credential`): a record inside a presentation or inside another
//! record is checked as a credential, its own credentials are not, which
//! also bounds the work and keeps reports one level deep.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::presentation::{embedded_credential, summarize_credentials};
use super::Ctx;
use crate::encoding::json::{quoted, Object, Value};
use crate::model::{issuer_id, node_id, types};
use crate::report::{CheckKind, Code, Outcome, Report};

const CLR: &str = "ClrCredential";

/// Checks the credentials inside a CLR; nothing for any other credential.
/// `reading` is the record's signed reading when its signature verified
/// and its key is the issuer's.
pub(super) fn check_nested(doc: &Object, reading: Option<&Object>, r: &mut Report, ctx: &Ctx<'_>) {
    let Some(reading) = reading else {
        if types(doc).contains(&CLR) && !entries(doc).is_empty() {
            r.push(
                CheckKind::Credentials,
                Outcome::Skip,
                "Not checked, because the record's signature could not be verified: nothing shows which credentials its issuer put in it.",
            );
        }
        return;
    };
    if !types(reading).contains(&CLR) {
        return;
    }
    let signed = entries(reading);
    let shown = entries(doc);
    let max = ctx.options.limits.max_credentials;
    let n = signed.len().max(shown.len());
    if n > max {
        r.push(
            CheckKind::Credentials,
            Outcome::Fail(Code::Malformed),
            format!("Too many credentials in the record ({n}; at most {max})."),
        );
        return;
    }
    if n == 0 {
        r.push(
            CheckKind::Credentials,
            Outcome::Warn(None),
            "The record holds no credentials of its own: only what its issuer says was checked.",
        );
        return;
    }
    // The JSON itself was signed (JCS): its entries are the signed ones.
    if reading == doc {
        for entry in &signed {
            let (cr, _) = embedded_credential(entry, ctx, 1);
            r.credentials.push(cr);
        }
        summarize_credentials(r, "record");
        return;
    }
    if shown.len() != signed.len() {
        r.push(
            CheckKind::Credentials,
            Outcome::Fail(Code::NotAsSigned),
            format!(
                "This record is not in the form its issuer signed: it shows {} credentials, but {} were signed.",
                shown.len(),
                signed.len()
            ),
        );
        return;
    }
    let mut used = alloc::vec![false; signed.len()];
    for entry in &shown {
        let (mut cr, own) = embedded_credential(entry, ctx, 1);
        match find_signed(entry, own.as_ref(), &signed, &used) {
            Some(i) => {
                used[i] = true;
                if let (Value::Object(node), Some(own)) = (signed[i], &own) {
                    if let Some((what, json, in_record)) = differs(own, node) {
                        cr.push(
                            CheckKind::Signature,
                            Outcome::Fail(Code::NotAsSigned),
                            format!(
                                "The record's issuer signed something else for this credential: its {what} reads {json} in the credential, but {in_record} in the record's signed data."
                            ),
                        );
                    }
                }
            }
            None => cr.push(
                CheckKind::Signature,
                Outcome::Fail(Code::NotAsSigned),
                "This credential is not one of those the record's issuer signed.",
            ),
        }
        r.credentials.push(cr);
    }
    summarize_credentials(r, "record");
}

/// The `verifiableCredential` entries of every subject of `doc`.
fn entries(doc: &Object) -> Vec<&Value> {
    doc.get("credentialSubject")
        .map(Value::one_or_many)
        .unwrap_or(&[])
        .iter()
        .filter_map(Value::as_object)
        .flat_map(|s| {
            s.get("verifiableCredential")
                .map(Value::one_or_many)
                .unwrap_or(&[])
        })
        .collect()
}

/// The unused signed entry that `entry` of the text stands for: the same
/// JWT text, the node with its `id`, or (for a credential without one) an
/// unnamed node, preferably one that says the same as its own reading.
fn find_signed(
    entry: &Value,
    own: Option<&Object>,
    signed: &[&Value],
    used: &[bool],
) -> Option<usize> {
    let free = || (0..signed.len()).filter(|&i| !used[i]);
    match entry {
        Value::String(s) => free().find(|&i| signed[i].as_str() == Some(s.as_str())),
        Value::Object(o) => match o.get("id") {
            Some(id) => {
                free().find(|&i| matches!(signed[i], Value::Object(n) if n.get("id") == Some(id)))
            }
            None => {
                let unnamed =
                    |i: &usize| matches!(signed[*i], Value::Object(n) if !n.contains_key("id"));
                own.and_then(|own| {
                    free().filter(unnamed).find(
                        |&i| matches!(signed[i], Value::Object(n) if differs(own, n).is_none()),
                    )
                })
                .or_else(|| free().find(unnamed))
            }
        },
        _ => None,
    }
}

/// The first of the fields a report shows of a credential on which its own
/// signed reading and the record's signed data disagree: (field, value in
/// the credential, value in the record).
fn differs(own: &Object, in_record: &Object) -> Option<(&'static str, String, String)> {
    fn show(v: Option<&Value>) -> String {
        v.map_or_else(|| String::from("nothing"), crate::encoding::json::to_string)
    }
    /// A list of texts as a reader sees it: `["a", "b"]`.
    fn texts(items: &[&str]) -> String {
        let quoted: Vec<String> = items.iter().map(|s| quoted(s)).collect();
        format!("[{}]", quoted.join(", "))
    }
    fn list<'a>(v: Option<&'a Value>, f: impl Fn(&'a Value) -> Option<&'a str>) -> Vec<&'a str> {
        let mut out: Vec<&str> = v
            .map(Value::one_or_many)
            .unwrap_or(&[])
            .iter()
            .filter_map(f)
            .collect();
        crate::encoding::sort::sort(&mut out);
        out
    }
    for key in [
        "id",
        "name",
        "validFrom",
        "validUntil",
        "issuanceDate",
        "expirationDate",
    ] {
        if own.get(key) != in_record.get(key) {
            return Some((key, show(own.get(key)), show(in_record.get(key))));
        }
    }
    let (a, b) = (
        list(own.get("type"), Value::as_str),
        list(in_record.get("type"), Value::as_str),
    );
    if a != b {
        return Some(("type", texts(&a), texts(&b)));
    }
    if issuer_id(own) != issuer_id(in_record) {
        return Some((
            "issuer",
            issuer_id(own).map_or_else(|| "nothing".into(), quoted),
            issuer_id(in_record).map_or_else(|| "nothing".into(), quoted),
        ));
    }
    let (a, b) = (
        list(own.get("credentialSubject"), node_id),
        list(in_record.get("credentialSubject"), node_id),
    );
    if a != b {
        return Some(("subject", texts(&a), texts(&b)));
    }
    None
}
