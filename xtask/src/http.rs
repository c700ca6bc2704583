//! The pure parts of the static file server: request-line parsing, URL path
//! to file mapping, content types and the security headers. Kept free of
//! sockets so that they are unit-tested.

use std::path::{Path, PathBuf};

/// The Content-Security-Policy of the site, sent as a header. The same policy
/// is in the `<meta http-equiv>` tag of `site/static/index.html` for static
/// hosting (see [`CSP_META`]).
/// `'wasm-unsafe-eval'` is what instantiating WebAssembly needs; nothing
/// else may evaluate code, and no inline script or style is allowed.
/// `connect-src https:` lets the verifier fetch what a credential points
/// at — its issuer's status lists, `did:web` documents, a hosted
/// credential — wherever they are published; the credential itself never
/// leaves the page (it is never sent, only fetched by URL when given one).
pub const CSP: &str = concat!(csp_meta!(), "; frame-ancestors 'none'");

/// The policy in the `<meta>` tag: the same without `frame-ancestors`, which
/// browsers ignore (with a console error) when it is not sent as a header.
#[cfg_attr(not(test), allow(dead_code))]
pub const CSP_META: &str = csp_meta!();

macro_rules! csp_meta {
    () => {
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self' https:; object-src 'none'; base-uri 'none'"
    };
}
use csp_meta;

/// Largest request head accepted (request line plus headers).
pub const MAX_HEAD: usize = 16 * 1024;

/// The parts of a request the server uses.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `HEAD`, ...
    pub method: String,
    /// The decoded path, without query or fragment.
    pub path: String,
    /// The `If-None-Match` header: the entity tags the client has cached.
    pub if_none_match: Option<String>,
}

/// Why a request head was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum RequestError {
    /// Not an HTTP/1.x request line.
    Malformed,
    /// A path that is not absolute, is badly percent-encoded, or leaves the root.
    BadPath,
}

/// Parses the request line of `head` (the bytes up to the blank line).
pub fn parse_request(head: &str) -> Result<Request, RequestError> {
    let line = head.lines().next().ok_or(RequestError::Malformed)?;
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(RequestError::Malformed);
    };
    if !version.starts_with("HTTP/1.") || method.is_empty() {
        return Err(RequestError::Malformed);
    }
    let raw_path = target.split(['?', '#']).next().unwrap_or("");
    let path = percent_decode(raw_path).ok_or(RequestError::BadPath)?;
    if !path.starts_with('/') || !safe_segments(&path) {
        return Err(RequestError::BadPath);
    }
    let if_none_match = head.lines().skip(1).find_map(|h| {
        let (name, value) = h.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("if-none-match")
            .then(|| value.trim().to_string())
    });
    Ok(Request {
        method: method.to_string(),
        path,
        if_none_match,
    })
}

/// A strong entity tag for a file's bytes, so that the browser's
/// revalidation of a `no-cache` response (the registry, the wasm) is a
/// `304 Not Modified` instead of a second download.
pub fn etag(body: &[u8]) -> String {
    use std::hash::{DefaultHasher, Hasher};
    let mut h = DefaultHasher::new();
    h.write(body);
    format!("\"{:016x}-{:x}\"", h.finish(), body.len())
}

/// True when `If-None-Match` lists `etag` (or is `*`).
pub fn etag_matches(if_none_match: Option<&str>, etag: &str) -> bool {
    if_none_match.is_some_and(|v| {
        v.split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == "*" || t == etag)
    })
}

/// Decodes `%XX` escapes; `None` on a bad escape or non-UTF-8 result.
fn percent_decode(input: &str) -> Option<String> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes.get(i) {
            Some(b'%') => {
                let hex = input.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            Some(&b) => {
                out.push(b);
                i += 1;
            }
            None => break,
        }
    }
    String::from_utf8(out).ok()
}

/// Refuses `..`, backslashes and NUL, so that a path never leaves its mount.
fn safe_segments(path: &str) -> bool {
    !path.contains('\\')
        && !path.contains('\0')
        && path
            .split('/')
            .all(|segment| segment != ".." && segment != ".")
}

/// A URL prefix served from a directory.
#[derive(Clone, Debug)]
pub struct Mount {
    /// Starts and ends with `/`.
    pub prefix: String,
    /// The directory behind it.
    pub dir: PathBuf,
}

/// What a path maps to.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file to send.
    File(PathBuf),
    /// A directory asked for without its trailing slash: redirect here.
    Redirect(String),
    /// Nothing there.
    NotFound,
}

/// Maps a decoded, checked path to a file using the longest matching mount.
/// Directories serve their `index.html`.
pub fn resolve(mounts: &[Mount], path: &str) -> Target {
    let with_slash = format!("{path}/");
    let mount = mounts
        .iter()
        .filter(|m| path.starts_with(&m.prefix) || with_slash == m.prefix)
        .max_by_key(|m| m.prefix.len());
    let Some(mount) = mount else {
        return Target::NotFound;
    };
    let rest = path.get(mount.prefix.len()..).unwrap_or("");
    let mut file = mount.dir.clone();
    for segment in rest.split('/').filter(|s| !s.is_empty()) {
        file.push(segment);
    }
    if file.is_dir() {
        if !path.ends_with('/') {
            return Target::Redirect(with_slash);
        }
        file.push("index.html");
    }
    if file.is_file() {
        Target::File(file)
    } else {
        Target::NotFound
    }
}

