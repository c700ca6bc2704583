//! The bitstring of a status list: decoding `encodedList` with a bound,
//! reading and setting entries of 1 to 32 bits, most significant bit first.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use base64::Engine;

use super::MIN_ENTRIES;
use crate::encoding::gzip::{gunzip, gzip, GzipError};
use crate::report::Code;

/// Why an encoded status list could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListError {
    /// `encodedList` is not (multibase) base64url.
    Encoding,
    /// Its GZIP data is damaged, or inflates past the bound.
    Gzip(GzipError),
}

impl ListError {
    /// The report code for this failure: a damaged list leaves the status unknown.
    pub fn code(&self) -> Code {
        Code::StatusUnavailable
    }
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ListError::Encoding => f.write_str("its encodedList is not multibase base64url"),
            ListError::Gzip(GzipError::NotGzip) => f.write_str("its encodedList is not GZIP data"),
            ListError::Gzip(e) => e.fmt(f),
        }
    }
}

/// An index that is not inside the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfRange {
    /// The requested index.
    pub index: u64,
    /// How many entries of the requested size the list holds.
    pub entries: u64,
}

/// An uncompressed status bitstring: entry `i` of size `s` is the `s` bits
/// starting at bit `i × s`, the first bit being the most significant bit of
/// the first byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bitstring {
    bytes: Vec<u8>,
}

impl Bitstring {
    /// An all-zero list of at least `entries` entries of `status_size` bits
    /// and at least the spec's minimum of [`MIN_ENTRIES`] bits.
    pub fn zeroed(entries: u64, status_size: u32) -> Bitstring {
        let bits = entries
            .saturating_mul(u64::from(status_size.max(1)))
            .max(MIN_ENTRIES);
        let len = usize::try_from(bits.div_ceil(8)).unwrap_or(usize::MAX);
        Bitstring {
            bytes: vec![0; len],
        }
    }

    /// Wraps raw bytes.
    pub fn from_bytes(bytes: Vec<u8>) -> Bitstring {
        Bitstring { bytes }
    }

    /// The raw bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Length in bits.
    pub fn len_bits(&self) -> u64 {
        (self.bytes.len() as u64).saturating_mul(8)
    }

    /// How many entries of `status_size` bits fit.
    pub fn entries(&self, status_size: u32) -> u64 {
        self.len_bits() / u64::from(status_size.max(1))
    }

    /// Decodes an `encodedList`: multibase base64url (`u…`) GZIP, or the
    /// un-prefixed base64(url) StatusList2021 used. Never inflates more
    /// than `max_bytes`.
    pub fn decode(encoded: &str, max_bytes: usize) -> Result<Bitstring, ListError> {
        let text = encoded.trim();
        let body = text.strip_prefix('u').unwrap_or(text);
        let compressed = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(body.trim_end_matches('='))
            .or_else(|_| base64::engine::general_purpose::STANDARD.decode(body))
            .map_err(|_| ListError::Encoding)?;
        gunzip(&compressed, max_bytes)
            .map(Bitstring::from_bytes)
            .map_err(ListError::Gzip)
    }

    /// Encodes as `encodedList`: multibase base64url of GZIP (deterministic:
    /// no file name, zero modification time).
    pub fn encode(&self) -> String {
        let mut s = String::from("u");
        s.push_str(&base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(gzip(&self.bytes)));
        s
    }

    fn range(&self, index: u64, size: u32) -> Result<u64, OutOfRange> {
        let size = size.clamp(1, 32);
        let out = OutOfRange {
            index,
            entries: self.entries(size),
        };
        let start = index.checked_mul(u64::from(size)).ok_or(out)?;
        match start.checked_add(u64::from(size)) {
            Some(end) if end <= self.len_bits() => Ok(start),
            _ => Err(out),
        }
    }

    fn bit(&self, pos: u64) -> bool {
        let byte = usize::try_from(pos / 8)
            .ok()
            .and_then(|i| self.bytes.get(i))
            .copied()
            .unwrap_or(0);
        byte & (0x80 >> (pos % 8)) != 0
    }

    /// The value of entry `index` of `size` bits (1 to 32).
    pub fn get(&self, index: u64, size: u32) -> Result<u32, OutOfRange> {
        let start = self.range(index, size)?;
        Ok((0..u64::from(size.clamp(1, 32)))
            .fold(0u32, |acc, k| (acc << 1) | u32::from(self.bit(start + k))))
    }

    /// Sets entry `index` of `size` bits to `value` (its low `size` bits).
    pub fn set(&mut self, index: u64, size: u32, value: u32) -> Result<(), OutOfRange> {
        let size = size.clamp(1, 32);
        let start = self.range(index, size)?;
        for k in 0..u64::from(size) {
            let pos = start + k;
            let on = (value >> (u64::from(size) - 1 - k)) & 1 == 1;
            let mask = 0x80u8 >> (pos % 8);
            if let Some(b) = usize::try_from(pos / 8)
                .ok()
                .and_then(|i| self.bytes.get_mut(i))
            {
                if on {
                    *b |= mask;
                } else {
                    *b &= !mask;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_example_list_decodes() {
        // W3C Bitstring Status List v1.0, Example 3: 16 KiB of zeros.
        let enc = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA";
        let b = Bitstring::decode(enc, 1 << 20).unwrap();
        assert_eq!(b.as_bytes().len(), 16_384);
        assert_eq!(b.get(94_567, 1), Ok(0));
        assert!(b.get(131_072, 1).is_err());
        assert_eq!(b.get(65_535, 2), Ok(0));
        assert!(b.get(65_536, 2).is_err());
    }

    #[test]
    fn bits_round_trip_msb_first() {
        let mut b = Bitstring::zeroed(16, 1);
        assert_eq!(b.len_bits(), MIN_ENTRIES);
        b.set(0, 1, 1).unwrap();
        assert_eq!(b.as_bytes()[0], 0x80);
        b.set(9, 1, 1).unwrap();
        assert_eq!(b.as_bytes()[1], 0x40);
        b.set(3, 2, 0b10).unwrap();
        assert_eq!(b.get(3, 2), Ok(0b10));
        assert_eq!(b.as_bytes()[0], 0x82);
        b.set(0, 1, 0).unwrap();
        let again = Bitstring::decode(&b.encode(), 1 << 20).unwrap();
        assert_eq!(again, b);
        assert_eq!(again.get(9, 1), Ok(1));
        assert_eq!(
            b.set(u64::MAX, 8, 1),
            Err(OutOfRange {
                index: u64::MAX,
                entries: MIN_ENTRIES / 8
            })
        );
    }

    #[test]
    fn a_list_that_is_not_base64_is_an_encoding_error() {
        assert_eq!(Bitstring::decode("u!!!", 10), Err(ListError::Encoding));
    }
}
