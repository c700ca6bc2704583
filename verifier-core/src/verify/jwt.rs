//! Credentials and presentations as JWTs (VC-JWT 1.1, VC-JOSE 2.0):
//! the signature, the claims and their mapping to the data model.

use alloc::format;
use alloc::string::ToString;
use alloc::vec::Vec;

use super::credential::{check_credential, JwtEnvelope, Proven, Signer};
use super::presentation::verify_presentation;
use super::proofs::{resolve_method, signature_sentence};
use super::{format_failure, Ctx};
use crate::encoding::json::{Object, Value};
use crate::model::types;
use crate::proof::did::{self, Purpose};
use crate::proof::jws::Jws;
use crate::proof::key::{KeyError, PublicKey};
use crate::report::{CheckKind, Code, Kind, Outcome, Report};
use crate::time::Timestamp;

pub(super) fn verify_jwt_credential_only(text: &str, ctx: &Ctx<'_>) -> (Report, Option<Object>) {
    let (r, reading) = check_jwt(text, ctx, 1);
    if r.kind == Kind::Presentation {
        (
            format_failure(
                Code::Malformed,
                "A presentation cannot contain another presentation.",
            ),
            None,
        )
    } else {
        (r, reading)
    }
}

/// Verifies a compact JWS credential or presentation; a CLR at the top
/// also gets a report for each credential inside (see `clr`).
pub(super) fn verify_jwt(text: &str, ctx: &Ctx<'_>, depth: usize) -> Report {
    let (mut r, reading) = check_jwt(text, ctx, depth);
    if let (0, Some(reading)) = (depth, &reading) {
        // A JWT signs its JSON: the reading is the document as shown.
        super::clr::check_nested(reading, Some(reading), &mut r, ctx);
    }
    r
}

/// [`verify_jwt`], also returning a credential's reading when it verified.
pub(super) fn check_jwt(text: &str, ctx: &Ctx<'_>, depth: usize) -> (Report, Option<Object>) {
    let jws = match Jws::decode(text, ctx.options.limits.json) {
        Ok(j) => j,
        Err(e) => {
            return (format_failure(e.code(), &e.to_string()), None);
        }
    };
    let claims = &jws.payload;
    // VC-JWT (VC 1.1): the credential is in `vc` / `vp` and registered
    // claims stand for some of its members.
    if let Some(Value::Object(vc)) = claims.get("vc") {
        let doc = vc_jwt_credential(vc, claims);
        let (mut r, reading) = check_credential(&doc, Some(JwtEnvelope { jws: &jws }), ctx);
        check_jwt_times(claims, &mut r, ctx.options.now);
        return (r, reading);
    }
    if let Some(Value::Object(vp)) = claims.get("vp") {
        let mut doc = vp.clone();
        if let (None, Some(iss)) = (doc.get("holder"), claims.get("iss")) {
            doc.insert("holder", iss.clone());
        }
        let mut r = verify_presentation(&doc, Some(JwtEnvelope { jws: &jws }), ctx, depth);
        check_jwt_times(claims, &mut r, ctx.options.now);
        return (r, None);
    }
    // A signed Open Badges 2.0 assertion.
    if super::ob2::is_assertion(claims) {
        return (super::ob2::verify_signed(&jws, ctx), None);
    }
    // A signed document of another format.
    if let Some(name) = crate::model::foreign_format(claims) {
        return (super::unsupported_format(name), None);
    }
    // VC-JOSE (VC 2.0): the payload is the credential or presentation.
    if claims.contains_key("@context") {
        let (mut r, reading) = if types(claims).contains(&"VerifiablePresentation") {
            (
                verify_presentation(claims, Some(JwtEnvelope { jws: &jws }), ctx, depth),
                None,
            )
        } else {
            check_credential(claims, Some(JwtEnvelope { jws: &jws }), ctx)
        };
        check_jwt_times(claims, &mut r, ctx.options.now);
        return (r, reading);
    }
    (
        format_failure(
            Code::Malformed,
            "The JWT carries neither a vc/vp claim nor a credential.",
        ),
        None,
    )
}

/// The credential a VC-JWT stands for (VC Data Model 1.1 §6.3.1): `iss`,
/// `jti`, `sub`, `nbf`, `exp` stand for `issuer`, `id`, the subject's `id`,
/// `issuanceDate`, `expirationDate`. A member the `vc` claim leaves out, or
/// gives empty (an issuer `""` or an issuer object without `id`, as some
/// issuers write to avoid saying it twice), is taken from its claim; one
/// the `vc` claim does give is kept, and [`check_jwt_signature`] refuses a
/// JWT whose `iss` contradicts it.
pub(super) fn vc_jwt_credential(vc: &Object, claims: &Object) -> Object {
    let mut doc = vc.clone();
    let empty = |v: Option<&Value>| match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        _ => false,
    };
    let fill = |doc: &mut Object, k: &str, v: Option<Value>| {
        if let (true, Some(v)) = (empty(doc.get(k)), v) {
            doc.insert(k, v);
        }
    };
    let date = |claim: &str| {
        claims
            .get(claim)
            .and_then(Value::as_number)
            .and_then(|n| n.as_u64())
            .and_then(|s| i64::try_from(s).ok())
            .map(|s| Value::from(Timestamp::from_unix_seconds(s).to_rfc3339()))
    };
    if let Some(iss) = claims.get("iss").filter(|v| v.as_str().is_some()) {
        match doc.get("issuer") {
            // An issuer object without its id: the id is `iss`.
            Some(Value::Object(o)) if empty(o.get("id")) => {
                let mut o = o.clone();
                o.insert("id", iss.clone());
                doc.insert("issuer", Value::Object(o));
            }
            _ => fill(&mut doc, "issuer", Some(iss.clone())),
        }
    }
    fill(&mut doc, "id", claims.get("jti").cloned());
    fill(
        &mut doc,
        "issuanceDate",
        date("nbf").or_else(|| date("iat")),
    );
    fill(&mut doc, "expirationDate", date("exp"));
    if let (Some(sub), Some(Value::Object(subject))) =
        (claims.get("sub"), doc.get("credentialSubject"))
    {
        if empty(subject.get("id")) {
            let mut s = subject.clone();
            s.insert("id", sub.clone());
            doc.insert("credentialSubject", Value::Object(s));
        }
    }
    doc
}

