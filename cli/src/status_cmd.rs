//! `mcx status`: the issuer's side of Bitstring Status List v1.0.
//!
//! The working file is the *unsigned* status list credential
//! (`BitstringStatusListCredential`) itself, so there is one format to keep:
//! `new` creates it, `revoke` / `suspend` / `reinstate` / `set` flip entries
//! in its `encodedList`, `entry` prints the `credentialStatus` entry to put
//! in a credential, and `sign` writes the signed copy to publish at the
//! list's URL. The signing key is read only from the key file named with
//! `--key`.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use mcx_verifier_core::json::{self, Number, Object, Value};
use mcx_verifier_core::low_level::proof::Suite;
use mcx_verifier_core::low_level::status::{
    Bitstring, Entry, Method, StatusMessage, MAX_STATUS_SIZE,
};
use mcx_verifier_core::Timestamp;

use crate::host;
use crate::issue::Identity;
use crate::keys::KeyPair;

/// Largest list `mcx status new` creates (entries), to keep files sane.
const MAX_NEW_ENTRIES: u64 = 16 * 1024 * 1024;

/// `mcx status …`
#[derive(Subcommand)]
pub enum StatusCommand {
    /// Create an unsigned status list (all entries 0).
    New(NewArgs),
    /// Revoke the credential at INDEX (revocation lists; cannot be undone).
    Revoke(IndexArgs),
    /// Suspend the credential at INDEX (suspension lists).
    Suspend(IndexArgs),
    /// Lift the suspension of the credential at INDEX (suspension lists).
    Reinstate(IndexArgs),
    /// Set the value at INDEX (message lists with statusSize > 1).
    Set(SetArgs),
    /// Print the value at INDEX.
    Get(IndexArgs),
    /// Print the credentialStatus entry for INDEX, to put in a credential.
    Entry(IndexArgs),
    /// Sign the list for publication at its URL.
    Sign(SignArgs),
}

/// Status purposes `mcx status new` knows.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum PurposeArg {
    /// Revocation (irreversible).
    Revocation,
    /// Suspension (reversible).
    Suspension,
    /// Status messages (needs --size and --message).
    Message,
}

impl PurposeArg {
    fn as_str(self) -> &'static str {
        match self {
            PurposeArg::Revocation => "revocation",
            PurposeArg::Suspension => "suspension",
            PurposeArg::Message => "message",
        }
    }
}

/// Arguments of `mcx status new`.
#[derive(Args)]
pub struct NewArgs {
    /// The URL the signed list will be published at (its id).
    #[arg(long)]
    url: String,
    /// What the list records.
    #[arg(long, value_enum)]
    purpose: PurposeArg,
    /// Bits per entry (1 to 8); message lists usually use 2 or more.
    #[arg(long, default_value_t = 1)]
    size: u32,
    /// Status messages as VALUE=MESSAGE (e.g. 0x1=under_review), one per
    /// possible value; required when --size is more than 1.
    #[arg(long = "message", value_name = "VALUE=MESSAGE")]
    messages: Vec<String>,
    /// Number of entries (at least 131,072, the spec's privacy minimum).
    #[arg(long, default_value_t = 131_072)]
    entries: u64,
    /// Write the list here (must not exist).
    #[arg(long, short)]
    out: PathBuf,
}

/// Arguments naming one entry of a list file.
#[derive(Args)]
pub struct IndexArgs {
    /// The unsigned status list file.
    file: PathBuf,
    /// The credential's statusListIndex.
    #[arg(long)]
    index: u64,
}

/// Arguments of `mcx status set`.
#[derive(Args)]
pub struct SetArgs {
    /// The unsigned status list file.
    file: PathBuf,
    /// The credential's statusListIndex.
    #[arg(long)]
    index: u64,
    /// The new value (decimal or 0x hex).
    #[arg(long)]
    value: String,
}

/// Signature formats for status lists.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ListFormat {
    /// Data Integrity eddsa-jcs-2022.
    #[value(name = "eddsa-jcs-2022")]
    EddsaJcs2022,
    /// Data Integrity eddsa-rdfc-2022.
    #[value(name = "eddsa-rdfc-2022")]
    EddsaRdfc2022,
}

