//! Credential status: revocation, suspension and status messages, from
//! [Bitstring Status List v1.0] (`BitstringStatusListEntry`) and its
//! predecessor StatusList2021 (`StatusList2021Entry`).
//!
//! A credential names one or more status entries; each points at a *status
//! list credential* by URL and at a position in it. Checking one entry:
//!
//! 1. the list credential is asked of the host by URL (sans-I/O: a missing
//!    list makes [`crate::verify`] return `Step::Need`);
//! 2. it is verified like any credential — signature, key, validity — by the
//!    same pipeline, minus its own status and membership checks;
//! 3. its type and `statusPurpose` must match the entry's;
//! 4. `encodedList` (multibase base64url of a GZIP stream) is inflated with
//!    a hard output bound: the size the GZIP trailer declares, itself capped
//!    by [`crate::Limits::max_inflated`]; the header is parsed here and the
//!    CRC-32 and length are checked, so a truncated, padded or bomb-shaped
//!    list is refused instead of half-read;
//! 5. the `statusSize` bits at `statusListIndex × statusSize` (most
//!    significant bit first) are the status.
//!
//! Anything wrong with the credential's own entry is `malformed`; anything
//! that keeps the list from being trusted or read (fetch failure, bad
//! signature, expired list, wrong purpose, damaged bitstring, index past the
//! end) is `status_unavailable`, which makes the verdict `unverifiable`: a
//! status that cannot be established is never reported as "not revoked".
//!
//! Deliberately lenient, with a warning instead of a failure, because
//! deployed issuers do these and none of them can hide a revocation: a list
//! signed by another party than the credential's issuer (allowed by the
//! spec), a list whose `id` is not the URL it was fetched from, and a list
//! shorter than the spec's 131,072-entry herd-privacy minimum.
//!
//! [Bitstring Status List v1.0]: https://www.w3.org/TR/vc-bitstring-status-list/

use alloc::boxed::Box;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use base64::Engine;

use crate::encoding::checksum::crc32;
use crate::encoding::json::{Number, Object, Value};
use crate::model::issuer_id;
use crate::report::{CheckKind, Code, Outcome, Report};

/// The spec's minimum number of entries in a list (herd privacy).
pub const MIN_ENTRIES: u64 = 131_072;
/// Largest `statusSize` (bits per entry) this verifier reads.
pub const MAX_STATUS_SIZE: u32 = 8;
/// Most `credentialStatus` entries checked on one credential.
pub const MAX_ENTRIES: usize = 16;

/// The two status-list families.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    /// W3C Bitstring Status List v1.0.
    Bitstring,
    /// The earlier W3C CCG StatusList2021.
    StatusList2021,
}

impl Method {
    /// The entry type (`credentialStatus.type`).
    pub fn entry_type(self) -> &'static str {
        match self {
            Method::Bitstring => "BitstringStatusListEntry",
            Method::StatusList2021 => "StatusList2021Entry",
        }
    }

    /// The type the list credential must have.
    pub fn credential_type(self) -> &'static str {
        match self {
            Method::Bitstring => "BitstringStatusListCredential",
            Method::StatusList2021 => "StatusList2021Credential",
        }
    }

    /// The type of the list credential's subject.
    pub fn list_type(self) -> &'static str {
        match self {
            Method::Bitstring => "BitstringStatusList",
            Method::StatusList2021 => "StatusList2021",
        }
    }

    fn of_entry(ty: &str) -> Option<Method> {
        match ty {
            "BitstringStatusListEntry" => Some(Method::Bitstring),
            "StatusList2021Entry" => Some(Method::StatusList2021),
            _ => None,
        }
    }
}