/// JWT `nbf` / `exp` bound validity even when the credential says otherwise.
pub(super) fn check_jwt_times(claims: &Object, r: &mut Report, now: Timestamp) {
    let secs = |k: &str| claims.get(k).and_then(Value::as_number).map(|n| n.as_f64());
    let now_s = now.unix_seconds() as f64;
    if secs("exp").is_some_and(|e| now_s > e) {
        r.push(
            CheckKind::Validity,
            Outcome::Fail(Code::Expired),
            "The JWT has expired (exp).",
        );
    } else if secs("nbf").is_some_and(|n| now_s < n) {
        r.push(
            CheckKind::Validity,
            Outcome::Fail(Code::NotYetValid),
            "The JWT is not valid yet (nbf).",
        );
    }
}

pub(super) fn check_jwt_signature(
    jws: &Jws,
    expected: &str,
    purpose: Purpose,
    r: &mut Report,
    ctx: &Ctx<'_>,
) -> Option<Proven> {
    // An algorithm we do not support is the answer, whatever its key would be.
    if let Err(e) = jws.usable() {
        r.push(
            CheckKind::Signature,
            Outcome::Fail(e.code()),
            format!("The signature could not be checked: {e}."),
        );
        return None;
    }
    let iss = jws.payload.get("iss").and_then(Value::as_str);
    if let Some(iss) = iss {
        if iss != expected {
            r.push(
                CheckKind::Key,
                Outcome::Fail(Code::WrongKey),
                format!("The JWT issuer ({iss}) is not the one the credential names ({expected})."),
            );
            return None;
        }
    }
    let base = iss.unwrap_or(expected);
    let vm = match jws.kid() {
        Some(kid) if kid.starts_with('#') => format!("{}{kid}", did::did_of(base)),
        Some(kid) if kid.starts_with("did:") => kid.to_string(),
        // did:key and did:jwk have one key each, so no kid is needed.
        _ if base.starts_with("did:key:") || base.starts_with("did:jwk:") => base.to_string(),
        _ if jws.header.contains_key("jwk") => return check_embedded_key(jws, r, ctx),
        _ => {
            r.push(
                CheckKind::Key,
                Outcome::Fail(Code::Malformed),
                "The JWT has no usable kid to find the signing key.",
            );
            return None;
        }
    };
    let method = resolve_method(&vm, purpose, r, ctx)?;
    if let Err(e) = jws.verify(&method.key, ctx.resources) {
        r.push(
            CheckKind::Signature,
            Outcome::Fail(e.code()),
            signature_sentence(&e),
        );
        return None;
    }
    record_jws(jws, method.id.as_str(), r);
    Some(Proven {
        signers: alloc::vec![Signer {
            controller: method.controller,
            graph: None,
        }],
        notes: Vec::new(),
    })
}

/// Who signs with the key of a `jwk` header: nobody in particular.
const EMBEDDED_KEY: &str = "(the key in the JWT's own jwk header)";

/// A JWT that carries its own key (`jwk` header) and names no key of its
/// issuer. The signature can be checked, and shows the content unchanged;
/// but anyone can sign with a key of their own, so it says nothing about
/// who issued it, and the key check fails (unless the issuer *is* that key,
/// a `did:jwk`, which resolves without the header).
fn check_embedded_key(jws: &Jws, r: &mut Report, ctx: &Ctx<'_>) -> Option<Proven> {
    let key = match jws.header.get("jwk").map(PublicKey::from_jwk) {
        Some(Ok(key)) => key,
        Some(Err(e)) => {
            r.push(
                CheckKind::Key,
                Outcome::Fail(match e {
                    KeyError::Malformed(_) => Code::Malformed,
                    KeyError::Unsupported(_) => Code::Unsupported,
                }),
                format!("The key in the JWT's jwk header cannot be used: {e}."),
            );
            return None;
        }
        None => return None,
    };
    if let Err(e) = jws.verify(&key, ctx.resources) {
        r.push(
            CheckKind::Signature,
            Outcome::Fail(e.code()),
            signature_sentence(&e),
        );
        return None;
    }
    record_jws(jws, "jwk header", r);
    Some(Proven {
        signers: alloc::vec![Signer {
            controller: EMBEDDED_KEY.to_string(),
            graph: None,
        }],
        notes: alloc::vec![
            "It was signed with a key carried inside the JWT itself (its jwk header): that shows the content is unchanged, not who signed it, since anyone can sign with a key of their own.".to_string()
        ],
    })
}

/// The report's details on a JWS signature that verified.
fn record_jws(jws: &Jws, method: &str, r: &mut Report) {
    let alg = jws.algorithm().map_or("?", |a| a.jose_name());
    r.details.insert(
        "proof",
        Value::Array(alloc::vec![Value::from(format!("JWS ({alg})"))]),
    );
    r.details.insert(
        "verificationMethod",
        Value::Array(alloc::vec![Value::from(method)]),
    );
}
