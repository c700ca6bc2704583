//! The little DER (ITU-T X.690) a public key needs: definite-length
//! TLVs, read strictly (no indefinite lengths, no long forms for short
//! lengths), and PEM armour around them.
//!
//! Enough for `SubjectPublicKeyInfo` (RFC 5280 §4.1.2.7) and PKCS#1
//! `RSAPublicKey` (RFC 8017 §A.1.1), which is where Open Badges 2.0
//! issuers publish their keys (`publicKeyPem`).

use alloc::vec::Vec;

use base64::Engine;

/// A DER tag.
pub const SEQUENCE: u8 = 0x30;
/// A DER tag.
pub const INTEGER: u8 = 0x02;
/// A DER tag.
pub const BIT_STRING: u8 = 0x03;
/// A DER tag.
pub const OID: u8 = 0x06;

/// A cursor over DER bytes.
#[derive(Clone, Copy, Debug)]
pub struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    /// Reads `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { rest: bytes }
    }

    /// True when everything was read.
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// Reads one element with tag `tag` and returns its contents.
    pub fn read(&mut self, tag: u8) -> Option<&'a [u8]> {
        let (&t, rest) = self.rest.split_first()?;
        if t != tag {
            return None;
        }
        let (&first, rest) = rest.split_first()?;
        let (len, rest) = if first < 0x80 {
            (usize::from(first), rest)
        } else {
            let n = usize::from(first & 0x7f);
            // At most 4 length bytes (4 GiB), minimal, and not short form.
            if n == 0 || n > 4 || rest.len() < n || rest[0] == 0 {
                return None;
            }
            let len = rest[..n]
                .iter()
                .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
            if len < 0x80 {
                return None;
            }
            (len, &rest[n..])
        };
        if rest.len() < len {
            return None;
        }
        let (contents, rest) = rest.split_at(len);
        self.rest = rest;
        Some(contents)
    }

    /// Reads a non-negative INTEGER, without its sign byte.
    pub fn unsigned(&mut self) -> Option<&'a [u8]> {
        let v = self.read(INTEGER)?;
        match v {
            [] => None,
            [first, ..] if first & 0x80 != 0 => None,
            [0, rest @ ..] if rest.first().is_some_and(|b| b & 0x80 == 0) => None,
            [0, rest @ ..] if !rest.is_empty() => Some(rest),
            v => Some(v),
        }
    }
}

/// The bytes inside a PEM block labelled `label` (`PUBLIC KEY`, …).
pub fn pem(text: &str, label: &str) -> Option<Vec<u8>> {
    let begin = alloc::format!("-----BEGIN {label}-----");
    let end = alloc::format!("-----END {label}-----");
    let start = text.find(&begin)? + begin.len();
    let stop = start + text[start..].find(&end)?;
    let body: Vec<u8> = text[start..stop]
        .bytes()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD.decode(body).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_lengths() {
        let mut r = Reader::new(&[0x30, 0x03, 0x02, 0x01, 0x05]);
        let inner = r.read(SEQUENCE).unwrap();
        assert!(r.is_empty());
        assert_eq!(Reader::new(inner).unsigned(), Some(&[5u8][..]));
        // Long form for a short length, a truncated element, a wrong tag.
        assert!(Reader::new(&[0x30, 0x81, 0x03, 1, 2, 3])
            .read(SEQUENCE)
            .is_none());
        assert!(Reader::new(&[0x30, 0x05, 1]).read(SEQUENCE).is_none());
        assert!(Reader::new(&[0x02, 0x01, 0x05]).read(SEQUENCE).is_none());
        // Negative and non-minimal integers.
        assert!(Reader::new(&[0x02, 0x01, 0x80]).unsigned().is_none());
        assert!(Reader::new(&[0x02, 0x02, 0x00, 0x05]).unsigned().is_none());
        assert_eq!(
            Reader::new(&[0x02, 0x02, 0x00, 0x80]).unsigned(),
            Some(&[0x80u8][..])
        );
    }
}
