//! The display of a report for the JS side, as JSON: every string already
//! in the reader's language (from `mcx-display`).
//! The JS class lays these out with `textContent` only.
//!
//! The JSON is written straight into a string (keys are fixed ASCII, values
//! escaped by the core's JSON writer) rather than built as a value tree:
//! the widget's size budget counts every kilobyte of code.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use mcx_display::i18n::{Lang, Mark, Texts};
use mcx_display::{self as display, Row};
use mcx_verifier_core::json::write_string;
use mcx_verifier_core::Report;

/// The first supported language of a comma-separated preference list.
pub fn language(preferences: &str) -> Lang {
    Lang::from_preferences(preferences.split(','))
}

fn mark_str(mark: Mark) -> &'static str {
    match mark {
        Mark::Pass => "pass",
        Mark::Warn => "warn",
        Mark::Fail => "fail",
        Mark::Unknown => "unknown",
        Mark::Skip => "skip",
    }
}

/// A JSON text being written: objects and arrays are opened and closed
/// explicitly; members are separated as they are added.
struct Json(String);

impl Json {
    fn sep(&mut self) {
        if !matches!(self.0.chars().last(), None | Some('{' | '[' | ':')) {
            self.0.push(',');
        }
    }

    fn key(&mut self, key: &str) -> &mut Self {
        self.sep();
        // Keys are fixed identifiers of this module: no escaping needed.
        self.0.push('"');
        self.0.push_str(key);
        self.0.push_str("\":");
        self
    }

    fn open(&mut self, bracket: char) -> &mut Self {
        self.sep();
        self.0.push(bracket);
        self
    }

    fn close(&mut self, bracket: char) -> &mut Self {
        self.0.push(bracket);
        self
    }

    fn str(&mut self, value: &str) -> &mut Self {
        self.sep();
        write_string(&mut self.0, value);
        self
    }

    fn field(&mut self, key: &str, value: &str) -> &mut Self {
        self.key(key).str(value)
    }

    fn literal(&mut self, key: &str, value: &str) -> &mut Self {
        self.key(key);
        self.0.push_str(value);
        self
    }

    fn flag(&mut self, key: &str, value: bool) -> &mut Self {
        self.literal(key, if value { "true" } else { "false" })
    }

    fn rows(&mut self, key: &str, rows: Vec<Row>) -> &mut Self {
        self.key(key).open('[');
        for r in rows {
            self.open('{')
                .field("key", &r.key)
                .field("label", &r.label)
                .field("value", &r.value)
                .close('}');
        }
        self.close(']')
    }
}

fn label_object(out: &mut Json, t: &Texts) {
    out.key("labels").open('{');
    for (key, value) in [
        ("verify", t.verify_button),
        ("verifying", t.verifying),
        ("showResult", t.show_result),
        ("dialogTitle", t.dialog_title),
        ("close", t.close),
        ("nothingToVerify", t.nothing_to_verify),
        ("checksHeading", t.checks_heading),
        ("credentialHeading", t.credential_heading),
        ("presentationHeading", t.presentation_heading),
        ("credentialsHeading", t.credentials_heading),
        ("technicalDetails", t.technical_details),
        ("euHeading", t.eu_heading),
        ("euIntro", t.eu_intro),
        ("euColElement", t.eu_col_element),
        ("euColRequired", t.eu_col_required),
        ("euColValue", t.eu_col_value),
        ("openOnSite", t.open_on_site),
        ("newTab", t.new_tab),
        ("inputPaste", t.input_paste),
        ("inputFile", t.input_file),
        ("inputHint", t.input_hint),
    ] {
        out.field(key, value);
    }
    out.close('}');
}

/// The widget's own words, as JSON: `{"lang": "en", "labels": {…}}`.
pub fn labels(lang: Lang) -> String {
    let t = lang.texts();
    let mut out = Json(String::new());
    out.open('{').field("lang", t.code);
    label_object(&mut out, t);
    out.close('}');
    out.0
}

fn eu(out: &mut Json, t: &Texts, report: &Report) {
    let Some(table) = display::eu_table(t, report.credential()) else {
        out.literal("eu", "null");
        return;
    };
    out.key("eu").open('{');
    out.field("summary", &table.summary)
        .flag("complete", table.present == table.total);
    out.key("rows").open('[');
    for r in table.rows {
        let value = if r.present {
            r.value.unwrap_or_default()
        } else {
            t.eu_missing.to_string()
        };
        out.open('{')
            .field("key", &r.key)
            .field("name", &r.name)
            .field(
                "required",
                if r.mandatory {
                    t.eu_mandatory
                } else {
                    t.eu_optional
                },
            )
            .flag("mandatory", r.mandatory)
            .flag("present", r.present)
            .field("value", &value)
            .close('}');
    }
    out.close(']').close('}');
}

