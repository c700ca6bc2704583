//! How the site drives the shared browser host (`mcx_web::host`): the demo
//! network is served next to the page, and share links are made from the
//! credential the core decoded. Verification itself is the core's.

use crate::browser;
use mcx_web::host::{self, Config, Verified};

/// The site's host configuration: the network registry of this build, and
/// the demo network's documents fetched from `demo/` next to the page.
pub fn config() -> Config {
    Config {
        demo_base: browser::resolve("demo/"),
        ..Config::default()
    }
}

/// Verifies `input`, fetching what the core asks for.
pub async fn run(input: &[u8]) -> Verified {
    host::run(input, &config()).await
}

/// The credential's own text (JSON or compact JWS) for a share link, decoded
/// by the core from whatever envelope it came in (link, baked badge…).
fn credential_text(input: &[u8]) -> Option<String> {
    crate::share::credential_text(input, &config().options().limits)
}

/// The link to share for a checked input: a credential that came from a
/// hosted address is shared by that (short) address as `?url=…`; any
/// other by its text in the fragment ([`crate::share::verification_link`]).
pub fn share_link_for(input: &[u8]) -> Option<String> {
    if let Some(url) = hosted_link(input) {
        return Some(url);
    }
    let text = credential_text(input)?;
    Some(crate::share::verification_link(
        &browser::page_base(),
        &text,
    ))
}

/// What the QR code of [`share_link_for`]'s link holds: the same short
/// `?url=…` link, or the credential in the fragment in base32
/// ([`crate::share::qr_link`]), which makes a smaller QR code.
pub fn share_qr_for(input: &[u8]) -> Option<String> {
    if let Some(url) = hosted_link(input) {
        return Some(url);
    }
    let text = credential_text(input)?;
    Some(crate::share::qr_link(&browser::page_base(), &text))
}

/// This page's `?url=…` link for a credential that came from a hosted
/// address.
fn hosted_link(input: &[u8]) -> Option<String> {
    mcx_display::link::hosted_link(&browser::page_base(), input)
}
