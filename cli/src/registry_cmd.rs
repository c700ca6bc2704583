//! `mcx registry`: the network governance board's tools for the signed
//! MicroCredX network registry (format: `docs/registry.md`).
//!
//! The working file is the *unsigned* registry credential; every edit
//! re-reads it, changes it, checks the result with the same parser the
//! verifier uses, and writes it back. `sign` publishes an edition: it bumps
//! `sequence`, signs with `eddsa-jcs-2022` using the key file named with
//! `--key`, and requires a `--valid-until` so that editions expire.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use mcx_verifier_core::json::{Number, Object, Value};
use mcx_verifier_core::low_level::proof::Suite;
use mcx_verifier_core::registry::{Registry, REGISTRY_TYPE};
use mcx_verifier_core::Timestamp;

use crate::host;
use crate::issue::Identity;
use crate::keys::KeyPair;
use crate::status_cmd::{output, pretty, read_object, sign_object, write, write_new};

/// `mcx registry …`
#[derive(Subcommand)]
pub enum RegistryCommand {
    /// Create an empty, unsigned registry.
    New(NewArgs),
    /// Add a member institution.
    AddMember(MemberArgs),
    /// Change a member's details, or suspend / reinstate it.
    UpdateMember(UpdateArgs),
    /// Record that a member has left the network.
    Withdraw(WithdrawArgs),
    /// Add a recognition agreement between two members.
    AddRecognition(RecognitionArgs),
    /// Add a combined offer (micro-credentials that stack into a larger unit).
    AddOffer(OfferArgs),
    /// Sign an edition of the registry for publication.
    Sign(SignArgs),
    /// Verify a signed registry and print a summary.
    Show(ShowArgs),
}

/// Arguments of `mcx registry new`.
#[derive(Args)]
pub struct NewArgs {
    /// The URL the signed registry will be published at (its id).
    #[arg(long)]
    id: String,
    /// The network's name, as LANG=TEXT (repeatable).
    #[arg(long = "name", value_name = "LANG=TEXT", required = true)]
    names: Vec<String>,
    /// Write it here (must not exist).
    #[arg(long, short)]
    out: PathBuf,
}

/// Details of a member (all optional for updates).
#[derive(Args)]
pub struct MemberDetails {
    /// Its name, as LANG=TEXT (repeatable).
    #[arg(long = "name", value_name = "LANG=TEXT")]
    names: Vec<String>,
    /// A short name.
    #[arg(long)]
    short_name: Option<String>,
    /// ISO 3166-1 alpha-2 country code (DE, IT, …).
    #[arg(long)]
    country: Option<String>,
    /// Its web site.
    #[arg(long)]
    url: Option<String>,
    /// The quality-assurance / accreditation body.
    #[arg(long)]
    qa_name: Option<String>,
    /// The QA body's identifier or web address.
    #[arg(long)]
    qa_id: Option<String>,
    /// The accreditation held.
    #[arg(long)]
    qa_accreditation: Option<String>,
    /// A further DID the member issues with (repeatable).
    #[arg(long = "also-known-as", value_name = "DID")]
    also_known_as: Vec<String>,
}

/// Arguments of `mcx registry add-member`.
#[derive(Args)]
pub struct MemberArgs {
    /// The unsigned registry file.
    file: PathBuf,
    /// The member's DID.
    #[arg(long)]
    did: String,
    /// When it joined (RFC 3339 or YYYY-MM-DD).
    #[arg(long)]
    joined: String,
    #[command(flatten)]
    details: MemberDetails,
}

/// Arguments of `mcx registry update-member`.
#[derive(Args)]
pub struct UpdateArgs {
    /// The unsigned registry file.
    file: PathBuf,
    /// The member's DID.
    #[arg(long)]
    did: String,
    #[command(flatten)]
    details: MemberDetails,
    /// Suspend the membership from this date.
    #[arg(long, conflicts_with = "reinstate")]
    suspend: Option<String>,
    /// Lift a suspension from this date.
    #[arg(long)]
    reinstate: Option<String>,
    /// Why (recorded with --suspend / --reinstate).
    #[arg(long)]
    note: Option<String>,
}

