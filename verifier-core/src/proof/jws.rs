//! Compact JWS with EdDSA (Ed25519): VC-JWT (VC 1.1, claims `vc`/`vp`) and
//! VC-JOSE (VC 2.0, the payload is the credential itself).

use alloc::format;
use alloc::string::String;
use core::fmt;

use ed25519_dalek::{Signature, Signer, SigningKey};

use crate::encoding::json::{self, Object, Value};
use crate::encoding::multibase::{base64url_decode, base64url_encode};

/// A decoded compact JWS whose signature has not been checked yet.
///
/// A JWS signed with an algorithm this verifier does not support still
/// decodes, so that a report can show what it claims (marked unverified)
/// and say precisely why its signature cannot be checked.
#[derive(Clone, Debug)]
pub struct Jws {
    /// The protected header.
    pub header: Object,
    /// The payload, parsed as JSON.
    pub payload: Object,
    signing_input: String,
    signature: Result<[u8; 64], JwsError>,
}

/// Why a JWS was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JwsError {
    /// Not three base64url segments of JSON objects, or a bad signature length.
    Malformed(String),
    /// An algorithm other than EdDSA, or a critical header we do not understand.
    Unsupported(String),
}

impl JwsError {
    /// The report's failure code for this error.
    pub fn code(&self) -> crate::report::Code {
        match self {
            JwsError::Malformed(_) => crate::report::Code::Malformed,
            JwsError::Unsupported(_) => crate::report::Code::Unsupported,
        }
    }
}

impl fmt::Display for JwsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JwsError::Malformed(m) => write!(f, "malformed JWT: {m}"),
            JwsError::Unsupported(m) => write!(f, "unsupported JWT: {m}"),
        }
    }
}

/// True when `s` looks like a compact JWS (three base64url segments), so
/// that input detection can pick this decoder before trying it.
pub fn looks_like_compact(s: &str) -> bool {
    let s = s.trim();
    s.starts_with("eyJ") && s.split('.').count() == 3
}

impl Jws {
    /// Decodes a compact JWS within `limits`.
    pub fn decode(compact: &str, limits: json::Limits) -> Result<Jws, JwsError> {
        let compact = compact.trim();
        let mut parts = compact.split('.');
        let (Some(h), Some(p), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(JwsError::Malformed(String::from(
                "expected three dot-separated segments",
            )));
        };
        let segment = |name: &str, seg: &str| -> Result<Object, JwsError> {
            let bytes = base64url_decode(seg)
                .ok_or_else(|| JwsError::Malformed(format!("the {name} is not base64url")))?;
            match json::parse(&bytes, limits) {
                Ok(Value::Object(o)) => Ok(o),
                Ok(_) => Err(JwsError::Malformed(format!(
                    "the {name} is not a JSON object"
                ))),
                Err(e) => Err(JwsError::Malformed(format!("the {name} is not JSON: {e}"))),
            }
        };
        let header = segment("header", h)?;
        let payload = segment("payload", p)?;
        let signature = match header.get("alg").and_then(Value::as_str) {
            Some("EdDSA" | "Ed25519") => {
                let sig = base64url_decode(s).ok_or_else(|| {
                    JwsError::Malformed(String::from("the signature is not base64url"))
                })?;
                <[u8; 64]>::try_from(sig.as_slice()).map_err(|_| {
                    JwsError::Malformed(format!(
                        "an Ed25519 signature is 64 bytes, this one is {}",
                        sig.len()
                    ))
                })
            }
            Some(other) => Err(JwsError::Unsupported(format!(
                "algorithm {other:?} (only EdDSA with Ed25519)"
            ))),
            None => return Err(JwsError::Malformed(String::from("the header has no alg"))),
        };
        if header.contains_key("crit") {
            return Err(JwsError::Unsupported(String::from(
                "critical header parameters",
            )));
        }
        if header.get("b64").is_some() {
            return Err(JwsError::Unsupported(String::from(
                "unencoded payloads (b64)",
            )));
        }
        Ok(Jws {
            header,
            payload,
            signing_input: format!("{h}.{p}"),
            signature,
        })
    }

    /// The `kid` header, if any.
    pub fn kid(&self) -> Option<&str> {
        self.header.get("kid").and_then(Value::as_str)
    }

    /// Whether the signature can be checked at all: an EdDSA signature of
    /// the right length, not another algorithm's.
    pub fn usable(&self) -> Result<(), &JwsError> {
        self.signature.as_ref().map(|_| ())
    }

    /// Checks the signature with `key` (strict Ed25519).
    pub fn verify(&self, key: &[u8; 32]) -> Result<(), crate::proof::ProofError> {
        let signature = self
            .signature
            .as_ref()
            .map_err(|_| crate::proof::ProofError::Malformed("the JWS signature is unusable"))?;
        crate::proof::verify_ed25519(
            key,
            self.signing_input.as_bytes(),
            &Signature::from_bytes(signature),
        )
    }
}

/// Signs `payload` as a compact JWS with `header` (to which `alg` is added).
pub fn sign(mut header: Object, payload: &Value, secret_key: &[u8; 32]) -> String {
    header.insert("alg", Value::from("EdDSA"));
    let h = base64url_encode(json::to_string(&Value::Object(header)).as_bytes());
    let p = base64url_encode(json::to_string(payload).as_bytes());
    let input = format!("{h}.{p}");
    let sig = SigningKey::from_bytes(secret_key).sign(input.as_bytes());
    let mut out = input;
    out.push('.');
    out.push_str(&base64url_encode(&sig.to_bytes()));
    out
}
