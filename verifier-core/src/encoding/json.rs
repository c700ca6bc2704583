//! A strict, bounded JSON parser and serializer.
//!
//! Credentials are signed data, so the parser is deliberately stricter than
//! most: duplicate object keys are rejected (two parsers could otherwise
//! disagree about what was signed), input size and nesting depth are capped,
//! and every failure is a [`JsonError`] with the byte offset where it happened.
//! Object member order is preserved for display; canonical forms (`jcs`) sort
//! on their own.
use crate::report::Code;

use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// Bounds on the work [`parse`] will do.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Maximum input length in bytes.
    pub max_bytes: usize,
    /// Maximum nesting of arrays and objects.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 4 * 1024 * 1024,
            max_depth: 64,
        }
    }
}

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, kept as its validated literal text.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, in document order, without duplicate keys.
    Object(Object),
}

/// A JSON number, stored as its literal text so that nothing is lost
/// before a canonicalization step decides how to read it.
#[derive(Clone, Debug, PartialEq)]
pub struct Number(String);

impl Number {
    /// Builds a number from an unsigned integer.
    pub fn from_u64(n: u64) -> Self {
        Number(alloc::format!("{n}"))
    }

    /// Builds a number from a finite `f64`; `None` for NaN or infinities,
    /// which JSON cannot represent.
    pub fn from_f64(x: f64) -> Option<Self> {
        if x.is_finite() {
            Some(Number(crate::encoding::decimal::display(x)))
        } else {
            None
        }
    }

    /// A finite number in its ECMAScript (and JCS) form: the shortest digits
    /// that read back as `x` (`5.5`, `1e+21`). Cheaper to link than
    /// [`Number::from_f64`], whose `core::fmt` float printing the browser
    /// bundles would otherwise carry.
    pub fn from_f64_es6(x: f64) -> Option<Self> {
        x.is_finite()
            .then(|| Number(crate::encoding::jcs::format_number(x)))
    }

    /// The literal as it appeared in the document.
    pub fn literal(&self) -> &str {
        &self.0
    }

    /// The value as an IEEE-754 double (the JSON data model of JCS and JSON-LD).
    pub fn as_f64(&self) -> f64 {
        // The literal was validated by the parser, so this cannot fail; a
        // fallback keeps this total anyway.
        crate::encoding::decimal::parse_f64(&self.0).unwrap_or(f64::NAN)
    }

    /// The value as a `u64` when it is a non-negative integer literal in range.
    pub fn as_u64(&self) -> Option<u64> {
        self.0.parse::<u64>().ok()
    }

    /// True when the literal has no fraction or exponent part.
    pub fn is_integer_literal(&self) -> bool {
        !self.0.contains(['.', 'e', 'E'])
    }
}

/// A JSON object: members in document order, keys unique.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object {
    entries: Vec<(String, Value)>,
}

impl Object {
    /// An empty object.
    pub fn new() -> Self {
        Object {
            entries: Vec::new(),
        }
    }

    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Inserts or replaces `key`, keeping the first position of an existing key.
    pub fn insert(&mut self, key: impl Into<String>, value: Value) {
        let key = key.into();
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.entries.push((key, value)),
        }
    }

    /// Removes `key`, returning its value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let pos = self.entries.iter().position(|(k, _)| k == key)?;
        Some(self.entries.remove(pos).1)
    }

    /// True when `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Members in document order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// Keys in document order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no members.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl FromIterator<(String, Value)> for Object {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        let mut o = Object::new();
        for (k, v) in iter {
            o.insert(k, v);
        }
        o
    }
}

