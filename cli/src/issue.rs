//! `mcx issue`: sign an Open Badges 3.0 micro-credential.
//!
//! The input is an unsigned credential (JSON). The issuer's `id` is set to
//! the key's DID (keeping any name, address… already given), `validFrom` /
//! `issuanceDate` is filled in when absent, and the credential is signed in
//! the chosen format.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use mcx_verifier_core::json::{self, Object, Value};
use mcx_verifier_core::low_level::did::Purpose;
use mcx_verifier_core::low_level::proof::{ProofOptions, Suite};
use mcx_verifier_core::Timestamp;

use crate::host;
use crate::keys::KeyPair;

/// Proof formats `mcx issue` can produce.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// Data Integrity, cryptosuite eddsa-rdfc-2022 (JSON-LD canonicalization).
    #[value(name = "eddsa-rdfc-2022")]
    EddsaRdfc2022,
    /// Data Integrity, cryptosuite eddsa-jcs-2022 (JSON canonicalization).
    #[value(name = "eddsa-jcs-2022")]
    EddsaJcs2022,
    /// The VC 1.1-era Ed25519Signature2020 proof.
    #[value(name = "ed25519-signature-2020")]
    Ed25519Signature2020,
    /// Data Integrity, cryptosuite ecdsa-rdfc-2019 (needs a P-256 key).
    #[value(name = "ecdsa-rdfc-2019")]
    EcdsaRdfc2019,
    /// Data Integrity, cryptosuite ecdsa-jcs-2019 (needs a P-256 key).
    #[value(name = "ecdsa-jcs-2019")]
    EcdsaJcs2019,
    /// A JWT: VC-JOSE for VC 2.0 credentials, VC-JWT for VC 1.1 (EdDSA, or
    /// ES256 with a P-256 key).
    #[value(name = "jwt")]
    Jwt,
}

/// Arguments of `mcx issue`.
#[derive(Args)]
pub struct IssueArgs {
    /// The issuer's key file (from `mcx key new`).
    #[arg(long)]
    key: PathBuf,
    /// The proof format. With a P-256 key the eddsa formats are made as
    /// their ecdsa counterparts (same canonicalization).
    #[arg(long, value_enum, default_value = "eddsa-rdfc-2022")]
    format: Format,
    /// Signing time (RFC 3339) instead of now.
    #[arg(long)]
    now: Option<String>,
    /// Issue as this DID (e.g. a `did:web` whose DID document lists the key)
    /// instead of the key's own `did:key`.
    #[arg(long)]
    did: Option<String>,
    /// The verification method id to put in the proof (default: `DID#key-1`
    /// with `--did`, else the key's `did:key` method).
    #[arg(long)]
    method: Option<String>,
    /// Write the signed credential here instead of standard output.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// The unsigned credential (JSON).
    input: PathBuf,
}

const ED25519_2020_CONTEXT: &str = "https://w3id.org/security/suites/ed25519-2020/v1";

pub fn run(args: IssueArgs) -> Result<(), String> {
    let key = KeyPair::read(&args.key)?;
    let now = host::now(args.now.as_deref())?;
    let bytes = std::fs::read(&args.input)
        .map_err(|e| format!("cannot read {}: {e}", args.input.display()))?;
    let doc = match json::parse(&bytes, json::Limits::default()) {
        Ok(Value::Object(o)) => o,
        Ok(_) => return Err(format!("{} is not a JSON object", args.input.display())),
        Err(e) => return Err(format!("{}: {e}", args.input.display())),
    };
    let id = Identity::new(&key, args.did.as_deref(), args.method.as_deref());
    let doc = prepare(doc, &id, now, args.format)?;
    let signed = sign(&doc, &key, &id, now, args.format)?;
    match &args.out {
        Some(p) => std::fs::write(p, format!("{signed}\n"))
            .map_err(|e| format!("cannot write {}: {e}", p.display())),
        None => {
            println!("{signed}");
            Ok(())
        }
    }
}

/// Who signs: the issuer DID and the verification method in the proof.
pub struct Identity {
    pub did: String,
    pub method: String,
}

impl Identity {
    /// The key's own `did:key`, or `did` (with `method`, default `did#key-1`).
    pub fn new(key: &KeyPair, did: Option<&str>, method: Option<&str>) -> Identity {
        match did {
            Some(d) => Identity {
                did: d.to_string(),
                method: method.map_or_else(|| format!("{d}#key-1"), str::to_string),
            },
            None => Identity {
                did: key.did(),
                method: method.map_or_else(|| key.verification_method(), str::to_string),
            },
        }
    }
}

