//! Data Integrity proofs on a document: suite, key, purpose, dates,
//! challenge and domain, and the signed reading of RDF suites.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::credential::{not_as_signed, Proven, Signer};
use super::{hex, Ctx};
use crate::encoding::json::{self, Object, Value};
use crate::ld::signed_view;
use crate::model::node_id;
use crate::proof::did::{self, Purpose};
use crate::proof::{self, ProofError};
use crate::report::{CheckKind, Code, Outcome, Report};
use crate::time::Timestamp;

/// Resolves a verification method, turning failures into report checks.
pub(super) fn resolve_method(
    vm: &str,
    purpose: Purpose,
    r: &mut Report,
    ctx: &Ctx<'_>,
) -> Option<did::Method> {
    match did::resolve(vm, purpose, ctx.resources) {
        Ok(m) => Some(m),
        Err(e) => {
            r.push(
                CheckKind::Key,
                Outcome::Fail(e.code()),
                format!("The signing key could not be used: {e}."),
            );
            None
        }
    }
}

/// Verifies every Data Integrity proof of `doc` for `purpose`; returns
/// who signed (binding them to the issuer or holder is the caller's, with
/// the reading this returns).
pub(super) fn check_proofs(
    doc: &Object,
    purpose: Purpose,
    r: &mut Report,
    ctx: &Ctx<'_>,
) -> Option<Proven> {
    let Some(proof_value) = doc.get("proof") else {
        r.push(
            CheckKind::Signature,
            Outcome::Fail(Code::Malformed),
            "There is no proof (signature) to check.",
        );
        return None;
    };
    let proofs = proof_value.one_or_many();
    if proofs.is_empty() || proofs.len() > ctx.options.limits.max_proofs {
        r.push(
            CheckKind::Signature,
            Outcome::Fail(Code::Malformed),
            format!(
                "Expected 1 to {} proofs, found {}.",
                ctx.options.limits.max_proofs,
                proofs.len()
            ),
        );
        return None;
    }
    let mut unsecured = doc.clone();
    unsecured.remove("proof");
    let mut signers: Vec<Signer> = Vec::new();
    let mut suites: Vec<Value> = Vec::new();
    let mut hashes: Vec<Value> = Vec::new();
    let mut methods: Vec<Value> = Vec::new();
    let mut warnings: Vec<String> = Vec::new();
    for p in proofs {
        let Some(p) = p.as_object() else {
            r.push(
                CheckKind::Signature,
                Outcome::Fail(Code::Malformed),
                "A proof is not an object.",
            );
            return None;
        };
        // An unsupported suite is the answer, whatever its key would be.
        if let Err(e) = proof::Suite::of(p) {
            r.push(
                CheckKind::Signature,
                Outcome::Fail(e.code()),
                signature_sentence(&e),
            );
            return None;
        }
        let vm = proof_method(p);
        if vm.is_empty() {
            r.push(
                CheckKind::Signature,
                Outcome::Fail(Code::Malformed),
                "A proof has no verificationMethod.",
            );
            return None;
        }
        let claimed = p.get("proofPurpose").and_then(Value::as_str).unwrap_or("");
        if claimed != purpose.as_str() {
            r.push(
                CheckKind::Key,
                Outcome::Fail(Code::WrongKey),
                format!(
                    "The proof's purpose is {}, but {} is required here.",
                    crate::encoding::json::quoted(claimed),
                    purpose.as_str()
                ),
            );
            return None;
        }
        if purpose == Purpose::Authentication
            && !check_challenge(p, ["challenge", "domain"], r, ctx)
        {
            return None;
        }
        let method = resolve_method(vm, purpose, r, ctx)?;
        // The bundled contexts, processed once per `Resources` (borrowed
        // only while this proof is verified, which needs nothing else).
        let contexts = ctx.resources.work().contexts.clone();
        let verified = proof::verify_detailed_with(
            &unsecured,
            p,
            proofs,
            &method.key,
            ctx.resources,
            &mut contexts.borrow_mut(),
        );
        let verified = match verified {
            Ok(v) => v,
            Err(e) => {
                r.push(
                    CheckKind::Signature,
                    Outcome::Fail(e.code()),
                    signature_sentence(&e),
                );
                return None;
            }
        };
        // The proof options that count are the signed ones.
        let signed_options = if verified.suite.signs_graph() {
            let view = match signed_reading(&verified.signed.config.quads, p, ctx) {
                Ok(v) => v,
                Err(e) => {
                    r.push(
                        CheckKind::Signature,
                        Outcome::Fail(e.code()),
                        format!("The proof's signed options cannot be read: {e}."),
                    );
                    return None;
                }
            };
            if !same_proof_options(p, &view, r) {
                return None;
            }
            view
        } else {
            p.clone()
        };
        if !check_proof_dates(&signed_options, r, ctx.options.now, &mut warnings) {
            return None;
        }
        suites.push(Value::from(verified.suite.name()));
        let half = verified.signed_hash.len() / 2;
        hashes.push(Value::from(hex(&verified.signed_hash[half..])));
        methods.push(Value::from(method.id.as_str()));
        signers.push(Signer {
            controller: method.controller,
            graph: verified
                .suite
                .signs_graph()
                .then_some(verified.signed.document.quads),
        });
    }
    let draft_suite = suites
        .iter()
        .any(|s| s.as_str() == Some(proof::Suite::Eddsa2022.name()));
    r.details.insert("proof", Value::Array(suites));
    // SHA-256 of the canonical document, per proof: what an auditor compares.
    r.details.insert("canonicalHash", Value::Array(hashes));
    r.details
        .insert("verificationMethod", Value::Array(methods));
    if draft_suite {
        warnings.insert(0, "It is signed with the draft name of its cryptosuite (eddsa-2022, standardized as eddsa-rdfc-2022); issuers should move to the standard name.".to_string());
    }
    Some(Proven {
        signers,
        notes: warnings,
    })
}