/// Arguments of `mcx registry withdraw`.
#[derive(Args)]
pub struct WithdrawArgs {
    /// The unsigned registry file.
    file: PathBuf,
    /// The member's DID.
    #[arg(long)]
    did: String,
    /// From when (RFC 3339 or YYYY-MM-DD).
    #[arg(long)]
    date: String,
    /// Why.
    #[arg(long)]
    note: Option<String>,
}

/// Arguments of `mcx registry add-recognition`.
#[derive(Args)]
pub struct RecognitionArgs {
    /// The unsigned registry file.
    file: PathBuf,
    /// The member that recognizes.
    #[arg(long)]
    recognizer: String,
    /// The member whose micro-credentials are recognized.
    #[arg(long)]
    recognized: String,
    /// For what, as LANG=TEXT (repeatable).
    #[arg(long = "scope", value_name = "LANG=TEXT", required = true)]
    scope: Vec<String>,
    /// Only this achievement id (repeatable; default: all).
    #[arg(long = "achievement", value_name = "ID")]
    achievements: Vec<String>,
    /// In force from (RFC 3339 or YYYY-MM-DD).
    #[arg(long)]
    from: String,
    /// In force until.
    #[arg(long)]
    until: Option<String>,
}

/// Arguments of `mcx registry add-offer`.
#[derive(Args)]
pub struct OfferArgs {
    /// The unsigned registry file.
    file: PathBuf,
    /// The offer's id (a URL).
    #[arg(long)]
    id: String,
    /// Its name, as LANG=TEXT (repeatable).
    #[arg(long = "name", value_name = "LANG=TEXT", required = true)]
    names: Vec<String>,
    /// Its description, as LANG=TEXT (repeatable).
    #[arg(long = "description", value_name = "LANG=TEXT")]
    descriptions: Vec<String>,
    /// Total ECTS credits.
    #[arg(long)]
    ects: f64,
    /// EQF level.
    #[arg(long)]
    eqf: Option<u64>,
    /// A member offering it (repeatable).
    #[arg(long = "offered-by", value_name = "DID")]
    offered_by: Vec<String>,
    /// A required component: ECTS=ACHIEVEMENT_ID[=ISSUER_DID[=ENGLISH NAME]] (repeatable).
    #[arg(long = "component", value_name = "ECTS=ID[=ISSUER[=NAME]]")]
    components: Vec<String>,
    /// An elective component, same form (repeatable).
    #[arg(long = "elective", value_name = "ECTS=ID[=ISSUER[=NAME]]")]
    electives: Vec<String>,
    /// How many electives must be completed.
    #[arg(long, default_value_t = 0)]
    electives_required: u64,
}

/// Arguments of `mcx registry sign`.
#[derive(Args)]
pub struct SignArgs {
    /// The unsigned registry file (its sequence is increased).
    file: PathBuf,
    /// The governance key file.
    #[arg(long)]
    key: PathBuf,
    /// Signing time and validFrom (RFC 3339) instead of now.
    #[arg(long)]
    now: Option<String>,
    /// Expiry of this edition (RFC 3339 or YYYY-MM-DD); required.
    #[arg(long)]
    valid_until: String,
    /// Write the signed registry here instead of standard output.
    #[arg(long, short)]
    out: Option<PathBuf>,
}

/// Arguments of `mcx registry show`.
#[derive(Args)]
pub struct ShowArgs {
    /// The signed registry.
    file: PathBuf,
    /// The pinned governance DID (default: the demo network's).
    #[arg(long)]
    registry_key: Option<String>,
    /// Verify as of this time (RFC 3339) instead of now.
    #[arg(long)]
    now: Option<String>,
}

pub fn run(cmd: RegistryCommand) -> Result<(), String> {
    match cmd {
        RegistryCommand::New(a) => new(a),
        RegistryCommand::AddMember(a) => edit(&a.file, |subject| add_member(subject, &a)),
        RegistryCommand::UpdateMember(a) => edit(&a.file, |subject| update_member(subject, &a)),
        RegistryCommand::Withdraw(a) => edit(&a.file, |subject| {
            let date = date_arg(&a.date)?;
            with_array(subject, "members", |members| {
                let m = find_member(members, &a.did)?;
                push_event(m, "withdrawn", date, a.note.as_deref());
                Ok(())
            })
        }),
        RegistryCommand::AddRecognition(a) => edit(&a.file, |subject| add_recognition(subject, &a)),
        RegistryCommand::AddOffer(a) => edit(&a.file, |subject| add_offer(subject, &a)),
        RegistryCommand::Sign(a) => sign(a),
        RegistryCommand::Show(a) => show(a),
    }
}

