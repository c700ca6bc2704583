//! Thin wrappers over the browser APIs the site uses (location, files,
//! clipboard, downloads, pictures, storage). Fetching is `mcx_web::fetch`.
//! Everything here is I/O; nothing here decides anything about a credential.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, HtmlAnchorElement, HtmlCanvasElement,
    ImageBitmap,
};

/// Largest credential file or picture accepted (the same bound as for
/// fetched documents).
pub const MAX_BYTES: usize = mcx_web::fetch::MAX_BYTES;

/// Largest side of a picture scanned for a QR code; larger pictures are
/// scaled down first so decoding stays fast.
const MAX_SCAN_SIDE: u32 = 1600;

/// The window (the site only runs in one).
pub fn window() -> web_sys::Window {
    gloo::utils::window()
}

/// Sets an attribute on `<html>` (`data-state`, `lang`).
pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = gloo::utils::document().document_element() {
        // Failing to set an attribute only loses a hint for tests and
        // assistive technology; the page still works.
        let _ = root.set_attribute(name, value);
    }
}

/// The page address.
pub fn href() -> String {
    window().location().href().unwrap_or_default()
}

/// The address without query and fragment: the base of share links.
pub fn page_base() -> String {
    let location = window().location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_else(|_| "/".into());
    format!("{origin}{path}")
}

/// This page's origin.
pub fn origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// A query parameter of the page address.
pub fn query_param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name).filter(|v| !v.is_empty())
}

/// The fragment without `#`.
pub fn fragment() -> String {
    let hash = window().location().hash().unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_string()
}

/// Resolves a relative address against the page address.
pub fn resolve(relative: &str) -> Option<String> {
    web_sys::Url::new_with_base(relative, &href())
        .ok()
        .map(|u| u.href())
}

/// True when `url` is same-origin with the page or a `data:image/` URL:
/// the only images the site shows, so that showing a credential never
/// makes a request elsewhere (no tracking pixels).
pub fn is_safe_image(url: &str) -> bool {
    let lower = url
        .trim_start()
        .get(..11)
        .unwrap_or("")
        .to_ascii_lowercase();
    if lower.starts_with("data:image/") {
        return true;
    }
    match web_sys::Url::new_with_base(url, &href()) {
        Ok(parsed) => {
            parsed.origin() == origin() && matches!(parsed.protocol().as_str(), "http:" | "https:")
        }
        Err(_) => false,
    }
}

/// `navigator.languages`, most preferred first.
pub fn preferred_languages() -> Vec<String> {
    window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect()
}

/// Reads a value from `localStorage` (absent in private modes: `None`).
pub fn stored(key: &str) -> Option<String> {
    window()
        .local_storage()
        .ok()
        .flatten()?
        .get_item(key)
        .ok()
        .flatten()
}

/// Writes a value to `localStorage` when there is one.
pub fn store(key: &str, value: &str) {
    if let Ok(Some(storage)) = window().local_storage() {
        // A full or disabled storage only forgets the preference.
        let _ = storage.set_item(key, value);
    }
}

/// Why a file could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    /// More than [`MAX_BYTES`].
    TooLarge,
    /// The browser could not read it.
    Unreadable,
}

/// Reads a picked or dropped file.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, FileError> {
    if file.size() > MAX_BYTES as f64 {
        return Err(FileError::TooLarge);
    }
    let blob = gloo::file::Blob::from(web_sys::Blob::from(file.clone()));
    gloo::file::futures::read_as_bytes(&blob)
        .await
        .map_err(|_| FileError::Unreadable)
}