/// A proof's `verificationMethod` (a string, or an object's `id`).
pub(super) fn proof_method(p: &Object) -> &str {
    p.get("verificationMethod")
        .and_then(node_id)
        .unwrap_or_default()
}

/// The signed reading of a canonical dataset for the JSON object `of`,
/// with the bundled vocabulary built once per [`Resources`].
pub(super) fn signed_reading(
    quads: &[crate::ld::rdf::Quad],
    of: &Object,
    ctx: &Ctx<'_>,
) -> Result<Object, signed_view::ViewError> {
    let known = ctx.resources.work().vocabulary.clone();
    let vocab = match known {
        Some(v) => v,
        None => {
            let v = alloc::rc::Rc::new(signed_view::Vocabulary::bundled()?);
            ctx.resources.work().vocabulary = Some(v.clone());
            v
        }
    };
    // The top level's id is the IRI expansion gave its node (`id` is a
    // protected alias of `@id`; two keys for it are a JSON-LD error).
    let root = of
        .get("id")
        .or_else(|| of.get("@id"))
        .and_then(Value::as_str);
    signed_view::read(quads, root, &vocab)
}

/// The proof options the key was chosen by and the challenge was checked
/// against must be the ones that were signed.
pub(super) fn same_proof_options(json: &Object, signed: &Object, r: &mut Report) -> bool {
    let text = |o: &Object, k: &str| -> Option<String> {
        let v = o.get(k)?;
        Some(node_id(v).map_or_else(|| json::to_string(v), String::from))
    };
    for k in [
        "type",
        "cryptosuite",
        "verificationMethod",
        "proofPurpose",
        "challenge",
        "domain",
        "created",
        "expires",
        "nonce",
    ] {
        let (a, b) = (text(json, k), text(signed, k));
        if a != b {
            not_as_signed(r, &format!("proof's {k}"), a.as_deref(), b.as_deref());
            return false;
        }
    }
    true
}

/// Clock skew allowed for a proof `created` in the future.
pub(super) const CLOCK_SKEW_SECONDS: i64 = 300;

