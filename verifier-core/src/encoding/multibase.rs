//! Multibase (`z` base58btc, `u` base64url) and the multicodec prefix of
//! Ed25519 public keys, as used by `did:key`, Multikey and `proofValue`.
use crate::report::Code;

use alloc::string::String;
use alloc::vec::Vec;
use base64::Engine;

const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Multicodec varint prefix of an Ed25519 public key (`0xed`).
pub const ED25519_PUB: [u8; 2] = [0xed, 0x01];

/// Longest base58 text decoded: base58 decoding is quadratic, and nothing
/// this verifier reads (keys, signatures) comes near this.
const MAX_BASE58: usize = 512;

/// Why a multibase string was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MultibaseError {
    /// Empty, or a base prefix other than `z` / `u`.
    UnsupportedBase,
    /// A character outside the alphabet, or too long.
    InvalidEncoding,
}

impl MultibaseError {
    /// The report code for this failure.
    pub fn code(&self) -> Code {
        match self {
            MultibaseError::UnsupportedBase => Code::Unsupported,
            MultibaseError::InvalidEncoding => Code::Malformed,
        }
    }
}

impl core::fmt::Display for MultibaseError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            MultibaseError::UnsupportedBase => "unsupported multibase prefix (expected 'z' or 'u')",
            MultibaseError::InvalidEncoding => "invalid multibase encoding",
        })
    }
}

/// Decodes base58btc (Bitcoin alphabet) without a multibase prefix.
pub fn base58_decode(s: &str) -> Result<Vec<u8>, MultibaseError> {
    if s.len() > MAX_BASE58 {
        return Err(MultibaseError::InvalidEncoding);
    }
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    for c in s.bytes() {
        let mut carry = ALPHABET
            .iter()
            .position(|&a| a == c)
            .ok_or(MultibaseError::InvalidEncoding)? as u32;
        for byte in out.iter_mut().rev() {
            carry += u32::from(*byte) * 58;
            *byte = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            out.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let zeros = s.bytes().take_while(|&c| c == b'1').count();
    let mut result = alloc::vec![0u8; zeros];
    result.extend(out.into_iter().skip_while(|&b| b == 0));
    Ok(result)
}

/// Encodes as base58btc without a multibase prefix.
pub fn base58_encode(data: &[u8]) -> String {
    let mut digits: Vec<u8> = Vec::with_capacity(data.len() * 138 / 100 + 1);
    for &byte in data {
        let mut carry = u32::from(byte);
        for d in digits.iter_mut().rev() {
            carry += u32::from(*d) << 8;
            *d = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.insert(0, (carry % 58) as u8);
            carry /= 58;
        }
    }
    let mut s = String::new();
    for _ in data.iter().take_while(|&&b| b == 0) {
        s.push('1');
    }
    for d in digits {
        s.push(char::from(ALPHABET[usize::from(d)]));
    }
    s
}

/// Decodes a multibase string (`z…` base58btc or `u…` base64url).
pub fn decode(s: &str) -> Result<Vec<u8>, MultibaseError> {
    match s.as_bytes().first() {
        Some(b'z') => base58_decode(&s[1..]),
        Some(b'u') => base64url_decode(&s[1..]).ok_or(MultibaseError::InvalidEncoding),
        _ => Err(MultibaseError::UnsupportedBase),
    }
}

/// Encodes as multibase base58btc (`z…`).
pub fn encode_base58btc(data: &[u8]) -> String {
    let mut s = String::from("z");
    s.push_str(&base58_encode(data));
    s
}

/// Decodes unpadded base64url (RFC 4648 §5), as JOSE uses it; padding is rejected.
pub fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s)
        .ok()
}

/// Encodes as unpadded base64url.
pub fn base64url_encode(data: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(data)
}

/// The 32-byte Ed25519 key of a multicodec-prefixed multibase public key
/// (`z6Mk…`).
pub fn decode_ed25519_multikey(s: &str) -> Result<[u8; 32], KeyDecodeError> {
    let bytes = decode(s).map_err(KeyDecodeError::Multibase)?;
    let rest = bytes
        .strip_prefix(&ED25519_PUB)
        .ok_or(KeyDecodeError::NotEd25519)?;
    rest.try_into()
        .map_err(|_| KeyDecodeError::WrongLength(rest.len()))
}

/// Encodes an Ed25519 public key as a Multikey (`z6Mk…`).
pub fn encode_ed25519_multikey(key: &[u8; 32]) -> String {
    let mut bytes = Vec::with_capacity(34);
    bytes.extend_from_slice(&ED25519_PUB);
    bytes.extend_from_slice(key);
    encode_base58btc(&bytes)
}

/// Why a multibase key was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyDecodeError {
    /// Bad multibase.
    Multibase(MultibaseError),
    /// Not an Ed25519 multicodec key.
    NotEd25519,
    /// Ed25519, but not 32 bytes.
    WrongLength(usize),
}

impl KeyDecodeError {
    /// The report code for this failure.
    pub fn code(&self) -> Code {
        match self {
            KeyDecodeError::Multibase(e) => e.code(),
            KeyDecodeError::NotEd25519 => Code::Unsupported,
            KeyDecodeError::WrongLength(_) => Code::Malformed,
        }
    }
}

impl core::fmt::Display for KeyDecodeError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            KeyDecodeError::Multibase(e) => write!(f, "{e}"),
            KeyDecodeError::NotEd25519 => {
                f.write_str("not an Ed25519 public key (multicodec 0xed)")
            }
            KeyDecodeError::WrongLength(n) => {
                write!(f, "an Ed25519 key must be 32 bytes, this one has {n}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base58_round_trips_and_rejects() {
        for data in [&b""[..], b"\0\0abc", b"hello world", &[0xff; 40]] {
            assert_eq!(base58_decode(&base58_encode(data)).unwrap(), data);
        }
        assert_eq!(base58_encode(b"hello world"), "StV1DL6CwTryKyV");
        assert!(base58_decode("0OIl").is_err());
        assert!(decode("mAAAA").is_err());
        assert!(decode("").is_err());
    }

    #[test]
    fn multikey() {
        // did:key test key from the did:key spec.
        let k =
            decode_ed25519_multikey("z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp").unwrap();
        assert_eq!(
            encode_ed25519_multikey(&k),
            "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"
        );
        assert!(decode_ed25519_multikey("z6Mk").is_err());
        let short = encode_base58btc(&[0xed, 0x01, 1, 2, 3]);
        assert_eq!(
            decode_ed25519_multikey(&short),
            Err(KeyDecodeError::WrongLength(3))
        );
    }
}
