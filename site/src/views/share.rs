//! The share panel of a valid credential (verification link, copy, QR code,
//! LinkedIn) and the report download, which every result has.

use crate::browser;
use crate::host;
use crate::i18n::{page, Lang};
use crate::model::Item;
use crate::qr;
use crate::share::{linkedin_url, Certification};
use mcx_display::text;
use mcx_verifier_core::Verdict;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, CanvasRenderingContext2d, HtmlAnchorElement, HtmlCanvasElement};
use yew::prelude::*;

/// File names of the downloaded QR code.
const QR_SVG_NAME: &str = "microcredx-credential-qr.svg";
const QR_PNG_NAME: &str = "microcredx-credential-qr.png";

/// Offers a blob as a file download: a `blob:` address clicked in an
/// `<a download>`. A download is no fetch and no navigation of the page, so
/// the Content-Security-Policy needs no `blob:` source for it.
fn save_blob(name: &str, blob: &Blob) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Ok(anchor) = gloo::utils::document()
        .create_element("a")
        .map(JsCast::unchecked_into::<HtmlAnchorElement>)
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    // Released once the download has surely read it.
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// Draws the code on a canvas at [`qr::PNG_PX_PER_MODULE`] pixels a module
/// (whole pixels: no blurred edges) and downloads it as PNG, encoded by the
/// browser (`toBlob`), which costs the site no encoder of its own.
fn download_png(svg: &qr::Svg) {
    let scale = qr::PNG_PX_PER_MODULE;
    let side = (svg.size * scale) as u32;
    let Some(canvas) = gloo::utils::document()
        .create_element("canvas")
        .ok()
        .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
    else {
        return;
    };
    canvas.set_width(side);
    canvas.set_height(side);
    let Some(context) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    context.set_fill_style_str("#fff");
    context.fill_rect(0.0, 0.0, f64::from(side), f64::from(side));
    context.set_fill_style_str("#000");
    let px = |modules: usize| (modules * scale) as f64;
    for (x, y, len) in svg.runs() {
        context.fill_rect(px(x), px(y), px(len), px(1));
    }
    let done = Closure::once_into_js(move |blob: JsValue| {
        if let Ok(blob) = blob.dyn_into::<Blob>() {
            save_blob(QR_PNG_NAME, &blob);
        }
    });
    // Without a type argument toBlob writes PNG.
    let _ = canvas.to_blob(done.unchecked_ref());
}

/// Properties of [`SharePanel`].
#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The checked item.
    pub item: Rc<Item>,
    /// Display language.
    pub lang: Lang,
    /// Collapsed under a summary, the report download outside it: the page
    /// was opened from a link, and whoever opened it is usually not the
    /// holder (the result comes first; sharing can wait).
    #[prop_or_default]
    pub collapsed: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Copy {
    Idle,
    Done,
    Failed,
}

