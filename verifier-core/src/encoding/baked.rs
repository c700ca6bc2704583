//! Open Badges "baked" badges: a credential embedded in an image.
//!
//! PNG: an `iTXt` chunk with keyword `openbadgecredential` (OB 3.0 §5.3.1),
//! or for Open Badges 2.0 a `tEXt`/`iTXt` chunk `openbadges` (the
//! assertion's JSON, its JWS, or the URL of a hosted assertion).
//! SVG: an `<openbadges:credential>` (3.0) or `<openbadges:assertion>` (2.0)
//! element whose content (usually CDATA) is the credential, or whose
//! `verify` attribute is a compact JWS (or, in 2.0, a URL).
use crate::report::Code;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// Why no credential could be taken from an image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BakedError {
    /// The image is damaged or the credential chunk is unreadable.
    Malformed(String),
    /// A well-formed image that carries no OB 3.0 credential (maybe OB 2.0).
    NoCredential(&'static str),
}

impl BakedError {
    /// The report code for this failure.
    pub fn code(&self) -> Code {
        match self {
            BakedError::Malformed(_) => Code::Malformed,
            BakedError::NoCredential(_) => Code::Unsupported,
        }
    }
}

/// The PNG file signature.
pub const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// Most chunks walked before giving up (real badges have a few dozen).
const MAX_CHUNKS: usize = 10_000;

/// The credential text baked into a PNG.
pub fn png_credential(png: &[u8], max_inflated: usize) -> Result<String, BakedError> {
    let mut rest = png
        .strip_prefix(&PNG_SIGNATURE)
        .ok_or_else(|| BakedError::Malformed(String::from("not a PNG")))?;
    // An Open Badges 2.0 assertion (`openbadges`: JSON, a JWS, or the URL
    // of a hosted assertion), used when there is no 3.0 credential.
    let mut legacy: Option<String> = None;
    for _ in 0..MAX_CHUNKS {
        if rest.len() < 12 {
            break;
        }
        let len = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        let kind = &rest[4..8];
        let data = rest
            .get(8..8usize.saturating_add(len))
            .ok_or_else(|| BakedError::Malformed(String::from("a PNG chunk is truncated")))?;
        if kind == b"iTXt" {
            if let Some(text) = itxt(data, b"openbadgecredential", max_inflated)? {
                return Ok(text);
            }
            if legacy.is_none() {
                legacy = itxt(data, b"openbadges", max_inflated)?;
            }
        }
        if kind == b"tEXt" && legacy.is_none() {
            if let Some(text) = data.strip_prefix(b"openbadges\0") {
                // tEXt is Latin-1; what badges put there is ASCII.
                legacy = Some(text.iter().map(|&b| char::from(b)).collect());
            }
        }
        if kind == b"IEND" {
            break;
        }
        rest = rest.get(12 + len..).unwrap_or(&[]);
    }
    legacy.ok_or(BakedError::NoCredential(
        "the PNG image has no baked Open Badges credential",
    ))
}

/// The text of an `iTXt` chunk whose keyword is `keyword`.
fn itxt(data: &[u8], keyword: &[u8], max_inflated: usize) -> Result<Option<String>, BakedError> {
    let Some(rest) = data
        .strip_prefix(keyword)
        .and_then(|r| r.strip_prefix(b"\0"))
    else {
        return Ok(None);
    };
    let bad =
        |m: &str| BakedError::Malformed(format!("the baked credential chunk is damaged: {m}"));
    let (&flag, rest) = rest.split_first().ok_or_else(|| bad("too short"))?;
    let (&_method, rest) = rest.split_first().ok_or_else(|| bad("too short"))?;
    let lang_end = rest
        .iter()
        .position(|&b| b == 0)
        .ok_or_else(|| bad("no language tag"))?;
    let rest = &rest[lang_end + 1..];
    let tk_end = rest
        .iter()
        .position(|&b| b == 0)
        .ok_or_else(|| bad("no translated keyword"))?;
    let text = &rest[tk_end + 1..];
    let bytes: Vec<u8> = if flag == 1 {
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(text, max_inflated)
            .map_err(|_| bad("compressed text does not inflate within the size limit"))?
    } else {
        text.to_vec()
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| bad("not UTF-8"))
}