/// `YYYY-MM-DD` or RFC 3339, as RFC 3339.
fn date_arg(s: &str) -> Result<String, String> {
    let full = if s.len() == 10 {
        format!("{s}T00:00:00Z")
    } else {
        s.to_string()
    };
    Timestamp::parse_rfc3339(&full)
        .map(Timestamp::to_rfc3339)
        .map_err(|e| format!("{s:?}: {e}"))
}

fn lang_map(items: &[String], what: &str) -> Result<Object, String> {
    let mut o = Object::new();
    for item in items {
        let (lang, text) = item
            .split_once('=')
            .ok_or_else(|| format!("{what} expects LANG=TEXT, got {item:?}"))?;
        if lang.is_empty() || lang.len() > 35 {
            return Err(format!("{what}: {lang:?} is not a language tag"));
        }
        o.insert(lang, Value::from(text));
    }
    Ok(o)
}

fn strings(items: &[String]) -> Value {
    Value::Array(items.iter().map(|s| Value::from(s.as_str())).collect())
}

fn new(a: NewArgs) -> Result<(), String> {
    let mut subject = Object::new();
    subject.insert("id", Value::from(format!("{}#network", a.id)));
    subject.insert("type", Value::from("MicroCredXNetwork"));
    subject.insert("name", Value::Object(lang_map(&a.names, "--name")?));
    subject.insert("sequence", Value::Number(Number::from_u64(0)));
    subject.insert("members", Value::Array(Vec::new()));
    subject.insert("recognitions", Value::Array(Vec::new()));
    subject.insert("combinedOffers", Value::Array(Vec::new()));
    let mut doc = Object::new();
    doc.insert(
        "@context",
        Value::Array(vec![Value::from(mcx_verifier_core::low_level::VC_V2)]),
    );
    doc.insert("id", Value::from(a.id.as_str()));
    doc.insert(
        "type",
        Value::Array(vec![
            Value::from("VerifiableCredential"),
            Value::from(REGISTRY_TYPE),
        ]),
    );
    doc.insert("credentialSubject", Value::Object(subject));
    Registry::parse_unverified(&doc).map_err(|e| e.to_string())?;
    write_new(&a.out, &pretty(&Value::Object(doc)))
}

/// Applies `f` to the registry's credentialSubject, checks, writes back.
fn edit(path: &Path, f: impl FnOnce(&mut Object) -> Result<(), String>) -> Result<(), String> {
    let mut doc = read_object(path)?;
    if doc.contains_key("proof") {
        return Err(format!(
            "{} is signed; edit the unsigned working file instead",
            path.display()
        ));
    }
    let mut subject = doc
        .get("credentialSubject")
        .and_then(Value::as_object)
        .cloned()
        .ok_or_else(|| format!("{} is not a registry", path.display()))?;
    f(&mut subject)?;
    doc.insert("credentialSubject", Value::Object(subject));
    Registry::parse_unverified(&doc).map_err(|e| format!("the edit was refused: {e}"))?;
    write(path, &pretty(&Value::Object(doc)))
}

/// Runs `f` on the array `key` of `subject`.
fn with_array<T>(
    subject: &mut Object,
    key: &str,
    f: impl FnOnce(&mut Vec<Value>) -> Result<T, String>,
) -> Result<T, String> {
    let mut arr = match subject.remove(key) {
        Some(Value::Array(a)) => a,
        None => Vec::new(),
        Some(_) => return Err(format!("{key} is not an array")),
    };
    let r = f(&mut arr);
    subject.insert(key, Value::Array(arr));
    r
}

fn find_member<'a>(members: &'a mut [Value], did: &str) -> Result<&'a mut Object, String> {
    members
        .iter_mut()
        .find_map(|m| match m {
            Value::Object(o) if o.get("id").and_then(Value::as_str) == Some(did) => Some(o),
            _ => None,
        })
        .ok_or_else(|| format!("{did} is not a member"))
}

