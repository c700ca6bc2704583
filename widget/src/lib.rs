//! # mcx-widget: the Rust half of `<mcx-verify>`
//!
//! A thin JavaScript class (`widget/js/`) owns the custom element, its
//! Shadow DOM and events; everything it shows comes from here, through
//! three functions exported with wasm-bindgen:
//!
//! - [`verify_report`] (`verifyReport(input, options)` in JS): verifies
//!   a credential (text or bytes) with the core, fetching status lists, DID
//!   documents and the network registry in the browser, and resolves to the
//!   report JSON of the README — byte for byte what `mcx verify --json`
//!   prints for the same input and time;
//! - [`report_view`] (`reportView(report, languages)`): the strings and rows
//!   to display for a report in the reader's language (see [`view`]);
//!   Given no report (an empty string), it returns just the widget's own
//!   words (button, dialog, "checking…"), for before there is one;
//! - [`hosted_link`] (`hostedLink(input, site)`) and [`credential_text`]
//!   (`credentialText(input)`): what the dialog's link to the verifier site
//!   is made of (`?url=` for a hosted credential, else `#vc=`).
//!
//! The browser loop and the clock live in `mcx-web`, every text and what a
//! report shows in `mcx-display`, both shared with the site; this crate
//! only converts between JS values and Rust.
//!
//! For wasm32 the crate is `no_std` with its own panic handler that simply
//! traps: the standard library's panic machinery (message formatting,
//! locations) would cost about 8 KB of the 200 KB (gzipped) size budget.
//! The core never panics on input, so a panic is a bug either way. The
//! allocator is `lol_alloc`'s free list (behind its lock, which needs no
//! `unsafe` here), 2.4 KB gzipped smaller than dlmalloc.
#![cfg_attr(target_arch = "wasm32", no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

use alloc::string::String;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

pub mod options;
pub mod view;

use wasm_bindgen::prelude::*;

/// Verifies `input` (a string — JSON, JWT, `#vc=` link or fragment, URL of
/// a hosted credential — or a `Uint8Array` / `ArrayBuffer`, e.g. a baked
/// PNG) and resolves to the report as JSON text.
///
/// `options` is `undefined` or an object with optional `now` (RFC 3339
/// text, milliseconds since 1970, or a `Date`), `registry` (URL of a signed
/// network registry, or `false` for none), `networkKey` (the governance
/// DID it must be signed by),
/// `demoBase` (where the demo network's files are served), `challenge` and
/// `domain` (for presentations). Rejects only when `options` is malformed;
/// a bad credential is a report, never an exception.
#[wasm_bindgen(js_name = verifyReport)]
pub async fn verify_report(input: JsValue, options: JsValue) -> Result<String, JsValue> {
    let config = options::config(&options)
        .map_err(|message| JsValue::from(js_sys::TypeError::new(&message)))?;
    let bytes = options::input_bytes(&input);
    let verified = mcx_web::host::run(&bytes, &config).await;
    Ok(verified.report.to_json())
}

/// The verifier site's page for an `input` (as [`verify_report`] takes
/// it) that links to a hosted credential: `site?url=…`; `""` for any other
/// input. `site` is the site's address, ending in `/`.
#[wasm_bindgen(js_name = hostedLink)]
pub fn hosted_link(input: JsValue, site: &str) -> String {
    mcx_display::link::hosted_link(site, &options::input_bytes(&input)).unwrap_or_default()
}

/// The credential's own text in `input` (JSON, compact, or a JWT as
/// issued), for a `#vc=` link to the verifier site; `""` when there is
/// none. The JS side compresses it with the browser's `CompressionStream`
/// (the core's compressor would cost 8 KB of the size budget).
#[wasm_bindgen(js_name = credentialText)]
pub fn credential_text(input: JsValue) -> String {
    let limits = mcx_verifier_core::Limits::default();
    mcx_display::link::credential_text(&options::input_bytes(&input), &limits).unwrap_or_default()
}

/// What to show for a report (its JSON, as [`verify_report`] returns it;
/// anything else, e.g. `""`, gives only the widget's own words),
/// in the first supported language of `languages` (comma-separated BCP 47
/// tags, most preferred first; English otherwise), as JSON text.
#[wasm_bindgen(js_name = reportView)]
pub fn report_view(report: &str, languages: &str) -> String {
    let lang = view::language(languages);
    match mcx_verifier_core::Report::from_json(report) {
        Some(report) => view::report(lang, &report),
        None => view::labels(lang),
    }
}
