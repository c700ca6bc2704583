//! The payload of a verification link (`…#vc=<payload>`): the credential's
//! text, compressed, in the URL fragment, so that it never reaches a server.
//!
//! # Forms
//!
//! - **legacy** (neither `.` nor `:`): `base64url(raw DEFLATE(text))`, what
//!   links made before version 1 carry. Still read, no longer written.
//! - **version 1**, `1.<base64url>` in links and `1:<BASE32>` in QR codes:
//!   the same bytes, in unpadded base64url (RFC 4648 §5) or in unpadded
//!   upper-case base32 (RFC 4648 §6), which a QR code stores in its
//!   alphanumeric mode at 5.5 bits a character instead of 8 (a smaller code
//!   for the same credential, though a longer text). The bytes are raw
//!   DEFLATE (RFC 1951) with a preset dictionary, [`DICTIONARY_V1`]: the
//!   stream a compressor writes after it has been given the dictionary, so
//!   its back-references reach into it, as with zlib's
//!   `deflateSetDictionary` / `inflateSetDictionary` (raw, window 15).
//!   Equivalently, and how this module reads it: the stream that follows a
//!   non-final stored block holding the dictionary. It inflates to the
//!   credential's text (JSON, or a JWT as issued).
//!
//! `.` and `:` are in neither the base64url nor the base32 alphabet, so the
//! forms cannot be mistaken for each other. A later version brings its own
//! dictionary and number; the dictionaries of earlier versions stay, byte for
//! byte, so that every link ever made keeps working (tests decode frozen
//! links of each form).
//!
//! # The version 1 dictionary
//!
//! `dictionary_v1.txt`, 1,909 bytes: what the network's credentials say in
//! every credential, in the order `mcx issue` writes it: an Open Badges 3.0
//! credential with the EU micro-credential elements as the network issues
//! it, its values left out except those most credentials share (the
//! contexts, types, the EQF and ESCO alignments, status entries, the
//! proof's suite and purpose, the shape of dates). DEFLATE codes a recent
//! distance in fewer bits, so what most credentials have comes last (the
//! proof). Names, identifiers and texts of members and learners are
//! deliberately not in it: the dictionary is frozen forever, and the
//! network's membership is not. It is small because every verifier carries
//! it, the widget too (its size budget leaves no room for more). Its SHA-256
//! is pinned by a test: changing one byte of it would break every version 1
//! link.
//!
//! A JWT's payload is base64url, which the dictionary cannot match: a JWT
//! link gains little. Carrying its three parts decoded (and encoding them
//! again when reading) would make the demo's JWT link 59% shorter, but needs
//! a base64url encoder in every verifier (0.2 KB of the widget, which it does
//! not have to spare): a candidate for a later version.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use miniz_oxide::deflate::core::{
    compress_to_output, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus,
};
use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};

use super::InputError;
use crate::encoding::multibase::{base64url_decode, base64url_encode};

/// The preset dictionary of version 1 links (see the module documentation).
/// Frozen: links made with it must decode forever.
pub const DICTIONARY_V1: &[u8] = include_bytes!("dictionary_v1.txt");
const _: () = assert!(DICTIONARY_V1.len() <= u16::MAX as usize);

/// What starts a version 1 payload in base64url (links).
const PREFIX: &str = "1.";
/// What starts a version 1 payload in base32 (QR codes).
const PREFIX_QR: &str = "1:";

/// Makes the fragment payload (the part after `#vc=`) for a credential's
/// text: version 1, `1.<base64url>`. [`decode_fragment`] returns `credential`
/// byte for byte.
pub fn encode_fragment(credential: &[u8]) -> String {
    format!("{PREFIX}{}", base64url_encode(&compress(credential)))
}

/// The same payload for a QR code: version 1 in upper-case base32,
/// `1:<BASE32>`, which a QR code stores in its alphanumeric mode (a smaller
/// code than for [`encode_fragment`]'s, though a longer text).
pub fn encode_fragment_for_qr(credential: &[u8]) -> String {
    let mut out = Vec::from(PREFIX_QR);
    base32_into(&compress(credential), &mut out);
    // Only ASCII was written.
    String::from_utf8(out).unwrap_or_default()
}

/// The version 1 bytes of a credential's text.
fn compress(credential: &[u8]) -> Vec<u8> {
    deflate_with_dictionary(DICTIONARY_V1, credential)
}

/// Reads a fragment payload of any form, inflating at most `max_inflated`
/// bytes of credential (the dictionary not counted).
pub fn decode_fragment(payload: &str, max_inflated: usize) -> Result<Vec<u8>, InputError> {
    let payload = payload.trim();
    let (dictionary, compressed) = if let Some(data) = payload.strip_prefix(PREFIX) {
        (DICTIONARY_V1, base64(data))
    } else if let Some(data) = payload.strip_prefix(PREFIX_QR) {
        (
            DICTIONARY_V1,
            base32(data).ok_or_else(|| malformed(NOT_ENCODED)),
        )
    } else if payload.bytes().any(|b| b == b'.' || b == b':') {
        return Err(InputError::Unsupported(String::from(
            "The link is in a newer format than this verifier reads",
        )));
    } else {
        // Legacy: raw DEFLATE without a dictionary.
        (&[][..], base64(payload))
    };
    inflate_after(dictionary, &compressed?, max_inflated)
}

