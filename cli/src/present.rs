//! `mcx present`: a holder wraps credentials into a signed verifiable
//! presentation (proof purpose `authentication`), optionally bound to a
//! verifier's challenge and domain.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use mcx_verifier_core::json::{self, Object, Value};
use mcx_verifier_core::low_level::did::Purpose;
use mcx_verifier_core::low_level::proof::{ProofOptions, Suite};
use mcx_verifier_core::low_level::{VC_V1, VC_V2};
use mcx_verifier_core::Timestamp;

use crate::host;
use crate::issue::Identity;
use crate::keys::KeyPair;

/// Proof formats of a presentation.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum PresentFormat {
    /// Data Integrity, cryptosuite eddsa-rdfc-2022.
    #[value(name = "eddsa-rdfc-2022")]
    EddsaRdfc2022,
    /// Data Integrity, cryptosuite eddsa-jcs-2022.
    #[value(name = "eddsa-jcs-2022")]
    EddsaJcs2022,
    /// A VC-JOSE presentation JWT (`typ: vp+jwt`).
    #[value(name = "jwt")]
    Jwt,
}

/// Arguments of `mcx present`.
#[derive(Args)]
pub struct PresentArgs {
    /// The holder's key file.
    #[arg(long)]
    key: PathBuf,
    /// Present as this DID instead of the key's did:key.
    #[arg(long)]
    did: Option<String>,
    /// The verification method id (default: `DID#key-1` with `--did`).
    #[arg(long)]
    method: Option<String>,
    /// The proof format.
    #[arg(long, value_enum, default_value = "eddsa-rdfc-2022")]
    format: PresentFormat,
    /// The verifier's challenge (nonce), bound into the proof.
    #[arg(long)]
    challenge: Option<String>,
    /// The verifier's domain, bound into the proof.
    #[arg(long)]
    domain: Option<String>,
    /// Signing time (RFC 3339) instead of now.
    #[arg(long)]
    now: Option<String>,
    /// Write the presentation here instead of standard output.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Signed credentials (JSON or JWT files) to include.
    #[arg(required = true)]
    credentials: Vec<PathBuf>,
}

pub fn run(args: PresentArgs) -> Result<(), String> {
    let key = KeyPair::read(&args.key)?;
    let id = Identity::new(&key, args.did.as_deref(), args.method.as_deref());
    let now = host::now(args.now.as_deref())?;
    let mut creds = Vec::new();
    let mut version: Option<&str> = None;
    for path in &args.credentials {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let text = text.trim();
        let (cred, v) = if text.starts_with('{') {
            let v = json::parse_str(text).map_err(|e| format!("{}: {e}", path.display()))?;
            let first = v
                .get("@context")
                .map(Value::one_or_many)
                .and_then(|c| c.first())
                .and_then(Value::as_str);
            let ver = if first == Some(VC_V1) { VC_V1 } else { VC_V2 };
            (v, ver)
        } else if mcx_verifier_core::low_level::jws::looks_like_compact(text) {
            // VC 2.0 embeds a JWT credential as an enveloped credential.
            let mut env = Object::new();
            env.insert("@context", Value::from(VC_V2));
            env.insert("type", Value::from("EnvelopedVerifiableCredential"));
            env.insert("id", Value::from(format!("data:application/vc+jwt,{text}")));
            (Value::Object(env), VC_V2)
        } else {
            return Err(format!(
                "{} is neither a JSON credential nor a JWT",
                path.display()
            ));
        };
        // Data models cannot be mixed in one presentation: their protected
        // contexts conflict.
        if version.is_some_and(|x| x != v) {
            return Err(
                "all credentials of a presentation must use the same VC data model (1.1 or 2.0)"
                    .to_string(),
            );
        }
        version = Some(v);
        creds.push(cred);
    }
    let mut vp = Object::new();
    vp.insert(
        "@context",
        Value::Array(vec![Value::from(version.unwrap_or(VC_V2))]),
    );
    vp.insert(
        "type",
        Value::Array(vec![Value::from("VerifiablePresentation")]),
    );
    vp.insert("holder", Value::from(id.did.as_str()));
    vp.insert("verifiableCredential", Value::Array(creds));
    let text = sign(&vp, &key, &id, now, &args)?;
    match &args.out {
        Some(p) => std::fs::write(p, format!("{text}\n"))
            .map_err(|e| format!("cannot write {}: {e}", p.display())),
        None => {
            println!("{text}");
            Ok(())
        }
    }
}

fn sign(
    vp: &Object,
    key: &KeyPair,
    id: &Identity,
    now: Timestamp,
    args: &PresentArgs,
) -> Result<String, String> {
    let suite = match args.format {
        PresentFormat::EddsaRdfc2022 => Suite::EddsaRdfc2022,
        PresentFormat::EddsaJcs2022 => Suite::EddsaJcs2022,
        PresentFormat::Jwt => {
            let mut header = Object::new();
            header.insert("kid", Value::from(id.method.as_str()));
            header.insert("typ", Value::from("vp+jwt"));
            header.insert("cty", Value::from("vp"));
            let mut payload = vp.clone();
            // A JWT carries challenge and domain as nonce and audience.
            if let Some(c) = &args.challenge {
                payload.insert("nonce", Value::from(c.as_str()));
            }
            if let Some(d) = &args.domain {
                payload.insert("aud", Value::from(d.as_str()));
            }
            return key.sign_jws(header, &Value::Object(payload));
        }
    };
    let options = ProofOptions {
        suite: key.suite_for(suite),
        verification_method: id.method.clone(),
        purpose: Purpose::Authentication,
        created: now,
        challenge: args.challenge.clone(),
        domain: args.domain.clone(),
    };
    let signed = key.sign_proof(vp, &options)?;
    Ok(json::to_string(&Value::Object(signed)))
}
