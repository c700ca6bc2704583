//! Reading the core's report for display: text fields of the summary,
//! dates in the reader's language, ECTS sums. No verification here.

use crate::i18n::{About, Mark, Texts};
use crate::share;
use mcx_verifier_core::json::Value;
use mcx_verifier_core::{Outcome, Report};
use std::rc::Rc;

/// One checked credential or presentation, as listed on the page.
pub struct Item {
    /// Unique within the page's lifetime (for keys and equality).
    pub id: u64,
    /// Where it came from (file name, "pasted text"…).
    pub source: String,
    /// The bytes given to the core.
    pub input: Rc<Vec<u8>>,
    /// The report and the documents fetched for it.
    pub verified: crate::host::Verified,
}

impl PartialEq for Item {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Item {
    /// The core's report.
    pub fn report(&self) -> &Report {
        &self.verified.report
    }
}

/// A string at a path of nested objects.
pub fn text<'a>(value: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut v = value;
    for key in path {
        v = v.get(key)?;
    }
    v.as_str().map(str::trim).filter(|s| !s.is_empty())
}

/// The issuer's name for sentences: its name, else its identifier.
pub fn issuer_name(summary: &Value) -> Option<&str> {
    text(summary, &["issuer", "name"]).or_else(|| text(summary, &["issuer", "id"]))
}

/// Capitalises a sentence that starts with the fallback issuer word
/// ("der Aussteller hat…"); identifiers such as `did:key:…` stay as written.
pub fn sentence(s: String, fallback: &str) -> String {
    if !s.starts_with(fallback) {
        return s;
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => s,
    }
}

/// The reader-facing outcome of a check.
pub fn mark(outcome: Outcome) -> Mark {
    match outcome {
        Outcome::Pass => Mark::Pass,
        Outcome::Warn(_) => Mark::Warn,
        Outcome::Fail(_) => Mark::Fail,
        Outcome::Skip => Mark::Skip,
    }
}

/// An ISO date as "28 November 2026" / "28. November 2026"; other text
/// unchanged.
pub fn display_date(t: &Texts, iso: &str) -> String {
    match share::year_month_day(iso) {
        Some((year, month, day)) => {
            let name = t.months.get(month as usize - 1).copied().unwrap_or("");
            (t.date)(day, name, year)
        }
        None => iso.to_string(),
    }
}

/// Owned context for explanations of one report.
pub struct AboutOwned {
    /// Issuer display name.
    pub issuer: String,
    /// Formatted end date.
    pub valid_until: Option<String>,
    /// Formatted start date.
    pub valid_from: Option<String>,
    /// A status list was consulted.
    pub status_checked: bool,
}

impl AboutOwned {
    /// From a report, with a fallback issuer word.
    pub fn new(t: &Texts, report: &Report, fallback_issuer: &str) -> Self {
        let summary = &report.credential;
        AboutOwned {
            status_checked: report.details.contains_key("statusLists"),
            issuer: issuer_name(summary).unwrap_or(fallback_issuer).to_string(),
            valid_until: text(summary, &["validUntil"]).map(|d| display_date(t, d)),
            valid_from: text(summary, &["validFrom"]).map(|d| display_date(t, d)),
        }
    }

    /// Borrowed form for the i18n functions.
    pub fn about(&self) -> About<'_> {
        About {
            issuer: &self.issuer,
            valid_until: self.valid_until.as_deref(),
            valid_from: self.valid_from.as_deref(),
            status_checked: self.status_checked,
        }
    }
}

/// ECTS of a summary (`achievement.creditsAvailable`), if a number.
pub fn credits(summary: &Value) -> Option<f64> {
    let value = summary.get("achievement")?.get("creditsAvailable")?;
    let n = match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    (n.is_finite() && n >= 0.0).then_some(n)
}

/// A number of ECTS without useless decimals (`5`, `2.5`).
pub fn format_credits(n: f64) -> String {
    let rounded = (n * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        let s = format!("{rounded:.2}");
        s.trim_end_matches('0').to_string()
    }
}

/// One row of the portfolio table.
#[derive(Clone, Debug, PartialEq)]
pub struct IssuerTotal {
    /// Issuer display name.
    pub issuer: String,
    /// Valid credentials of this issuer.
    pub count: usize,
    /// Their ECTS.
    pub credits: f64,
}

/// Credentials of a list of reports: presentations contribute their
/// embedded credentials' reports.
pub fn credential_reports(reports: &[&Report]) -> Vec<(Report, bool)> {
    let mut out = Vec::new();
    for r in reports {
        if r.credentials.is_empty() {
            out.push((
                (*r).clone(),
                r.verdict() == mcx_verifier_core::Verdict::Valid,
            ));
        } else {
            for c in &r.credentials {
                out.push((c.clone(), c.verdict() == mcx_verifier_core::Verdict::Valid));
            }
        }
    }
    out
}

/// ECTS per issuer over the valid credentials, in first-seen order.
pub fn totals(reports: &[(Report, bool)]) -> Vec<IssuerTotal> {
    let mut rows: Vec<IssuerTotal> = Vec::new();
    for (report, valid) in reports {
        if !valid {
            continue;
        }
        let issuer = issuer_name(&report.credential).unwrap_or("?").to_string();
        let credits = credits(&report.credential).unwrap_or(0.0);
        match rows.iter_mut().find(|r| r.issuer == issuer) {
            Some(row) => {
                row.count += 1;
                row.credits += credits;
            }
            None => rows.push(IssuerTotal {
                issuer,
                count: 1,
                credits,
            }),
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use mcx_verifier_core::json::parse_str;

    #[test]
    fn reads_summary_text() {
        let v = parse_str(r#"{"issuer":{"id":"did:key:z1","name":"  "},"achievement":{"creditsAvailable":"2.50"}}"#)
            .unwrap();
        assert_eq!(issuer_name(&v), Some("did:key:z1"));
        assert_eq!(credits(&v), Some(2.5));
        let n = parse_str(r#"{"achievement":{"creditsAvailable":5}}"#).unwrap();
        assert_eq!(credits(&n), Some(5.0));
        let bad = parse_str(r#"{"achievement":{"creditsAvailable":-1}}"#).unwrap();
        assert_eq!(credits(&bad), None);
        assert_eq!(format_credits(2.5), "2.5");
        assert_eq!(format_credits(5.0), "5");
        assert_eq!(format_credits(0.333), "0.33");
        assert_eq!(
            sentence("der Aussteller hat".into(), "der Aussteller"),
            "Der Aussteller hat"
        );
        assert_eq!(
            sentence("did:key:z hat".into(), "der Aussteller"),
            "did:key:z hat"
        );
        assert_eq!(sentence(String::new(), ""), "");
    }

    #[test]
    fn dates_in_both_languages() {
        let en = crate::i18n::Lang::En.texts();
        let de = crate::i18n::Lang::De.texts();
        assert_eq!(display_date(en, "2026-11-28T12:00:00Z"), "28 November 2026");
        assert_eq!(display_date(de, "2026-03-01"), "1. März 2026");
        assert_eq!(display_date(en, "soon"), "soon");
    }
}