fn push_event(member: &mut Object, status: &str, date: String, note: Option<&str>) {
    let mut history = match member.remove("statusHistory") {
        Some(Value::Array(a)) => a,
        _ => Vec::new(),
    };
    let mut e = Object::new();
    e.insert("status", Value::from(status));
    e.insert("date", Value::from(date));
    if let Some(n) = note {
        e.insert("note", Value::from(n));
    }
    history.push(Value::Object(e));
    member.insert("statusHistory", Value::Array(history));
}

fn apply_details(m: &mut Object, d: &MemberDetails) -> Result<(), String> {
    if !d.names.is_empty() {
        m.insert("name", Value::Object(lang_map(&d.names, "--name")?));
    }
    if !d.also_known_as.is_empty() {
        let mut all: Vec<Value> = m
            .get("alsoKnownAs")
            .and_then(Value::as_array)
            .map(<[Value]>::to_vec)
            .unwrap_or_default();
        for did in &d.also_known_as {
            if !all.iter().any(|x| x.as_str() == Some(did.as_str())) {
                all.push(Value::from(did.as_str()));
            }
        }
        m.insert("alsoKnownAs", Value::Array(all));
    }
    for (k, v) in [
        ("shortName", &d.short_name),
        ("country", &d.country),
        ("url", &d.url),
    ] {
        if let Some(v) = v {
            m.insert(k, Value::from(v.as_str()));
        }
    }
    if d.qa_name.is_some() || d.qa_id.is_some() || d.qa_accreditation.is_some() {
        let mut qa = m
            .get("qualityAssurance")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (k, v) in [
            ("name", &d.qa_name),
            ("id", &d.qa_id),
            ("accreditation", &d.qa_accreditation),
        ] {
            if let Some(v) = v {
                qa.insert(k, Value::from(v.as_str()));
            }
        }
        m.insert("qualityAssurance", Value::Object(qa));
    }
    Ok(())
}

fn add_member(subject: &mut Object, a: &MemberArgs) -> Result<(), String> {
    let joined = date_arg(&a.joined)?;
    with_array(subject, "members", |members| {
        if find_member(members, &a.did).is_ok() {
            return Err(format!("{} is already a member", a.did));
        }
        let mut m = Object::new();
        m.insert("id", Value::from(a.did.as_str()));
        apply_details(&mut m, &a.details)?;
        push_event(&mut m, "joined", joined, None);
        members.push(Value::Object(m));
        Ok(())
    })
}

fn update_member(subject: &mut Object, a: &UpdateArgs) -> Result<(), String> {
    with_array(subject, "members", |members| {
        let m = find_member(members, &a.did)?;
        apply_details(m, &a.details)?;
        if let Some(d) = &a.suspend {
            push_event(m, "suspended", date_arg(d)?, a.note.as_deref());
        }
        if let Some(d) = &a.reinstate {
            push_event(m, "reinstated", date_arg(d)?, a.note.as_deref());
        }
        Ok(())
    })
}

fn add_recognition(subject: &mut Object, a: &RecognitionArgs) -> Result<(), String> {
    let mut r = Object::new();
    r.insert("recognizer", Value::from(a.recognizer.as_str()));
    r.insert("recognized", Value::from(a.recognized.as_str()));
    r.insert("scope", Value::Object(lang_map(&a.scope, "--scope")?));
    if !a.achievements.is_empty() {
        r.insert("achievements", strings(&a.achievements));
    }
    r.insert("validFrom", Value::from(date_arg(&a.from)?));
    if let Some(u) = &a.until {
        r.insert("validUntil", Value::from(date_arg(u)?));
    }
    with_array(subject, "recognitions", |list| {
        list.push(Value::Object(r));
        Ok(())
    })
}

fn number(x: f64) -> Result<Value, String> {
    Number::from_f64(x)
        .map(Value::Number)
        .ok_or_else(|| format!("{x} is not a number"))
}