/// Why an encoded status list could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListError {
    /// `encodedList` is not (multibase) base64url.
    Encoding,
    /// Not a GZIP stream (magic, method or reserved flags).
    NotGzip,
    /// The GZIP stream ends early.
    Truncated,
    /// The compressed data is invalid.
    Corrupt,
    /// The list inflates (and declares) more than the verifier accepts.
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
            ListError::NotGzip => f.write_str("its encodedList is not GZIP data"),
            ListError::Truncated => f.write_str("its GZIP data is cut short"),
            ListError::Corrupt => f.write_str("its GZIP data is corrupt"),
            ListError::TooLarge { declared, limit } => write!(
                f,
                "it declares {declared} bytes uncompressed, more than the {limit} this verifier inflates"
            ),
            ListError::SizeMismatch => f.write_str(
                "its GZIP data does not inflate to the size it declares (a decompression bomb?)",
            ),
            ListError::Checksum => f.write_str("its GZIP checksum does not match"),
            ListError::TrailingData => f.write_str("there is data after its GZIP stream"),
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
        gunzip(&compressed, max_bytes).map(Bitstring::from_bytes)
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
fn skip_zstring(data: &[u8], from: usize) -> Result<usize, ListError> {
    let rest = data.get(from..).ok_or(ListError::Truncated)?;
    let nul = rest
        .iter()
        .position(|&b| b == 0)
        .ok_or(ListError::Truncated)?;
    Ok(from + nul + 1)
}

/// Inflates one GZIP member, never producing more than `max_bytes`.
///
/// The output buffer is allocated once, at the smaller of `max_bytes` and
/// the size the trailer declares, and never grows: a stream that wants to
/// write more is a bomb (or too large), and one that writes less, leaves
/// input over, or fails its CRC-32 is damaged.
pub fn gunzip(data: &[u8], max_bytes: usize) -> Result<Vec<u8>, ListError> {
    const FTEXT_RESERVED: u8 = 0xE0;
    const FHCRC: u8 = 0x02;
    const FEXTRA: u8 = 0x04;
    const FNAME: u8 = 0x08;
    const FCOMMENT: u8 = 0x10;
    if !data.starts_with(&[0x1f, 0x8b]) {
        return Err(ListError::NotGzip);
    }
    let header = data.get(..10).ok_or(ListError::Truncated)?;
    if header[0] != 0x1f || header[1] != 0x8b || header[2] != 8 {
        return Err(ListError::NotGzip);
    }
    let flags = header[3];
    if flags & FTEXT_RESERVED != 0 {
        return Err(ListError::NotGzip);
    }
    let mut pos = 10usize;
    if flags & FEXTRA != 0 {
        let xlen = data.get(pos..pos + 2).ok_or(ListError::Truncated)?;
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
        return Err(ListError::Truncated);
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
            return Err(ListError::TooLarge {
                declared: u64::from(isize),
                limit: max_bytes,
            })
        }
        _ if over => return Err(ListError::SizeMismatch),
        TINFLStatus::Done => {}
        TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => {
            return Err(ListError::Truncated)
        }
        _ => return Err(ListError::Corrupt),
    }
    if consumed != body.len() {
        return Err(ListError::TrailingData);
    }
    if written != declared {
        return Err(ListError::SizeMismatch);
    }
    out.truncate(declared);
    if crc32(&out) != crc {
        return Err(ListError::Checksum);
    }
    Ok(out)
}

/// One status message of an entry with `statusSize` > 1 (or 1, optionally).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusMessage {
    /// The status value.
    pub status: u32,
    /// The issuer's message for it.
    pub message: String,
}

/// A parsed `credentialStatus` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Which status-list family.
    pub method: Method,
    /// `statusPurpose` (`revocation`, `suspension`, `message`, `refresh`, …).
    pub purpose: String,
    /// `statusListIndex`.
    pub index: u64,
    /// `statusSize` (1 when absent).
    pub size: u32,
    /// `statusListCredential`: the list's URL.
    pub list_url: String,
    /// `statusMessage`, if given.
    pub messages: Vec<StatusMessage>,
}

/// Why a `credentialStatus` entry cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryError {
    /// A status method other than the two supported.
    UnsupportedType(String),
    /// A structural error in the entry (the issuer's mistake).
    Malformed(String),
    /// A `statusSize` larger than [`MAX_STATUS_SIZE`].
    UnsupportedSize(u64),
}

