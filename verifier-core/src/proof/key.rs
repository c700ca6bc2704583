//! Public keys of every supported type, as they are written in keys and
//! DID documents: Multikey (`z6Mk…` Ed25519, `zDn…` P-256, `z82…` P-384),
//! JSON Web Keys (OKP Ed25519, EC P-256/P-384, RSA) and the legacy
//! `publicKeyBase58`.
//!
//! Parsing checks the encoding (lengths, point format prefix, RSA size),
//! not the mathematics: whether an EC point is on its curve is decided by
//! the signature verifier that imports it (RustCrypto natively, WebCrypto in
//! the browser), which refuses a key that is not.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::encoding::json::Value;
use crate::encoding::{der, multibase};

/// Smallest RSA modulus accepted, in bits (NIST SP 800-131A: 2048 and up).
pub const MIN_RSA_BITS: usize = 2048;
/// Largest RSA modulus accepted, in bits: bounds the work one key can cost.
pub const MAX_RSA_BITS: usize = 8192;

/// A public key that can check signatures.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PublicKey {
    /// An Ed25519 key (32 bytes), verified in the core (strict).
    Ed25519([u8; 32]),
    /// A NIST P-256 point, SEC1-encoded (compressed 33 or uncompressed 65 bytes).
    P256(Vec<u8>),
    /// A NIST P-384 point, SEC1-encoded (compressed 49 or uncompressed 97 bytes).
    P384(Vec<u8>),
    /// An RSA key: modulus and public exponent, big-endian, no leading zeros.
    Rsa {
        /// The modulus.
        n: Vec<u8>,
        /// The public exponent.
        e: Vec<u8>,
    },
}

/// Why a key could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// The key is not encoded as its type requires.
    Malformed(String),
    /// A key type or curve this verifier does not support.
    Unsupported(String),
}

impl core::fmt::Display for KeyError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            KeyError::Malformed(m) | KeyError::Unsupported(m) => f.write_str(m),
        }
    }
}

/// DER object identifiers (contents only) of the key algorithms and curves.
const OID_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const OID_EC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const OID_P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const OID_P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
const OID_ED25519: &[u8] = &[0x2b, 0x65, 0x70];

fn malformed(m: &str) -> KeyError {
    KeyError::Malformed(String::from(m))
}

/// The modulus and exponent of a DER PKCS#1 `RSAPublicKey` (its contents).
fn rsa_public_key(der: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut outer = der::Reader::new(der);
    let seq = if der.first() == Some(&der::SEQUENCE) {
        let s = outer.read(der::SEQUENCE)?;
        if !outer.is_empty() {
            return None;
        }
        s
    } else {
        der
    };
    let mut r = der::Reader::new(seq);
    let n = r.unsigned()?.to_vec();
    let e = r.unsigned()?.to_vec();
    r.is_empty().then_some((n, e))
}

/// Multicodec prefixes (unsigned varints) of the public keys Multikey names.
const P256_PUB: [u8; 2] = [0x80, 0x24];
const P384_PUB: [u8; 2] = [0x81, 0x24];