/// The `Content-Type` for a file name.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "jsonld" => "application/ld+json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" | "md" | "jwt" | "jws" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Headers sent with every response. The demo network files are also
/// readable cross-origin, so the widget embedded on another origin (or a
/// test page) can fetch status lists and the registry from here; so are
/// the widget's own files (`/widget/`), since a page on another origin
/// loads its `.wasm` with a CORS request.
pub fn security_headers(path: &str) -> Vec<(&'static str, &'static str)> {
    let mut headers = vec![
        ("Content-Security-Policy", CSP),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "no-cache"),
    ];
    if path.starts_with("/demo/") || path.starts_with("/widget/") {
        headers.push(("Access-Control-Allow-Origin", "*"));
    }
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_request_lines() {
        let request = parse_request("GET /pkg/a%20b.js?x=1#y HTTP/1.1\r\nHost: x\r\n").unwrap();
        assert_eq!(request.method, "GET");
        assert_eq!(request.path, "/pkg/a b.js");
        assert_eq!(parse_request("GET /\r\n"), Err(RequestError::Malformed));
        assert_eq!(
            parse_request("GET / SPDY/3\r\n"),
            Err(RequestError::Malformed)
        );
        assert_eq!(parse_request(""), Err(RequestError::Malformed));
    }

    #[test]
    fn revalidation_by_entity_tag() {
        let request =
            parse_request("GET /demo/registry.json HTTP/1.1\r\nIf-None-Match: \"abc\"\r\n")
                .unwrap();
        assert_eq!(request.if_none_match.as_deref(), Some("\"abc\""));
        let tag = etag(b"registry");
        assert_eq!(tag, etag(b"registry"));
        assert_ne!(tag, etag(b"registrY"));
        assert!(etag_matches(Some(&format!("\"x\", W/{tag}")), &tag));
        assert!(!etag_matches(Some("\"x\""), &tag));
        assert!(!etag_matches(None, &tag));
    }

    #[test]
    fn refuses_escaping_paths() {
        for bad in [
            "/../etc/passwd",
            "/demo/%2e%2e/secret",
            "/a/./b",
            "/a%5cb",
            "/a%00",
            "/%zz",
            "/%e2%82",
            "relative",
        ] {
            let line = format!("GET {bad} HTTP/1.1\r\n");
            assert_eq!(parse_request(&line), Err(RequestError::BadPath), "{bad}");
        }
    }

    #[test]
    fn resolves_mounts_and_directories() {
        let base = std::env::temp_dir().join(format!("xtask-http-{}", std::process::id()));
        let dist = base.join("dist");
        let demo = base.join("demo");
        std::fs::create_dir_all(dist.join("pkg")).unwrap();
        std::fs::create_dir_all(demo.join("status")).unwrap();
        std::fs::write(dist.join("index.html"), "<!doctype html>").unwrap();
        std::fs::write(dist.join("pkg/app.wasm"), b"\0asm").unwrap();
        std::fs::write(demo.join("index.html"), "demo").unwrap();
        std::fs::write(demo.join("status/1.json"), "{}").unwrap();
        let mounts = vec![
            Mount {
                prefix: "/".into(),
                dir: dist.clone(),
            },
            Mount {
                prefix: "/demo/".into(),
                dir: demo.clone(),
            },
        ];
        assert_eq!(resolve(&mounts, "/"), Target::File(dist.join("index.html")));
        assert_eq!(
            resolve(&mounts, "/pkg/app.wasm"),
            Target::File(dist.join("pkg/app.wasm"))
        );
        assert_eq!(
            resolve(&mounts, "/demo/status/1.json"),
            Target::File(demo.join("status/1.json"))
        );
        assert_eq!(resolve(&mounts, "/demo"), Target::Redirect("/demo/".into()));
        assert_eq!(
            resolve(&mounts, "/demo/"),
            Target::File(demo.join("index.html"))
        );
        assert_eq!(resolve(&mounts, "/pkg"), Target::Redirect("/pkg/".into()));
        assert_eq!(resolve(&mounts, "/missing.js"), Target::NotFound);
        assert_eq!(resolve(&mounts[1..], "/index.html"), Target::NotFound);
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type(Path::new("a/b.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("index.HTML")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("x.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.svg")), "image/svg+xml");
        assert_eq!(content_type(Path::new("noext")), "application/octet-stream");
    }

    #[test]
    fn csp_is_strict() {
        assert!(CSP.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(!CSP.contains("unsafe-inline"));
        assert!(!CSP.contains("'unsafe-eval'"));
        let headers = security_headers("/demo/registry.json");
        assert!(headers.contains(&("Access-Control-Allow-Origin", "*")));
        assert!(!security_headers("/")
            .iter()
            .any(|(k, _)| k.starts_with("Access-Control")));
    }

    #[test]
    fn the_widget_is_readable_from_other_origins() {
        // A page elsewhere fetches the widget's .wasm (and ES module) with CORS.
        for path in ["/widget/mcx_widget_bg.wasm", "/widget/index.js"] {
            assert!(security_headers(path).contains(&("Access-Control-Allow-Origin", "*")));
        }
    }

    #[test]
    fn index_html_carries_the_same_csp() {
        let index = std::fs::read_to_string(crate::root().join("site/static/index.html")).unwrap();
        assert!(
            index.contains(&format!("content=\"{CSP_META}\"")),
            "site/static/index.html CSP differs"
        );
        assert_eq!(CSP, format!("{CSP_META}; frame-ancestors 'none'"));
    }
}