impl Value {
    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The array, if this is one.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// Member `key` when this is an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|o| o.get(key))
    }

    /// A single value or each element of an array, as JSON-LD treats them.
    pub fn one_or_many(&self) -> &[Value] {
        match self {
            Value::Array(a) => a,
            other => core::slice::from_ref(other),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(String::from(s))
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<Object> for Value {
    fn from(o: Object) -> Self {
        Value::Object(o)
    }
}

/// Why a document is not acceptable JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonErrorKind {
    /// Larger than [`Limits::max_bytes`].
    TooLarge,
    /// Nested deeper than [`Limits::max_depth`].
    TooDeep,
    /// Not UTF-8.
    InvalidUtf8,
    /// Ended in the middle of a value.
    UnexpectedEnd,
    /// A character that cannot start or continue a value here.
    UnexpectedCharacter,
    /// A malformed number literal.
    InvalidNumber,
    /// A malformed escape or a control character in a string.
    InvalidString,
    /// The same key twice in one object.
    DuplicateKey,
    /// Something other than whitespace after the top-level value.
    TrailingCharacters,
}

/// A JSON parse failure at a byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// What went wrong.
    pub kind: JsonErrorKind,
    /// Byte offset in the input.
    pub offset: usize,
}

impl JsonError {
    /// The report code for this failure: every JSON error is `malformed`.
    pub fn code(&self) -> Code {
        Code::Malformed
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            JsonErrorKind::TooLarge => "the document is larger than the verifier accepts",
            JsonErrorKind::TooDeep => "the document is nested too deeply",
            JsonErrorKind::InvalidUtf8 => "the document is not valid UTF-8",
            JsonErrorKind::UnexpectedEnd => "the document ends unexpectedly (truncated?)",
            JsonErrorKind::UnexpectedCharacter => "unexpected character",
            JsonErrorKind::InvalidNumber => "invalid number",
            JsonErrorKind::InvalidString => "invalid string (bad escape or control character)",
            JsonErrorKind::DuplicateKey => "an object has the same key twice",
            JsonErrorKind::TrailingCharacters => "unexpected text after the JSON value",
        };
        write!(f, "{what} at byte {}", self.offset)
    }
}

/// Parses `input` as one JSON value within `limits`.
pub fn parse(input: &[u8], limits: Limits) -> Result<Value, JsonError> {
    if input.len() > limits.max_bytes {
        return Err(JsonError {
            kind: JsonErrorKind::TooLarge,
            offset: limits.max_bytes,
        });
    }
    if let Err(e) = core::str::from_utf8(input) {
        return Err(JsonError {
            kind: JsonErrorKind::InvalidUtf8,
            offset: e.valid_up_to(),
        });
    }
    let mut p = Parser {
        s: input,
        i: 0,
        depth: 0,
        max_depth: limits.max_depth,
    };
    // A leading byte-order mark is tolerated: files saved by common editors carry one.
    if p.s.starts_with(&[0xEF, 0xBB, 0xBF]) {
        p.i = 3;
    }
    p.ws();
    let v = p.value()?;
    p.ws();
    if p.i != p.s.len() {
        return Err(p.err(JsonErrorKind::TrailingCharacters));
    }
    Ok(v)
}

/// Parses a string with the default [`Limits`].
pub fn parse_str(input: &str) -> Result<Value, JsonError> {
    parse(input.as_bytes(), Limits::default())
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    depth: usize,
    max_depth: usize,
}

