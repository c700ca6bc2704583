//! GZIP (RFC 1952), one member, inflated with a hard output bound: what
//! status lists carry their bitstrings in.

use alloc::boxed::Box;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use crate::encoding::checksum::crc32;
use crate::report::Code;

/// Why GZIP data could not be inflated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GzipError {
    /// Not a GZIP stream (magic, method or reserved flags).
    NotGzip,
    /// The GZIP stream ends early.
    Truncated,
    /// The compressed data is invalid.
    Corrupt,
    /// The data inflates (and declares) more than the caller accepts.
    TooLarge {
        /// Declared uncompressed size.
        declared: u64,
        /// The bound in force.
        limit: usize,
    },
    /// The data inflates past its declared size (a decompression bomb) or
    /// stops short of it.
    SizeMismatch,
    /// The CRC-32 in the trailer does not match.
    Checksum,
    /// Bytes after the GZIP member.
    TrailingData,
}

impl GzipError {
    /// The report code for this failure.
    pub fn code(&self) -> Code {
        Code::Malformed
    }
}

impl fmt::Display for GzipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GzipError::NotGzip => f.write_str("it is not GZIP data"),
            GzipError::Truncated => f.write_str("its GZIP data is cut short"),
            GzipError::Corrupt => f.write_str("its GZIP data is corrupt"),
            GzipError::TooLarge { declared, limit } => write!(
                f,
                "it declares {declared} bytes uncompressed, more than the {limit} this verifier inflates"
            ),
            GzipError::SizeMismatch => f.write_str(
                "its GZIP data does not inflate to the size it declares (a decompression bomb?)",
            ),
            GzipError::Checksum => f.write_str("its GZIP checksum does not match"),
            GzipError::TrailingData => f.write_str("there is data after its GZIP stream"),
        }
    }
}

/// Compresses into a single GZIP member (RFC 1952) with a fixed header.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let deflated = miniz_oxide::deflate::compress_to_vec(data, 9);
    let mut out = Vec::with_capacity(deflated.len() + 18);
    // ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=2 (max compression) OS=255 (unknown)
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]);
    out.extend_from_slice(&deflated);
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// Skips a zero-terminated header field; returns the offset after it.
fn skip_zstring(data: &[u8], from: usize) -> Result<usize, GzipError> {
    let rest = data.get(from..).ok_or(GzipError::Truncated)?;
    let nul = rest
        .iter()
        .position(|&b| b == 0)
        .ok_or(GzipError::Truncated)?;
    Ok(from + nul + 1)
}

