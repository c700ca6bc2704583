//! A strict reader for the little CBOR (RFC 8949) that proof values use:
//! unsigned integers, byte strings, arrays, maps and tags, nothing else
//! (no text strings, negative integers, floats or simple values).
//!
//! Strict: definite lengths only, every argument in its shortest form
//! (RFC 8949 §4.2.1, what every encoder writes by default), no bytes after
//! the item. Bounded: nesting stops at [`MAX_DEPTH`]; a length is checked
//! against the bytes left before anything is allocated for it (each item
//! takes at least one byte), so the decoded items never outnumber the
//! input's bytes. No panics on any input.
//!
//! Parsers read the shape they expect item by item with a [`Reader`] (no
//! tree, no recursion); [`decode`] builds a tree, for tests and fuzzing.

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::fmt;

/// How deeply items may nest (a tag around an array of maps of byte
/// strings is depth 3; proof values need no more).
pub const MAX_DEPTH: usize = 4;

/// A decoded item; byte strings borrow from the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item<'a> {
    /// Major type 0.
    Unsigned(u64),
    /// Major type 2.
    Bytes(&'a [u8]),
    /// Major type 4.
    Array(Vec<Item<'a>>),
    /// Major type 5, entries in the order written (keys are not checked
    /// for duplicates here: what a key means is the caller's).
    Map(Vec<(Item<'a>, Item<'a>)>),
    /// Major type 6: a tag number and the item it tags.
    Tag(u64, Box<Item<'a>>),
}

/// Why bytes are not CBOR this reader accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CborError {
    /// The input ends inside an item.
    Truncated,
    /// Bytes follow the item.
    TrailingBytes,
    /// A major type or simple value this reader does not accept.
    Unsupported,
    /// An item of another type than the one expected.
    Unexpected,
    /// An indefinite length, a reserved additional-information value or an
    /// argument not in its shortest form.
    NotStrict,
    /// Items nest deeper than [`MAX_DEPTH`].
    TooDeep,
}

impl fmt::Display for CborError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CborError::Truncated => "the CBOR ends inside an item",
            CborError::TrailingBytes => "bytes follow the CBOR item",
            CborError::Unsupported => "a CBOR type this reader does not accept",
            CborError::Unexpected => "a CBOR item of another type than expected",
            CborError::NotStrict => "CBOR that is not in its strict (shortest, definite) form",
            CborError::TooDeep => "CBOR nested too deeply",
        })
    }
}

/// Decodes exactly one item filling `bytes` into a tree (for tests and
/// fuzzing; parsers read the shape they expect with a [`Reader`]).
pub fn decode(bytes: &[u8]) -> Result<Item<'_>, CborError> {
    let mut r = Reader::new(bytes);
    let item = r.item(0)?;
    r.finish()?;
    Ok(item)
}

