//! Open Badges 2.0 assertions: hosted and signed, with their badge class,
//! issuer profile, keys and revocation, reported in the same checks and
//! summary as the credentials of the VC data model.
//!
//! Open Badges 2.0 predates Verifiable Credentials: its trust comes from
//! the issuer's web server, not from a signature on a graph.
//!
//! - **Hosted**: the assertion's `id` is an HTTPS URL on the issuer's
//!   site. The assertion counts as the issuer's own only as the issuer's
//!   server serves it there: the copy is fetched (the host fetches, the
//!   core decides) and must equal what was given, and its address must be
//!   one the issuer profile allows (`verification.allowedOrigins` /
//!   `startsWith`; by default the origin of the profile's id). Revoked is
//!   the served copy's `revoked`.
//! - **Signed**: a compact JWS whose payload is the assertion, verified
//!   with the key its `verification.creator` names; the key document's
//!   `owner` must be the issuer profile, which must list the key. Revoked
//!   is the profile's `revocationList`.
//!
//! Either way the badge class and the profile are fetched from their ids
//! (HTTPS only), so everything the report shows comes from the issuer's
//! site. A recipient identity that is hashed is shown as hashed;
//! [`recipient_matches`] lets a host check an address against it.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use sha2::{Digest, Sha256};

use super::credential::skip_trust_checks;
use super::proofs::signature_sentence;
use super::trust::check_issuer;
use super::validity::check_validity;
use super::Ctx;
use crate::encoding::json::{self, Object, Value};
use crate::model::node_id;
use crate::proof::jws::Jws;
use crate::proof::key::PublicKey;
use crate::report::{summary, CheckKind, Code, Kind, Outcome, Report};
use crate::resources::Lookup;

/// The Open Badges 2.0 context.
pub const OB2_CONTEXT: &str = "https://w3id.org/openbadges/v2";

/// Whether `doc` is an Open Badges 2.0 assertion this module checks.
pub(super) fn is_assertion(doc: &Object) -> bool {
    let context_ok = doc
        .get("@context")
        .map(Value::one_or_many)
        .unwrap_or(&[])
        .iter()
        .any(|c| c.as_str() == Some(OB2_CONTEXT));
    context_ok && crate::model::types(doc).contains(&"Assertion")
}

/// How the assertion's authenticity is established.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Verification {
    Hosted,
    Signed,
}

fn verification_type(doc: &Object) -> Option<Verification> {
    let v = doc.get("verification").or(doc.get("verify"))?;
    let t = v.get("type").and_then(Value::as_str)?;
    match t {
        "hosted" | "HostedBadge" => Some(Verification::Hosted),
        "signed" | "SignedBadge" => Some(Verification::Signed),
        _ => None,
    }
}

/// Verifies an assertion given as JSON (hosted verification).
pub(super) fn verify_json(given: &Object, ctx: &Ctx<'_>) -> Report {
    let mut r = new_report(given);
    match verification_type(given) {
        Some(Verification::Hosted) => {}
        Some(Verification::Signed) => {
            r.push(
                CheckKind::Signature,
                Outcome::Fail(Code::Malformed),
                "This Open Badges 2.0 assertion is signed, but only its JSON was given: give the signed badge (the baked image, or its JWS) to check its signature.",
            );
            skip_trust_checks(&mut r);
            return r;
        }
        None => {
            r.push(
                CheckKind::Format,
                Outcome::Fail(Code::Malformed),
                "The assertion says neither hosted nor signed verification.",
            );
            return r;
        }
    }
    let Some(url) = given.get("id").and_then(Value::as_str) else {
        r.push(
            CheckKind::Format,
            Outcome::Fail(Code::Malformed),
            "A hosted assertion must have its address as id.",
        );
        return r;
    };
    let served = match fetch(url, "assertion", &mut r, ctx) {
        Some(o) => o,
        None => {
            skip_trust_checks(&mut r);
            return r;
        }
    };
    if served.get("id").and_then(Value::as_str) != Some(url) {
        r.push(
            CheckKind::Signature,
            Outcome::Fail(Code::NotAsSigned),
            format!("The issuer's server does not serve this assertion at {url} (the copy there has another id)."),
        );
        skip_trust_checks(&mut r);
        return r;
    }
    if Value::Object(served.clone()) != Value::Object(given.clone()) {
        r.push(
            CheckKind::Signature,
            Outcome::Fail(Code::NotAsSigned),
            format!("This assertion differs from the one the issuer's server serves at {url}: it was changed after it was issued. Ask the issuer for the original."),
        );
        skip_trust_checks(&mut r);
        return r;
    }
    r.credential = summary::credential(&view(&served, None, None));
    let Some((badge, profile)) = badge_and_profile(&served, &mut r, ctx) else {
        skip_trust_checks(&mut r);
        return r;
    };
    r.credential = summary::credential(&view(&served, Some(&badge), Some(&profile)));
    r.push(
        CheckKind::Signature,
        Outcome::Pass,
        format!("The issuer's server serves this assertion, unchanged, at {url}."),
    );
    let issuer = profile_id(&profile);
    if !hosted_on_allowed_origin(url, &profile, &mut r) {
        skip_trust_checks(&mut r);
        return r;
    }
    finish(&served, &badge, &profile, &issuer, None, &mut r, ctx);
    r
}

