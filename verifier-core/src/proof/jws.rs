//! Compact JWS: VC-JWT (VC 1.1, claims `vc`/`vp`) and VC-JOSE (VC 2.0, the
//! payload is the credential itself), signed with EdDSA (Ed25519), ES256,
//! ES384, RS256 or PS256 (see [`super::signature`] for who verifies which).

use alloc::format;
use alloc::string::String;
use core::fmt;

use alloc::vec::Vec;

use ed25519_dalek::{Signer, SigningKey};

use crate::encoding::json::{self, Object, Value};
use crate::encoding::multibase::{base64url_decode, base64url_encode};

use super::key::PublicKey;
use super::signature::{Algorithm, SignatureCheck, Verifier};

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
    signature: Result<(Algorithm, Vec<u8>), JwsError>,
}

/// Why a JWS was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JwsError {
    /// Not three base64url segments of JSON objects, or a bad signature length.
    Malformed(String),
    /// An algorithm we do not support, or a critical header we do not understand.
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
        // What the header says about the payload comes before reading it:
        // a detached or unencoded payload is not base64url JSON at all.
        if p.is_empty() {
            return Err(JwsError::Unsupported(String::from(
                "a detached payload (as JAdES seals use)",
            )));
        }
        if header.get("b64").is_some() {
            return Err(JwsError::Unsupported(String::from(
                "unencoded payloads (b64)",
            )));
        }
        let payload = segment("payload", p)?;
        let signature = match header.get("alg").and_then(Value::as_str) {
            Some(alg) => match Algorithm::from_jose(alg) {
                Some(algorithm) => {
                    let sig = base64url_decode(s).ok_or_else(|| {
                        JwsError::Malformed(String::from("the signature is not base64url"))
                    })?;
                    Ok((algorithm, sig))
                }
                None => Err(JwsError::Unsupported(format!(
                    "algorithm {} (EdDSA, ES256, ES384, RS256 and PS256 are supported)",
                    json::quoted(alg)
                ))),
            },
            None => return Err(JwsError::Malformed(String::from("the header has no alg"))),
        };
        if header.contains_key("crit") {
            return Err(JwsError::Unsupported(String::from(
                "critical header parameters",
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

    /// Whether the signature can be checked at all: an algorithm this
    /// verifier supports.
    pub fn usable(&self) -> Result<(), &JwsError> {
        self.signature.as_ref().map(|_| ())
    }

    /// The signature algorithm, when supported.
    pub fn algorithm(&self) -> Option<Algorithm> {
        self.signature.as_ref().ok().map(|(a, _)| *a)
    }

    /// Checks the signature with `key` through `verifier`. The algorithm
    /// must be one of the key's: a header cannot choose how a key is used.
    pub fn verify(
        &self,
        key: &PublicKey,
        verifier: &dyn Verifier,
    ) -> Result<(), crate::proof::ProofError> {
        let (algorithm, signature) = self
            .signature
            .as_ref()
            .map_err(|_| crate::proof::ProofError::Malformed("the JWS signature is unusable"))?;
        let check = SignatureCheck::new(
            *algorithm,
            key.clone(),
            self.signing_input.as_bytes().to_vec(),
            signature.clone(),
        )?;
        verifier.check(check)
    }
}

/// Signs `payload` as a compact JWS with `header` (to which `alg` is
/// added), with an Ed25519 secret key.
pub fn sign(header: Object, payload: &Value, secret_key: &[u8; 32]) -> String {
    let key = SigningKey::from_bytes(secret_key);
    sign_with(header, payload, Algorithm::Ed25519, &|input| {
        key.sign(input).to_bytes().to_vec()
    })
}

/// [`sign`] with an ECDSA P-256 secret key (`ES256`).
#[cfg(feature = "native-crypto")]
pub fn sign_es256(
    header: Object,
    payload: &Value,
    secret_key: &[u8; 32],
) -> Result<String, crate::proof::ProofError> {
    use p256::ecdsa::signature::Signer as _;
    let key = p256::ecdsa::SigningKey::from_slice(secret_key)
        .map_err(|_| crate::proof::ProofError::Malformed("not a P-256 secret key"))?;
    Ok(sign_with(
        header,
        payload,
        Algorithm::EcdsaP256Sha256,
        &|input| {
            let signature: p256::ecdsa::Signature = key.sign(input);
            signature.to_bytes().to_vec()
        },
    ))
}

fn sign_with(
    mut header: Object,
    payload: &Value,
    algorithm: Algorithm,
    signer: &dyn Fn(&[u8]) -> Vec<u8>,
) -> String {
    header.insert("alg", Value::from(algorithm.jose_name()));
    let h = base64url_encode(json::to_string(&Value::Object(header)).as_bytes());
    let p = base64url_encode(json::to_string(payload).as_bytes());
    let input = format!("{h}.{p}");
    let sig = signer(input.as_bytes());
    let mut out = input;
    out.push('.');
    out.push_str(&base64url_encode(&sig));
    out
}