fn report_value(out: &mut Json, t: &Texts, report: &Report) {
    let banner = display::banner(t, report);
    let badge = display::badge_parts(t, report);
    out.field("verdict", banner.verdict.as_str())
        .field("kind", report.kind().as_str())
        .field("title", banner.title)
        .field("sentence", &banner.sentence)
        .field("badge", &badge.join(" · "));
    out.key("badgeParts").open('[');
    for part in &badge {
        out.str(part);
    }
    out.close(']');
    match display::achievement_name(report.credential()) {
        Some(name) => out.field("achievement", name),
        None => out.literal("achievement", "null"),
    };
    out.key("checks").open('[');
    for c in display::check_lines(t, report) {
        out.open('{')
            .field("check", c.kind.as_str())
            .field("outcome", c.outcome.as_str());
        match c.outcome.code() {
            Some(code) => out.field("code", code.as_str()),
            None => out.literal("code", "null"),
        };
        if let Some(purpose) = &c.purpose {
            out.field("purpose", purpose);
        }
        out.field("mark", mark_str(c.mark))
            .field("name", c.name)
            .field("markLabel", c.mark_label)
            .field("text", &c.text)
            .close('}');
    }
    out.close(']');
    match display::content_warning(t, report) {
        Some(w) => out.field("contentWarning", w),
        None => out.literal("contentWarning", "null"),
    };
    out.rows("fields", display::credential_fields(t, report));
    eu(out, t, report);
    out.rows("technical", display::technical_rows(t, report));
    out.key("credentials").open('[');
    for c in report.credentials() {
        out.open('{');
        report_value(out, t, c);
        out.close('}');
    }
    out.close(']');
}

/// Everything to show for `report`, as JSON: the labels and the report's
/// banner, badge line, checks, fields, EU elements, technical rows and,
/// for a presentation, the same for each credential inside.
pub fn report(lang: Lang, report: &Report) -> String {
    let t = lang.texts();
    let mut out = Json(String::new());
    out.open('{').field("lang", t.code);
    report_value(&mut out, t, report);
    label_object(&mut out, t);
    out.close('}');
    out.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use mcx_verifier_core::json::{self, Value};
    use mcx_verifier_core::{CheckKind, Code, Kind, Outcome};

    #[test]
    fn view_in_the_preferred_language() {
        assert_eq!(language("fr-FR,de-AT,en"), Lang::De);
        assert_eq!(language(""), Lang::En);
        let mut inner = Report::new(Kind::Credential);
        inner.push(CheckKind::Signature, Outcome::Pass, "ok");
        let mut r = Report::new(Kind::Credential)
            .with_credential(
                json::parse_str(
                    r#"{"issuer":{"name":"<b>U</b> \"q\"","network":{"name":{"en":"<b>U</b> \"q\""}}},"achievement":{"name":"A"},
                "euElements":[{"element":"title","mandatory":true,"present":true,"value":"A"}]}"#,
                )
                .unwrap(),
            )
            .with_embedded(inner);
        r.push(CheckKind::Signature, Outcome::Pass, "ok");
        r.push_status("revocation", Outcome::Fail(Code::Revoked), "revoked");
        let text = report(Lang::De, &r);
        let v = json::parse_str(&text).expect("valid JSON");
        assert_eq!(v.get("lang").and_then(Value::as_str), Some("de"));
        assert_eq!(v.get("verdict").and_then(Value::as_str), Some("invalid"));
        assert_eq!(
            v.get("badge").and_then(Value::as_str),
            Some("Nicht gültig · Widerrufen · A · <b>U</b> \"q\""),
            "credential text is passed through as text, for textContent"
        );
        assert_eq!(
            v.get("labels")
                .and_then(|l| l.get("close"))
                .and_then(Value::as_str),
            Some("Schließen")
        );
        assert_eq!(
            v.get("checks")
                .and_then(Value::as_array)
                .map(<[Value]>::len),
            Some(2)
        );
        assert_eq!(
            v.get("eu").and_then(|e| e.get("complete")),
            Some(&Value::Bool(true))
        );
        assert_eq!(
            v.get("credentials")
                .and_then(Value::as_array)
                .map(<[Value]>::len),
            Some(1)
        );
        assert!(json::parse_str(&labels(Lang::En)).is_ok());
    }
}