fn base64(data: &str) -> Result<Vec<u8>, InputError> {
    base64url_decode(data).ok_or_else(|| malformed(NOT_ENCODED))
}

const NOT_ENCODED: &str = "The link's payload is not valid base64url or base32 (was it cut off?)";

/// Base32 (RFC 4648 §6).
const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// Decodes unpadded base32; bits after the last whole byte are dropped.
fn base32(data: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() * 5 / 8);
    let (mut bits, mut n) = (0u32, 0u32);
    for c in data.bytes() {
        let v = match c {
            c @ b'A'..=b'Z' => c - b'A',
            c @ b'2'..=b'7' => c - b'2' + 26,
            _ => return None,
        };
        bits = bits << 5 | u32::from(v);
        n += 5;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    Some(out)
}

/// A payload that base64url-decodes but does not decompress to what it
/// should (a cut or altered link).
const DAMAGED: &str = "The link's payload does not decompress (was it cut off?)";

fn malformed(message: &str) -> InputError {
    InputError::Malformed(String::from(message))
}

fn too_large(max: usize) -> InputError {
    InputError::Malformed(format!("The link's payload inflates beyond {max} bytes"))
}

/// Appends unpadded base32 (RFC 4648 §6).
fn base32_into(bytes: &[u8], out: &mut Vec<u8>) {
    let (mut bits, mut n) = (0u32, 0u32);
    for &b in bytes {
        bits = bits << 8 | u32::from(b);
        n += 8;
        while n >= 5 {
            n -= 5;
            out.push(BASE32[(bits >> n & 31) as usize]);
        }
    }
    if n > 0 {
        out.push(BASE32[(bits << (5 - n) & 31) as usize]);
    }
}

/// Raw DEFLATE of `data` as a compressor writes it after it has read
/// `dictionary`: the dictionary is compressed first and flushed to a byte
/// boundary (a sync flush), and only what follows is kept, so the result's
/// back-references may reach into the dictionary.
fn deflate_with_dictionary(dictionary: &[u8], data: &[u8]) -> Vec<u8> {
    let flags = create_comp_flags_from_zip_params(9, -15, 0);
    let mut compressor = CompressorOxide::new(flags);
    let mut out = Vec::with_capacity(dictionary.len() / 2 + data.len() / 2 + 64);
    let (status, read) = compress_to_output(&mut compressor, dictionary, TDEFLFlush::Sync, |c| {
        out.extend_from_slice(c);
        true
    });
    debug_assert!(status == TDEFLStatus::Okay && read == dictionary.len());
    let dictionary_part = out.len();
    let (status, read) = compress_to_output(&mut compressor, data, TDEFLFlush::Finish, |c| {
        out.extend_from_slice(c);
        true
    });
    debug_assert!(status == TDEFLStatus::Done && read == data.len());
    out.split_off(dictionary_part)
}