impl EntryError {
    /// The report code for this failure.
    pub fn code(&self) -> Code {
        match self {
            EntryError::Malformed(_) => Code::Malformed,
            EntryError::UnsupportedType(_) | EntryError::UnsupportedSize(_) => {
                Code::StatusUnavailable
            }
        }
    }
}

impl fmt::Display for EntryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntryError::UnsupportedType(t) => write!(f, "the status method {t:?} is not supported"),
            EntryError::Malformed(m) => f.write_str(m),
            EntryError::UnsupportedSize(s) => write!(
                f,
                "a statusSize of {s} bits is not supported (at most {MAX_STATUS_SIZE})"
            ),
        }
    }
}

fn parse_u64(v: &Value) -> Option<u64> {
    match v {
        // The spec wants a base-10 string; some issuers write a number.
        Value::String(s)
            if !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit()) =>
        {
            s.parse().ok()
        }
        Value::Number(n) if n.is_integer_literal() => n.as_u64(),
        _ => None,
    }
}

fn parse_hex_status(s: &str) -> Option<u32> {
    let hex = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X"))?;
    if hex.is_empty() || hex.len() > 8 {
        return None;
    }
    u32::from_str_radix(hex, 16).ok()
}

fn parse_messages(v: &Value, size: u32) -> Result<Vec<StatusMessage>, EntryError> {
    let bad = |m: &str| EntryError::Malformed(format!("its statusMessage {m}"));
    let list = v.as_array().ok_or_else(|| bad("is not an array"))?;
    let expected = 1usize << size;
    if list.len() != expected {
        return Err(bad(&format!(
            "has {} entries; a statusSize of {size} needs {expected}",
            list.len()
        )));
    }
    list.iter()
        .map(|m| {
            let status = m
                .get("status")
                .and_then(Value::as_str)
                .and_then(parse_hex_status)
                .ok_or_else(|| bad("has an entry without a 0x… status"))?;
            let message = m
                .get("message")
                .and_then(Value::as_str)
                .ok_or_else(|| bad("has an entry without a message"))?;
            Ok(StatusMessage {
                status,
                message: message.chars().take(256).collect(),
            })
        })
        .collect()
}

impl Entry {
    /// Parses one `credentialStatus` entry.
    pub fn parse(v: &Value) -> Result<Entry, EntryError> {
        let o = v.as_object().ok_or_else(|| {
            EntryError::Malformed("a credentialStatus entry is not an object".into())
        })?;
        let ty = o.get("type").and_then(Value::as_str).unwrap_or("(none)");
        let method =
            Method::of_entry(ty).ok_or_else(|| EntryError::UnsupportedType(ty.to_string()))?;
        let field = |k: &str| {
            o.get(k)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .ok_or_else(|| EntryError::Malformed(format!("its {ty} has no {k}")))
        };
        let purpose = field("statusPurpose")?.to_string();
        let list_url = field("statusListCredential")?.to_string();
        let index = o
            .get("statusListIndex")
            .and_then(parse_u64)
            .ok_or_else(|| {
                EntryError::Malformed(format!(
                    "its {ty} has no statusListIndex as a non-negative base-10 integer"
                ))
            })?;
        let size = match o.get("statusSize") {
            None => 1,
            Some(v) => match v
                .as_number()
                .filter(|n| n.is_integer_literal())
                .and_then(Number::as_u64)
            {
                Some(0) | None => {
                    return Err(EntryError::Malformed(
                        "its statusSize is not an integer greater than zero".into(),
                    ))
                }
                Some(s) if s > u64::from(MAX_STATUS_SIZE) => {
                    return Err(EntryError::UnsupportedSize(s))
                }
                Some(s) => s as u32,
            },
        };
        let messages = match o.get("statusMessage") {
            Some(v) => parse_messages(v, size)?,
            None if size > 1 => {
                return Err(EntryError::Malformed(
                    "its statusSize is greater than 1 but it has no statusMessage".into(),
                ))
            }
            None => Vec::new(),
        };
        Ok(Entry {
            method,
            purpose,
            index,
            size,
            list_url,
            messages,
        })
    }