fn component(spec: &str, required: bool) -> Result<Value, String> {
    let mut parts = spec.splitn(4, '=');
    let ects: f64 = parts
        .next()
        .and_then(|e| e.parse().ok())
        .ok_or_else(|| format!("a component is ECTS=ID[=ISSUER[=NAME]], got {spec:?}"))?;
    let id = parts
        .next()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| format!("a component is ECTS=ID[=ISSUER[=NAME]], got {spec:?}"))?;
    let mut c = Object::new();
    c.insert("achievement", Value::from(id));
    if let Some(issuer) = parts.next().filter(|s| !s.is_empty()) {
        c.insert("issuer", Value::from(issuer));
    }
    if let Some(name) = parts.next().filter(|s| !s.is_empty()) {
        let mut n = Object::new();
        n.insert("en", Value::from(name));
        c.insert("name", Value::Object(n));
    }
    c.insert("ects", number(ects)?);
    if !required {
        c.insert("required", Value::Bool(false));
    }
    Ok(Value::Object(c))
}

fn add_offer(subject: &mut Object, a: &OfferArgs) -> Result<(), String> {
    let mut o = Object::new();
    o.insert("id", Value::from(a.id.as_str()));
    o.insert("name", Value::Object(lang_map(&a.names, "--name")?));
    if !a.descriptions.is_empty() {
        o.insert(
            "description",
            Value::Object(lang_map(&a.descriptions, "--description")?),
        );
    }
    o.insert("ects", number(a.ects)?);
    if let Some(l) = a.eqf {
        o.insert("eqfLevel", Value::Number(Number::from_u64(l)));
    }
    if !a.offered_by.is_empty() {
        o.insert("offeredBy", strings(&a.offered_by));
    }
    let mut comps = Vec::new();
    for c in &a.components {
        comps.push(component(c, true)?);
    }
    for c in &a.electives {
        comps.push(component(c, false)?);
    }
    o.insert("components", Value::Array(comps));
    if a.electives_required > 0 {
        o.insert(
            "electivesRequired",
            Value::Number(Number::from_u64(a.electives_required)),
        );
    }
    with_array(subject, "combinedOffers", |list| {
        list.push(Value::Object(o));
        Ok(())
    })
}

fn sign(a: SignArgs) -> Result<(), String> {
    let key = KeyPair::read(&a.key)?;
    let now = host::now(a.now.as_deref())?;
    let until = date_arg(&a.valid_until)?;
    let mut seq = 0;
    edit(&a.file, |subject| {
        seq = subject
            .get("sequence")
            .and_then(Value::as_number)
            .and_then(Number::as_u64)
            .unwrap_or(0)
            + 1;
        subject.insert("sequence", Value::Number(Number::from_u64(seq)));
        Ok(())
    })?;
    let mut doc = read_object(&a.file)?;
    doc.insert("validFrom", Value::from(now.to_rfc3339()));
    doc.insert("validUntil", Value::from(until));
    let id = Identity::new(&key, None, None);
    let signed = sign_object(doc, &key, &id, now, Suite::EddsaJcs2022)?;
    // Check it the way verifiers will, before anyone publishes it.
    let text = mcx_verifier_core::json::to_string(&Value::Object(signed.clone()));
    mcx_verifier_core::registry::verify_registry(text.as_bytes(), &id.did, now)
        .map_err(|e| format!("the signed registry does not verify: {e}"))?;
    eprintln!("signed edition {seq} of the registry as {}", id.did);
    output(a.out.as_deref(), &pretty(&Value::Object(signed)))
}

fn show(a: ShowArgs) -> Result<(), String> {
    let now = host::now(a.now.as_deref())?;
    let pinned = a
        .registry_key
        .as_deref()
        .unwrap_or(mcx_verifier_core::registry::DEMO_GOVERNANCE_DID);
    let bytes =
        std::fs::read(&a.file).map_err(|e| format!("cannot read {}: {e}", a.file.display()))?;
    let reg = mcx_verifier_core::registry::verify_registry(&bytes, pinned, now)
        .map_err(|e| format!("[{}] {e}", e.code().as_str()))?;
    println!(
        "{} — edition {}, valid until {}",
        reg.name.best(&[]),
        reg.sequence,
        reg.valid_until
            .map(Timestamp::to_rfc3339)
            .unwrap_or_default()
    );
    for m in &reg.members {
        println!(
            "  {:10} {} ({}) {}",
            m.standing_at(now).as_str(),
            m.name.best(&[]),
            m.country,
            m.id
        );
    }
    println!(
        "  {} recognition agreement(s), {} combined offer(s)",
        reg.recognitions.len(),
        reg.offers.len()
    );
    Ok(())
}