fn is_v1(doc: &Object) -> bool {
    doc.get("@context")
        .map(Value::one_or_many)
        .and_then(|c| c.first())
        .and_then(Value::as_str)
        == Some(mcx_verifier_core::low_level::VC_V1)
}

/// Sets the issuer id and issuance date, and the context a suite needs.
pub fn prepare(
    mut doc: Object,
    id: &Identity,
    now: Timestamp,
    format: Format,
) -> Result<Object, String> {
    if doc.contains_key("proof") {
        return Err("the input already has a proof; give an unsigned credential".to_string());
    }
    let issuer = match doc.remove("issuer") {
        Some(Value::Object(mut o)) => {
            o.insert("id", Value::from(id.did.as_str()));
            Value::Object(o)
        }
        _ => Value::from(id.did.as_str()),
    };
    doc.insert("issuer", issuer);
    let date_field = if is_v1(&doc) {
        "issuanceDate"
    } else {
        "validFrom"
    };
    if !doc.contains_key(date_field) {
        doc.insert(date_field, Value::from(now.to_rfc3339()));
    }
    if let Format::Ed25519Signature2020 = format {
        let mut ctx: Vec<Value> = doc
            .get("@context")
            .map(|c| c.one_or_many().to_vec())
            .unwrap_or_default();
        if !ctx.iter().any(|c| c.as_str() == Some(ED25519_2020_CONTEXT)) {
            ctx.push(Value::from(ED25519_2020_CONTEXT));
        }
        doc.insert("@context", Value::Array(ctx));
    }
    Ok(doc)
}

/// Signs a prepared credential; returns its text (JSON or compact JWS).
pub fn sign(
    doc: &Object,
    key: &KeyPair,
    id: &Identity,
    now: Timestamp,
    format: Format,
) -> Result<String, String> {
    let suite = match format {
        Format::EddsaRdfc2022 => Suite::EddsaRdfc2022,
        Format::EddsaJcs2022 => Suite::EddsaJcs2022,
        Format::Ed25519Signature2020 => Suite::Ed25519Signature2020,
        Format::EcdsaRdfc2019 => Suite::EcdsaRdfc2019,
        Format::EcdsaJcs2019 => Suite::EcdsaJcs2019,
        Format::Jwt => return sign_jwt(doc, key, id),
    };
    let signed = sign_data_integrity(doc, key, id, now, key.suite_for(suite))?;
    Ok(json::to_string(&Value::Object(signed)))
}

/// Adds an `assertionMethod` Data Integrity proof by `id` (credentials,
/// status lists and registries are all signed this way).
pub fn sign_data_integrity(
    doc: &Object,
    key: &KeyPair,
    id: &Identity,
    now: Timestamp,
    suite: Suite,
) -> Result<Object, String> {
    let options = ProofOptions {
        suite,
        verification_method: id.method.clone(),
        purpose: Purpose::AssertionMethod,
        created: now,
        challenge: None,
        domain: None,
    };
    key.sign_proof(doc, &options)
}

fn sign_jwt(doc: &Object, key: &KeyPair, id: &Identity) -> Result<String, String> {
    let mut header = Object::new();
    header.insert("kid", Value::from(id.method.as_str()));
    if is_v1(doc) {
        // VC-JWT (VC 1.1 §6.3.1): the credential goes in `vc`, with the
        // registered claims standing for issuer, id, subject and dates.
        header.insert("typ", Value::from("JWT"));
        let mut claims = Object::new();
        claims.insert("iss", Value::from(id.did.as_str()));
        let secs = |field: &str| {
            doc.get(field)
                .and_then(Value::as_str)
                .and_then(|s| Timestamp::parse_rfc3339(s).ok())
                .map(|t| {
                    Value::Number(json::Number::from_u64(
                        u64::try_from(t.unix_seconds()).unwrap_or(0),
                    ))
                })
        };
        if let Some(nbf) = secs("issuanceDate") {
            claims.insert("nbf", nbf);
        }
        if let Some(exp) = secs("expirationDate") {
            claims.insert("exp", exp);
        }
        if let Some(id) = doc.get("id") {
            claims.insert("jti", id.clone());
        }
        if let Some(sub) = doc.get("credentialSubject").and_then(|s| s.get("id")) {
            claims.insert("sub", sub.clone());
        }
        claims.insert("vc", Value::Object(doc.clone()));
        key.sign_jws(header, &Value::Object(claims))
    } else {
        // VC-JOSE-COSE: the payload is the credential itself.
        header.insert("typ", Value::from("vc+jwt"));
        header.insert("cty", Value::from("vc"));
        key.sign_jws(header, &Value::Object(doc.clone()))
    }
}
