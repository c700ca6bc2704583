//! GETting documents with the browser's `fetch()`: without cookies or
//! referrer, size-bounded, and with failures in plain words. The browser
//! does not say *why* a request failed at the network level, so a refused
//! CORS request, a blocked Content-Security-Policy `connect-src` and an
//! unreachable server are one error.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ReferrerPolicy, RequestCache, RequestCredentials, RequestInit, RequestMode, RequestRedirect,
    Response,
};

/// Largest document accepted (the core's bound for every host).
pub const MAX_BYTES: usize = mcx_verifier_core::MAX_DOCUMENT_BYTES;

/// Why fetching a URL failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// Network failure, CORS refusal or Content-Security-Policy block: the
    /// browser does not tell these apart.
    Network,
    /// The server answered with this HTTP status.
    Http(u16),
    /// More than [`MAX_BYTES`].
    TooLarge,
    /// Not an http(s) URL.
    BadUrl,
}

impl FetchError {
    /// A short English reason. It goes into the report's technical detail
    /// (which is English in every host, like the CLI's), so it is not
    /// translated; the reader-facing explanation comes from `mcx_display::i18n`.
    pub fn reason(&self) -> String {
        match self {
            FetchError::Network => {
                "network error, or the server does not allow this site to read it (CORS), or this page's Content-Security-Policy blocks it".into()
            }
            FetchError::Http(status) => format!("HTTP status {status}"),
            FetchError::TooLarge => "the document is too large".into(),
            FetchError::BadUrl => "not an http(s) address".into(),
        }
    }
}

/// The page address, the base for relative URLs.
fn page_href() -> Option<String> {
    web_sys::window()?.location().href().ok()
}

/// Resolves `url` against the page address; `None` unless the result is
/// http or https (no `data:`, `blob:`, `file:` or `javascript:`).
pub fn absolute_http_url(url: &str) -> Option<String> {
    let base = page_href().unwrap_or_default();
    let parsed = web_sys::Url::new_with_base(url, &base).ok()?;
    matches!(parsed.protocol().as_str(), "http:" | "https:").then(|| parsed.href())
}

/// A request that has been sent and not yet read. Starting every request
/// of a round before awaiting any lets the browser run them in parallel
/// without a futures combinator (which the widget's size budget avoids).
pub struct Pending(Result<Promise, FetchError>);

/// Sends a GET for `url` (resolved against the page), without cookies or
/// referrer, following redirects, bypassing the HTTP cache (revocation
/// status must be current).
pub fn start(url: &str) -> Pending {
    start_with(url, RequestCache::NoCache)
}

/// [`start`] with a choice of HTTP cache mode.
pub fn start_with(url: &str, cache: RequestCache) -> Pending {
    let Some(url) = absolute_http_url(url) else {
        return Pending(Err(FetchError::BadUrl));
    };
    let Some(window) = web_sys::window() else {
        return Pending(Err(FetchError::Network));
    };
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    init.set_cache(cache);
    init.set_redirect(RequestRedirect::Follow);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    Pending(Ok(window.fetch_with_str_and_init(&url, &init)))
}

impl Pending {
    /// Waits for the response and reads its body.
    pub async fn finish(self) -> Result<Vec<u8>, FetchError> {
        let response = JsFuture::from(self.0?)
            .await
            .map_err(|_| FetchError::Network)?;
        let response: Response = response.dyn_into().map_err(|_| FetchError::Network)?;
        if !response.ok() {
            return Err(FetchError::Http(response.status()));
        }
        let declared = response
            .headers()
            .get("content-length")
            .ok()
            .flatten()
            .and_then(|v| v.trim().parse::<usize>().ok());
        if declared.is_some_and(|n| n > MAX_BYTES) {
            return Err(FetchError::TooLarge);
        }
        let buffer = response.array_buffer().map_err(|_| FetchError::Network)?;
        let buffer = JsFuture::from(buffer)
            .await
            .map_err(|_| FetchError::Network)?;
        let array = Uint8Array::new(&buffer);
        if array.length() as usize > MAX_BYTES {
            return Err(FetchError::TooLarge);
        }
        Ok(array.to_vec())
    }
}

/// GETs `url` and returns the body.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, FetchError> {
    start(url).finish().await
}
