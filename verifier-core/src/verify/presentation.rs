//! Presentations: the holder's proof, then every credential inside with
//! its own report, bound to the holder.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::credential::{check_credential, not_as_signed, reading_for, JwtEnvelope};
use super::jwt::{check_jwt_signature, verify_jwt_credential_only};
use super::proofs::{bind_signer, check_challenge, check_proofs};
use super::{format_failure, Ctx};
use crate::encoding::json::{Object, Value};
use crate::model::{data_model, holder_id, node_id, types};
use crate::proof::did::{self, Purpose};
use crate::report::summary;
use crate::report::{CheckKind, Code, Kind, Outcome, Report, Verdict};

pub(super) fn verify_presentation(
    doc: &Object,
    jwt: Option<JwtEnvelope<'_>>,
    ctx: &Ctx<'_>,
    depth: usize,
) -> Report {
    let mut r = Report::new(Kind::Presentation);
    r.credential = summary::presentation(doc);
    if let Err(m) = data_model(doc) {
        r.push(
            CheckKind::Format,
            Outcome::Fail(Code::Malformed),
            format!("This is not a verifiable presentation: {m}."),
        );
        return r;
    }
    let creds = doc
        .get("verifiableCredential")
        .map(Value::one_or_many)
        .unwrap_or(&[]);
    let holder = holder_id(doc);
    // The holder whose key signed the presentation, once that is proven.
    let mut proven_holder: Option<String> = None;
    match (jwt, doc.get("proof"), holder) {
        (Some(env), _, _) => {
            let expected = holder
                .or(env.jws.payload.get("iss").and_then(Value::as_str))
                .unwrap_or_default()
                .to_string();
            if let Some(p) =
                check_jwt_signature(env.jws, &expected, Purpose::Authentication, &mut r, ctx)
            {
                p.accept(&mut r);
                proven_holder =
                    bind_signer(p.controllers(), &expected, Purpose::Authentication, &mut r);
                if proven_holder.is_some() {
                    check_challenge(&env.jws.payload, ["nonce", "aud"], &mut r, ctx);
                }
            }
        }
        (None, Some(_), Some(h)) => {
            let proven = check_proofs(doc, Purpose::Authentication, &mut r, ctx);
            let reading = proven
                .as_ref()
                .and_then(|p| reading_for(doc, p, h, &mut r, ctx).map(|reading| (p, reading)));
            if let Some((p, reading)) = reading {
                let signed_holder = holder_id(&reading);
                let signed_count = reading
                    .get("verifiableCredential")
                    .map_or(0, |v| v.one_or_many().len());
                if signed_holder != Some(h) {
                    not_as_signed(&mut r, "holder", Some(h), signed_holder);
                } else if signed_count != creds.len() {
                    r.push(
                        CheckKind::Signature,
                        Outcome::Fail(Code::NotAsSigned),
                        format!(
                            "This presentation is not in the form its holder signed: it shows {} credentials, but {signed_count} were signed.",
                            creds.len()
                        ),
                    );
                } else {
                    p.accept(&mut r);
                    r.credential = summary::presentation(&reading);
                    proven_holder =
                        bind_signer(p.controllers(), h, Purpose::Authentication, &mut r);
                }
            }
        }
        (None, Some(_), None) => {
            // VC 2.0 allows a presentation without a holder: its signature
            // still shows that it is unchanged (and answers a challenge),
            // but ties nobody to the credentials in it.
            let proven = check_proofs(doc, Purpose::Authentication, &mut r, ctx);
            let signer = proven
                .as_ref()
                .and_then(|p| p.signers.first().map(|s| s.controller.clone()));
            let reading = proven.as_ref().zip(signer).and_then(|(p, signer)| {
                reading_for(doc, p, &signer, &mut r, ctx).map(|reading| (p, reading))
            });
            if let Some((p, reading)) = reading {
                let signed_count = reading
                    .get("verifiableCredential")
                    .map_or(0, |v| v.one_or_many().len());
                if let Some(h) = holder_id(&reading) {
                    not_as_signed(&mut r, "holder", None, Some(h));
                } else if signed_count != creds.len() {
                    r.push(
                        CheckKind::Signature,
                        Outcome::Fail(Code::NotAsSigned),
                        format!(
                            "This presentation is not in the form it was signed in: it shows {} credentials, but {signed_count} were signed.",
                            creds.len()
                        ),
                    );
                } else {
                    p.accept(&mut r);
                    r.credential = summary::presentation(&reading);
                    r.push(
                        CheckKind::Key,
                        Outcome::Warn(None),
                        "The presentation names no holder: its signature shows that it is unchanged, not who presented it, so none of its credentials is tied to the presenter.",
                    );
                }
            }
        }
        (None, None, _) => {
            if ctx.options.challenge.is_some() || ctx.options.domain.is_some() {
                r.push(
                    CheckKind::Challenge,
                    Outcome::Fail(Code::InvalidSignature),
                    "A challenge or domain was asked for, but the presentation is not signed, so it cannot answer it.",
                );
            } else {
                r.push(CheckKind::Signature, Outcome::Warn(None), "The presentation itself is not signed; each credential in it is checked on its own, and nothing ties the presenter to them.");
            }
        }
    }
    if creds.len() > ctx.options.limits.max_credentials {
        r.push(
            CheckKind::Credentials,
            Outcome::Fail(Code::Malformed),
            format!(
                "Too many credentials ({}; at most {}).",
                creds.len(),
                ctx.options.limits.max_credentials
            ),
        );
        return r;
    }
    for c in creds {
        let (mut cr, reading) = embedded_credential(c, ctx, depth + 1);
        if let (Some(holder), Some(reading)) = (&proven_holder, &reading) {
            check_holder(holder, reading, &mut cr);
        }
        r.credentials.push(cr);
    }
    summarize_embedded(&mut r);
    r
}

