//! IRIs and keywords: keyword tests, IRI parsing and resolution (RFC 3986),
//! and the well-formedness checks of IRIs and language tags.

use alloc::format;
use alloc::string::{String, ToString};

/// What jsonld.js calls absolute: an IRI with a scheme and no whitespace,
/// or a blank node identifier.
pub(super) fn is_absolute_or_blank(s: &str) -> bool {
    (s.starts_with("_:") && !s.chars().any(char::is_whitespace)) || is_absolute_iri(s)
}

const KEYWORDS: &[&str] = &[
    "@base",
    "@container",
    "@context",
    "@direction",
    "@graph",
    "@id",
    "@import",
    "@included",
    "@index",
    "@json",
    "@language",
    "@list",
    "@nest",
    "@none",
    "@prefix",
    "@propagate",
    "@protected",
    "@reverse",
    "@set",
    "@type",
    "@value",
    "@version",
    "@vocab",
];

pub(super) fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// `"@" 1*ALPHA`: reserved for future keywords, ignored.
pub(super) fn has_keyword_form(s: &str) -> bool {
    s.len() > 1 && s.starts_with('@') && s.bytes().skip(1).all(|b| b.is_ascii_alphabetic())
}

/// Splits at the first `:` when it is not the first character.
pub(super) fn split_prefix(s: &str) -> Option<(&str, &str)> {
    match s.find(':') {
        Some(i) if i > 0 => Some((&s[..i], &s[i + 1..])),
        _ => None,
    }
}

/// The scheme of an absolute IRI, if `s` starts with one.
fn scheme_len(s: &str) -> Option<usize> {
    let i = s.find(':')?;
    let scheme = &s[..i];
    let mut bytes = scheme.bytes();
    match bytes.next() {
        Some(b) if b.is_ascii_alphabetic() => {}
        _ => return None,
    }
    if bytes.all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.') {
        Some(i)
    } else {
        None
    }
}

/// True when `s` starts with a scheme (used to split and resolve IRIs).
pub(super) fn has_scheme(s: &str) -> bool {
    scheme_len(s).is_some()
}

/// An absolute IRI as the algorithms require one (datatypes, type
/// mappings): a scheme and no whitespace.
pub(super) fn is_absolute_iri(s: &str) -> bool {
    has_scheme(s) && !s.chars().any(char::is_whitespace)
}

pub(super) fn wellformed_iri(s: &str) -> bool {
    has_scheme(s)
        && s.bytes().filter(|&b| b == b'#').count() <= 1
        && !s.chars().any(|c| {
            matches!(
                c,
                '\u{0}'..='\u{20}' | '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`'
            )
        })
}

/// BCP 47 shape check (`[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`).
pub(super) fn wellformed_language(s: &str) -> bool {
    let mut parts = s.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

struct IriParts<'a> {
    scheme: Option<&'a str>,
    authority: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

fn split_iri(s: &str) -> IriParts<'_> {
    let (rest, fragment) = match s.find('#') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (rest, query) = match rest.find('?') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (scheme, rest) = match scheme_len(rest) {
        Some(i) => (Some(&rest[..i]), &rest[i + 1..]),
        None => (None, rest),
    };
    let (authority, path) = match rest.strip_prefix("//") {
        Some(r) => {
            let end = r.find('/').unwrap_or(r.len());
            (Some(&r[..end]), &r[end..])
        }
        None => (None, rest),
    };
    IriParts {
        scheme,
        authority,
        path,
        query,
        fragment,
    }
}

/// RFC 3986 section 5.2.4.
fn remove_dot_segments(path: &str) -> String {
    let mut input: &str = path;
    let mut out = String::with_capacity(path.len());
    while !input.is_empty() {
        if let Some(r) = input.strip_prefix("../") {
            input = r;
        } else if let Some(r) = input.strip_prefix("./") {
            input = r;
        } else if input.starts_with("/./") {
            input = &input[2..];
        } else if input == "/." {
            input = "/";
        } else if input.starts_with("/../") {
            input = &input[3..];
            truncate_last_segment(&mut out);
        } else if input == "/.." {
            input = "/";
            truncate_last_segment(&mut out);
        } else if input == "." || input == ".." {
            input = "";
        } else {
            let start = usize::from(input.starts_with('/'));
            let end = input[start..].find('/').map_or(input.len(), |i| i + start);
            out.push_str(&input[..end]);
            input = &input[end..];
        }
    }
    out
}

fn truncate_last_segment(out: &mut String) {
    match out.rfind('/') {
        Some(i) => out.truncate(i),
        None => out.clear(),
    }
}

/// Resolves `reference` against `base` (RFC 3986 section 5.2, no
/// normalization beyond dot segments).
pub(super) fn resolve_iri(base: &str, reference: &str) -> String {
    let r = split_iri(reference);
    if r.scheme.is_some() {
        return compose(
            r.scheme,
            r.authority,
            &remove_dot_segments(r.path),
            r.query,
            r.fragment,
        );
    }
    let b = split_iri(base);
    if b.scheme.is_none() {
        // Not an absolute base: nothing sensible to resolve against.
        return reference.to_string();
    }
    let (authority, path, query) = if r.authority.is_some() {
        (r.authority, remove_dot_segments(r.path), r.query)
    } else if r.path.is_empty() {
        (b.authority, b.path.to_string(), r.query.or(b.query))
    } else if r.path.starts_with('/') {
        (b.authority, remove_dot_segments(r.path), r.query)
    } else {
        let merged = if b.authority.is_some() && b.path.is_empty() {
            format!("/{}", r.path)
        } else {
            match b.path.rfind('/') {
                Some(i) => format!("{}{}", &b.path[..=i], r.path),
                None => r.path.to_string(),
            }
        };
        (b.authority, remove_dot_segments(&merged), r.query)
    };
    compose(b.scheme, authority, &path, query, r.fragment)
}

fn compose(
    scheme: Option<&str>,
    authority: Option<&str>,
    path: &str,
    query: Option<&str>,
    fragment: Option<&str>,
) -> String {
    let mut s = String::new();
    if let Some(sc) = scheme {
        s.push_str(sc);
        s.push(':');
    }
    if let Some(a) = authority {
        s.push_str("//");
        s.push_str(a);
    }
    s.push_str(path);
    if let Some(q) = query {
        s.push('?');
        s.push_str(q);
    }
    if let Some(f) = fragment {
        s.push('#');
        s.push_str(f);
    }
    s
}