/// Reads items one by one, each of the type the caller expects: no tree,
/// no recursion. Counts are checked against the bytes left, so a caller
/// that allocates for them allocates no more than the input could fill.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    /// Succeeds when every byte has been read.
    pub fn finish(&self) -> Result<(), CborError> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(CborError::TrailingBytes)
        }
    }

    /// An unsigned integer.
    pub fn unsigned(&mut self) -> Result<u64, CborError> {
        self.expect(0)
    }

    /// A byte string.
    pub fn bytes(&mut self) -> Result<&'a [u8], CborError> {
        let n = self.expect(2)?;
        let n = self.count(n, 1)?;
        self.take(n)
    }

    /// The start of an array: how many items follow.
    pub fn array(&mut self) -> Result<usize, CborError> {
        let n = self.expect(4)?;
        self.count(n, 1)
    }

    /// The start of a map: how many key-value pairs follow.
    pub fn map(&mut self) -> Result<usize, CborError> {
        let n = self.expect(5)?;
        self.count(n, 2)
    }

    /// A tag number (the tagged item follows).
    pub fn tag(&mut self) -> Result<u64, CborError> {
        self.expect(6)
    }

    fn expect(&mut self, major: u8) -> Result<u64, CborError> {
        match self.head()? {
            (m, arg) if m == major => Ok(arg),
            _ => Err(CborError::Unexpected),
        }
    }

    fn left(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], CborError> {
        let s = self
            .bytes
            .get(self.pos..)
            .and_then(|rest| rest.get(..n))
            .ok_or(CborError::Truncated)?;
        self.pos += n;
        Ok(s)
    }

    /// The initial byte's major type and its argument (shortest form only).
    fn head(&mut self) -> Result<(u8, u64), CborError> {
        let &[first] = self.take(1)? else {
            return Err(CborError::Truncated);
        };
        let (major, info) = (first >> 5, first & 0x1f);
        let arg = match info {
            0..=23 => return Ok((major, u64::from(info))),
            24 => 1,
            25 => 2,
            26 => 4,
            27 => 8,
            // 28-30 reserved, 31 indefinite length (or "break").
            _ => return Err(CborError::NotStrict),
        };
        let mut value = 0u64;
        for b in self.take(arg)? {
            value = (value << 8) | u64::from(*b);
        }
        // Shortest form: the value needs more bytes than the next shorter
        // argument holds (at least 24 for a one-byte argument).
        let shortest = if arg == 1 {
            value >= 24
        } else {
            value >> (4 * arg) != 0
        };
        if !shortest {
            return Err(CborError::NotStrict);
        }
        Ok((major, value))
    }

    /// A count of items that follow, which each take at least `per_item` bytes.
    fn count(&self, n: u64, per_item: usize) -> Result<usize, CborError> {
        usize::try_from(n)
            .ok()
            .filter(|n| n.saturating_mul(per_item) <= self.left())
            .ok_or(CborError::Truncated)
    }

    fn item(&mut self, depth: usize) -> Result<Item<'a>, CborError> {
        if depth >= MAX_DEPTH {
            return Err(CborError::TooDeep);
        }
        let start = self.pos;
        let (major, arg) = self.head()?;
        match major {
            0 => Ok(Item::Unsigned(arg)),
            2 => {
                self.pos = start;
                self.bytes().map(Item::Bytes)
            }
            4 => {
                let n = self.count(arg, 1)?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.item(depth + 1)?);
                }
                Ok(Item::Array(items))
            }
            5 => {
                let n = self.count(arg, 2)?;
                let mut entries = Vec::with_capacity(n);
                for _ in 0..n {
                    let k = self.item(depth + 1)?;
                    let v = self.item(depth + 1)?;
                    entries.push((k, v));
                }
                Ok(Item::Map(entries))
            }
            6 => Ok(Item::Tag(arg, Box::new(self.item(depth + 1)?))),
            _ => Err(CborError::Unsupported),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn the_accepted_shapes() {
        assert_eq!(decode(&[0x17]), Ok(Item::Unsigned(23)));
        assert_eq!(decode(&[0x18, 0x18]), Ok(Item::Unsigned(24)));
        assert_eq!(decode(&[0x19, 0x01, 0x00]), Ok(Item::Unsigned(256)));
        assert_eq!(decode(&[0x42, 1, 2]), Ok(Item::Bytes(&[1, 2])));
        assert_eq!(
            decode(&[0xd9, 0x5d, 0x01, 0x82, 0x00, 0xa1, 0x01, 0x41, 9]),
            Ok(Item::Tag(
                0x5d01,
                Box::new(Item::Array(vec![
                    Item::Unsigned(0),
                    Item::Map(vec![(Item::Unsigned(1), Item::Bytes(&[9]))])
                ]))
            ))
        );
    }

    #[test]
    fn what_is_refused() {
        // Not in shortest form.
        assert_eq!(decode(&[0x18, 0x17]), Err(CborError::NotStrict));
        assert_eq!(decode(&[0x19, 0x00, 0xff]), Err(CborError::NotStrict));
        // Indefinite length.
        assert_eq!(decode(&[0x9f, 0xff]), Err(CborError::NotStrict));
        // Text strings, negative integers, floats.
        for b in [0x60, 0x20, 0xf9] {
            assert!(decode(&[b, 0, 0]).is_err());
        }
        // A length past the end, before any allocation.
        assert_eq!(
            decode(&[0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            Err(CborError::Truncated)
        );
        assert_eq!(decode(&[0x43, 1, 2]), Err(CborError::Truncated));
        assert_eq!(decode(&[0x00, 0x00]), Err(CborError::TrailingBytes));
        assert_eq!(decode(&[]), Err(CborError::Truncated));
        // Nesting.
        assert_eq!(
            decode(&[0x81, 0x81, 0x81, 0x81, 0x00]),
            Err(CborError::TooDeep)
        );
        assert!(decode(&[0x81, 0x81, 0x81, 0x00]).is_ok());
    }
}