/// Verifies an assertion given as a compact JWS (signed verification).
pub(super) fn verify_signed(jws: &Jws, ctx: &Ctx<'_>) -> Report {
    let assertion = &jws.payload;
    let mut r = new_report(assertion);
    if verification_type(assertion) != Some(Verification::Signed) {
        r.push(
            CheckKind::Format,
            Outcome::Fail(Code::Malformed),
            "The assertion is a JWS but does not say signed verification.",
        );
        return r;
    }
    if let Err(e) = jws.usable() {
        r.push(
            CheckKind::Signature,
            Outcome::Fail(e.code()),
            format!("The signature could not be checked: {e}."),
        );
        skip_trust_checks(&mut r);
        return r;
    }
    let creator = assertion
        .get("verification")
        .and_then(|v| v.get("creator"))
        .and_then(node_id)
        .or_else(|| jws.kid());
    let Some(creator) = creator else {
        r.push(
            CheckKind::Key,
            Outcome::Fail(Code::Malformed),
            "The signed assertion does not name its key (verification.creator).",
        );
        skip_trust_checks(&mut r);
        return r;
    };
    let Some(key_doc) = fetch(creator, "key", &mut r, ctx) else {
        skip_trust_checks(&mut r);
        return r;
    };
    let key = match key_doc.get("publicKeyPem").and_then(Value::as_str) {
        Some(pem) => PublicKey::from_pem(pem),
        None => Err(crate::proof::key::KeyError::Malformed(String::from(
            "the key document has no publicKeyPem",
        ))),
    };
    let key = match key {
        Ok(k) => k,
        Err(e) => {
            let code = match e {
                crate::proof::key::KeyError::Malformed(_) => Code::Malformed,
                crate::proof::key::KeyError::Unsupported(_) => Code::Unsupported,
            };
            r.push(
                CheckKind::Key,
                Outcome::Fail(code),
                format!("The signing key at {creator} cannot be used: {e}."),
            );
            skip_trust_checks(&mut r);
            return r;
        }
    };
    if let Err(e) = jws.verify(&key, ctx.resources) {
        r.push(
            CheckKind::Signature,
            Outcome::Fail(e.code()),
            signature_sentence(&e),
        );
        skip_trust_checks(&mut r);
        return r;
    }
    let Some((badge, profile)) = badge_and_profile(assertion, &mut r, ctx) else {
        skip_trust_checks(&mut r);
        return r;
    };
    r.credential = summary::credential(&view(assertion, Some(&badge), Some(&profile)));
    r.push(
        CheckKind::Signature,
        Outcome::Pass,
        "The signature matches: nobody has changed this since it was signed.",
    );
    let alg = jws.algorithm().map_or("?", |a| a.jose_name());
    r.details.insert(
        "proof",
        Value::Array(alloc::vec![Value::from(format!("JWS ({alg})"))]),
    );
    r.details.insert(
        "verificationMethod",
        Value::Array(alloc::vec![Value::from(creator)]),
    );
    let issuer = profile_id(&profile);
    // The key is the issuer's only if both say so: the key names the
    // profile as its owner, and the profile lists the key.
    let owner = key_doc.get("owner").and_then(node_id);
    let listed = profile
        .get("publicKey")
        .map(Value::one_or_many)
        .unwrap_or(&[])
        .iter()
        .any(|k| node_id(k) == Some(creator));
    if owner != Some(issuer.as_str()) || !listed {
        r.push(
            CheckKind::Key,
            Outcome::Fail(Code::WrongKey),
            format!(
                "The signing key ({creator}) is not one the issuer ({issuer}) lists as its own."
            ),
        );
        skip_trust_checks(&mut r);
        return r;
    }
    r.push(
        CheckKind::Key,
        Outcome::Pass,
        format!("The signing key belongs to the issuer ({issuer}), which lists it."),
    );
    let revocation_list = profile.get("revocationList").and_then(node_id);
    finish(
        assertion,
        &badge,
        &profile,
        &issuer,
        revocation_list,
        &mut r,
        ctx,
    );
    r
}

