//! The answer: verdict banner, the checks in plain language, technical
//! details, and what the credential says. Every value taken from a
//! credential is rendered as a text node (Yew escapes it); none is ever
//! parsed as HTML.

use crate::browser;
use crate::i18n::{Mark, Texts};
use crate::model::{self, text, AboutOwned};
use mcx_verifier_core::json::Value;
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
        Mark::Skip => "–",
    }
}

fn mark_class(m: Mark) -> &'static str {
    match m {
        Mark::Pass => "check check-pass",
        Mark::Warn => "check check-warn",
        Mark::Fail => "check check-fail",
        Mark::Skip => "check check-skip",
    }
}

/// The verdict banner of a report.
pub fn banner(t: &Texts, report: &Report, level: Level, issuer_fallback: &str) -> Html {
    let verdict = report.verdict();
    let about = AboutOwned::new(t, report, issuer_fallback);
    let title = match verdict {
        Verdict::Valid => t.verdict_valid,
        Verdict::Invalid => t.verdict_invalid,
        Verdict::Unverifiable => t.verdict_unverifiable,
    };
    let sentence = match (verdict, report.headline()) {
        (Verdict::Valid, _) => (t.verdict_valid_text)(&about.about()),
        (_, Some(check)) => {
            let reason = model::sentence(
                (t.explain)(
                    check.kind,
                    model::mark(check.outcome),
                    check.outcome.code(),
                    &about.about(),
                ),
                issuer_fallback,
            );
            format!("{} {reason}", t.main_reason)
        }
        (_, None) => String::new(),
    };
    let (main_attr, embedded_attr) = match level {
        Level::Main => (Some(verdict.as_str()), None),
        Level::Embedded => (None, Some(verdict.as_str())),
    };
    let heading = match level {
        Level::Main => html! { <h2 class="banner-title">{ title }</h2> },
        Level::Embedded => html! { <h4 class="banner-title">{ title }</h4> },
    };
    html! {
        <div class={verdict_class(verdict)} data-verdict={main_attr} data-embedded-verdict={embedded_attr}
             role={(level == Level::Main).then_some("status")} tabindex={(level == Level::Main).then_some("-1")}>
            <span class="banner-icon" aria-hidden="true">{ verdict_icon(verdict) }</span>
            <div class="banner-text">
                { heading }
                if !sentence.is_empty() { <p class="banner-reason">{ sentence }</p> }
            </div>
        </div>
    }
}

/// The list of checks with explanations, and the technical details.
pub fn checks(t: &Texts, report: &Report, issuer_fallback: &str, heading_level: u8) -> Html {
    let about = AboutOwned::new(t, report, issuer_fallback);
    let items = report.checks.iter().map(|c| {
        let m = model::mark(c.outcome);
        let explanation = model::sentence(
            (t.explain)(c.kind, m, c.outcome.code(), &about.about()),
            issuer_fallback,
        );
        html! {
            <li class={mark_class(m)} data-check={c.kind.as_str()} data-outcome={c.outcome.as_str()}
                data-code={c.outcome.code().map(|code| code.as_str())}>
                <span class="check-icon" aria-hidden="true">{ mark_icon(m) }</span>
                <div class="check-body">
                    <span class="check-name">{ (t.check_name)(c.kind) }</span>
                    <span class="visually-hidden">{ format!(": {}. ", (t.mark_label)(m)) }</span>
                    <p class="check-text">{ explanation }</p>
                </div>
            </li>
        }
    });
    let title = t.checks_heading;
    let heading = if heading_level <= 3 {
        html! { <h3>{ title }</h3> }
    } else {
        html! { <h5>{ title }</h5> }
    };
    html! {
        <section class="checks-section">
            { heading }
            <ol class="checks">{ for items }</ol>
            { technical(t, report) }
        </section>
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join("\n"),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.literal().to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        Value::Object(_) => mcx_verifier_core::json::to_string(v),
    }
}

fn technical(t: &Texts, report: &Report) -> Html {
    let detail_rows = report.details.iter().map(|(key, value)| {
        let label = (t.detail_label)(key)
            .map(str::to_string)
            .unwrap_or_else(|| key.clone());
        html! { <><dt>{ label }</dt><dd class="mono">{ value_text(value) }</dd></> }
    });
    let check_rows = report.checks.iter().map(|c| {
        html! {
            <>
                <dt>{ format!("{} ({})", (t.check_name)(c.kind), c.outcome.as_str()) }</dt>
                <dd>
                    if let Some(code) = c.outcome.code() { <code class="code">{ code.as_str() }</code>{ " " } }
                    { c.detail.clone() }
                </dd>
            </>
        }
    });
    html! {
        <details class="technical">
            <summary>{ t.technical_details }</summary>
            <dl class="details-list">
                { for detail_rows }
                { for check_rows }
            </dl>
        </details>
    }
}

