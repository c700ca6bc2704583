//! How the site drives the shared browser host (`mcx_web::host`): the demo
//! network is served next to the page, and share links are made from the
//! credential the core decoded. Verification itself is the core's.

use crate::browser;
use mcx_verifier_core::share::{self, Decoded};
use mcx_verifier_core::{json, Resources};
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
pub fn credential_text(input: &[u8], resources: &Resources) -> Option<String> {
    match share::decode(input, &config().options().limits, resources).ok()? {
        Decoded::Json(value, _) => Some(json::to_string(&value)),
        Decoded::Jwt(text, _) => Some(text),
    }
}

/// The link to share for a checked input: a credential that came from a
/// hosted address is shared by that (short) address as `?url=…`; any
/// other by its text in the fragment ([`share_link`]).
pub fn share_link_for(input: &[u8], resources: &Resources) -> Option<String> {
    if let Some(url) = share::hosted_address(input) {
        return Some(format!(
            "{}?url={}",
            browser::page_base(),
            crate::share::encode_component(&url)
        ));
    }
    credential_text(input, resources).map(|text| share_link(&text))
}

/// The verification link for a credential text: this page with the
/// credential in the fragment.
pub fn share_link(credential: &str) -> String {
    format!(
        "{}#vc={}",
        browser::page_base(),
        share::encode_fragment(credential.as_bytes())
    )
}