impl Parser<'_> {
    fn err(&self, kind: JsonErrorKind) -> JsonError {
        JsonError {
            kind,
            offset: self.i,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    fn expect_lit(&mut self, lit: &[u8], v: Value) -> Result<Value, JsonError> {
        let end = self.i + lit.len();
        match self.s.get(self.i..end) {
            Some(got) if got == lit => {
                self.i = end;
                Ok(v)
            }
            Some(_) => Err(self.err(JsonErrorKind::UnexpectedCharacter)),
            None => Err(JsonError {
                kind: JsonErrorKind::UnexpectedEnd,
                offset: self.s.len(),
            }),
        }
    }

    fn value(&mut self) -> Result<Value, JsonError> {
        match self.peek() {
            None => Err(self.err(JsonErrorKind::UnexpectedEnd)),
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b't') => self.expect_lit(b"true", Value::Bool(true)),
            Some(b'f') => self.expect_lit(b"false", Value::Bool(false)),
            Some(b'n') => self.expect_lit(b"null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.err(JsonErrorKind::UnexpectedCharacter)),
        }
    }

    fn enter(&mut self) -> Result<(), JsonError> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(self.err(JsonErrorKind::TooDeep));
        }
        self.i += 1;
        self.ws();
        Ok(())
    }

    fn object(&mut self) -> Result<Value, JsonError> {
        self.enter()?;
        let mut obj = Object::new();
        let mut seen: BTreeSet<String> = BTreeSet::new();
        if self.peek() == Some(b'}') {
            self.i += 1;
            self.depth -= 1;
            return Ok(Value::Object(obj));
        }
        loop {
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.err(JsonErrorKind::UnexpectedEnd)),
                Some(_) => return Err(self.err(JsonErrorKind::UnexpectedCharacter)),
            }
            let key_at = self.i;
            let key = self.string()?;
            if !seen.insert(key.clone()) {
                return Err(JsonError {
                    kind: JsonErrorKind::DuplicateKey,
                    offset: key_at,
                });
            }
            self.ws();
            match self.peek() {
                Some(b':') => self.i += 1,
                None => return Err(self.err(JsonErrorKind::UnexpectedEnd)),
                Some(_) => return Err(self.err(JsonErrorKind::UnexpectedCharacter)),
            }
            self.ws();
            let v = self.value()?;
            obj.entries.push((key, v));
            self.ws();
            match self.peek() {
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                }
                Some(b'}') => {
                    self.i += 1;
                    self.depth -= 1;
                    return Ok(Value::Object(obj));
                }
                None => return Err(self.err(JsonErrorKind::UnexpectedEnd)),
                Some(_) => return Err(self.err(JsonErrorKind::UnexpectedCharacter)),
            }
        }
    }

    fn array(&mut self) -> Result<Value, JsonError> {
        self.enter()?;
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.i += 1;
            self.depth -= 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.ws();
            match self.peek() {
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                }
                Some(b']') => {
                    self.i += 1;
                    self.depth -= 1;
                    return Ok(Value::Array(items));
                }
                None => return Err(self.err(JsonErrorKind::UnexpectedEnd)),
                Some(_) => return Err(self.err(JsonErrorKind::UnexpectedCharacter)),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.err(JsonErrorKind::InvalidNumber)),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(self.err(JsonErrorKind::InvalidNumber));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.err(JsonErrorKind::InvalidNumber));
            }
        }
        // The slice is ASCII by construction.
        let lit = core::str::from_utf8(&self.s[start..self.i])
            .map_err(|_| self.err(JsonErrorKind::InvalidNumber))?;
        if !crate::encoding::decimal::parse_f64(lit).is_some_and(f64::is_finite) {
            return Err(JsonError {
                kind: JsonErrorKind::InvalidNumber,
                offset: start,
            });
        }
        Ok(Value::Number(Number(String::from(lit))))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut n = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                None => return Err(self.err(JsonErrorKind::UnexpectedEnd)),
                Some(_) => return Err(self.err(JsonErrorKind::InvalidString)),
            };
            n = n * 16 + u32::from(d);
            self.i += 1;
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.i += 1; // opening quote
        let mut out = String::new();
        loop {
            let run_start = self.i;
            while let Some(c) = self.peek() {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // Input was checked to be UTF-8 and we stop only at ASCII bytes,
            // so the run is a whole number of characters.
            let run = core::str::from_utf8(&self.s[run_start..self.i])
                .map_err(|_| self.err(JsonErrorKind::InvalidUtf8))?;
            out.push_str(run);
            match self.peek() {
                None => return Err(self.err(JsonErrorKind::UnexpectedEnd)),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let esc = self.peek().ok_or(self.err(JsonErrorKind::UnexpectedEnd))?;
                    self.i += 1;
                    let ch = match esc {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => {
                            return Err(JsonError {
                                kind: JsonErrorKind::InvalidString,
                                offset: self.i - 1,
                            })
                        }
                    };
                    out.push(ch);
                }
                Some(_) => return Err(self.err(JsonErrorKind::InvalidString)),
            }
        }
    }

    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let at = self.i;
        let hi = self.hex4()?;
        let bad = JsonError {
            kind: JsonErrorKind::InvalidString,
            offset: at,
        };
        let code = if (0xD800..0xDC00).contains(&hi) {
            if self.s.get(self.i..self.i + 2) != Some(b"\\u") {
                return Err(bad);
            }
            self.i += 2;
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(bad);
            }
            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        } else {
            hi
        };
        // Lone low surrogates are rejected: they cannot be UTF-8.
        char::from_u32(code).ok_or(bad)
    }
}

