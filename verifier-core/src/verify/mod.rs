//! The verification pipeline: from decoded input to a [`Report`].
//!
//! Each credential goes through the same checks in the same order — format,
//! signature, key, validity, status, issuer — whatever envelope it came in
//! (Data Integrity proof or JWT). A presentation is checked itself and then
//! every credential inside it gets its own report.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::encoding::json::{self, Object, Value};
use crate::input::{self, Decoded, InputError};
use crate::model::{credential_shape, data_model, holder_id, issuer_id, node_id, types};
use crate::options::Options;
use crate::proof::did::{self, Purpose};
use crate::proof::jws::Jws;
use crate::proof::{self, ProofError};
use crate::report::{CheckKind, Code, Kind, Outcome, Report, Verdict};
use crate::resources::Resources;
use crate::step::Step;
use crate::time::Timestamp;

mod trust;

use crate::ld::signed_view;
use crate::report::summary;
pub use trust::{accepted_registry, verify_registry};

/// Verifies `input` (any supported format, detected automatically).
///
/// Returns [`Step::Need`] while documents are missing from `resources`;
/// record fetch failures with [`Resources::insert_failure`] and the report
/// will say what could not be checked.
pub fn verify(input: &[u8], options: &Options, resources: &Resources) -> Step {
    resources.take_missing();
    let report = verify_input(input, options, resources);
    let missing = resources.take_missing();
    if missing.is_empty() {
        Step::Done(report)
    } else {
        Step::Need(missing)
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
            Step::Need(urls) => {
                for u in urls {
                    mine.insert_failure(u, "not available offline");
                }
            }
        }
    }
}

struct Ctx<'a> {
    options: &'a Options,
    resources: &'a Resources,
    /// Verifying a document the core fetched for another check (a status
    /// list): its own status and membership are not checked, which also
    /// stops a status list from pointing at itself.
    nested: bool,
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
            let mut r = verify_document(&doc, &ctx, 0);
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

/// A credential signed by a JWT rather than an embedded proof.
struct JwtEnvelope<'a> {
    jws: &'a Jws,
}

fn verify_credential(doc: &Object, jwt: Option<JwtEnvelope<'_>>, ctx: &Ctx<'_>) -> Report {
    check_credential(doc, jwt, ctx).0
}

/// What the signatures of a document established: one entry per proof.
/// The signature rows go into the report only once the caller has
/// accepted the document as what was signed ([`Proven::accept`]), so a
/// document whose JSON says something else never reads "matches" too.
struct Proven {
    signers: Vec<Signer>,
    /// Remarks on the proofs (a draft suite name, a future `created`).
    notes: Vec<String>,
}

/// One proof that verified.
struct Signer {
    /// The controller of the key that signed.
    controller: String,
    /// What its signature pins: `None` for the JSON itself (JCS, JWT),
    /// else the canonical dataset of an RDF suite.
    graph: Option<Vec<crate::ld::rdf::Quad>>,
}

impl Proven {
    fn controllers(&self) -> Vec<String> {
        self.signers.iter().map(|s| s.controller.clone()).collect()
    }

