//! The MicroCredX verifier site: a Yew single-page app over the core.
//!
//! The core (`mcx_verifier_core`) does all verification; this crate only
//! gathers input (paste, files, drag and drop, camera, deep links), fetches
//! what the core asks for, and shows the report in plain language.

mod app;
mod browser;
mod history;
mod host;
mod i18n;
mod model;
mod names;
mod qr;
mod share;
mod views;

fn main() {
    let root = gloo::utils::document()
        .get_element_by_id("app")
        .unwrap_or_else(|| gloo::utils::body().into());
    root.set_inner_html("");
    yew::Renderer::<app::App>::with_root(root).render();
}