/// Arguments of `mcx status sign`.
#[derive(Args)]
pub struct SignArgs {
    /// The unsigned status list file.
    file: PathBuf,
    /// The issuer's key file.
    #[arg(long)]
    key: PathBuf,
    /// Sign as this DID (e.g. a did:web listing the key) instead of its did:key.
    #[arg(long)]
    did: Option<String>,
    /// The verification method id (default: DID#key-1 with --did).
    #[arg(long)]
    method: Option<String>,
    /// Proof format.
    #[arg(long, value_enum, default_value = "eddsa-jcs-2022")]
    format: ListFormat,
    /// Signing time and validFrom (RFC 3339) instead of now.
    #[arg(long)]
    now: Option<String>,
    /// validUntil of this edition (RFC 3339); verifiers refuse it afterwards.
    #[arg(long)]
    valid_until: Option<String>,
    /// Write the signed list here instead of standard output.
    #[arg(long, short)]
    out: Option<PathBuf>,
}

pub fn run(cmd: StatusCommand) -> Result<(), String> {
    match cmd {
        StatusCommand::New(a) => new(a),
        StatusCommand::Revoke(a) => update(&a.file, a.index, Some("revocation"), 1),
        StatusCommand::Suspend(a) => update(&a.file, a.index, Some("suspension"), 1),
        StatusCommand::Reinstate(a) => update(&a.file, a.index, Some("suspension"), 0),
        StatusCommand::Set(a) => {
            let v = parse_value(&a.value)?;
            update(&a.file, a.index, None, v)
        }
        StatusCommand::Get(a) => {
            let list = List::read(&a.file)?;
            let v = list.bits.get(a.index, list.size).map_err(|e| {
                format!("index {} is past the list's {} entries", e.index, e.entries)
            })?;
            println!("{v}");
            Ok(())
        }
        StatusCommand::Entry(a) => {
            let list = List::read(&a.file)?;
            if a.index >= list.bits.entries(list.size) {
                return Err(format!("index {} is past the list's end", a.index));
            }
            let entry = Entry {
                method: Method::Bitstring,
                purpose: list.purpose.clone(),
                index: a.index,
                size: list.size,
                list_url: list.url.clone(),
                messages: list.messages.clone(),
            };
            println!("{}", json::to_string(&Value::Object(entry.to_object())));
            Ok(())
        }
        StatusCommand::Sign(a) => sign(a),
    }
}

fn parse_value(s: &str) -> Result<u32, String> {
    let r = match s.strip_prefix("0x") {
        Some(h) => u32::from_str_radix(h, 16),
        None => s.parse(),
    };
    r.map_err(|_| format!("{s:?} is not a number"))
}

fn parse_messages(args: &[String], size: u32) -> Result<Vec<StatusMessage>, String> {
    let mut out = Vec::new();
    for a in args {
        let (v, m) = a
            .split_once('=')
            .ok_or_else(|| format!("--message expects VALUE=MESSAGE, got {a:?}"))?;
        out.push(StatusMessage {
            status: parse_value(v)?,
            message: m.to_string(),
        });
    }
    out.sort_by_key(|m| m.status);
    let expected = 1usize << size;
    let complete =
        out.len() == expected && out.iter().enumerate().all(|(i, m)| m.status as usize == i);
    if !out.is_empty() && !complete {
        return Err(format!(
            "give exactly one --message for each of the {expected} values 0x0..0x{:x}",
            expected - 1
        ));
    }
    if out.is_empty() && size > 1 {
        return Err(format!(
            "a --size of {size} needs {expected} --message values"
        ));
    }
    Ok(out)
}

fn messages_value(ms: &[StatusMessage]) -> Value {
    Value::Array(
        ms.iter()
            .map(|m| {
                let mut o = Object::new();
                o.insert("status", Value::from(format!("0x{:x}", m.status)));
                o.insert("message", Value::from(m.message.as_str()));
                Value::Object(o)
            })
            .collect(),
    )
}