/// The credential text baked into an SVG document.
pub fn svg_credential(svg: &str) -> Result<String, BakedError> {
    let open = "<openbadges:credential";
    // Open Badges 2.0 bakes `<openbadges:assertion>` the same way.
    let (open, close) = match svg.find(open) {
        Some(_) => (open, "</openbadges:credential>"),
        None if svg.contains("<openbadges:assertion") => {
            ("<openbadges:assertion", "</openbadges:assertion>")
        }
        None => {
            return Err(BakedError::NoCredential(
                "the SVG image has no baked Open Badges credential",
            ))
        }
    };
    let Some(start) = svg.find(open) else {
        return Err(BakedError::NoCredential(
            "the SVG image has no baked Open Badges credential",
        ));
    };
    let after = &svg[start + open.len()..];
    let tag_end = after
        .find('>')
        .ok_or_else(|| BakedError::Malformed(String::from("unterminated Open Badges tag")))?;
    let attrs = &after[..tag_end];
    if let Some(v) = attribute(attrs, "verify") {
        return Ok(unescape(v));
    }
    if attrs.ends_with('/') {
        return Err(BakedError::Malformed(String::from(
            "an empty Open Badges element",
        )));
    }
    let body = &after[tag_end + 1..];
    let end = body
        .find(close)
        .ok_or_else(|| BakedError::Malformed(String::from("unterminated Open Badges element")))?;
    let content = body[..end].trim();
    if let Some(cdata) = content.strip_prefix("<![CDATA[") {
        let inner = cdata
            .strip_suffix("]]>")
            .ok_or_else(|| BakedError::Malformed(String::from("unterminated CDATA section")))?;
        return Ok(String::from(inner.trim()));
    }
    Ok(unescape(content))
}

fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = attrs;
    while let Some(i) = rest.find(name) {
        let preceded_by_space = i == 0 || rest[..i].ends_with(char::is_whitespace);
        let after = rest[i + name.len()..].trim_start();
        if let (true, Some(after_eq)) = (preceded_by_space, after.strip_prefix('=')) {
            let after_eq = after_eq.trim_start();
            let quote = after_eq.chars().next()?;
            if quote == '"' || quote == '\'' {
                let inner = &after_eq[1..];
                return inner.find(quote).map(|e| &inner[..e]);
            }
        }
        rest = &rest[i + name.len()..];
    }
    None
}

/// Resolves the five predefined XML entities and numeric character references.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(semi) = rest.find(';').filter(|&e| e <= 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let ch = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse::<u32>().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Bakes `credential` into `png` as an uncompressed `iTXt` chunk before `IEND`
/// (issuer-side tooling and tests).
pub fn bake_png(png: &[u8], credential: &str) -> Result<Vec<u8>, BakedError> {
    let iend = png
        .len()
        .checked_sub(12)
        .filter(|&i| png.get(i + 4..i + 8) == Some(b"IEND"))
        .ok_or_else(|| BakedError::Malformed(String::from("the PNG does not end with IEND")))?;
    let mut data = Vec::new();
    data.extend_from_slice(b"openbadgecredential\0\0\0\0\0");
    data.extend_from_slice(credential.as_bytes());
    let mut chunk = Vec::with_capacity(data.len() + 12);
    chunk.extend_from_slice(
        &u32::try_from(data.len())
            .map_err(|_| BakedError::Malformed(String::from("too large")))?
            .to_be_bytes(),
    );
    let mut typed = Vec::from(&b"iTXt"[..]);
    typed.extend_from_slice(&data);
    chunk.extend_from_slice(&typed);
    chunk.extend_from_slice(&crate::encoding::checksum::crc32(&typed).to_be_bytes());
    let mut out = Vec::from(&png[..iend]);
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&png[iend..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_forms() {
        let cdata =
            r#"<svg><openbadges:credential><![CDATA[ {"a":1} ]]></openbadges:credential></svg>"#;
        assert_eq!(svg_credential(cdata).unwrap(), r#"{"a":1}"#);
        let escaped =
            r#"<svg><openbadges:credential>{&quot;a&quot;:&#49;}</openbadges:credential></svg>"#;
        assert_eq!(svg_credential(escaped).unwrap(), r#"{"a":1}"#);
        let attr = r#"<svg><openbadges:credential verify="eyJ.x.y"/></svg>"#;
        assert_eq!(svg_credential(attr).unwrap(), "eyJ.x.y");
        assert!(matches!(
            svg_credential("<svg/>"),
            Err(BakedError::NoCredential(_))
        ));
        assert!(matches!(
            svg_credential("<svg><openbadges:credential>"),
            Err(BakedError::Malformed(_))
        ));
    }

    #[test]
    fn png_round_trip() {
        // A minimal PNG: signature, IHDR, IEND (content is irrelevant here).
        let mut png = Vec::from(&PNG_SIGNATURE[..]);
        for (kind, data) in [(&b"IHDR"[..], &[0u8; 13][..]), (b"IEND", &[])] {
            png.extend_from_slice(&(data.len() as u32).to_be_bytes());
            png.extend_from_slice(kind);
            png.extend_from_slice(data);
            png.extend_from_slice(&[0; 4]);
        }
        assert!(matches!(
            png_credential(&png, 1024),
            Err(BakedError::NoCredential(_))
        ));
        let baked = bake_png(&png, "{\"x\":true}").unwrap();
        assert_eq!(png_credential(&baked, 1024).unwrap(), "{\"x\":true}");
        assert!(png_credential(&baked[..baked.len() - 20], 1024).is_err());
    }
}