/// Appends `s` as a JSON string literal, escaping as RFC 8785 requires
/// (which is also a valid, minimal JSON escaping for any use).
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = fmt::Write::write_fmt(out, format_args!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `s` as a JSON string literal: how report sentences quote text taken
/// from a document. (Not `{:?}`: Rust's debug quoting links its Unicode
/// tables into the browser bundles.)
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_string(&mut out, s);
    out
}

/// Serializes compactly, members in stored order, numbers as their literals.
pub fn to_string(v: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, v);
    out
}

fn write_value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => out.push_str(n.literal()),
        Value::String(s) => write_string(out, s),
        Value::Array(a) => {
            out.push('[');
            for (i, item) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(o) => {
            out.push('{');
            for (i, (k, val)) in o.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k);
                out.push(':');
                write_value(out, val);
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_round_trips() {
        let v = parse_str(r#" {"b":[1,2.5e3,-0,true,null],"a":"x\u00e9\ud83d\ude00\n"} "#).unwrap();
        assert_eq!(
            to_string(&v),
            "{\"b\":[1,2.5e3,-0,true,null],\"a\":\"xé😀\\n\"}"
        );
    }

    #[test]
    fn rejects_what_it_must() {
        let cases: &[(&str, JsonErrorKind)] = &[
            ("", JsonErrorKind::UnexpectedEnd),
            ("{\"a\":1", JsonErrorKind::UnexpectedEnd),
            ("{\"a\":1,\"a\":2}", JsonErrorKind::DuplicateKey),
            ("[1,]", JsonErrorKind::UnexpectedCharacter),
            ("01", JsonErrorKind::TrailingCharacters),
            ("1.", JsonErrorKind::InvalidNumber),
            ("1e999", JsonErrorKind::InvalidNumber),
            ("\"\\ud800\"", JsonErrorKind::InvalidString),
            ("\"a\u{1}\"", JsonErrorKind::InvalidString),
            ("\"\\x\"", JsonErrorKind::InvalidString),
            ("tru", JsonErrorKind::UnexpectedEnd),
            ("[] x", JsonErrorKind::TrailingCharacters),
        ];
        for (input, kind) in cases {
            assert_eq!(parse_str(input).unwrap_err().kind, *kind, "{input:?}");
        }
    }

    #[test]
    fn depth_and_size_are_bounded() {
        let deep = "[".repeat(65) + &"]".repeat(65);
        assert_eq!(parse_str(&deep).unwrap_err().kind, JsonErrorKind::TooDeep);
        let ok = "[".repeat(64) + &"]".repeat(64);
        assert!(parse_str(&ok).is_ok());
        let limits = Limits {
            max_bytes: 4,
            max_depth: 4,
        };
        assert_eq!(
            parse(b"[1,2]", limits).unwrap_err().kind,
            JsonErrorKind::TooLarge
        );
    }
}