    /// The issuer's message for `value`, if it gave one.
    pub fn message(&self, value: u32) -> Option<&str> {
        self.messages
            .iter()
            .find(|m| m.status == value)
            .map(|m| m.message.as_str())
    }

    /// The entry as JSON, for issuers to put in `credentialStatus`.
    pub fn to_object(&self) -> Object {
        let mut o = Object::new();
        o.insert(
            "id",
            Value::from(format!("{}#{}", self.list_url, self.index)),
        );
        o.insert("type", Value::from(self.method.entry_type()));
        o.insert("statusPurpose", Value::from(self.purpose.as_str()));
        o.insert("statusListIndex", Value::from(format!("{}", self.index)));
        if self.size != 1 {
            o.insert(
                "statusSize",
                Value::Number(Number::from_u64(u64::from(self.size))),
            );
        }
        if !self.messages.is_empty() {
            o.insert(
                "statusMessage",
                Value::Array(
                    self.messages
                        .iter()
                        .map(|m| {
                            let mut mo = Object::new();
                            mo.insert("status", Value::from(format!("0x{:x}", m.status)));
                            mo.insert("message", Value::from(m.message.as_str()));
                            Value::Object(mo)
                        })
                        .collect(),
                ),
            );
        }
        o.insert("statusListCredential", Value::from(self.list_url.as_str()));
        o
    }
}

/// What one entry resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The entry's value in the list.
    pub value: u32,
    /// The list credential's issuer.
    pub list_issuer: String,
    /// Things the reader should know (lenient acceptance).
    pub notes: Vec<String>,
}

/// Why an entry's status could not be established (always `status_unavailable`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unavailable(pub String);

impl Unavailable {
    /// The report code for this failure.
    pub fn code(&self) -> Code {
        Code::StatusUnavailable
    }
}

/// A status list credential that has been verified and inflated: what
/// entries are read from. Hosts checking many credentials may keep one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadedList {
    /// The URL it was fetched from.
    pub url: String,
    /// Which family it belongs to.
    pub method: Method,
    /// Its issuer.
    pub issuer: String,
    /// Its own `id`, if any.
    pub id: Option<String>,
    /// Its `statusPurpose` value(s).
    pub purposes: Vec<String>,
    /// The uncompressed bitstring.
    pub bits: Bitstring,
}

fn types(doc: &Object) -> impl Iterator<Item = &str> {
    doc.get("type")
        .map(Value::one_or_many)
        .unwrap_or(&[])
        .iter()
        .filter_map(Value::as_str)
}

impl LoadedList {
    /// Reads a list credential the pipeline has already verified (the
    /// `reading` is what its issuer signed) and inflates its bitstring.
    pub fn from_verified(
        reading: &Object,
        url: &str,
        method: Method,
        max_inflated: usize,
    ) -> Result<LoadedList, Unavailable> {
        let list = reading;
        let want = method.credential_type();
        if !types(list).any(|t| t == want) {
            return Err(Unavailable(format!(
                "The document at {url} is not a {want}."
            )));
        }
        let subject = list
            .get("credentialSubject")
            .map(Value::one_or_many)
            .and_then(|s| s.first())
            .and_then(Value::as_object)
            .ok_or_else(|| {
                Unavailable(format!(
                    "The status list at {url} has no credentialSubject."
                ))
            })?;
        let list_type = method.list_type();
        if !types(subject).any(|t| t == list_type) {
            return Err(Unavailable(format!(
                "The status list at {url} does not hold a {list_type}."
            )));
        }
        let purposes = subject
            .get("statusPurpose")
            .map(Value::one_or_many)
            .unwrap_or(&[])
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect();
        let encoded = subject
            .get("encodedList")
            .and_then(Value::as_str)
            .ok_or_else(|| Unavailable(format!("The status list at {url} has no encodedList.")))?;
        let bits = Bitstring::decode(encoded, max_inflated)
            .map_err(|e| Unavailable(format!("The status list at {url} is damaged: {e}.")))?;
        Ok(LoadedList {
            url: url.to_string(),
            method,
            issuer: issuer_id(list).unwrap_or_default().to_string(),
            id: list.get("id").and_then(Value::as_str).map(String::from),
            purposes,
            bits,
        })
    }
}