fn new_report(assertion: &Object) -> Report {
    let mut r = Report::new(Kind::Credential);
    r.credential = summary::credential(&view(assertion, None, None));
    r.details
        .insert("dataModel", Value::from("Open Badges 2.0"));
    if let Some(recipient) = assertion.get("recipient").and_then(Value::as_object) {
        let mut shown = Object::new();
        for k in ["type", "hashed", "salt", "identity"] {
            if let Some(v) = recipient.get(k) {
                shown.insert(k, v.clone());
            }
        }
        r.details.insert("recipient", Value::Object(shown));
    }
    r
}

/// Validity, revocation and membership, once the assertion is the issuer's.
fn finish(
    assertion: &Object,
    badge: &Object,
    profile: &Object,
    issuer: &str,
    revocation_list: Option<&str>,
    r: &mut Report,
    ctx: &Ctx<'_>,
) {
    let view = view(assertion, Some(badge), Some(profile));
    check_validity(&view, r, ctx.options.now);
    check_revocation(assertion, revocation_list, r, ctx);
    check_issuer(&view, issuer, r, ctx);
}

/// The badge class (fetched from its id, or embedded in what the issuer's
/// server or signature vouches for) and the issuer profile, always as the
/// issuer serves it at its id: a profile embedded in the badge is written
/// by whoever wrote the badge, so it could claim any issuer's id and allow
/// any server or key.
fn badge_and_profile(
    assertion: &Object,
    r: &mut Report,
    ctx: &Ctx<'_>,
) -> Option<(Object, Object)> {
    let badge = match assertion.get("badge") {
        Some(Value::String(url)) => fetch(url, "badge class", r, ctx)?,
        Some(Value::Object(o)) => o.clone(),
        _ => {
            r.push(
                CheckKind::Format,
                Outcome::Fail(Code::Malformed),
                "The assertion names no badge.",
            );
            return None;
        }
    };
    let Some(url) = badge.get("issuer").and_then(node_id) else {
        r.push(
            CheckKind::Format,
            Outcome::Fail(Code::Malformed),
            "The badge class names no issuer.",
        );
        return None;
    };
    let profile = fetch(url, "issuer profile", r, ctx)?;
    if profile.get("id").and_then(Value::as_str) != Some(url) {
        r.push(
            CheckKind::Key,
            Outcome::Fail(Code::WrongKey),
            format!("The issuer profile served at {url} has another id."),
        );
        return None;
    }
    Some((badge, profile))
}