/// Share link, copy button, QR code and LinkedIn button (valid credentials
/// only), plus the report download.
#[function_component]
pub fn SharePanel(props: &ShareProps) -> Html {
    let t = page(props.lang);
    let item = props.item.clone();
    let copy = use_state(|| Copy::Idle);
    let link = use_memo(item.id, |_| host::share_link_for(&item.input));
    let qr_text = use_memo(item.id, |_| host::share_qr_for(&item.input));
    let report = item.report();
    let download = {
        let item = item.clone();
        Callback::from(move |_: MouseEvent| {
            let json = item.report().to_json();
            browser::download(
                "microcredx-report.json",
                json.as_bytes(),
                "application/json",
            );
        })
    };
    let download_button = html! {
        <button type="button" class="button secondary" data-action="download-report" onclick={download}>
            { t.download_report }
        </button>
    };
    let valid = report.verdict() == Verdict::Valid;
    let Some(link) = (*link).clone().filter(|_| valid) else {
        return html! { <div class="actions">{ download_button }</div> };
    };
    let on_copy = {
        let copy = copy.clone();
        let link = link.clone();
        Callback::from(move |_: MouseEvent| {
            let copy = copy.clone();
            let link = link.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copy.set(if browser::copy_text(&link).await {
                    Copy::Done
                } else {
                    Copy::Failed
                });
            });
        })
    };
    let on_focus_select = Callback::from(|e: FocusEvent| {
        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            input.select();
        }
    });
    let summary = &report.credential();
    // A presentation has no achievement of its own; its credentials are shared one by one.
    let linkedin = (report.credentials().is_empty()).then(|| {
        linkedin_url(&Certification {
            name: text(summary, &["achievement", "name"])
                .or_else(|| text(summary, &["name"]))
                .unwrap_or(""),
            organization: text(summary, &["issuer", "name"]).unwrap_or(""),
            issued: text(summary, &["validFrom"]),
            expires: text(summary, &["validUntil"]),
            url: &link,
            id: text(summary, &["id"]),
        })
    });
    // The QR code holds the same link with the payload in base32: a smaller code.
    let qr = qr::encode((*qr_text).as_deref().unwrap_or(&link));
    let status = match *copy {
        Copy::Idle => "",
        Copy::Done => t.copied,
        Copy::Failed => t.copy_failed,
    };
    let field_id = format!("share-link-{}", item.id);
    let print_id = format!("qr-print-{}", item.id);
    let collapsed = props.collapsed;
    let body = html! {
        <>
            <p class="muted">{ if link.contains("?url=") { t.share_intro_hosted } else { t.share_intro } }</p>
            <label for={field_id.clone()} class="label">{ t.share_link_label }</label>
            <div class="share-row">
                <input id={field_id} class="share-link mono" type="text" readonly=true value={link.clone()}
                       onfocus={on_focus_select} data-share-link="" />
                <button type="button" class="button" data-action="copy-link" onclick={on_copy}>{ t.copy_link }</button>
            </div>
            <p class="copy-status" role="status" aria-live="polite">{ status }</p>
            <div class="share-grid">
                <div class="qr-block">
                    <figure class="qr">
                        {
                            match &qr {
                                Some(svg) => html! {
                                    <svg class="qr-code" viewBox={format!("0 0 {0} {0}", svg.size)} role="img"
                                         width={format!("{}mm", svg.min_print_mm())} height={format!("{}mm", svg.min_print_mm())}
                                         aria-label={t.qr_caption} shape-rendering="crispEdges"
                                         data-qr-version={svg.version.to_string()} data-qr-level={svg.level.to_string()}>
                                        <rect width="100%" height="100%" fill="#fff" />
                                        <path d={svg.path.clone()} fill="#000" />
                                    </svg>
                                },
                                None => html! { <p class="muted">{ t.qr_too_long }</p> },
                            }
                        }
                        <figcaption>{ t.qr_caption }</figcaption>
                    </figure>
                    if let Some(svg) = qr.clone() {
                        <div class="qr-downloads">
                            <div class="qr-buttons">
                                <button type="button" class="button secondary" data-action="download-qr-svg"
                                        aria-describedby={print_id.clone()} onclick={
                                    let svg = svg.clone();
                                    Callback::from(move |_: MouseEvent| {
                                        browser::download(QR_SVG_NAME, svg.file().as_bytes(), "image/svg+xml");
                                    })
                                }>{ t.download_qr_svg }</button>
                                <button type="button" class="button secondary" data-action="download-qr-png"
                                        aria-describedby={print_id.clone()} onclick={
                                    let svg = svg.clone();
                                    Callback::from(move |_: MouseEvent| download_png(&svg))
                                }>{ t.download_qr_png }</button>
                            </div>
                            <p id={print_id.clone()} class="muted small qr-print" data-qr-print-mm={svg.min_print_mm().to_string()}>
                                { (t.qr_print_size)(svg.min_print_mm()) }
                            </p>
                        </div>
                    }
                </div>
                <div class="share-actions">
                    if let Some(url) = linkedin {
                        <a class="button linkedin" href={url} target="_blank" rel="noopener noreferrer" data-action="linkedin">
                            { t.add_to_linkedin }
                        </a>
                        <p class="muted small">{ t.linkedin_hint }</p>
                    }
                    if !collapsed { { download_button.clone() } }
                </div>
            </div>
        </>
    };
    if collapsed {
        return html! {
            <>
                <div class="actions">{ download_button }</div>
                <details class="share share-collapsed" data-share-collapsed="">
                    <summary>{ t.share_collapsed }</summary>
                    { body }
                </details>
            </>
        };
    }
    html! {
        <section class="share" aria-labelledby={format!("share-h-{}", item.id)}>
            <h3 id={format!("share-h-{}", item.id)}>{ t.share_heading }</h3>
            { body }
        </section>
    }
}