/// Copies text to the clipboard; false when the browser refuses.
pub async fn copy_text(text: &str) -> bool {
    let clipboard = window().navigator().clipboard();
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// Offers `bytes` as a file download.
pub fn download(name: &str, bytes: &[u8], mime: &str) {
    let parts = Array::new();
    parts.push(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let document = gloo::utils::document();
    if let Ok(anchor) = document
        .create_element("a")
        .map(JsCast::unchecked_into::<HtmlAnchorElement>)
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    // The click has started the download; the URL is no longer needed.
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// A picture as a canvas holds it: RGBA, row by row, left in JS (the
/// `ImageData`'s `Uint8ClampedArray`) until the QR reader copies it into
/// its own memory.
pub struct Picture {
    width: u32,
    height: u32,
    rgba: JsValue,
}

/// What is drawn on `context`, `width × height` from its top left corner.
pub fn picture_of(context: &CanvasRenderingContext2d, width: u32, height: u32) -> Option<Picture> {
    let data = context
        .get_image_data(0.0, 0.0, f64::from(width), f64::from(height))
        .ok()?;
    let rgba = js_sys::Reflect::get(&data, &JsValue::from_str("data")).ok()?;
    Some(Picture {
        width,
        height,
        rgba,
    })
}

/// Decodes a picture (PNG, JPEG, GIF, WebP…) with the browser's own
/// decoder, scaled so that no side exceeds [`MAX_SCAN_SIDE`].
pub async fn decode_picture(bytes: &[u8], mime: &str) -> Option<Picture> {
    let parts = Array::new();
    parts.push(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let bitmap = JsFuture::from(window().create_image_bitmap_with_blob(&blob).ok()?)
        .await
        .ok()?;
    let bitmap: ImageBitmap = bitmap.dyn_into().ok()?;
    let picture = scaled(&bitmap);
    bitmap.close();
    picture
}

/// Draws a decoded picture into a scratch canvas, scaled down to at most
/// [`MAX_SCAN_SIDE`] a side.
fn scaled(bitmap: &ImageBitmap) -> Option<Picture> {
    let (width, height) = (bitmap.width(), bitmap.height());
    if width == 0 || height == 0 {
        return None;
    }
    let scale = f64::from(MAX_SCAN_SIDE) / f64::from(width.max(height));
    let scale = scale.min(1.0);
    let w = ((f64::from(width) * scale).round() as u32).max(1);
    let h = ((f64::from(height) * scale).round() as u32).max(1);
    let canvas: HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    canvas.set_width(w);
    canvas.set_height(h);
    let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    context
        .draw_image_with_image_bitmap_and_dw_and_dh(bitmap, 0.0, 0.0, f64::from(w), f64::from(h))
        .ok()?;
    picture_of(&context, w, h)
}

#[wasm_bindgen(raw_module = "../qr-reader.js")]
extern "C" {
    /// Loads the QR reader (once; `site/static/qr-reader.js`), resolving
    /// to its module.
    #[wasm_bindgen(js_name = loadQrReader)]
    fn load_qr_reader() -> js_sys::Promise;
}

#[wasm_bindgen]
extern "C" {
    /// The QR reader: the module of `site-qr/`, a wasm of its own that the
    /// page loads the first time the camera starts or a picture is opened
    /// (its Reed-Solomon tables are a fifth of the site's download).
    #[derive(Clone)]
    pub type QrReader;

    #[wasm_bindgen(method, js_name = decodeRgba)]
    fn decode_rgba(this: &QrReader, rgba: &JsValue, width: u32, height: u32) -> Option<String>;
}

impl QrReader {
    /// The text of the first QR code in `picture`.
    pub fn read(&self, picture: &Picture) -> Option<String> {
        self.decode_rgba(&picture.rgba, picture.width, picture.height)
    }
}

thread_local! {
    static QR_READER: std::cell::RefCell<Option<QrReader>> = const { std::cell::RefCell::new(None) };
}

/// The QR reader if it is loaded already.
pub fn qr_reader_loaded() -> Option<QrReader> {
    QR_READER.with(|r| r.borrow().clone())
}

/// The QR reader, loaded on first use; `None` when it cannot be loaded
/// (offline before it was ever loaded and cached). The load starts when
/// this is called, not when the future is first polled, so that it runs
/// alongside whatever else the caller awaits first.
pub fn qr_reader() -> impl std::future::Future<Output = Option<QrReader>> {
    let loaded = qr_reader_loaded();
    let loading = loaded.is_none().then(|| JsFuture::from(load_qr_reader()));
    async move {
        if loaded.is_some() {
            return loaded;
        }
        let module = loading?.await.ok()?;
        let reader: QrReader = module.unchecked_into();
        QR_READER.with(|r| *r.borrow_mut() = Some(reader.clone()));
        Some(reader)
    }
}

/// The key the page stored in the current history entry, if any.
pub fn history_key() -> Option<String> {
    window().history().ok()?.state().ok()?.as_string()
}

/// Adds a history entry with `key` at `url` (same origin); false when the
/// browser refuses (e.g. an address too long for it).
pub fn push_history(key: &str, url: &str) -> bool {
    window()
        .history()
        .and_then(|h| h.push_state_with_url(&JsValue::from_str(key), "", Some(url)))
        .is_ok()
}

/// Stores `key` in the current history entry, keeping its address.
pub fn mark_history(key: &str) -> bool {
    window()
        .history()
        .and_then(|h| h.replace_state(&JsValue::from_str(key), ""))
        .is_ok()
}

/// A random identifier for this page load (not a secret: it only keeps
/// history entries of different page loads apart).
pub fn page_load_id() -> String {
    format!("{:x}", (js_sys::Math::random() * 2f64.powi(52)) as u64)
}