fn profile_id(profile: &Object) -> String {
    profile
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The hosted verification policy of Open Badges 2.0: the assertion's
/// address must be on an origin the issuer allows (by default its
/// profile's own) and start with an allowed prefix, if any are given.
fn hosted_on_allowed_origin(url: &str, profile: &Object, r: &mut Report) -> bool {
    let policy = profile.get("verification");
    let list = |k: &str| -> Vec<&str> {
        policy
            .and_then(|p| p.get(k))
            .map(Value::one_or_many)
            .unwrap_or(&[])
            .iter()
            .filter_map(Value::as_str)
            .collect()
    };
    let mut allowed = list("allowedOrigins");
    let own = host_of(&profile_id(profile)).map(String::from);
    if allowed.is_empty() {
        allowed.extend(own.as_deref());
    }
    let host = host_of(url);
    let starts = list("startsWith");
    let ok = host.is_some_and(|h| allowed.contains(&h))
        && (starts.is_empty() || starts.iter().any(|s| url.starts_with(s)));
    if ok {
        r.push(
            CheckKind::Key,
            Outcome::Pass,
            format!(
                "The assertion is hosted where its issuer ({}) hosts its badges.",
                profile_id(profile)
            ),
        );
    } else {
        r.push(
            CheckKind::Key,
            Outcome::Fail(Code::WrongKey),
            format!(
                "The assertion is hosted at {url}, where its issuer ({}) does not host its badges: anyone could have put it there.",
                profile_id(profile)
            ),
        );
    }
    ok
}

/// The host (with port) of an `https://` URL, else `None`: what is served
/// over plain HTTP could have been changed on the way. Which hosts may be
/// fetched at all (public addresses only, in `mcx`) is the host's policy.
fn host_of(url: &str) -> Option<&str> {
    let host = url
        .strip_prefix("https://")?
        .split(['/', '?', '#'])
        .next()?;
    (!host.is_empty() && !host.contains('@')).then_some(host)
}

/// Fetches the JSON object at `url` (HTTPS only), reporting why not as a
/// failed key check (what the trust in the assertion rests on).
fn fetch(url: &str, what: &str, r: &mut Report, ctx: &Ctx<'_>) -> Option<Object> {
    fetch_json(url, what, ctx)
        .map_err(|(code, sentence)| r.push(CheckKind::Key, Outcome::Fail(code), sentence))
        .ok()
}

/// The JSON object at `url`, or the code and sentence of why not.
fn fetch_json(url: &str, what: &str, ctx: &Ctx<'_>) -> Result<Object, (Code, String)> {
    if host_of(url).is_none() {
        return Err((
            Code::Unsupported,
            format!("The {what} is at {url}, not an HTTPS address: what is served there could be changed on the way, so it cannot be trusted."),
        ));
    }
    let bytes = match ctx.resources.get(url) {
        Lookup::Found(b) => b,
        Lookup::Failed(reason) => {
            return Err((
                Code::ResourceUnavailable,
                format!("The {what} at {url} could not be fetched ({reason})."),
            ))
        }
        Lookup::Missing => {
            return Err((
                Code::ResourceUnavailable,
                format!("The {what} at {url} is needed."),
            ))
        }
    };
    match json::parse(bytes, ctx.options.limits.json) {
        Ok(Value::Object(o)) => Ok(o),
        _ => Err((
            Code::Malformed,
            format!("The {what} at {url} is not a JSON object."),
        )),
    }
}

/// Revocation: the served assertion's own `revoked` (hosted), and the
/// issuer's revocation list (signed).
fn check_revocation(assertion: &Object, list: Option<&str>, r: &mut Report, ctx: &Ctx<'_>) {
    let reason = |o: &Object| {
        o.get("revocationReason")
            .and_then(Value::as_str)
            .map(|s| format!(" ({s})"))
            .unwrap_or_default()
    };
    if assertion.get("revoked").and_then(Value::as_bool) == Some(true) {
        r.push_status(
            "revocation",
            Outcome::Fail(Code::Revoked),
            format!("The issuer has revoked this badge{}.", reason(assertion)),
        );
        return;
    }
    let Some(url) = list else {
        r.push_status(
            "revocation",
            Outcome::Pass,
            "The issuer's copy does not say it is revoked.",
        );
        return;
    };
    let doc = match fetch_json(url, "revocation list", ctx) {
        Ok(doc) => doc,
        Err((_, sentence)) => {
            r.push_status(
                "revocation",
                Outcome::Fail(Code::StatusUnavailable),
                format!("{sentence} Whether it is revoked is unknown."),
            );
            return;
        }
    };
    let id = assertion.get("id").and_then(Value::as_str);
    let uid = assertion.get("uid").and_then(Value::as_str);
    let revoked = doc
        .get("revokedAssertions")
        .map(Value::one_or_many)
        .unwrap_or(&[])
        .iter()
        .find(|entry| match entry {
            Value::String(s) => Some(s.as_str()) == id,
            Value::Object(o) => {
                let named = |k: &str| o.get(k).and_then(Value::as_str);
                (id.is_some() && named("id") == id) || (uid.is_some() && named("uid") == uid)
            }
            _ => false,
        });
    match revoked {
        Some(entry) => r.push_status(
            "revocation",
            Outcome::Fail(Code::Revoked),
            format!(
                "The issuer has revoked this badge{}.",
                entry.as_object().map(reason).unwrap_or_default()
            ),
        ),
        None => r.push_status(
            "revocation",
            Outcome::Pass,
            "The issuer's revocation list does not list it.",
        ),
    }
}

/// The assertion as the summary and the later checks read credentials:
/// an Open Badges 3.0-shaped view of the assertion, its badge class and
/// the issuer profile.
fn view(assertion: &Object, badge: Option<&Object>, profile: Option<&Object>) -> Object {
    let mut v = Object::new();
    if let Some(id) = assertion.get("id") {
        v.insert("id", id.clone());
    }
    v.insert(
        "type",
        Value::Array(alloc::vec![Value::from("OpenBadges2Assertion")]),
    );
    if let Some(b) = badge {
        for k in ["name", "description"] {
            if let Some(x) = b.get(k) {
                v.insert(k, x.clone());
            }
        }
    }
    if let Some(p) = profile {
        let mut issuer = Object::new();
        for k in ["id", "name", "url", "email"] {
            if let Some(x) = p.get(k) {
                issuer.insert(k, x.clone());
            }
        }
        v.insert("issuer", Value::Object(issuer));
    }
    let mut subject = Object::new();
    if let Some(rec) = assertion.get("recipient").and_then(Value::as_object) {
        let hashed = rec.get("hashed").and_then(Value::as_bool) == Some(true);
        if let Some(identity) = rec.get("identity").and_then(Value::as_str) {
            if hashed {
                let mut ident = Object::new();
                ident.insert("identityHash", Value::from(identity));
                subject.insert(
                    "identifier",
                    Value::Array(alloc::vec![Value::Object(ident)]),
                );
            } else if rec.get("type").and_then(Value::as_str) == Some("url")
                || identity.starts_with("did:")
            {
                subject.insert("id", Value::from(identity));
            } else {
                subject.insert("name", Value::from(identity));
            }
        }
    }
    if let Some(b) = badge {
        let mut ach = Object::new();
        for k in ["id", "name", "description", "image", "tags"] {
            if let Some(x) = b.get(k) {
                ach.insert(k, x.clone());
            }
        }
        match b.get("criteria") {
            Some(Value::String(url)) => {
                let mut c = Object::new();
                c.insert("id", Value::from(url.as_str()));
                ach.insert("criteria", Value::Object(c));
            }
            Some(c @ Value::Object(_)) => {
                ach.insert("criteria", c.clone());
            }
            _ => {}
        }
        if let Some(a) = b.get("alignment") {
            ach.insert("alignment", a.clone());
        }
        subject.insert("achievement", Value::Object(ach));
    }
    v.insert("credentialSubject", Value::Object(subject));
    for (from, to) in [("issuedOn", "validFrom"), ("expires", "validUntil")] {
        if let Some(date) = assertion.get(from).and_then(Value::as_str) {
            v.insert(to, Value::from(normalize_date(date)));
        }
    }
    if let Some(img) = assertion
        .get("image")
        .or_else(|| badge.and_then(|b| b.get("image")))
    {
        v.insert("image", img.clone());
    }
    v
}

/// Open Badges 2.0 dates may be a bare date (`2016-12-31`), read as its
/// first second in UTC.
fn normalize_date(date: &str) -> String {
    if date.len() == 10 && date.as_bytes().get(4) == Some(&b'-') {
        format!("{date}T00:00:00Z")
    } else {
        date.to_string()
    }
}

/// Whether `address` is the recipient an Open Badges 2.0 identity names
/// (`identity` as the report's `details.recipient` holds it: plain, or
/// `sha256$<hex>` of the address followed by `salt`). Email addresses
/// compare without regard to case, as the specification's examples do;
/// `None` when the identity is not of a form this can check.
pub fn recipient_matches(identity: &str, salt: Option<&str>, address: &str) -> Option<bool> {
    let address = address.trim();
    match identity.split_once('$') {
        Some((alg, hex)) if alg.eq_ignore_ascii_case("sha256") => {
            let digest = |a: &str| {
                let mut h = Sha256::new();
                h.update(a.as_bytes());
                h.update(salt.unwrap_or("").as_bytes());
                super::hex(&h.finalize())
            };
            let want = hex.to_ascii_lowercase();
            Some(digest(address) == want || digest(&address.to_ascii_lowercase()) == want)
        }
        Some(_) => None,
        None => Some(identity.eq_ignore_ascii_case(address)),
    }
}