impl PublicKey {
    /// The key type as people name it: `Ed25519`, `P-256`, `P-384`, `RSA`.
    pub fn type_name(&self) -> &'static str {
        match self {
            PublicKey::Ed25519(_) => "Ed25519",
            PublicKey::P256(_) => "P-256",
            PublicKey::P384(_) => "P-384",
            PublicKey::Rsa { .. } => "RSA",
        }
    }

    /// Reads a Multikey / `did:key` value (`z…`, multicodec-prefixed).
    pub fn from_multikey(s: &str) -> Result<PublicKey, KeyError> {
        let bytes = multibase::decode(s)
            .map_err(|e| KeyError::Malformed(format!("the key is not multibase: {e}")))?;
        if let Some(raw) = bytes.strip_prefix(&multibase::ED25519_PUB) {
            return ed25519(raw);
        }
        if let Some(raw) = bytes.strip_prefix(&P256_PUB) {
            return ec(Curve::P256, raw.to_vec());
        }
        if let Some(raw) = bytes.strip_prefix(&P384_PUB) {
            return ec(Curve::P384, raw.to_vec());
        }
        // Public key types the multicodec table names that we do not
        // verify (secp256k1, X25519, BLS12-381, P-521, Ed448, RSA, sr25519)
        // are unsupported; any other prefix is not a public key at all.
        const OTHER_KEYS: [&[u8]; 8] = [
            &[0xe7, 0x01],
            &[0xec, 0x01],
            &[0xea, 0x01],
            &[0xeb, 0x01],
            &[0x82, 0x24],
            &[0x83, 0x24],
            &[0x85, 0x24],
            &[0xef, 0x01],
        ];
        if OTHER_KEYS.iter().any(|p| bytes.starts_with(p)) {
            return Err(KeyError::Unsupported(String::from(
                "a key type other than Ed25519, P-256 and P-384",
            )));
        }
        Err(KeyError::Malformed(String::from(
            "not a multicodec public key",
        )))
    }

    /// Reads a public JSON Web Key (RFC 7517/7518, RFC 8037 for OKP).
    /// A JWK with private members is refused: a document that leaks a
    /// private key is not one to trust.
    pub fn from_jwk(jwk: &Value) -> Result<PublicKey, KeyError> {
        let text = |k: &str| jwk.get(k).and_then(Value::as_str);
        let bytes = |k: &str| -> Result<Vec<u8>, KeyError> {
            let s = text(k).ok_or_else(|| KeyError::Malformed(format!("the JWK has no {k}")))?;
            multibase::base64url_decode(s)
                .ok_or_else(|| KeyError::Malformed(format!("the JWK's {k} is not base64url")))
        };
        if ["d", "p", "q", "dp", "dq", "qi"]
            .iter()
            .any(|k| jwk.get(k).is_some())
        {
            return Err(KeyError::Malformed(String::from(
                "the JWK contains a private key",
            )));
        }
        match (text("kty"), text("crv")) {
            (Some("OKP"), Some("Ed25519")) => ed25519(&bytes("x")?),
            (Some("EC"), Some(crv @ ("P-256" | "P-384"))) => {
                let curve = if crv == "P-256" {
                    Curve::P256
                } else {
                    Curve::P384
                };
                let (x, y) = (bytes("x")?, bytes("y")?);
                let n = curve.field_bytes();
                if x.len() != n || y.len() != n {
                    return Err(KeyError::Malformed(format!(
                        "a {crv} JWK has {n}-byte coordinates"
                    )));
                }
                let mut sec1 = Vec::with_capacity(1 + 2 * n);
                sec1.push(4);
                sec1.extend_from_slice(&x);
                sec1.extend_from_slice(&y);
                ec(curve, sec1)
            }
            (Some("RSA"), _) => rsa(bytes("n")?, bytes("e")?),
            (kty, crv) => Err(KeyError::Unsupported(format!(
                "JWK key type {}{}",
                kty.unwrap_or("?"),
                crv.map(|c| format!("/{c}")).unwrap_or_default()
            ))),
        }
    }

    /// Reads a PEM public key: `PUBLIC KEY` (SubjectPublicKeyInfo: RSA,
    /// P-256, P-384, Ed25519) or `RSA PUBLIC KEY` (PKCS#1), as Open Badges
    /// 2.0 issuers publish it (`publicKeyPem`).
    pub fn from_pem(text: &str) -> Result<PublicKey, KeyError> {
        if let Some(der) = der::pem(text, "PUBLIC KEY") {
            return PublicKey::from_spki(&der);
        }
        if let Some(der) = der::pem(text, "RSA PUBLIC KEY") {
            let mut outer = der::Reader::new(&der);
            return outer
                .read(der::SEQUENCE)
                .filter(|_| outer.is_empty())
                .and_then(rsa_public_key)
                .ok_or_else(|| malformed("not a PKCS#1 RSA public key"))
                .and_then(|(n, e)| rsa(n, e));
        }
        Err(malformed("not a PEM public key"))
    }

    /// Reads a DER `SubjectPublicKeyInfo`.
    pub fn from_spki(spki: &[u8]) -> Result<PublicKey, KeyError> {
        let bad = || malformed("not a DER SubjectPublicKeyInfo");
        let mut outer = der::Reader::new(spki);
        let info = outer.read(der::SEQUENCE).ok_or_else(bad)?;
        if !outer.is_empty() {
            return Err(bad());
        }
        let mut info = der::Reader::new(info);
        let mut algorithm = der::Reader::new(info.read(der::SEQUENCE).ok_or_else(bad)?);
        let key_bits = info.read(der::BIT_STRING).ok_or_else(bad)?;
        // A key is a whole number of bytes: no unused bits.
        let key = key_bits.strip_prefix(&[0]).ok_or_else(bad)?;
        let oid = algorithm.read(der::OID).ok_or_else(bad)?;
        match oid {
            OID_RSA => rsa_public_key(key)
                .ok_or_else(bad)
                .and_then(|(n, e)| rsa(n, e)),
            OID_EC => match algorithm.read(der::OID) {
                Some(OID_P256) => ec(Curve::P256, key.to_vec()),
                Some(OID_P384) => ec(Curve::P384, key.to_vec()),
                _ => Err(KeyError::Unsupported(String::from(
                    "an EC key on a curve other than P-256 and P-384",
                ))),
            },
            OID_ED25519 => ed25519(key),
            _ => Err(KeyError::Unsupported(String::from(
                "a public key algorithm other than RSA, EC and Ed25519",
            ))),
        }
    }

    /// Reads a raw Ed25519 key (`publicKeyBase58` of the 2018 key type).
    pub fn from_ed25519_bytes(raw: &[u8]) -> Result<PublicKey, KeyError> {
        ed25519(raw)
    }

    /// The Multikey form of an Ed25519, P-256 or P-384 key (RSA has none).
    pub fn to_multikey(&self) -> Option<String> {
        let (prefix, raw): (&[u8], &[u8]) = match self {
            PublicKey::Ed25519(k) => (&multibase::ED25519_PUB, k),
            PublicKey::P256(p) => (&P256_PUB, p),
            PublicKey::P384(p) => (&P384_PUB, p),
            PublicKey::Rsa { .. } => return None,
        };
        let mut bytes = prefix.to_vec();
        bytes.extend_from_slice(raw);
        Some(multibase::encode_base58btc(&bytes))
    }

    /// Bytes that identify the key exactly (type tag, then its encoding),
    /// for hashing a signature check.
    pub(crate) fn identity(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut put = |tag: u8, parts: &[&[u8]]| {
            out.push(tag);
            for p in parts {
                out.extend_from_slice(&(p.len() as u32).to_be_bytes());
                out.extend_from_slice(p);
            }
        };
        match self {
            PublicKey::Ed25519(k) => put(1, &[k]),
            PublicKey::P256(p) => put(2, &[p]),
            PublicKey::P384(p) => put(3, &[p]),
            PublicKey::Rsa { n, e } => put(4, &[n, e]),
        }
        out
    }
}