/// A signed presentation proves something about its holder only for the
/// credentials whose subject the holder is.
pub(super) fn check_holder(holder: &str, credential: &Object, r: &mut Report) {
    let subjects: Vec<&str> = credential
        .get("credentialSubject")
        .map(Value::one_or_many)
        .unwrap_or(&[])
        .iter()
        .filter_map(node_id)
        .collect();
    let holder_did = did::did_of(holder);
    if subjects.is_empty() {
        r.push(
            CheckKind::Holder,
            Outcome::Warn(None),
            "The credential does not identify its subject, so nothing ties the presenter to the person it was issued to.",
        );
    } else if subjects.iter().any(|s| did::did_of(s) == holder_did) {
        r.push(
            CheckKind::Holder,
            Outcome::Pass,
            format!("The presenter ({holder}) is the subject of this credential."),
        );
    } else {
        r.push(
            CheckKind::Holder,
            Outcome::Fail(Code::HolderMismatch),
            format!(
                "The presenter ({holder}) is not the subject of this credential ({}): it may have been copied from someone else.",
                subjects.first().copied().unwrap_or_default()
            ),
        );
    }
}

/// A credential inside a presentation: an object, a JWT string, or a VC 2.0
/// `EnvelopedVerifiableCredential` (a `data:` URL holding a JWT). Also
/// returns its reading when its signature verified.
pub(super) fn embedded_credential(
    c: &Value,
    ctx: &Ctx<'_>,
    depth: usize,
) -> (Report, Option<Object>) {
    match c {
        Value::Object(o) if types(o).contains(&"EnvelopedVerifiableCredential") => {
            let id = o.get("id").and_then(Value::as_str).unwrap_or("");
            match id.split_once(',') {
                Some((media, jwt))
                    if media.starts_with("data:application/vc") && !media.contains(";base64") =>
                {
                    verify_jwt_credential_only(jwt, ctx)
                }
                _ => (
                    format_failure(
                        Code::Unsupported,
                        "An enveloped credential that is not a data: URL with a JWT.",
                    ),
                    None,
                ),
            }
        }
        Value::Object(o) if types(o).contains(&"VerifiablePresentation") => (
            format_failure(
                Code::Malformed,
                "A presentation cannot contain another presentation.",
            ),
            None,
        ),
        Value::Object(o) => check_credential(o, None, ctx),
        Value::String(s) if depth <= 1 => verify_jwt_credential_only(s, ctx),
        _ => (
            format_failure(
                Code::Malformed,
                "An entry of verifiableCredential is neither a credential object nor a JWT.",
            ),
            None,
        ),
    }
}

pub(super) fn summarize_embedded(r: &mut Report) {
    let n = r.credentials.len();
    if n == 0 {
        // VC 2.0 allows it: a signed one still proves who made it (for the
        // request, with a challenge); an unsigned one proves nothing.
        let signed = r
            .checks()
            .iter()
            .any(|c| c.kind == CheckKind::Signature && c.outcome == Outcome::Pass);
        if signed {
            r.push(
                CheckKind::Credentials,
                Outcome::Warn(None),
                "The presentation contains no credentials: it shows only that its signer made it.",
            );
        } else {
            r.push(
                CheckKind::Credentials,
                Outcome::Fail(Code::Malformed),
                "The presentation contains no credentials and no signature: there is nothing to check.",
            );
        }
        return;
    }
    summarize_credentials(r, "presentation");
}

/// The `credentials` check of a document holding others (a presentation,
/// a CLR): passes when every one of them is valid, else fails with the
/// code of the worst (an invalid one before one that could not be fully
/// checked), naming it. `container` names the document in the sentence.
pub(super) fn summarize_credentials(r: &mut Report, container: &str) {
    let n = r.credentials.len();
    let worst = r
        .credentials
        .iter()
        .enumerate()
        .filter(|(_, c)| c.verdict() != Verdict::Valid)
        .map(|(i, c)| {
            let code = c
                .headline()
                .and_then(|h| h.outcome.code())
                .unwrap_or(Code::Malformed);
            (i, code, c.verdict())
        })
        .min_by_key(|(_, code, verdict)| (*verdict == Verdict::Unverifiable, code.rank()));
    match worst {
        None => r.push(
            CheckKind::Credentials,
            Outcome::Pass,
            format!("All {n} credentials in the {container} are valid."),
        ),
        Some((i, code, verdict)) => r.push(
            CheckKind::Credentials,
            Outcome::Fail(code),
            format!(
                "Credential {} of {n} in the {container} {} ({}).",
                i + 1,
                if verdict == Verdict::Unverifiable {
                    "could not be fully checked"
                } else {
                    "is not valid"
                },
                code.as_str()
            ),
        ),
    }
}