/// Reads `entry` from a loaded list, for `credential_issuer`'s credential.
pub fn read_entry(
    entry: &Entry,
    list: &LoadedList,
    credential_issuer: &str,
) -> Result<Resolved, Unavailable> {
    let url = list.url.as_str();
    if list.method != entry.method {
        return Err(Unavailable(format!(
            "The document at {url} is not a {}.",
            entry.method.credential_type()
        )));
    }
    if !list.purposes.contains(&entry.purpose) {
        return Err(Unavailable(format!(
            "The status list at {url} is for {}, but the credential uses it for {:?}.",
            if list.purposes.is_empty() {
                String::from("no stated purpose")
            } else {
                list.purposes.join(", ")
            },
            entry.purpose
        )));
    }
    let value = list.bits.get(entry.index, entry.size).map_err(|e| {
        Unavailable(format!(
            "The credential's position {} is outside the status list at {url}, which has {} entries.",
            e.index, e.entries
        ))
    })?;
    let mut notes = Vec::new();
    if crate::proof::did::did_of(&list.issuer) != crate::proof::did::did_of(credential_issuer) {
        notes.push(format!(
            "the status list is published by {}, not by the credential's issuer",
            list.issuer
        ));
    }
    if let Some(id) = list.id.as_deref().filter(|id| *id != url) {
        notes.push(format!("the status list calls itself {id}"));
    }
    let entries = list.bits.entries(entry.size);
    if entries < MIN_ENTRIES {
        notes.push(format!(
            "the list has only {entries} entries (fewer than the {MIN_ENTRIES} recommended for privacy)"
        ));
    }
    Ok(Resolved {
        value,
        list_issuer: list.issuer.clone(),
        notes,
    })
}

fn detail_value(entry: &Entry, resolved: Option<&Resolved>) -> Value {
    let mut o = Object::new();
    o.insert("url", Value::from(entry.list_url.as_str()));
    o.insert("type", Value::from(entry.method.entry_type()));
    o.insert("purpose", Value::from(entry.purpose.as_str()));
    o.insert("index", Value::Number(Number::from_u64(entry.index)));
    o.insert(
        "size",
        Value::Number(Number::from_u64(u64::from(entry.size))),
    );
    if let Some(r) = resolved {
        o.insert("value", Value::Number(Number::from_u64(u64::from(r.value))));
        if let Some(m) = entry.message(r.value) {
            o.insert("message", Value::from(m));
        }
        o.insert("issuer", Value::from(r.list_issuer.as_str()));
    }
    Value::Object(o)
}