/// The NIST curves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Curve {
    P256,
    P384,
}

impl Curve {
    fn field_bytes(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
        }
    }
}

fn ed25519(raw: &[u8]) -> Result<PublicKey, KeyError> {
    raw.try_into().map(PublicKey::Ed25519).map_err(|_| {
        KeyError::Malformed(format!(
            "an Ed25519 key must be 32 bytes, this one has {}",
            raw.len()
        ))
    })
}

fn ec(curve: Curve, sec1: Vec<u8>) -> Result<PublicKey, KeyError> {
    let n = curve.field_bytes();
    let ok = match sec1.first() {
        Some(2 | 3) => sec1.len() == 1 + n,
        Some(4) => sec1.len() == 1 + 2 * n,
        _ => false,
    };
    if !ok {
        return Err(KeyError::Malformed(format!(
            "not a SEC1-encoded {} point",
            if curve == Curve::P256 {
                "P-256"
            } else {
                "P-384"
            }
        )));
    }
    Ok(match curve {
        Curve::P256 => PublicKey::P256(sec1),
        Curve::P384 => PublicKey::P384(sec1),
    })
}

fn rsa(n: Vec<u8>, e: Vec<u8>) -> Result<PublicKey, KeyError> {
    let strip = |v: Vec<u8>| -> Vec<u8> {
        let zeros = v.iter().take_while(|b| **b == 0).count();
        v[zeros..].to_vec()
    };
    let (n, e) = (strip(n), strip(e));
    let bits = n.len() * 8 - n.first().map_or(8, |b| b.leading_zeros() as usize);
    if bits < MIN_RSA_BITS {
        return Err(KeyError::Unsupported(format!(
            "an RSA key of {bits} bits (at least {MIN_RSA_BITS} are required)"
        )));
    }
    if bits > MAX_RSA_BITS {
        return Err(KeyError::Unsupported(format!(
            "an RSA key of {bits} bits (at most {MAX_RSA_BITS})"
        )));
    }
    // An even or tiny exponent is not a public RSA key anyone generates;
    // more than 32 bits is refused by WebCrypto and most libraries.
    let odd = e.last().is_some_and(|b| b & 1 == 1);
    if !odd || e.len() > 4 || (e.len() == 1 && e[0] < 3) {
        return Err(KeyError::Malformed(
            "the RSA public exponent is not a usable one".to_string(),
        ));
    }
    Ok(PublicKey::Rsa { n, e })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::json;

    #[test]
    fn multikeys_of_each_curve() {
        let ed =
            PublicKey::from_multikey("z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp").unwrap();
        assert_eq!(ed.type_name(), "Ed25519");
        // The W3C vc-di-ecdsa test keys.
        for (mk, name, len) in [
            (
                "zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP",
                "P-256",
                33,
            ),
            (
                "z82LkuBieyGShVBhvtE2zoiD6Kma4tJGFtkAhxR5pfkp5QPw4LutoYWhvQCnGjdVn14kujQ",
                "P-384",
                49,
            ),
        ] {
            let k = PublicKey::from_multikey(mk).unwrap();
            assert_eq!(k.type_name(), name);
            match &k {
                PublicKey::P256(p) | PublicKey::P384(p) => assert_eq!(p.len(), len),
                _ => unreachable!(),
            }
            assert_eq!(k.to_multikey().as_deref(), Some(mk));
        }
        assert!(matches!(
            PublicKey::from_multikey(&multibase::encode_base58btc(&[0x80, 0x24, 5, 1, 2])),
            Err(KeyError::Malformed(_))
        ));
        assert!(matches!(
            PublicKey::from_multikey(&multibase::encode_base58btc(&[0xe7, 0x01, 2, 1, 2])),
            Err(KeyError::Unsupported(_))
        ));
        assert!(matches!(
            PublicKey::from_multikey(&multibase::encode_base58btc(&[0x04, 0x16, 2, 1, 2])),
            Err(KeyError::Malformed(_))
        ));
    }

    #[test]
    fn jwks() {
        let parse = |s: &str| PublicKey::from_jwk(&json::parse_str(s).unwrap());
        // RFC 7515 appendix A.3 (ES256).
        let ec = parse(r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#).unwrap();
        assert!(matches!(&ec, PublicKey::P256(p) if p.len() == 65 && p[0] == 4));
        assert!(matches!(
            parse(
                r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}"#
            ),
            Err(KeyError::Malformed(_))
        ));
        assert!(matches!(
            parse(r#"{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}"#),
            Err(KeyError::Unsupported(_))
        ));
        // A 1024-bit RSA key is refused as too small.
        let small = multibase::base64url_encode(&[0xc5; 128]);
        assert!(matches!(
            parse(&format!(r#"{{"kty":"RSA","n":"{small}","e":"AQAB"}}"#)),
            Err(KeyError::Unsupported(_))
        ));
        let big = multibase::base64url_encode(&[0xc5; 256]);
        let rsa = parse(&format!(r#"{{"kty":"RSA","n":"{big}","e":"AQAB"}}"#)).unwrap();
        assert_eq!(rsa.type_name(), "RSA");
        assert!(parse(&format!(r#"{{"kty":"RSA","n":"{big}","e":"AQAA"}}"#)).is_err());
    }
}
