//! The display of a report for the JS side, as JSON: every string already
//! in the reader's language (from `mcx_web::display` and `mcx_web::i18n`).
//! The JS class lays these out with `textContent` only.

use mcx_verifier_core::json::{self, Object, Value};
use mcx_verifier_core::Report;
use mcx_web::display::{self, Row};
use mcx_web::i18n::{Lang, Mark, Texts};

/// The first supported language of a comma-separated preference list.
pub fn language(preferences: &str) -> Lang {
    Lang::from_preferences(preferences.split(','))
}

fn mark_str(mark: Mark) -> &'static str {
    match mark {
        Mark::Pass => "pass",
        Mark::Warn => "warn",
        Mark::Fail => "fail",
        Mark::Skip => "skip",
    }
}

fn object(entries: impl IntoIterator<Item = (&'static str, Value)>) -> Value {
    Value::Object(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect::<Object>(),
    )
}

fn s(text: impl Into<String>) -> Value {
    Value::String(text.into())
}

fn rows(list: Vec<Row>) -> Value {
    Value::Array(
        list.into_iter()
            .map(|r| {
                object([
                    ("key", s(r.key)),
                    ("label", s(r.label)),
                    ("value", s(r.value)),
                ])
            })
            .collect(),
    )
}

fn label_object(t: &Texts) -> Value {
    object([
        ("verify", s(t.verify_button)),
        ("verifying", s(t.verifying)),
        ("showResult", s(t.show_result)),
        ("dialogTitle", s(t.dialog_title)),
        ("close", s(t.close)),
        ("nothingToVerify", s(t.nothing_to_verify)),
        ("checksHeading", s(t.checks_heading)),
        ("credentialHeading", s(t.credential_heading)),
        ("presentationHeading", s(t.presentation_heading)),
        ("credentialsHeading", s(t.credentials_heading)),
        ("technicalDetails", s(t.technical_details)),
        ("euHeading", s(t.eu_heading)),
        ("euIntro", s(t.eu_intro)),
        ("euColElement", s(t.eu_col_element)),
        ("euColRequired", s(t.eu_col_required)),
        ("euColValue", s(t.eu_col_value)),
    ])
}

/// The widget's own words, as JSON: `{"lang": "en", "labels": {…}}`.
pub fn labels(lang: Lang) -> String {
    let t = lang.texts();
    json::to_string(&object([("lang", s(t.code)), ("labels", label_object(t))]))
}

fn eu(t: &Texts, summary: &Value) -> Value {
    let Some(table) = display::eu_table(t, summary) else {
        return Value::Null;
    };
    let rows = table
        .rows
        .into_iter()
        .map(|r| {
            object([
                ("key", s(r.key)),
                ("name", s(r.name)),
                (
                    "required",
                    s(if r.mandatory {
                        t.eu_mandatory
                    } else {
                        t.eu_optional
                    }),
                ),
                ("mandatory", Value::Bool(r.mandatory)),
                ("present", Value::Bool(r.present)),
                (
                    "value",
                    s(if r.present {
                        r.value.unwrap_or_default()
                    } else {
                        t.eu_missing.to_string()
                    }),
                ),
            ])
        })
        .collect();
    object([
        ("summary", s(table.summary)),
        ("complete", Value::Bool(table.present == table.total)),
        ("rows", Value::Array(rows)),
    ])
}

fn report_value(t: &Texts, report: &Report) -> Value {
    let banner = display::banner(t, report);
    let badge = display::badge_parts(t, report);
    let checks = display::check_lines(t, report)
        .into_iter()
        .map(|c| {
            object([
                ("check", s(c.kind.as_str())),
                ("outcome", s(c.outcome.as_str())),
                (
                    "code",
                    c.outcome
                        .code()
                        .map_or(Value::Null, |code| s(code.as_str())),
                ),
                ("mark", s(mark_str(c.mark))),
                ("name", s(c.name)),
                ("markLabel", s(c.mark_label)),
                ("text", s(c.text)),
            ])
        })
        .collect();
    object([
        ("verdict", s(banner.verdict.as_str())),
        ("kind", s(report.kind.as_str())),
        ("title", s(banner.title)),
        ("sentence", s(banner.sentence)),
        ("badge", s(badge.join(" · "))),
        (
            "badgeParts",
            Value::Array(badge.into_iter().map(Value::String).collect()),
        ),
        (
            "achievement",
            display::achievement_name(&report.credential).map_or(Value::Null, s),
        ),
        ("checks", Value::Array(checks)),
        ("fields", rows(display::credential_fields(t, report))),
        ("eu", eu(t, &report.credential)),
        ("technical", rows(display::technical_rows(t, report))),
        (
            "credentials",
            Value::Array(
                report
                    .credentials
                    .iter()
                    .map(|c| report_value(t, c))
                    .collect(),
            ),
        ),
    ])
}

/// Everything to show for `report`, as JSON: the labels and the report's
/// banner, badge line, checks, fields, EU elements, technical rows and,
/// for a presentation, the same for each credential inside.
pub fn report(lang: Lang, report: &Report) -> String {
    let t = lang.texts();
    let mut value = report_value(t, report);
    if let Value::Object(o) = &mut value {
        o.insert("lang", s(t.code));
        o.insert("labels", label_object(t));
    }
    json::to_string(&value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use mcx_verifier_core::report::{CheckKind, Code, Kind, Outcome};

    #[test]
    fn view_in_the_preferred_language() {
        assert_eq!(language("fr-FR,de-AT,en"), Lang::De);
        assert_eq!(language(""), Lang::En);
        let mut r = Report::new(Kind::Credential);
        r.credential =
            json::parse_str(r#"{"issuer":{"name":"<b>U</b>"},"achievement":{"name":"A"}}"#)
                .unwrap();
        r.push(
            CheckKind::Signature,
            Outcome::Fail(Code::InvalidSignature),
            "bad",
        );
        let v = json::parse_str(&report(Lang::De, &r)).unwrap();
        assert_eq!(v.get("lang").and_then(Value::as_str), Some("de"));
        assert_eq!(v.get("verdict").and_then(Value::as_str), Some("invalid"));
        assert_eq!(
            v.get("badge").and_then(Value::as_str),
            Some("Nicht gültig · Nach dem Signieren verändert · <b>U</b>"),
            "credential text is passed through as text, for textContent"
        );
        assert_eq!(
            v.get("labels")
                .and_then(|l| l.get("close"))
                .and_then(Value::as_str),
            Some("Schließen")
        );
    }
}