    /// Reports the signature as matching, with its remarks.
    fn accept(&self, r: &mut Report) {
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
fn reading_for(
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
fn not_as_signed(r: &mut Report, what: &str, json: Option<&str>, signed: Option<&str>) {
    r.push(
        CheckKind::Signature,
        Outcome::Fail(Code::NotAsSigned),
        format!(
            "This document is not in the form its signer signed: its {what} reads {} in the text, but {} in the signed data. Ask the issuer for the original.",
            json.map_or("nothing".to_string(), |s| format!("{s:?}")),
            signed.map_or("nothing".to_string(), |s| format!("{s:?}")),
        ),
    );
}

/// Verifies a credential; also returns, when its signature verified, the
/// reading the checks used (see [`reading_for`]).
fn check_credential(
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
        trust::check_status(&reading, &mut r, ctx);
        trust::check_issuer(&reading, issuer, &mut r, ctx);
    } else {
        skip_trust_checks(&mut r);
    }
    let reading = bound.map(|_| reading);
    (r, reading)
}

fn skip_trust_checks(r: &mut Report) {
    for kind in [CheckKind::Status, CheckKind::Issuer] {
        r.push(
            kind,
            Outcome::Skip,
            "Not checked, because the signature could not be verified.",
        );
    }
}

/// Resolves a verification method, turning failures into report checks.
fn resolve_method(
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
fn check_proofs(doc: &Object, purpose: Purpose, r: &mut Report, ctx: &Ctx<'_>) -> Option<Proven> {
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
                    "The proof's purpose is {claimed:?}, but {} is required here.",
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
        let verified = match proof::verify_detailed(&unsecured, p, proofs, &method.key) {
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
        hashes.push(Value::from(hex(&verified.signed_hash[32..])));
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
fn proof_method(p: &Object) -> &str {
    p.get("verificationMethod")
        .and_then(node_id)
        .unwrap_or_default()
}

/// The signed reading of a canonical dataset for the JSON object `of`,
/// with the bundled vocabulary built once per [`Resources`].
fn signed_reading(
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
fn same_proof_options(json: &Object, signed: &Object, r: &mut Report) -> bool {
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
const CLOCK_SKEW_SECONDS: i64 = 300;

/// VC Data Integrity: a proof past its `expires` is not valid; one
/// `created` in the future (beyond clock skew) is suspicious.
fn check_proof_dates(
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
                    format!("The proof's expires {s:?} is not a date."),
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
                    format!("The proof's created {s:?} is not a date."),
                );
                return false;
            }
        }
    }
    true
}

fn signature_sentence(e: &ProofError) -> String {
    match e {
        ProofError::BadSignature => {
            "The signature does not match: the content was changed after signing, or it was signed with another key."
                .to_string()
        }
        other => format!("The signature could not be checked: {other}."),
    }
}

/// The key must belong to the party the document names.
fn bind_signer(
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
fn check_challenge(p: &Object, names: [&str; 2], r: &mut Report, ctx: &Ctx<'_>) -> bool {
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
                    "The presentation was not made for this request: its {name} is {:?}, expected {want:?}.",
                    got.first().copied().unwrap_or("missing")
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

fn parse_date(doc: &Object, field: &str, r: &mut Report) -> Result<Option<Timestamp>, ()> {
    match doc.get(field) {
        None => Ok(None),
        Some(Value::String(s)) => match Timestamp::parse_rfc3339(s) {
            Ok(t) => Ok(Some(t)),
            Err(e) => {
                r.push(
                    CheckKind::Validity,
                    Outcome::Fail(Code::Malformed),
                    format!("{field} {s:?} is not a valid date: {e}."),
                );
                Err(())
            }
        },
        Some(_) => {
            r.push(
                CheckKind::Validity,
                Outcome::Fail(Code::Malformed),
                format!("{field} is not a date string."),
            );
            Err(())
        }
    }
}

/// The validity period: `validFrom`/`validUntil` (VC 2.0) and
/// `issuanceDate`/`expirationDate` (VC 1.1). Whichever of them a credential
/// has count, whatever its data model: a date the signer wrote is never
/// ignored because the document names another version.
fn check_validity(doc: &Object, r: &mut Report, now: Timestamp) {
    let mut from: Option<Timestamp> = None;
    let mut until: Option<Timestamp> = None;
    for field in ["validFrom", "issuanceDate"] {
        let Ok(t) = parse_date(doc, field, r) else {
            return;
        };
        from = from.max(t);
    }
    for field in ["validUntil", "expirationDate"] {
        let Ok(t) = parse_date(doc, field, r) else {
            return;
        };
        until = match (until, t) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    if let Some(from) = from {
        if now < from {
            r.push(
                CheckKind::Validity,
                Outcome::Fail(Code::NotYetValid),
                format!("Not valid yet: valid from {}.", from.to_rfc3339()),
            );
            return;
        }
    }
    if let Some(until) = until {
        if now > until {
            r.push(
                CheckKind::Validity,
                Outcome::Fail(Code::Expired),
                format!("Expired on {}.", until.to_rfc3339()),
            );
            return;
        }
    }
    let detail = match until {
        Some(u) => format!("Valid now, until {}.", u.to_rfc3339()),
        None => "Valid now, with no expiry date.".to_string(),
    };
    r.push(CheckKind::Validity, Outcome::Pass, detail);
}

fn verify_presentation(
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
            r.push(CheckKind::Key, Outcome::Fail(Code::WrongKey), "The presentation is signed but names no holder, so the signer cannot be tied to anyone.");
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
fn check_holder(holder: &str, credential: &Object, r: &mut Report) {
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
fn embedded_credential(c: &Value, ctx: &Ctx<'_>, depth: usize) -> (Report, Option<Object>) {
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

fn verify_jwt_credential_only(text: &str, ctx: &Ctx<'_>) -> (Report, Option<Object>) {
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

fn summarize_embedded(r: &mut Report) {
    let n = r.credentials.len();
    if n == 0 {
        r.push(
            CheckKind::Credentials,
            Outcome::Fail(Code::Malformed),
            "The presentation contains no credentials.",
        );
        return;
    }
    let worst = r
        .credentials
        .iter()
        .enumerate()
        .filter(|(_, c)| c.verdict() != Verdict::Valid)
        .filter_map(|(i, c)| {
            c.headline()
                .and_then(|h| h.outcome.code())
                .map(|code| (i, code, c.verdict()))
        })
        .min_by_key(|(_, code, verdict)| (*verdict == Verdict::Unverifiable, code.rank()));
    match worst {
        None => r.push(
            CheckKind::Credentials,
            Outcome::Pass,
            format!("All {n} credentials in the presentation are valid."),
        ),
        Some((i, code, verdict)) => r.push(
            CheckKind::Credentials,
            Outcome::Fail(code),
            format!(
                "Credential {} of {n} {} ({}).",
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

/// Verifies a compact JWS credential or presentation.
fn verify_jwt(text: &str, ctx: &Ctx<'_>, depth: usize) -> Report {
    check_jwt(text, ctx, depth).0
}

/// [`verify_jwt`], also returning a credential's reading when it verified.
fn check_jwt(text: &str, ctx: &Ctx<'_>, depth: usize) -> (Report, Option<Object>) {
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

/// The credential a VC-JWT stands for (VC 1.1 §6.3.1): `iss`, `jti`, `sub`,
/// `nbf`, `exp` fill in `issuer`, `id`, subject `id`, `issuanceDate`,
/// `expirationDate` when those are absent.
fn vc_jwt_credential(vc: &Object, claims: &Object) -> Object {
    let mut doc = vc.clone();
    let set_if_absent = |doc: &mut Object, k: &str, v: Option<Value>| {
        if let (false, Some(v)) = (doc.contains_key(k), v) {
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
    set_if_absent(&mut doc, "issuer", claims.get("iss").cloned());
    set_if_absent(&mut doc, "id", claims.get("jti").cloned());
    set_if_absent(
        &mut doc,
        "issuanceDate",
        date("nbf").or_else(|| date("iat")),
    );
    set_if_absent(&mut doc, "expirationDate", date("exp"));
    if let (Some(sub), Some(Value::Object(subject))) =
        (claims.get("sub"), doc.get("credentialSubject"))
    {
        if !subject.contains_key("id") {
            let mut s = subject.clone();
            s.insert("id", sub.clone());
            doc.insert("credentialSubject", Value::Object(s));
        }
    }
    doc
}

/// JWT `nbf` / `exp` bound validity even when the credential says otherwise.
fn check_jwt_times(claims: &Object, r: &mut Report, now: Timestamp) {
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

fn check_jwt_signature(
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
    if let Err(e) = jws.verify(&method.key) {
        r.push(
            CheckKind::Signature,
            Outcome::Fail(e.code()),
            signature_sentence(&e),
        );
        return None;
    }
    r.details.insert(
        "proof",
        Value::Array(alloc::vec![Value::from("JWS (EdDSA)")]),
    );
    r.details.insert(
        "verificationMethod",
        Value::Array(alloc::vec![Value::from(method.id.as_str())]),
    );
    Some(Proven {
        signers: alloc::vec![Signer {
            controller: method.controller,
            graph: None,
        }],
        notes: Vec::new(),
    })
}