/// VC Data Integrity: a proof past its `expires` is not valid; one
/// `created` in the future (beyond clock skew) is suspicious.
pub(super) fn check_proof_dates(
    p: &Object,
    r: &mut Report,
    now: Timestamp,
    warnings: &mut Vec<String>,
) -> bool {
    let date = |k: &str| {
        p.get(k)
            .and_then(Value::as_str)
            .map(|s| (s, Timestamp::parse_rfc3339(s)))
    };
    if let Some((s, t)) = date("expires") {
        match t {
            Ok(t) if now > t => {
                r.push(
                    CheckKind::Signature,
                    Outcome::Fail(Code::Expired),
                    format!(
                        "The signature expired on {} (its proof's expires).",
                        t.to_rfc3339()
                    ),
                );
                return false;
            }
            Ok(_) => {}
            Err(_) => {
                r.push(
                    CheckKind::Signature,
                    Outcome::Fail(Code::Malformed),
                    format!(
                        "The proof's expires {} is not a date.",
                        crate::encoding::json::quoted(s)
                    ),
                );
                return false;
            }
        }
    }
    if let Some((s, t)) = date("created") {
        match t {
            Ok(t) if t.unix_seconds() > now.unix_seconds().saturating_add(CLOCK_SKEW_SECONDS) => {
                warnings.push(format!(
                    "The signature says it was made in the future ({}); the issuer's clock may be wrong.",
                    t.to_rfc3339()
                ));
            }
            Ok(_) => {}
            Err(_) => {
                r.push(
                    CheckKind::Signature,
                    Outcome::Fail(Code::Malformed),
                    format!(
                        "The proof's created {} is not a date.",
                        crate::encoding::json::quoted(s)
                    ),
                );
                return false;
            }
        }
    }
    true
}

pub(super) fn signature_sentence(e: &ProofError) -> String {
    match e {
        ProofError::BadSignature => {
            "The signature does not match: the content was changed after signing, or it was signed with another key."
                .to_string()
        }
        other => format!("The signature could not be checked: {other}."),
    }
}

/// The key must belong to the party the document names.
pub(super) fn bind_signer(
    signers: Vec<String>,
    expected: &str,
    purpose: Purpose,
    r: &mut Report,
) -> Option<String> {
    let role = if purpose == Purpose::AssertionMethod {
        "issuer"
    } else {
        "holder"
    };
    if let Some(s) = signers.into_iter().find(|s| s == did::did_of(expected)) {
        r.push(
            CheckKind::Key,
            Outcome::Pass,
            format!(
                "The signing key belongs to the {role} ({s}) and may be used for {}.",
                purpose.as_str()
            ),
        );
        Some(s)
    } else {
        r.push(
            CheckKind::Key,
            Outcome::Fail(Code::WrongKey),
            format!(
                "The signing key does not belong to the {role} named in the document ({expected})."
            ),
        );
        None
    }
}

/// Checks the challenge and domain a presentation proof was made for;
/// `names` are the members holding them (`challenge`/`domain` in a Data
/// Integrity proof, `nonce`/`aud` in a JWT).
pub(super) fn check_challenge(p: &Object, names: [&str; 2], r: &mut Report, ctx: &Ctx<'_>) -> bool {
    for (name, want) in [
        (names[0], &ctx.options.challenge),
        (names[1], &ctx.options.domain),
    ] {
        if let Some(want) = want {
            // A JWT audience may be a list.
            let got: Vec<&str> = p
                .get(name)
                .map(Value::one_or_many)
                .unwrap_or(&[])
                .iter()
                .filter_map(Value::as_str)
                .collect();
            if !got.contains(&want.as_str()) {
                r.push(CheckKind::Challenge, Outcome::Fail(Code::InvalidSignature), format!(
                    "The presentation was not made for this request: its {name} is {}, expected {}.",
                    crate::encoding::json::quoted(got.first().copied().unwrap_or("missing")),
                    crate::encoding::json::quoted(want)
                ));
                return false;
            }
        }
    }
    if ctx.options.challenge.is_some() || ctx.options.domain.is_some() {
        r.push(
            CheckKind::Challenge,
            Outcome::Pass,
            "The presentation was made for this request (challenge and domain match).",
        );
    }
    true
}
