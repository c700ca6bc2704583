//! The signature of the 2018-era Linked Data proofs — `Ed25519Signature2018`,
//! `RsaSignature2018`, `JsonWebSignature2020` — a JWS with a detached,
//! unencoded payload (RFC 7797) in the proof's `jws` member.
//!
//! What they sign is what `Ed25519Signature2020` signs: SHA-256 of the
//! RDFC-1.0 proof options (with the document's context), then SHA-256 of
//! the RDFC-1.0 document. The JWS signing input is the header's base64url,
//! a dot, and those 64 bytes as they are (`b64: false`).

use alloc::format;
use alloc::vec::Vec;

use crate::encoding::json::{self, Value};
use crate::encoding::multibase::base64url_decode;

use super::signature::Algorithm;
use super::ProofError;

/// A parsed detached JWS: `<header>..<signature>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DetachedJws<'a> {
    header: &'a str,
    algorithm: Algorithm,
    signature: Vec<u8>,
}

impl<'a> DetachedJws<'a> {
    /// Reads a proof's `jws` value. The header must declare the unencoded
    /// payload (`"b64": false`, critical) and name a supported algorithm.
    pub fn parse(jws: &'a str) -> Result<DetachedJws<'a>, ProofError> {
        let mut parts = jws.split('.');
        let (Some(header), Some(""), Some(sig), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(ProofError::Malformed(
                "the proof's jws is not a detached JWS (header..signature)",
            ));
        };
        let bytes = base64url_decode(header)
            .ok_or(ProofError::Malformed("the jws header is not base64url"))?;
        let parsed = json::parse(
            &bytes,
            json::Limits {
                max_bytes: 4096,
                max_depth: 4,
            },
        )
        .map_err(|_| ProofError::Malformed("the jws header is not JSON"))?;
        let unencoded = parsed.get("b64").and_then(Value::as_bool) == Some(false);
        let critical = parsed
            .get("crit")
            .and_then(Value::as_array)
            .is_some_and(|c| c.len() == 1 && c[0].as_str() == Some("b64"));
        if !unencoded || !critical {
            return Err(ProofError::Malformed(
                "the jws header must declare an unencoded, critical payload (b64: false)",
            ));
        }
        let alg = parsed
            .get("alg")
            .and_then(Value::as_str)
            .ok_or(ProofError::Malformed("the jws header has no alg"))?;
        let algorithm = Algorithm::from_jose(alg).ok_or_else(|| {
            ProofError::Unsupported(format!("the jws algorithm {}", json::quoted(alg)))
        })?;
        let signature = base64url_decode(sig)
            .ok_or(ProofError::Malformed("the jws signature is not base64url"))?;
        Ok(DetachedJws {
            header,
            algorithm,
            signature,
        })
    }

    /// The algorithm the header names.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The signature bytes.
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// The JWS signing input for the suite's `verify_data`.
    pub fn signing_input(&self, verify_data: &[u8]) -> Vec<u8> {
        let mut input = Vec::with_capacity(self.header.len() + 1 + verify_data.len());
        input.extend_from_slice(self.header.as_bytes());
        input.push(b'.');
        input.extend_from_slice(verify_data);
        input
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::multibase::base64url_encode;
    use alloc::string::String;

    #[test]
    fn only_detached_unencoded_headers() {
        let header = base64url_encode(br#"{"alg":"EdDSA","b64":false,"crit":["b64"]}"#);
        let jws = format!("{header}..{}", base64url_encode(&[1; 64]));
        let d = DetachedJws::parse(&jws).unwrap();
        assert_eq!(d.algorithm(), Algorithm::Ed25519);
        assert_eq!(d.signing_input(b"xy"), format!("{header}.xy").into_bytes());
        for bad in [
            format!("{header}.e30.{}", base64url_encode(&[1; 64])),
            format!(
                "{}..AA",
                base64url_encode(br#"{"alg":"EdDSA","crit":["b64"]}"#)
            ),
            format!(
                "{}..AA",
                base64url_encode(br#"{"alg":"EdDSA","b64":false}"#)
            ),
            String::from("e30"),
        ] {
            assert!(
                matches!(DetachedJws::parse(&bad), Err(ProofError::Malformed(_))),
                "{bad}"
            );
        }
        let es256k = base64url_encode(br#"{"alg":"ES256K","b64":false,"crit":["b64"]}"#);
        assert!(matches!(
            DetachedJws::parse(&format!("{es256k}..AA")),
            Err(ProofError::Unsupported(_))
        ));
    }
}