fn new(a: NewArgs) -> Result<(), String> {
    if !(1..=MAX_STATUS_SIZE).contains(&a.size) {
        return Err(format!("--size must be 1 to {MAX_STATUS_SIZE}"));
    }
    if a.entries > MAX_NEW_ENTRIES {
        return Err(format!("--entries must be at most {MAX_NEW_ENTRIES}"));
    }
    if a.purpose == PurposeArg::Message && a.messages.is_empty() {
        return Err("a message list needs --message VALUE=MESSAGE for each value".into());
    }
    let messages = parse_messages(&a.messages, a.size)?;
    let bits = Bitstring::zeroed(a.entries, a.size);
    let mut subject = Object::new();
    subject.insert("id", Value::from(format!("{}#list", a.url)));
    subject.insert("type", Value::from("BitstringStatusList"));
    subject.insert("statusPurpose", Value::from(a.purpose.as_str()));
    if a.size != 1 {
        subject.insert("statusSize", Value::Number(Number::from_u64(a.size.into())));
    }
    if !messages.is_empty() {
        subject.insert("statusMessage", messages_value(&messages));
    }
    subject.insert("encodedList", Value::from(bits.encode()));
    let mut doc = Object::new();
    doc.insert(
        "@context",
        Value::Array(vec![Value::from(mcx_verifier_core::low_level::VC_V2)]),
    );
    doc.insert("id", Value::from(a.url.as_str()));
    doc.insert(
        "type",
        Value::Array(vec![
            Value::from("VerifiableCredential"),
            Value::from("BitstringStatusListCredential"),
        ]),
    );
    doc.insert("credentialSubject", Value::Object(subject));
    write_new(&a.out, &pretty(&Value::Object(doc)))?;
    eprintln!(
        "created {} ({} entries of {} bit(s), purpose {})",
        a.out.display(),
        bits.entries(a.size),
        a.size,
        a.purpose.as_str()
    );
    Ok(())
}

/// An unsigned list file, read and checked.
struct List {
    doc: Object,
    url: String,
    purpose: String,
    size: u32,
    messages: Vec<StatusMessage>,
    bits: Bitstring,
}

impl List {
    fn read(path: &Path) -> Result<List, String> {
        let doc = read_object(path)?;
        let name = path.display();
        let url = doc
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{name}: the list has no id (its URL)"))?
            .to_string();
        let subject = doc
            .get("credentialSubject")
            .and_then(Value::as_object)
            .ok_or_else(|| format!("{name}: not a status list (no credentialSubject)"))?;
        let purpose = subject
            .get("statusPurpose")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{name}: the list has no statusPurpose"))?
            .to_string();
        let size = match subject.get("statusSize") {
            None => 1,
            Some(v) => v
                .as_number()
                .and_then(Number::as_u64)
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| (1..=MAX_STATUS_SIZE).contains(n))
                .ok_or_else(|| format!("{name}: bad statusSize"))?,
        };
        let messages = match subject.get("statusMessage") {
            None => Vec::new(),
            Some(Value::Array(ms)) => ms
                .iter()
                .map(|m| {
                    let status = m
                        .get("status")
                        .and_then(Value::as_str)
                        .ok_or_else(|| format!("{name}: bad statusMessage"))
                        .and_then(parse_value)?;
                    let message = m
                        .get("message")
                        .and_then(Value::as_str)
                        .ok_or_else(|| format!("{name}: bad statusMessage"))?;
                    Ok(StatusMessage {
                        status,
                        message: message.to_string(),
                    })
                })
                .collect::<Result<_, String>>()?,
            Some(_) => return Err(format!("{name}: bad statusMessage")),
        };
        let encoded = subject
            .get("encodedList")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{name}: the list has no encodedList"))?;
        let bits = Bitstring::decode(encoded, 64 * 1024 * 1024)
            .map_err(|e| format!("{name}: the list cannot be read: {e}"))?;
        Ok(List {
            doc,
            url,
            purpose,
            size,
            messages,
            bits,
        })
    }
}

fn update(path: &Path, index: u64, purpose: Option<&str>, value: u32) -> Result<(), String> {
    let mut list = List::read(path)?;
    if let Some(p) = purpose {
        if list.purpose != p {
            return Err(format!(
                "{} is a {} list; this command needs a {p} list",
                path.display(),
                list.purpose
            ));
        }
    }
    let old = list
        .bits
        .get(index, list.size)
        .map_err(|e| format!("index {} is past the list's {} entries", e.index, e.entries))?;
    if list.purpose == "revocation" && old != 0 && value == 0 {
        return Err("revocation cannot be undone (use a suspension list for that)".into());
    }
    if value >= 1u32 << list.size {
        return Err(format!(
            "value {value} does not fit in {} bit(s)",
            list.size
        ));
    }
    list.bits
        .set(index, list.size, value)
        .map_err(|e| format!("index {} is past the list's end", e.index))?;
    let mut subject = list
        .doc
        .get("credentialSubject")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    subject.insert("encodedList", Value::from(list.bits.encode()));
    list.doc.insert("credentialSubject", Value::Object(subject));
    // An edited list is a new edition: any old proof no longer matches.
    list.doc.remove("proof");
    write(path, &pretty(&Value::Object(list.doc)))?;
    eprintln!(
        "{}: entry {index} is now {value} (was {old})",
        path.display()
    );
    Ok(())
}