fn row(label: &str, value: Option<String>) -> Html {
    match value {
        Some(v) if !v.is_empty() => html! { <><dt>{ label.to_string() }</dt><dd>{ v }</dd></> },
        _ => html! {},
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

/// What a credential says: issuer, learner, achievement, dates, EU elements.
pub fn credential(t: &Texts, report: &Report, heading_level: u8) -> Html {
    let s = &report.credential;
    if !matches!(s, Value::Object(_)) {
        return html! {};
    }
    if report.kind == Kind::Presentation {
        let holder = text(s, &["holder", "name"]).or_else(|| text(s, &["holder", "id"]));
        return html! {
            <section class="credential-section">
                <h3>{ t.presentation_heading }</h3>
                <dl class="fields">{ row(t.field_holder, holder.map(str::to_string)) }</dl>
            </section>
        };
    }
    let achievement_name = text(s, &["achievement", "name"]).or_else(|| text(s, &["name"]));
    let image = text(s, &["achievement", "image"]).or_else(|| text(s, &["image"]));
    let issuer = {
        let name = text(s, &["issuer", "name"]);
        let id = text(s, &["issuer", "id"]);
        match (name, id) {
            (Some(n), Some(i)) if n != i => Some(format!("{n} ({i})")),
            (Some(n), _) => Some(n.to_string()),
            (None, Some(i)) => Some(i.to_string()),
            (None, None) => None,
        }
    };
    let learner = text(s, &["subject", "name"]).or_else(|| text(s, &["subject", "id"]));
    let credits = model::credits(s).map(|c| (t.ects)(&model::format_credits(c)));
    let alignments: Vec<String> = s
        .get("achievement")
        .and_then(|a| a.get("alignments"))
        .and_then(Value::as_array)
        .unwrap_or(&[])
        .iter()
        .filter_map(|a| {
            let name = text(a, &["targetName"])?;
            Some(match text(a, &["targetFramework"]) {
                Some(fw) => format!("{name} ({fw})"),
                None => name.to_string(),
            })
        })
        .collect();
    let valid_from = text(s, &["validFrom"]).map(|d| model::display_date(t, d));
    let valid_until = text(s, &["validUntil"])
        .map(|d| model::display_date(t, d))
        .or_else(|| valid_from.as_ref().map(|_| t.no_expiry.to_string()));
    let title = achievement_name.unwrap_or("").to_string();
    let heading = if heading_level <= 3 {
        html! { <h3>{ t.credential_heading }</h3> }
    } else {
        html! { <h5>{ t.credential_heading }</h5> }
    };
    html! {
        <section class="credential-section">
            { heading }
            <div class="credential-card">
                { safe_image(image, (t.badge_image_alt)(&title)) }
                <div class="credential-main">
                    if let Some(name) = achievement_name { <p class="achievement-name">{ name.to_string() }</p> }
                    <dl class="fields">
                        { row(t.field_issuer, issuer) }
                        { row(t.field_country, text(s, &["issuer", "country"]).map(str::to_string)) }
                        { row(t.field_learner, learner.map(str::to_string)) }
                        { row(t.field_type, text(s, &["achievement", "achievementType"]).map(str::to_string)) }
                        { row(t.field_credits, credits) }
                        { row(t.field_description, text(s, &["achievement", "description"]).or_else(|| text(s, &["description"])).map(str::to_string)) }
                        { row(t.field_criteria, text(s, &["achievement", "criteria"]).map(str::to_string)) }
                        { row(t.field_alignments, (!alignments.is_empty()).then(|| alignments.join("; "))) }
                        { row(t.field_language, text(s, &["achievement", "inLanguage"]).map(str::to_string)) }
                        { row(t.field_valid_from, valid_from) }
                        { row(t.field_valid_until, valid_until) }
                        { row(t.field_id, text(s, &["id"]).map(str::to_string)) }
                    </dl>
                </div>
            </div>
            { eu_table(t, s) }
        </section>
    }
}

fn eu_table(t: &Texts, s: &Value) -> Html {
    let Some(elements) = s.get("euElements").and_then(Value::as_array) else {
        return html! {};
    };
    if elements.is_empty() {
        return html! {};
    }
    let mandatory = elements
        .iter()
        .filter(|e| e.get("mandatory").and_then(Value::as_bool) == Some(true));
    let total = mandatory.clone().count();
    let present = mandatory
        .filter(|e| e.get("present").and_then(Value::as_bool) == Some(true))
        .count();
    let rows = elements.iter().map(|e| {
        let key = text(e, &["element"]).unwrap_or("");
        let name = (t.eu_element)(key).map(str::to_string).unwrap_or_else(|| key.to_string());
        let is_mandatory = e.get("mandatory").and_then(Value::as_bool) == Some(true);
        let is_present = e.get("present").and_then(Value::as_bool) == Some(true);
        let value = text(e, &["value"]).map(|v| match key {
            "dateOfIssuing" => model::display_date(t, v),
            _ => v.to_string(),
        });
        let class = match (is_present, is_mandatory) {
            (true, _) => "eu-present",
            (false, true) => "eu-missing",
            (false, false) => "eu-absent",
        };
        html! {
            <tr class={class} data-element={key.to_string()} data-present={is_present.to_string()}>
                <th scope="row">{ name }</th>
                <td>{ if is_mandatory { t.eu_mandatory } else { t.eu_optional } }</td>
                <td>
                    if is_present {
                        <span class="eu-mark" aria-hidden="true">{ "✓ " }</span>{ value.unwrap_or_default() }
                    } else {
                        <span class="eu-mark" aria-hidden="true">{ "✕ " }</span>{ t.eu_missing }
                    }
                </td>
            </tr>
        }
    });
    html! {
        <details class="eu-elements" open={present < total}>
            <summary>
                <span class="eu-heading">{ t.eu_heading }</span>{ " — " }
                <span class="eu-summary">{ (t.eu_summary)(present, total) }</span>
            </summary>
            <p class="muted">{ t.eu_intro }</p>
            <div class="table-scroll">
                <table class="eu-table">
                    <thead><tr>
                        <th scope="col">{ t.eu_col_element }</th>
                        <th scope="col">{ t.eu_col_required }</th>
                        <th scope="col">{ t.eu_col_value }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </details>
    }
}
