//! One credential: shape, signatures, the reading the checks use (what was
//! signed, never a JSON the signature does not cover), then validity,
//! status and issuer.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::jwt::check_jwt_signature;
use super::proofs::{bind_signer, check_proofs, signed_reading};
use super::trust::{check_issuer, check_status};
use super::validity::check_validity;
use super::Ctx;
use crate::encoding::json::{Object, Value};
use crate::model::{credential_shape, issuer_id};
use crate::proof::did::{self, Purpose};
use crate::proof::jws::Jws;
use crate::report::summary;
use crate::report::{CheckKind, Code, Kind, Outcome, Report};

/// A credential signed by a JWT rather than an embedded proof.
pub(super) struct JwtEnvelope<'a> {
    pub(super) jws: &'a Jws,
}

pub(super) fn verify_credential(
    doc: &Object,
    jwt: Option<JwtEnvelope<'_>>,
    ctx: &Ctx<'_>,
) -> Report {
    let (mut r, reading) = check_credential(doc, jwt, ctx);
    // A CLR's credentials, each with its own report (see `clr`).
    super::clr::check_nested(doc, reading.as_ref(), &mut r, ctx);
    r
}

/// What the signatures of a document established: one entry per proof.
/// The signature rows go into the report only once the caller has
/// accepted the document as what was signed ([`Proven::accept`]), so a
/// document whose JSON says something else never reads "matches" too.
pub(super) struct Proven {
    pub(super) signers: Vec<Signer>,
    /// Remarks on the proofs (a draft suite name, a future `created`).
    pub(super) notes: Vec<String>,
}

/// One proof that verified.
pub(super) struct Signer {
    /// The controller of the key that signed.
    pub(super) controller: String,
    /// What its signature pins: `None` for the JSON itself (JCS, JWT),
    /// else the canonical dataset of an RDF suite.
    pub(super) graph: Option<Vec<crate::ld::rdf::Quad>>,
}

impl Proven {
    pub(super) fn controllers(&self) -> Vec<String> {
        self.signers.iter().map(|s| s.controller.clone()).collect()
    }

    /// Reports the signature as matching, with its remarks.
    pub(super) fn accept(&self, r: &mut Report) {
        r.push(
            CheckKind::Signature,
            Outcome::Pass,
            "The signature matches: nobody has changed this since it was signed.",
        );
        for note in &self.notes {
            r.push(CheckKind::Signature, Outcome::Warn(None), note.as_str());
        }
    }
}

/// The reading every check after the signature uses, taken from a proof by
/// `expected` (the issuer or holder the JSON names): the JSON itself when
/// such a proof signs the JSON (JCS, JWT), else that proof's signed reading
/// ([`signed_view`], with the JSON's `@context`, which names the data
/// model). A proof by anyone else never decides what is read: a second
/// proof by another key over a rewritten JSON must not replace what the
/// issuer signed. Without a proof by `expected` the key check fails anyway.
/// `None` when the signed data cannot be read (the failure is reported).
pub(super) fn reading_for(
    doc: &Object,
    proven: &Proven,
    expected: &str,
    r: &mut Report,
    ctx: &Ctx<'_>,
) -> Option<Object> {
    let did = did::did_of(expected);
    let mine: Vec<&Signer> = proven
        .signers
        .iter()
        .filter(|s| s.controller == did)
        .collect();
    let graph = match mine.as_slice() {
        [] => return Some(doc.clone()),
        signers if signers.iter().any(|s| s.graph.is_none()) => return Some(doc.clone()),
        [first, ..] => first.graph.as_deref().unwrap_or_default(),
    };
    match signed_reading(graph, doc, ctx) {
        Ok(mut view) => {
            if let Some(c) = doc.get("@context") {
                view.insert("@context", c.clone());
            }
            Some(view)
        }
        Err(e) => {
            r.push(
                CheckKind::Signature,
                Outcome::Fail(e.code()),
                format!("This document is not in a form that can be checked: {e}."),
            );
            None
        }
    }
}

/// Reports a document whose JSON names `what` differently from its signed data.
pub(super) fn not_as_signed(r: &mut Report, what: &str, json: Option<&str>, signed: Option<&str>) {
    r.push(
        CheckKind::Signature,
        Outcome::Fail(Code::NotAsSigned),
        format!(
            "This document is not in the form its signer signed: its {what} reads {} in the text, but {} in the signed data. Ask the issuer for the original.",
            json.map_or("nothing".to_string(), crate::encoding::json::quoted),
            signed.map_or("nothing".to_string(), crate::encoding::json::quoted),
        ),
    );
}

/// Verifies a credential; also returns, when its signature verified, the
/// reading the checks used (see [`reading_for`]).
pub(super) fn check_credential(
    doc: &Object,
    jwt: Option<JwtEnvelope<'_>>,
    ctx: &Ctx<'_>,
) -> (Report, Option<Object>) {
    let mut r = Report::new(Kind::Credential);
    r.credential = summary::credential(doc);
    let version = match credential_shape(doc) {
        Ok(v) => v,
        Err(m) => {
            r.push(CheckKind::Format, Outcome::Fail(Code::Malformed), m);
            return (r, None);
        }
    };
    r.details.insert("dataModel", Value::from(version.as_str()));
    // Safe: credential_shape checked the issuer.
    let issuer = issuer_id(doc).unwrap_or_default();
    let proven = match jwt {
        Some(env) => check_jwt_signature(env.jws, issuer, Purpose::AssertionMethod, &mut r, ctx),
        None => check_proofs(doc, Purpose::AssertionMethod, &mut r, ctx),
    };
    let Some(proven) = proven else {
        check_validity(doc, &mut r, ctx.options.now);
        skip_trust_checks(&mut r);
        return (r, None);
    };
    let Some(reading) = reading_for(doc, &proven, issuer, &mut r, ctx) else {
        return (r, None);
    };
    if let Err(m) = credential_shape(&reading) {
        r.push(
            CheckKind::Signature,
            Outcome::Fail(Code::NotAsSigned),
            format!("This document is not in the form its signer signed: in the signed data, {m}"),
        );
        return (r, None);
    }
    let signed_issuer = issuer_id(&reading);
    if signed_issuer != Some(issuer) {
        not_as_signed(&mut r, "issuer", Some(issuer), signed_issuer);
        return (r, None);
    }
    proven.accept(&mut r);
    r.credential = summary::credential(&reading);
    let bound = bind_signer(
        proven.controllers(),
        issuer,
        Purpose::AssertionMethod,
        &mut r,
    );
    check_validity(&reading, &mut r, ctx.options.now);
    // Status and membership only mean something for a genuinely signed credential.
    if ctx.nested {
        // Checked by the caller, which knows what the document is for.
    } else if bound.is_some() {
        check_status(&reading, &mut r, ctx);
        check_issuer(&reading, issuer, &mut r, ctx);
    } else {
        skip_trust_checks(&mut r);
    }
    let reading = bound.map(|_| reading);
    (r, reading)
}

pub(super) fn skip_trust_checks(r: &mut Report) {
    for kind in [CheckKind::Status, CheckKind::Issuer] {
        r.push(
            kind,
            Outcome::Skip,
            "Not checked, because the signature could not be verified.",
        );
    }
}