fn sign(a: SignArgs) -> Result<(), String> {
    let key = KeyPair::read(&a.key)?;
    let now = host::now(a.now.as_deref())?;
    let list = List::read(&a.file)?;
    let id = Identity::new(&key, a.did.as_deref(), a.method.as_deref());
    let mut doc = list.doc;
    doc.remove("proof");
    doc.insert("validFrom", Value::from(now.to_rfc3339()));
    match &a.valid_until {
        Some(u) => {
            let until = Timestamp::parse_rfc3339(u).map_err(|e| format!("--valid-until: {e}"))?;
            doc.insert("validUntil", Value::from(until.to_rfc3339()));
        }
        None => {
            doc.remove("validUntil");
        }
    }
    // `statusSize` and `statusMessage` belong on each credential's status
    // entry (the VC 2.0 context defines them only there); the working file
    // keeps them for `mcx status entry`, the published list does not, or
    // they would be content that no signature covers.
    if let Some(Value::Object(mut subject)) = doc.get("credentialSubject").cloned() {
        subject.remove("statusSize");
        subject.remove("statusMessage");
        doc.insert("credentialSubject", Value::Object(subject));
    }
    let suite = match a.format {
        ListFormat::EddsaJcs2022 => Suite::EddsaJcs2022,
        ListFormat::EddsaRdfc2022 => Suite::EddsaRdfc2022,
    };
    let signed = sign_object(doc, &key, &id, now, key.suite_for(suite))?;
    output(a.out.as_deref(), &pretty(&Value::Object(signed)))
}

/// Sets the issuer (keeping an issuer object's other members) and signs
/// with an `assertionMethod` proof.
pub fn sign_object(
    mut doc: Object,
    key: &KeyPair,
    id: &Identity,
    now: Timestamp,
    suite: Suite,
) -> Result<Object, String> {
    let issuer = match doc.remove("issuer") {
        Some(Value::Object(mut o)) => {
            o.insert("id", Value::from(id.did.as_str()));
            Value::Object(o)
        }
        _ => Value::from(id.did.as_str()),
    };
    // Keep the usual member order: issuer right after type.
    let mut ordered = Object::new();
    for (k, v) in doc.iter() {
        ordered.insert(k.clone(), v.clone());
        if k == "type" {
            ordered.insert("issuer", issuer.clone());
        }
    }
    if !ordered.contains_key("issuer") {
        ordered.insert("issuer", issuer);
    }
    crate::issue::sign_data_integrity(&ordered, key, id, now, suite)
}

/// Reads a JSON object file.
pub fn read_object(path: &Path) -> Result<Object, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    match json::parse(&bytes, json::Limits::default()) {
        Ok(Value::Object(o)) => Ok(o),
        Ok(_) => Err(format!("{} is not a JSON object", path.display())),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Writes `text` (plus a newline) to a new file.
pub fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if path.exists() {
        return Err(format!("{} already exists", path.display()));
    }
    write(path, text)
}

/// Writes `text` (plus a newline), replacing the file.
pub fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, format!("{text}\n"))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Writes to `path`, or standard output.
pub fn output(path: Option<&Path>, text: &str) -> Result<(), String> {
    match path {
        Some(p) => write(p, text),
        None => {
            println!("{text}");
            Ok(())
        }
    }
}

/// JSON with two-space indentation, for files people read; signatures do
/// not depend on layout (JCS and RDFC canonicalize first).
pub fn pretty(v: &Value) -> String {
    let mut out = String::new();
    pretty_into(&mut out, v, 0);
    out
}

fn pretty_into(out: &mut String, v: &Value, depth: usize) {
    let pad = |out: &mut String, d: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(d));
    };
    match v {
        Value::Array(a) if !a.is_empty() => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                pad(out, depth + 1);
                pretty_into(out, x, depth + 1);
            }
            pad(out, depth);
            out.push(']');
        }
        Value::Object(o) if !o.is_empty() => {
            out.push('{');
            for (i, (k, x)) in o.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                pad(out, depth + 1);
                json::write_string(out, k);
                out.push_str(": ");
                pretty_into(out, x, depth + 1);
            }
            pad(out, depth);
            out.push('}');
        }
        other => out.push_str(&json::to_string(other)),
    }
}