/// The outcome and sentence for a resolved entry.
fn judge(entry: &Entry, r: &Resolved) -> (Outcome, String) {
    let at = format!("(status list {}, entry {})", entry.list_url, entry.index);
    let msg = entry
        .message(r.value)
        .map(|m| format!(": {m:?}"))
        .unwrap_or_default();
    let set = r.value != 0;
    let (outcome, sentence) = match entry.purpose.as_str() {
        "revocation" if set => (
            Outcome::Fail(Code::Revoked),
            format!("Revoked by its issuer{msg} {at}."),
        ),
        "revocation" => (Outcome::Pass, format!("Not revoked {at}.")),
        "suspension" if set => (
            Outcome::Fail(Code::Suspended),
            format!("Suspended by its issuer{msg} {at}; this may be lifted later."),
        ),
        "suspension" => (Outcome::Pass, format!("Not suspended {at}.")),
        "refresh" if set => (
            Outcome::Warn(None),
            format!("The issuer has a newer version of this credential {at}."),
        ),
        "refresh" => (Outcome::Pass, format!("No newer version announced {at}.")),
        "message" => {
            let text = entry
                .message(r.value)
                .map(|m| format!("{m:?}"))
                .unwrap_or_else(|| format!("value 0x{:x}", r.value));
            let outcome = if set { Outcome::Warn(None) } else { Outcome::Pass };
            (outcome, format!("Status message from the issuer: {text} {at}."))
        }
        other => (
            Outcome::Warn(None),
            format!(
                "The status purpose {other:?} is not one this verifier interprets; its value is 0x{:x} {at}.",
                r.value
            ),
        ),
    };
    if r.notes.is_empty() || matches!(outcome, Outcome::Fail(_)) {
        (outcome, sentence)
    } else {
        (
            Outcome::Warn(None),
            format!("{sentence} Note: {}.", r.notes.join("; ")),
        )
    }
}

/// Finds the status list at a URL, for one family of lists: fetched and
/// verified as a credential by the pipeline, then read with
/// [`LoadedList::from_verified`].
pub type ListLoader<'a> = dyn FnMut(&str, Method) -> Result<Rc<LoadedList>, Unavailable> + 'a;

/// Checks every `credentialStatus` entry of `doc` (signed by `doc`'s issuer)
/// and records one check per entry, plus `details.statusLists`.
pub fn check(doc: &Object, r: &mut Report, load: &mut ListLoader<'_>) {
    let Some(status) = doc.get("credentialStatus") else {
        r.push(
            CheckKind::Status,
            Outcome::Pass,
            "The credential has no status list: its issuer cannot revoke it.",
        );
        return;
    };
    let entries = status.one_or_many();
    if entries.is_empty() || entries.len() > MAX_ENTRIES {
        r.push(
            CheckKind::Status,
            Outcome::Fail(Code::Malformed),
            format!(
                "Expected 1 to {MAX_ENTRIES} credentialStatus entries, found {}.",
                entries.len()
            ),
        );
        return;
    }
    let issuer = issuer_id(doc).unwrap_or_default();
    let mut details = Vec::new();
    // Entries often share a list (revocation and suspension bits side by
    // side): each list is verified and inflated once per credential.
    let mut loaded: Vec<Result<Rc<LoadedList>, (String, Method, Unavailable)>> = Vec::new();
    for v in entries {
        let entry = match Entry::parse(v) {
            Ok(e) => e,
            Err(e @ EntryError::Malformed(_)) => {
                r.push(
                    CheckKind::Status,
                    Outcome::Fail(e.code()),
                    format!("The credential's status entry is malformed: {e}."),
                );
                continue;
            }
            Err(e) => {
                r.push(
                    CheckKind::Status,
                    Outcome::Fail(e.code()),
                    format!("The status could not be checked: {e}."),
                );
                continue;
            }
        };
        let known = loaded.iter().position(|l| match l {
            Ok(l) => l.url == entry.list_url && l.method == entry.method,
            Err((u, m, _)) => *u == entry.list_url && *m == entry.method,
        });
        let slot = match known {
            Some(i) => i,
            None => {
                loaded.push(
                    load(&entry.list_url, entry.method)
                        .map_err(|e| (entry.list_url.clone(), entry.method, e)),
                );
                loaded.len() - 1
            }
        };
        let result = match loaded.get(slot) {
            Some(Ok(list)) => read_entry(&entry, list, issuer),
            Some(Err((_, _, e))) => Err(e.clone()),
            None => Err(Unavailable(String::from("internal: list not loaded"))),
        };
        match result {
            Ok(res) => {
                let (outcome, sentence) = judge(&entry, &res);
                details.push(detail_value(&entry, Some(&res)));
                r.push_status(&entry.purpose, outcome, sentence);
            }
            Err(Unavailable(why)) => {
                details.push(detail_value(&entry, None));
                r.push_status(
                    &entry.purpose,
                    Outcome::Fail(Code::StatusUnavailable),
                    format!(
                        "{why} Whether it is {} is unknown.",
                        purpose_word(&entry.purpose)
                    ),
                );
            }
        }
    }
    if !details.is_empty() {
        r.details.insert("statusLists", Value::Array(details));
    }
}

