//! The answer laid out: verdict banner, the checks in plain language,
//! technical details, and what the credential says. The words and rows come
//! from `mcx_display` (shared with the widget); every value taken from
//! a credential is rendered as a text node (Yew escapes it), never as HTML.

use crate::browser;
use crate::i18n::{Page, ResultTexts};
use crate::names;
use mcx_display::i18n::Mark;
use mcx_display::{self as display, text};
use mcx_verifier_core::json::Value;
use mcx_verifier_core::summary;
use mcx_verifier_core::{Kind, Report, Verdict};
use yew::prelude::*;

/// Whether a report is a page's main answer or a credential inside a
/// presentation (whose banner must not be mistaken for the page verdict).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The main answer for one input: its banner carries `data-verdict`.
    Main,
    /// A credential inside a presentation.
    Embedded,
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Valid => "banner banner-valid",
        Verdict::Invalid => "banner banner-invalid",
        Verdict::Unverifiable => "banner banner-unverifiable",
    }
}

fn verdict_icon(v: Verdict) -> &'static str {
    match v {
        Verdict::Valid => "✓",
        Verdict::Invalid => "✕",
        Verdict::Unverifiable => "?",
    }
}

fn mark_icon(m: Mark) -> &'static str {
    match m {
        Mark::Pass => "✓",
        Mark::Warn => "!",
        Mark::Fail => "✕",
        Mark::Unknown => "?",
        Mark::Skip => "–",
    }
}

fn mark_class(m: Mark) -> &'static str {
    match m {
        Mark::Pass => "check check-pass",
        Mark::Warn => "check check-warn",
        Mark::Fail => "check check-fail",
        Mark::Unknown => "check check-unknown",
        Mark::Skip => "check check-skip",
    }
}

/// A heading of the given level (3 on the main answer, 5 inside a presentation).
fn heading(level: u8, text: &str) -> Html {
    let text = text.to_string();
    match level {
        0..=3 => html! { <h3>{ text }</h3> },
        4 => html! { <h4>{ text }</h4> },
        _ => html! { <h5>{ text }</h5> },
    }
}

/// The verdict banner of a report, with an extra sentence from the page
/// (e.g. why a linked credential could not be loaded).
pub fn banner(t: &ResultTexts, report: &Report, level: Level, extra: Option<String>) -> Html {
    let b = display::banner(t, report);
    // The stable code of the main reason, for monitoring and tests.
    let code = report
        .headline()
        .and_then(|c| c.outcome.code())
        .map(|c| c.as_str());
    let (main_attr, embedded_attr) = match level {
        Level::Main => (Some(b.verdict.as_str()), None),
        Level::Embedded => (None, Some(b.verdict.as_str())),
    };
    let title = match level {
        Level::Main => html! { <h2 class="banner-title">{ b.title }</h2> },
        Level::Embedded => html! { <h4 class="banner-title">{ b.title }</h4> },
    };
    html! {
        <div class={verdict_class(b.verdict)} data-verdict={main_attr} data-embedded-verdict={embedded_attr}
             data-code={code}
             role={(level == Level::Main).then_some("status")} tabindex={(level == Level::Main).then_some("-1")}>
            <span class="banner-icon" aria-hidden="true">{ verdict_icon(b.verdict) }</span>
            <div class="banner-text">
                { title }
                if !b.sentence.is_empty() { <p class="banner-reason">{ b.sentence }</p> }
                if let Some(extra) = extra { <p class="banner-extra">{ extra }</p> }
            </div>
        </div>
    }
}

/// The list of checks with explanations, and the technical details.
pub fn checks(t: &ResultTexts, report: &Report, level: u8) -> Html {
    let items = display::check_lines(t, report).into_iter().map(|c| {
        html! {
            <li class={mark_class(c.mark)} data-check={c.kind.as_str()} data-outcome={c.outcome.as_str()}
                data-code={c.outcome.code().map(|code| code.as_str())}>
                <span class="check-icon" aria-hidden="true">{ mark_icon(c.mark) }</span>
                <div class="check-body">
                    <span class="check-name">{ c.name }</span>
                    <span class="visually-hidden">{ format!(": {}. ", c.mark_label) }</span>
                    <p class="check-text">{ c.text }</p>
                </div>
            </li>
        }
    });
    let rows = display::technical_rows(t, report).into_iter().map(|r| {
        html! { <><dt>{ r.label }</dt><dd class="mono">{ r.value }</dd></> }
    });
    html! {
        <section class="checks-section">
            { heading(level, t.checks_heading) }
            <ol class="checks">{ for items }</ol>
            <details class="technical">
                <summary>{ t.technical_details }</summary>
                <dl class="details-list">{ for rows }</dl>
            </details>
        </section>
    }
}

fn safe_image(url: Option<&str>, alt: String) -> Html {
    match url {
        Some(src) if browser::is_safe_image(src) => {
            html! { <img class="badge-image" src={src.to_string()} alt={alt} width="96" height="96" /> }
        }
        _ => html! {},
    }
}