/// Inflates one GZIP member, never producing more than `max_bytes`.
///
/// The output buffer is allocated once, at the smaller of `max_bytes` and
/// the size the trailer declares, and never grows: a stream that wants to
/// write more is a bomb (or too large), and one that writes less, leaves
/// input over, or fails its CRC-32 is damaged.
pub fn gunzip(data: &[u8], max_bytes: usize) -> Result<Vec<u8>, GzipError> {
    const FTEXT_RESERVED: u8 = 0xE0;
    const FHCRC: u8 = 0x02;
    const FEXTRA: u8 = 0x04;
    const FNAME: u8 = 0x08;
    const FCOMMENT: u8 = 0x10;
    if !data.starts_with(&[0x1f, 0x8b]) {
        return Err(GzipError::NotGzip);
    }
    let header = data.get(..10).ok_or(GzipError::Truncated)?;
    if header[0] != 0x1f || header[1] != 0x8b || header[2] != 8 {
        return Err(GzipError::NotGzip);
    }
    let flags = header[3];
    if flags & FTEXT_RESERVED != 0 {
        return Err(GzipError::NotGzip);
    }
    let mut pos = 10usize;
    if flags & FEXTRA != 0 {
        let xlen = data.get(pos..pos + 2).ok_or(GzipError::Truncated)?;
        pos += 2 + usize::from(u16::from_le_bytes([xlen[0], xlen[1]]));
    }
    if flags & FNAME != 0 {
        pos = skip_zstring(data, pos)?;
    }
    if flags & FCOMMENT != 0 {
        pos = skip_zstring(data, pos)?;
    }
    if flags & FHCRC != 0 {
        pos += 2;
    }
    if data.len() < pos + 8 {
        return Err(GzipError::Truncated);
    }
    let trailer_at = data.len() - 8;
    let trailer = &data[trailer_at..];
    let crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
    let isize = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
    let declared = usize::try_from(isize).unwrap_or(usize::MAX);
    let limit = declared.min(max_bytes);
    let body = &data[pos..trailer_at];
    // One byte of headroom tells "exactly the limit" from "more".
    let mut out = vec![0u8; limit + 1];
    let mut state = Box::<miniz_oxide::inflate::core::DecompressorOxide>::default();
    let (status, consumed, written) = miniz_oxide::inflate::core::decompress(
        &mut state,
        body,
        &mut out,
        0,
        miniz_oxide::inflate::core::inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
    );
    use miniz_oxide::inflate::TINFLStatus;
    let over = status == TINFLStatus::HasMoreOutput || written > limit;
    match status {
        _ if over && declared > max_bytes => {
            return Err(GzipError::TooLarge {
                declared: u64::from(isize),
                limit: max_bytes,
            })
        }
        _ if over => return Err(GzipError::SizeMismatch),
        TINFLStatus::Done => {}
        TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => {
            return Err(GzipError::Truncated)
        }
        _ => return Err(GzipError::Corrupt),
    }
    if consumed != body.len() {
        return Err(GzipError::TrailingData);
    }
    if written != declared {
        return Err(GzipError::SizeMismatch);
    }
    out.truncate(declared);
    if crc32(&out) != crc {
        return Err(GzipError::Checksum);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_errors_are_typed() {
        let good = gzip(&[0u8; 1000]);
        assert_eq!(gunzip(&good, 1000).unwrap().len(), 1000);
        assert!(matches!(
            gunzip(&good, 999),
            Err(GzipError::TooLarge { .. })
        ));
        assert_eq!(
            gunzip(&good[..good.len() - 3], 1000),
            Err(GzipError::Truncated)
        );
        assert_eq!(gunzip(&good[..20], 1000), Err(GzipError::Truncated));
        assert_eq!(gunzip(b"PK\x03\x04", 1000), Err(GzipError::NotGzip));
        let mut bad_crc = good.clone();
        let n = bad_crc.len();
        bad_crc[n - 8] ^= 1;
        assert_eq!(gunzip(&bad_crc, 1000), Err(GzipError::Checksum));
        // A bomb lying about its size in the trailer: 10 MB of zeros
        // declaring 1000 bytes must stop at the bound.
        let mut bomb = gzip(&vec![0u8; 10_000_000]);
        let n = bomb.len();
        bomb[n - 4..].copy_from_slice(&1000u32.to_le_bytes());
        assert_eq!(gunzip(&bomb, 1 << 20), Err(GzipError::SizeMismatch));
        // Honest about its size, but larger than the bound.
        let big = gzip(&vec![0u8; 3_000_000]);
        assert!(matches!(
            gunzip(&big, 2 << 20),
            Err(GzipError::TooLarge { .. })
        ));
        // Header fields (name, comment) are skipped.
        let mut named = vec![0x1f, 0x8b, 8, 0x18, 0, 0, 0, 0, 0, 3];
        named.extend_from_slice(b"list.bin\0a comment\0");
        named.extend_from_slice(&good[10..]);
        assert_eq!(gunzip(&named, 1000).unwrap().len(), 1000);
        let mut trailing = good[..good.len() - 8].to_vec();
        trailing.push(0);
        trailing.extend_from_slice(&good[good.len() - 8..]);
        assert!(gunzip(&trailing, 1000).is_err());
    }
}