fn purpose_word(purpose: &str) -> &str {
    match purpose {
        "revocation" => "revoked",
        "suspension" => "suspended",
        _ => "flagged",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::json;

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
    fn gzip_errors_are_typed() {
        let good = gzip(&[0u8; 1000]);
        assert_eq!(gunzip(&good, 1000).unwrap().len(), 1000);
        assert!(matches!(
            gunzip(&good, 999),
            Err(ListError::TooLarge { .. })
        ));
        assert_eq!(
            gunzip(&good[..good.len() - 3], 1000),
            Err(ListError::Truncated)
        );
        assert_eq!(gunzip(&good[..20], 1000), Err(ListError::Truncated));
        assert_eq!(gunzip(b"PK\x03\x04", 1000), Err(ListError::NotGzip));
        let mut bad_crc = good.clone();
        let n = bad_crc.len();
        bad_crc[n - 8] ^= 1;
        assert_eq!(gunzip(&bad_crc, 1000), Err(ListError::Checksum));
        // A bomb lying about its size in the trailer: 10 MB of zeros
        // declaring 1000 bytes must stop at the bound.
        let mut bomb = gzip(&vec![0u8; 10_000_000]);
        let n = bomb.len();
        bomb[n - 4..].copy_from_slice(&1000u32.to_le_bytes());
        assert_eq!(gunzip(&bomb, 1 << 20), Err(ListError::SizeMismatch));
        // Honest about its size, but larger than the bound.
        let big = gzip(&vec![0u8; 3_000_000]);
        assert!(matches!(
            gunzip(&big, 2 << 20),
            Err(ListError::TooLarge { .. })
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
        assert_eq!(Bitstring::decode("u!!!", 10), Err(ListError::Encoding));
    }

    #[test]
    fn entries_parse() {
        let e = Entry::parse(&json::parse_str(r#"{"type":"BitstringStatusListEntry","statusPurpose":"message","statusListIndex":"7","statusSize":2,"statusListCredential":"https://x/1","statusMessage":[{"status":"0x0","message":"ok"},{"status":"0x1","message":"review"},{"status":"0x2","message":"x"},{"status":"0x3","message":"y"}]}"#).unwrap()).unwrap();
        assert_eq!((e.index, e.size), (7, 2));
        assert_eq!(e.message(1), Some("review"));
        assert_eq!(Entry::parse(&Value::Object(e.to_object())).unwrap(), e);
        let bad = |s: &str| Entry::parse(&json::parse_str(s).unwrap()).unwrap_err();
        assert!(matches!(
            bad(
                r#"{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"-1","statusListCredential":"u"}"#
            ),
            EntryError::Malformed(_)
        ));
        assert!(matches!(
            bad(
                r#"{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1","statusSize":2,"statusListCredential":"u"}"#
            ),
            EntryError::Malformed(_)
        ));
        assert!(matches!(
            bad(
                r#"{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1","statusSize":9,"statusListCredential":"u"}"#
            ),
            EntryError::UnsupportedSize(9)
        ));
        assert!(matches!(
            bad(r#"{"type":"RevocationList2020Status"}"#),
            EntryError::UnsupportedType(_)
        ));
        let e = Entry::parse(&json::parse_str(r#"{"type":"StatusList2021Entry","statusPurpose":"revocation","statusListIndex":42,"statusListCredential":"https://x/2"}"#).unwrap()).unwrap();
        assert_eq!((e.method, e.index), (Method::StatusList2021, 42));
    }
}