/// What a credential says: its fields (issuer and membership, learner,
/// achievement, dates) and the EU elements; countries, languages and
/// types by their names in the reader's language.
pub fn credential(t: &ResultTexts, p: &'static Page, report: &Report, level: u8) -> Html {
    let s = &report.credential();
    if !matches!(s, Value::Object(_)) {
        return html! {};
    }
    let fields = names::readable_fields(p, t, report, display::credential_fields(t, report));
    let dl = html! {
        <dl class="fields">
            { for fields.into_iter().filter(|r| r.key != "achievement").map(|r| html! {
                <><dt>{ r.label }</dt><dd data-field={r.key}>{ r.value }</dd></>
            }) }
        </dl>
    };
    if report.kind() == Kind::Presentation {
        return html! {
            <section class="credential-section">
                { heading(level, t.presentation_heading) }
                { dl }
            </section>
        };
    }
    let name = display::achievement_name(s);
    let image = text(s, &["achievement", "image"]).or_else(|| text(s, &["image"]));
    html! {
        <section class="credential-section">
            { heading(level, t.credential_heading) }
            if let Some(warning) = display::content_warning(t, report) {
                <p class="content-warning" role="note">{ warning }</p>
            }
            <div class="credential-card">
                { safe_image(image, (t.badge_image_alt)(name.unwrap_or(""))) }
                <div class="credential-main">
                    if let Some(name) = name { <p class="achievement-name">{ name.to_string() }</p> }
                    { dl }
                </div>
            </div>
            { recipient_check(p, report) }
            { eu_table(t, p, s) }
        </section>
    }
}

/// For an Open Badges 2.0 badge whose recipient is hashed: a box to check
/// whether an address is the recipient's (the core compares; nothing is
/// sent anywhere).
fn recipient_check(p: &'static Page, report: &Report) -> Html {
    let Some(Value::Object(rec)) = report.details().get("recipient") else {
        return html! {};
    };
    if rec.get("hashed").and_then(Value::as_bool) != Some(true) {
        return html! {};
    }
    let Some(identity) = rec.get("identity").and_then(Value::as_str) else {
        return html! {};
    };
    let salt = rec.get("salt").and_then(Value::as_str).map(String::from);
    html! { <RecipientCheck page={PageRef(p)} identity={identity.to_string()} {salt} /> }
}

/// The page texts as a component property (compared by address).
#[derive(Clone, Copy)]
pub struct PageRef(pub &'static Page);

impl PartialEq for PageRef {
    fn eq(&self, other: &Self) -> bool {
        core::ptr::eq(self.0, other.0)
    }
}

/// What [`RecipientCheck`] checks against.
#[derive(Properties, PartialEq)]
pub struct RecipientProps {
    /// The page's texts.
    pub page: PageRef,
    /// `sha256$…` as the assertion states it.
    pub identity: String,
    /// The salt, if any.
    pub salt: Option<String>,
}

/// The recipient check box and its answer.
#[function_component]
pub fn RecipientCheck(props: &RecipientProps) -> Html {
    let t = props.page.0;
    let answer = use_state(|| None::<bool>);
    let field = use_node_ref();
    let onsubmit = {
        let (answer, field) = (answer.clone(), field.clone());
        let (identity, salt) = (props.identity.clone(), props.salt.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let address = field
                .cast::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            answer.set(summary::recipient_matches(
                &identity,
                salt.as_deref(),
                &address,
            ));
        })
    };
    html! {
        <form class="recipient-check" {onsubmit}>
            <p class="muted">{ t.recipient_hashed }</p>
            <label for="recipient-address" class="visually-hidden">{ t.recipient_label }</label>
            <input id="recipient-address" type="email" ref={field} placeholder={t.recipient_label}
                   autocomplete="off" />
            <button type="submit" class="button">{ t.recipient_button }</button>
            if let Some(yes) = *answer {
                <p class={if yes { "recipient-answer check-pass" } else { "recipient-answer check-fail" }}
                   role="status" data-recipient={yes.to_string()}>
                    <span aria-hidden="true">{ if yes { "✓ " } else { "✕ " } }</span>
                    { if yes { t.recipient_matches } else { t.recipient_differs } }
                </p>
            }
        </form>
    }
}

fn eu_table(t: &ResultTexts, p: &Page, s: &Value) -> Html {
    let Some(table) = display::eu_table(t, s) else {
        return html! {};
    };
    let rows = table.rows.into_iter().map(|mut row| {
        if row.key == "country" && row.present {
            // The same country as in the fields above, by its name.
            row.value = names::issuer_country(p, s).or(row.value);
        }
        let class = match (row.present, row.mandatory) {
            (true, _) => "eu-present",
            (false, true) => "eu-missing",
            (false, false) => "eu-absent",
        };
        html! {
            <tr class={class} data-element={row.key} data-present={row.present.to_string()}>
                <th scope="row">
                    { row.name }
                    <span class={if row.mandatory { "eu-req mandatory" } else { "eu-req" }}>
                        { if row.mandatory { t.eu_mandatory } else { t.eu_optional } }
                    </span>
                </th>
                <td>
                    if row.present {
                        <span class="eu-mark" aria-hidden="true">{ "✓ " }</span>{ row.value.unwrap_or_default() }
                    } else {
                        <span class="eu-mark" aria-hidden="true">{ "✕ " }</span>{ t.eu_missing }
                    }
                </td>
            </tr>
        }
    });
    html! {
        <details class="eu-elements" open={table.present < table.total}>
            <summary>
                <span class="eu-heading">{ t.eu_heading }</span>{ " — " }
                <span class="eu-summary">{ table.summary }</span>
            </summary>
            <p class="muted">{ t.eu_intro }</p>
            <div class="table-scroll">
                <table class="eu-table">
                    <thead><tr>
                        <th scope="col">{ t.eu_col_element }</th>
                        <th scope="col">{ t.eu_col_value }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </details>
    }
}