/// Inflates a raw DEFLATE stream that continues after `dictionary`, at most
/// `max` bytes after it. The dictionary goes in front as a stored block
/// (what a sync flush ends with, and byte-aligned like it), so any inflater
/// reads it as earlier output that back-references may reach into.
fn inflate_after(dictionary: &[u8], input: &[u8], max: usize) -> Result<Vec<u8>, InputError> {
    // A stored block holds at most 65,535 bytes; the dictionaries are far smaller.
    let len = dictionary.len() as u16;
    let mut stream = Vec::with_capacity(5 + dictionary.len() + input.len());
    stream.push(0); // not final, stored, padding to the byte
    stream.extend_from_slice(&len.to_le_bytes());
    stream.extend_from_slice(&(!len).to_le_bytes());
    stream.extend_from_slice(dictionary);
    stream.extend_from_slice(input);
    let limit = max.saturating_add(dictionary.len());
    let mut out = decompress_to_vec_with_limit(&stream, limit).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => too_large(max),
        _ => malformed(DAMAGED),
    })?;
    Ok(out.split_off(dictionary.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;
    use sha2::{Digest, Sha256};

    const MAX: usize = 1 << 21;

    fn round_trip(text: &[u8]) {
        for payload in [encode_fragment(text), encode_fragment_for_qr(text)] {
            assert_eq!(
                decode_fragment(&payload, MAX).as_deref(),
                Ok(text),
                "{payload}"
            );
        }
    }

    #[test]
    fn the_version_1_dictionary_is_frozen() {
        let hex: String = Sha256::digest(DICTIONARY_V1)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            hex, "4e133f5c7493389006eb988b7270b94443641630dd093c34f42d581eb4d8de9f",
            "dictionary_v1.txt changed: every version 1 link would break; a new dictionary is a new version"
        );
    }

    #[test]
    fn payloads_name_their_version_and_alphabet() {
        let p = encode_fragment(b"{\"a\":1}");
        assert!(p.starts_with("1.") && base64url_decode(&p[2..]).is_some());
        let q = encode_fragment_for_qr(b"{\"a\":1}");
        assert!(q.starts_with("1:") && q[2..].bytes().all(|b| BASE32.contains(&b)));
    }

    #[test]
    fn texts_of_every_kind_round_trip() {
        round_trip(b"");
        round_trip(b"{\"hello\":\"world\"}");
        round_trip("{\"name\":\"Ü ✓ 名\"}".as_bytes());
        round_trip(b"\x00\x01binary");
        round_trip(b"eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln");
        round_trip(&[0xff; 300]);
    }

    #[test]
    fn the_dictionary_is_used() {
        let text = br#"{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json","https://w3id.org/microcredx/eu-mc/v1"],"type":["VerifiableCredential","OpenBadgeCredential"]}"#;
        let payload = encode_fragment(text);
        assert!(
            payload.len() < 40,
            "{} characters: {payload}",
            payload.len()
        );
    }

    #[test]
    fn legacy_payloads_still_decode() {
        let legacy = base64url_encode(&miniz_oxide::deflate::compress_to_vec(b"{\"a\":1}", 9));
        assert!(!legacy.contains('.') && !legacy.contains(':'));
        assert_eq!(decode_fragment(&legacy, MAX).unwrap(), b"{\"a\":1}");
        assert_eq!(
            decode_fragment(&format!(" {legacy}\n"), MAX).unwrap(),
            b"{\"a\":1}"
        );
    }

    #[test]
    fn the_bound_counts_the_credential_not_the_dictionary() {
        let text = br#"{"@context":["https://www.w3.org/ns/credentials/v2"],"name":"0123456789"}"#;
        for p in [encode_fragment(text), encode_fragment_for_qr(text)] {
            assert_eq!(decode_fragment(&p, text.len()).as_deref(), Ok(&text[..]));
            assert!(
                matches!(decode_fragment(&p, text.len() - 1), Err(InputError::Malformed(ref m)) if m.contains("beyond")),
                "{p}"
            );
        }
        let legacy = base64url_encode(&miniz_oxide::deflate::compress_to_vec(text, 9));
        assert!(decode_fragment(&legacy, text.len()).is_ok());
        assert!(decode_fragment(&legacy, text.len() - 1).is_err());
    }

    #[test]
    fn inflation_is_bounded() {
        let spaces = vec![b' '; 100_000];
        for bomb in [encode_fragment(&spaces), encode_fragment_for_qr(&spaces)] {
            assert!(bomb.len() < 400, "{}", bomb.len());
            assert!(matches!(
                decode_fragment(&bomb, 1000),
                Err(InputError::Malformed(_))
            ));
            assert_eq!(decode_fragment(&bomb, 100_000).unwrap().len(), 100_000);
        }
    }

    #[test]
    fn damaged_payloads_are_malformed_with_a_reason() {
        let text = br#"{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"name":"A credential cut off in an e-mail"}"#;
        for payload in [encode_fragment(text), encode_fragment_for_qr(text)] {
            // Cut anywhere after the version: never the text, never a panic.
            for cut in 2..payload.len() {
                match decode_fragment(&payload[..cut], MAX) {
                    Err(InputError::Malformed(m)) => {
                        assert!(m.ends_with("(was it cut off?)"), "{m}")
                    }
                    other => panic!("{cut}: {other:?}"),
                }
            }
        }
        for (payload, says) in [
            ("1.", "does not decompress"),
            ("1:", "does not decompress"),
            ("1.!!", "not valid base64url or base32"),
            ("1:abc", "not valid base64url or base32"),
            ("1:A1", "not valid base64url or base32"),
            ("1.AAAA", "does not decompress"),
            ("AAAA", "does not decompress"),
        ] {
            match decode_fragment(payload, MAX) {
                Err(InputError::Malformed(m)) => assert!(m.contains(says), "{payload}: {m}"),
                other => panic!("{payload}: {other:?}"),
            }
        }
    }

    #[test]
    fn unknown_versions_are_unsupported() {
        for payload in ["2.abc", "1x.abc", "v1:ABC", "2:ABC", ".", ":"] {
            assert!(
                matches!(decode_fragment(payload, MAX), Err(InputError::Unsupported(ref m)) if m.contains("newer format")),
                "{payload}"
            );
        }
    }

    #[test]
    fn base32_of_rfc_4648() {
        let mut out = Vec::new();
        base32_into(b"foobar", &mut out);
        assert_eq!(out, b"MZXW6YTBOI");
        assert_eq!(base32("MZXW6YTBOI").unwrap(), b"foobar");
        assert_eq!(base32("MZXW6").unwrap(), b"foo");
        assert_eq!(base32("mzxw6"), None);
    }
}
