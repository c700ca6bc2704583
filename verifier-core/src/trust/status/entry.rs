//! A credential's status entry (`credentialStatus`): which list, which
//! position, what purpose, and the messages of multi-bit statuses.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use super::{Method, MAX_STATUS_SIZE};
use crate::encoding::json::{Number, Object, Value};
use crate::report::Code;

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
            EntryError::UnsupportedType(t) => {
                write!(
                    f,
                    "the status method {} is not supported",
                    crate::encoding::json::quoted(t)
                )
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::json;

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
