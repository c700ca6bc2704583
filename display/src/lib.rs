//! # mcx-display: what a MicroCredX report shows, in words
//!
//! The core decides; this crate says it. Every user-facing text of a
//! result lives in [`i18n`], one file per language (English, German),
//! chosen from check kinds and stable failure codes so that it translates.
//! The functions here turn a [`Report`] into plain strings and rows: the
//! verdict banner, the checks in plain language, the technical details,
//! the credential's fields, its EU elements, and the widget's one-line
//! badge. No markup: the site (Yew) and the widget (DOM) lay these out,
//! always as text nodes, so that credential text can never become HTML;
//! `mcx verify` prints them as lines.
//!
//! Pure and `no_std` + `alloc`, with no browser bindings: the widget links
//! it without the standard library, the command line natively. Anything
//! that reads which name to show for an issuer, what an achievement is
//! called, or how a date reads belongs here, once, so that the site, the
//! widget and the CLI never disagree.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;
#[cfg(test)]
extern crate std;

pub mod i18n;
pub mod link;

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::i18n::{About, Mark, Texts};
use mcx_verifier_core::json::{self, Value};
use mcx_verifier_core::{CheckKind, Outcome};
use mcx_verifier_core::{Kind, Report, Verdict};

/// A string at a path of nested objects, trimmed, if not empty.
pub fn text<'a>(value: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut v = value;
    for key in path {
        v = v.get(key)?;
    }
    v.as_str().map(str::trim).filter(|s| !s.is_empty())
}

/// Like [`text`], but numbers count too (as their literal), e.g. ECTS.
pub fn scalar<'a>(value: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut v = value;
    for key in path {
        v = v.get(key)?;
    }
    match v {
        Value::Number(n) => Some(n.literal()),
        other => other.as_str().map(str::trim).filter(|s| !s.is_empty()),
    }
}

/// The issuer's name as the credential states it, else its identifier:
/// what the credential *claims*, for places labelled as such.
pub fn issuer_name(summary: &Value) -> Option<&str> {
    text(summary, &["issuer", "name"]).or_else(|| text(summary, &["issuer", "id"]))
}

/// The issuer's name as a trust source vouches for it: the name the
/// credential states if the network registry lists it among the member's
/// names, else the member's registered name (in `lang`, else English, else
/// any). A name the credential gives itself is never a fact on its own, so
/// sentences use this or a neutral word, never [`issuer_name`].
pub fn vouched_issuer_name<'a>(summary: &'a Value, lang: &str) -> Option<&'a str> {
    let names = summary
        .get("issuer")?
        .get("network")?
        .get("name")?
        .as_object()?;
    let listed = |n: &str| {
        names
            .iter()
            .any(|(_, v)| v.as_str().map(str::trim) == Some(n))
    };
    if let Some(claimed) = text(summary, &["issuer", "name"]).filter(|n| listed(n)) {
        return Some(claimed);
    }
    let pick = |l: &str| names.get(l).and_then(Value::as_str);
    pick(lang)
        .or_else(|| pick("en"))
        .or_else(|| names.iter().find_map(|(_, v)| v.as_str()))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// An issuer's name as a reader may be shown it, with its authority.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssuerName<'a> {
    /// A name a trust source vouches for ([`vouched_issuer_name`]): a fact.
    Vouched(&'a str),
    /// Only what the credential says of itself ([`issuer_name`]): shown
    /// labelled as such, never as a fact.
    Claimed(&'a str),
}

/// The issuer's name to show beside a report: the vouched name if a trust
/// source vouches for one, else what the credential claims.
pub fn shown_issuer_name<'a>(summary: &'a Value, lang: &str) -> Option<IssuerName<'a>> {
    vouched_issuer_name(summary, lang)
        .map(IssuerName::Vouched)
        .or_else(|| issuer_name(summary).map(IssuerName::Claimed))
}

/// The achievement's name (Open Badges), else the credential's own name.
pub fn achievement_name(summary: &Value) -> Option<&str> {
    text(summary, &["achievement", "name"]).or_else(|| text(summary, &["name"]))
}

/// Year, month and day of an ISO 8601 / RFC 3339 date (`2026-03-01T…`).
pub fn year_month_day(date: &str) -> Option<(i32, u32, u32)> {
    let year: i32 = date.get(0..4)?.parse().ok()?;
    let month: u32 = date.get(5..7)?.parse().ok()?;
    let day: u32 = date.get(8..10)?.parse().ok()?;
    let dashes = date.get(4..5)? == "-" && date.get(7..8)? == "-";
    (dashes && (1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
}

/// An ISO date as "28 November 2026" / "28. November 2026"; other text
/// unchanged.
pub fn display_date(t: &Texts, iso: &str) -> String {
    match year_month_day(iso) {
        Some((year, month, day)) => {
            let name = t.months.get(month as usize - 1).copied().unwrap_or("");
            (t.date)(day, name, year)
        }
        None => iso.to_string(),
    }
}

/// ECTS of a summary (`achievement.creditsAvailable`), if a number.
pub fn credits(summary: &Value) -> Option<f64> {
    // The core's tableless parser: `str::parse::<f64>` would add 10 KB of
    // incompressible tables to the widget.
    let n =
        mcx_verifier_core::json::parse_f64(scalar(summary, &["achievement", "creditsAvailable"])?)?;
    (n.is_finite() && n >= 0.0).then_some(n)
}

/// A number of ECTS rounded to hundredths, without useless decimals (`5`,
/// `2.5`, `0.33`). Integer arithmetic: `no_std` has no float rounding.
pub fn format_credits(n: f64) -> String {
    // `credits` only yields finite, non-negative numbers; the cast saturates.
    let hundredths = (n * 100.0 + 0.5) as u64;
    let (whole, frac) = (hundredths / 100, hundredths % 100);
    match (frac, frac % 10) {
        (0, _) => format!("{whole}"),
        (_, 0) => format!("{whole}.{}", frac / 10),
        _ => format!("{whole}.{frac:02}"),
    }
}

/// Owned context for the explanations of one report.
pub struct AboutOwned {
    /// Issuer display name.
    pub issuer: String,
    /// The achievement's name.
    pub achievement: Option<String>,
    /// The learner's name, else identifier.
    pub learner: Option<String>,
    /// Formatted end date.
    pub valid_until: Option<String>,
    /// Formatted start date.
    pub valid_from: Option<String>,
    /// The issuer's standing in the network now, if a registry was checked.
    pub standing_now: Option<String>,
}

impl AboutOwned {
    /// From a report's summary; the issuer is its registry name, or
    /// [`Texts::issuer_fallback`] when no trust source vouches for one.
    pub fn new(t: &Texts, summary: &Value) -> Self {
        AboutOwned {
            issuer: vouched_issuer_name(summary, t.code)
                .unwrap_or(t.issuer_fallback)
                .to_string(),
            achievement: achievement_name(summary).map(str::to_string),
            learner: mcx_verifier_core::portfolio::learner_of(summary)
                .map(|l| l.name.unwrap_or(l.key)),
            valid_until: text(summary, &["validUntil"]).map(|d| display_date(t, d)),
            valid_from: text(summary, &["validFrom"]).map(|d| display_date(t, d)),
            standing_now: text(summary, &["issuer", "network", "standingNow"]).map(str::to_string),
        }
    }

    /// Borrowed form for the i18n functions.
    pub fn about(&self) -> About<'_> {
        About {
            issuer: &self.issuer,
            achievement: self.achievement.as_deref(),
            learner: self.learner.as_deref(),
            valid_until: self.valid_until.as_deref(),
            valid_from: self.valid_from.as_deref(),
            standing_now: self.standing_now.as_deref(),
        }
    }
}

/// The title of a verdict.
pub fn verdict_title(t: &Texts, verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Valid => t.verdict_valid,
        Verdict::Invalid => t.verdict_invalid,
        Verdict::Unverifiable => t.verdict_unverifiable,
    }
}

/// The verdict as a headline and one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Banner {
    /// The verdict.
    pub verdict: Verdict,
    /// "Genuine and valid", "Not valid", …
    pub title: &'static str,
    /// Who issued it (valid), or the main reason (otherwise); may be empty.
    pub sentence: String,
}

/// The banner of a report.
pub fn banner(t: &Texts, report: &Report) -> Banner {
    let verdict = report.verdict();
    let about = AboutOwned::new(t, report.credential());
    let sentence = match (verdict, report.headline()) {
        (Verdict::Valid, _) if report.kind() == Kind::Presentation => {
            (t.verdict_valid_presentation)(report.credentials().len())
        }
        (Verdict::Valid, _) => (t.verdict_valid_text)(&about.about()),
        (_, Some(check)) => {
            let reason = (t.explain)(
                check.kind,
                Mark::of(check.outcome),
                check.outcome.code(),
                &about.about(),
            );
            format!("{} {reason}", t.main_reason)
        }
        (_, None) => String::new(),
    };
    Banner {
        verdict,
        title: verdict_title(t, verdict),
        sentence,
    }
}

/// A warning to show above a credential's contents when its signature did
/// not verify (failed, or was never checked): then nothing ties the text to
/// the issuer, and a reader must not take it at its word. Also when the
/// signature is good but no trust source vouches for the issuer: anyone can
/// make a key and call themselves a university.
pub fn content_warning(t: &Texts, report: &Report) -> Option<&'static str> {
    if report.kind() != Kind::Credential {
        return None;
    }
    let passed = |kind: CheckKind| {
        report
            .checks()
            .iter()
            .any(|c| c.kind == kind && matches!(c.outcome, Outcome::Pass))
    };
    if !passed(CheckKind::Signature) {
        Some(t.content_unverified)
    } else if vouched_issuer_name(report.credential(), t.code).is_none() {
        Some(t.content_unvouched)
    } else {
        None
    }
}

/// One check, explained.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckLine {
    /// What was checked.
    pub kind: CheckKind,
    /// The core's outcome (with its code).
    pub outcome: Outcome,
    /// The reader's mark.
    pub mark: Mark,
    /// Name of the check.
    pub name: &'static str,
    /// The mark in words, for screen readers.
    pub mark_label: &'static str,
    /// The plain-language explanation.
    pub text: String,
    /// The core's English sentence, for the technical details.
    pub detail: String,
    /// For status checks: the status purpose (`revocation`, `suspension`…).
    pub purpose: Option<String>,
}

/// Every check of a report, explained, in the order they ran.
pub fn check_lines(t: &Texts, report: &Report) -> Vec<CheckLine> {
    let about = AboutOwned::new(t, report.credential());
    report
        .checks()
        .iter()
        .map(|c| {
            let mark = Mark::of(c.outcome);
            let purpose = c.purpose.as_deref().filter(|_| c.kind == CheckKind::Status);
            CheckLine {
                kind: c.kind,
                outcome: c.outcome,
                mark,
                name: purpose
                    .and_then(t.status_name)
                    .unwrap_or((t.check_name)(c.kind)),
                mark_label: (t.mark_label)(mark),
                text: purpose
                    .and_then(|p| (t.explain_status)(p, mark, &about.about()))
                    .unwrap_or_else(|| (t.explain)(c.kind, mark, c.outcome.code(), &about.about())),
                detail: c.detail.clone(),
                purpose: c.purpose.clone(),
            }
        })
        .collect()
}

/// A labelled value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Stable key (a summary field, a details key, a check kind), for tests and styling.
    pub key: String,
    /// Label in the reader's language.
    pub label: String,
    /// The value, as text.
    pub value: String,
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join("\n"),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.literal().to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        Value::Object(_) => json::to_string(v),
    }
}

/// The technical details: the report's `details` (proof type, key, format…)
/// and each check's outcome, code and English sentence.
pub fn technical_rows(t: &Texts, report: &Report) -> Vec<Row> {
    let details = report.details().iter().map(|(key, value)| Row {
        key: key.clone(),
        label: (t.detail_label)(key)
            .map(str::to_string)
            .unwrap_or_else(|| key.clone()),
        value: value_text(value),
    });
    let checks = report.checks().iter().map(|c| Row {
        key: c.kind.as_str().to_string(),
        label: format!(
            "{} ({})",
            c.purpose
                .as_deref()
                .and_then(t.status_name)
                .unwrap_or((t.check_name)(c.kind)),
            c.outcome.as_str()
        ),
        value: match c.outcome.code() {
            Some(code) => format!("{} {}", code.as_str(), c.detail),
            None => c.detail.clone(),
        },
    });
    details.chain(checks).collect()
}

fn row(rows: &mut Vec<Row>, key: &str, label: &str, value: Option<String>) {
    if let Some(value) = value.filter(|v| !v.is_empty()) {
        rows.push(Row {
            key: key.to_string(),
            label: label.to_string(),
            value,
        });
    }
}

/// What a credential says, field by field (only those it has). For a
/// presentation: who presented it.
pub fn credential_fields(t: &Texts, report: &Report) -> Vec<Row> {
    let s = &report.credential();
    let mut rows = Vec::new();
    if !matches!(s, Value::Object(_)) {
        return rows;
    }
    if report.kind() == Kind::Presentation {
        let holder = text(s, &["holder", "name"]).or_else(|| text(s, &["holder", "id"]));
        row(
            &mut rows,
            "holder",
            t.field_holder,
            holder.map(str::to_string),
        );
        return rows;
    }
    let issuer = match (text(s, &["issuer", "name"]), text(s, &["issuer", "id"])) {
        (Some(n), Some(i)) if n != i => Some(format!("{n} ({i})")),
        (Some(n), _) => Some(n.to_string()),
        (None, Some(i)) => Some(i.to_string()),
        (None, None) => None,
    };
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
    let valid_from = text(s, &["validFrom"]).map(|d| display_date(t, d));
    let valid_until = text(s, &["validUntil"])
        .map(|d| display_date(t, d))
        .or_else(|| valid_from.as_ref().map(|_| t.no_expiry.to_string()));
    let owned = |v: Option<&str>| v.map(str::to_string);
    row(
        &mut rows,
        "achievement",
        t.field_achievement,
        owned(achievement_name(s)),
    );
    row(&mut rows, "issuer", t.field_issuer, issuer);
    row(
        &mut rows,
        "country",
        t.field_country,
        owned(text(s, &["issuer", "country"])),
    );
    row(
        &mut rows,
        "membership",
        t.field_membership,
        membership(t, s),
    );
    let qa = text(s, &["issuer", "network", "qualityAssurance", "name"]).map(|name| {
        match text(
            s,
            &["issuer", "network", "qualityAssurance", "accreditation"],
        ) {
            Some(accreditation) => format!("{name} ({accreditation})"),
            None => name.to_string(),
        }
    });
    row(&mut rows, "qualityAssurance", t.field_quality_assurance, qa);
    row(
        &mut rows,
        "learner",
        t.field_learner,
        owned(text(s, &["subject", "name"]).or_else(|| text(s, &["subject", "id"]))),
    );
    row(
        &mut rows,
        "type",
        t.field_type,
        owned(text(s, &["achievement", "achievementType"])),
    );
    row(
        &mut rows,
        "credits",
        t.field_credits,
        credits(s).map(|c| (t.ects)(&format_credits(c))),
    );
    let description =
        text(s, &["achievement", "description"]).or_else(|| text(s, &["description"]));
    row(
        &mut rows,
        "description",
        t.field_description,
        owned(description),
    );
    row(
        &mut rows,
        "criteria",
        t.field_criteria,
        owned(text(s, &["achievement", "criteria"])),
    );
    row(
        &mut rows,
        "alignments",
        t.field_alignments,
        (!alignments.is_empty()).then(|| alignments.join("; ")),
    );
    row(
        &mut rows,
        "language",
        t.field_language,
        owned(text(s, &["achievement", "inLanguage"])),
    );
    row(&mut rows, "validFrom", t.field_valid_from, valid_from);
    row(&mut rows, "validUntil", t.field_valid_until, valid_until);
    row(&mut rows, "id", t.field_id, owned(text(s, &["id"])));
    rows
}

/// The issuer's network membership in words, when a registry was checked:
/// its standing now (and at issuance, when that differs).
fn membership(t: &Texts, s: &Value) -> Option<String> {
    let network = s.get("issuer")?.get("network")?;
    if network.get("member").and_then(Value::as_bool) == Some(false) {
        return (t.member_status)("not_member").map(str::to_string);
    }
    let now = text(network, &["standingNow"]).and_then(t.member_status)?;
    match text(network, &["standingAtIssuance"])
        .filter(|at| Some(*at) != text(network, &["standingNow"]))
    {
        Some(at) => Some(format!(
            "{now} ({}: {})",
            t.field_valid_from,
            (t.member_status)(at).unwrap_or(at)
        )),
        None => Some(now.to_string()),
    }
}

/// One Annex I element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EuRow {
    /// The core's key (`title`, `workload`…).
    pub key: String,
    /// Its name in the reader's language.
    pub name: String,
    /// Mandatory under Annex I.
    pub mandatory: bool,
    /// Stated in the credential.
    pub present: bool,
    /// What the credential states, if present, as shown ([`eu_value`]).
    pub value: Option<String>,
}

/// The EU micro-credential elements of a credential.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EuTable {
    /// Mandatory elements stated.
    pub present: usize,
    /// Mandatory elements in all.
    pub total: usize,
    /// "n of m mandatory elements are stated."
    pub summary: String,
    /// Every element, in the core's order.
    pub rows: Vec<EuRow>,
}

/// An EU element's value as the reader sees it: the date of issuing as a
/// date in the reader's language ([`display_date`]), any other element as
/// the credential states it. The site and the widget both show this.
pub fn eu_value(t: &Texts, key: &str, value: &str) -> String {
    match key {
        "dateOfIssuing" => display_date(t, value),
        _ => value.to_string(),
    }
}

/// The EU elements table, if the summary has any.
pub fn eu_table(t: &Texts, summary: &Value) -> Option<EuTable> {
    let elements = summary.get("euElements").and_then(Value::as_array)?;
    if elements.is_empty() {
        return None;
    }
    let flag = |e: &Value, key: &str| e.get(key).and_then(Value::as_bool) == Some(true);
    let rows: Vec<EuRow> = elements
        .iter()
        .map(|e| {
            let key = text(e, &["element"]).unwrap_or("").to_string();
            EuRow {
                name: (t.eu_element)(&key)
                    .map(str::to_string)
                    .unwrap_or_else(|| key.clone()),
                mandatory: flag(e, "mandatory"),
                present: flag(e, "present"),
                value: text(e, &["value"]).map(|v| eu_value(t, &key, v)),
                key,
            }
        })
        .collect();
    let total = rows.iter().filter(|r| r.mandatory).count();
    let present = rows.iter().filter(|r| r.mandatory && r.present).count();
    Some(EuTable {
        present,
        total,
        summary: (t.eu_summary)(present, total),
        rows,
    })
}

/// True when the issuer's membership was checked and passed (for a
/// presentation: for every credential inside).
pub fn network_confirmed(report: &Report) -> bool {
    match report.checks().iter().find(|c| c.kind == CheckKind::Issuer) {
        Some(check) => check.outcome == Outcome::Pass,
        None => {
            !report.credentials().is_empty() && report.credentials().iter().all(network_confirmed)
        }
    }
}

/// The widget's one-line badge, as parts to be joined with " · ":
/// valid: "Verified" (the network vouches for the issuer; else "Genuine and
/// valid"), the achievement, the issuer, the ECTS;
/// otherwise: the verdict, the main reason in a few words, then the
/// achievement and the issuer. The achievement is named only when the
/// signature verified and a trust source vouches for the issuer (when
/// [`content_warning`] has nothing to say): anyone could have written an
/// unvouched name, "Verified" included.
pub fn badge_parts(t: &Texts, report: &Report) -> Vec<String> {
    let s = &report.credential();
    let issuer = vouched_issuer_name(s, t.code).map(str::to_string);
    let achievement = achievement_name(s)
        .filter(|_| content_warning(t, report).is_none())
        .map(str::to_string);
    let mut parts = Vec::new();
    match report.verdict() {
        Verdict::Valid => {
            // "Verified" only when the network vouched for the
            // issuer too; a genuine credential whose membership was not (or
            // no longer) confirmed is just "genuine and valid".
            parts.push(
                if network_confirmed(report) {
                    t.badge_verified
                } else {
                    t.verdict_valid
                }
                .to_string(),
            );
            parts.extend(achievement);
            parts.extend(issuer);
            parts.extend(credits(s).map(|c| (t.ects)(&format_credits(c))));
        }
        verdict => {
            parts.push(
                match verdict {
                    Verdict::Unverifiable => t.badge_unverifiable,
                    _ => verdict_title(t, verdict),
                }
                .to_string(),
            );
            if let Some(code) = report.headline().and_then(|c| c.outcome.code()) {
                parts.push((t.short_reason)(code).to_string());
            }
            // A name the signature does not vouch for is not repeated on
            // the badge (anyone could have written it); the dialog shows it
            // under its warning.
            if content_warning(t, report).is_none() {
                parts.extend(achievement);
                parts.extend(issuer);
            }
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use mcx_verifier_core::json::parse_str;
    use mcx_verifier_core::Code;

    fn report(summary: &str, outcomes: &[(CheckKind, Outcome)]) -> Report {
        let mut r = Report::new(Kind::Credential).with_credential(parse_str(summary).unwrap());
        for (kind, outcome) in outcomes {
            r.push(*kind, *outcome, "detail");
        }
        r
    }

    const SUMMARY: &str = r#"{"issuer":{"id":"did:key:z1","name":"University of X",
          "network":{"member":true,"name":{"en":"University of X"}}},
        "achievement":{"name":"Robotics","creditsAvailable":5},"validFrom":"2026-03-01T00:00:00Z"}"#;

    /// A genuine signature by a key no trust source knows, claiming a
    /// member's name.
    const CLAIMED: &str = r#"{"issuer":{"id":"did:key:z9","name":"Technische Hochschule Nordstadt"},
        "achievement":{"name":"PLC Programming"}}"#;

    #[test]
    fn rows_never_contradict_the_verdict() {
        let en = Lang::En.texts();
        let mut revoked = report(SUMMARY, &[(CheckKind::Validity, Outcome::Pass)]);
        revoked.push_status("revocation", Outcome::Fail(Code::Revoked), "revoked");
        let lines = check_lines(en, &revoked);
        assert!(!lines[0].text.contains("valid now"), "{}", lines[0].text);
        assert!(
            lines[0].text.contains("validity period"),
            "{}",
            lines[0].text
        );
        // What could not be checked is not a failure of the credential.
        let mut unknown = report(SUMMARY, &[(CheckKind::Signature, Outcome::Pass)]);
        unknown.push_status(
            "revocation",
            Outcome::Fail(Code::StatusUnavailable),
            "unavailable",
        );
        let lines = check_lines(en, &unknown);
        assert_eq!(lines[1].mark, Mark::Unknown);
        assert_eq!(lines[1].mark_label, "could not be checked");
    }

    #[test]
    fn a_name_no_trust_source_vouches_for_is_never_in_a_sentence() {
        let en = Lang::En.texts();
        let r = report(
            CLAIMED,
            &[
                (CheckKind::Signature, Outcome::Pass),
                (CheckKind::Key, Outcome::Pass),
                (CheckKind::Issuer, Outcome::Fail(Code::UntrustedIssuer)),
            ],
        );
        for line in check_lines(en, &r) {
            assert!(!line.text.contains("Nordstadt"), "{}", line.text);
        }
        assert!(!banner(en, &r).sentence.contains("Nordstadt"));
        assert!(!badge_parts(en, &r).join(" ").contains("Nordstadt"));
        assert!(!badge_parts(en, &r).join(" ").contains("PLC"));
        assert_eq!(content_warning(en, &r), Some(en.content_unvouched));
        // Shown as what the credential claims, under that warning.
        let fields = credential_fields(en, &r);
        assert!(fields.iter().any(|f| f.value.contains("Nordstadt")));
    }

    #[test]
    fn the_shown_issuer_name_says_on_whose_authority() {
        let vouched = parse_str(SUMMARY).unwrap();
        assert_eq!(
            shown_issuer_name(&vouched, "en"),
            Some(IssuerName::Vouched("University of X"))
        );
        let claimed = parse_str(CLAIMED).unwrap();
        assert_eq!(
            shown_issuer_name(&claimed, "de"),
            Some(IssuerName::Claimed("Technische Hochschule Nordstadt"))
        );
        // A stated name the registry does not list gives way to the
        // registered one.
        let renamed = parse_str(
            r#"{"issuer":{"id":"did:key:z1","name":"Best University",
                "network":{"member":true,"name":{"en":"University of X","de":"Universität X"}}}}"#,
        )
        .unwrap();
        assert_eq!(
            shown_issuer_name(&renamed, "de"),
            Some(IssuerName::Vouched("Universität X"))
        );
        assert_eq!(shown_issuer_name(&parse_str("{}").unwrap(), "en"), None);
    }

    #[test]
    fn reads_summary_text() {
        let v = parse_str(r#"{"issuer":{"id":"did:key:z1","name":"  "},"achievement":{"creditsAvailable":"2.50"}}"#)
            .unwrap();
        assert_eq!(issuer_name(&v), Some("did:key:z1"));
        assert_eq!(credits(&v), Some(2.5));
        assert_eq!(
            credits(&parse_str(SUMMARY).unwrap()),
            Some(5.0),
            "a JSON number counts"
        );
        assert_eq!(format_credits(2.5), "2.5");
        assert_eq!(format_credits(5.0), "5");
        assert_eq!(format_credits(0.333), "0.33");
        assert_eq!(format_credits(7.05), "7.05");
        assert_eq!(format_credits(12.0), "12");
    }

    #[test]
    fn dates_in_both_languages() {
        let en = Lang::En.texts();
        let de = Lang::De.texts();
        assert_eq!(display_date(en, "2026-11-28T12:00:00Z"), "28 November 2026");
        assert_eq!(display_date(de, "2026-03-01"), "1. März 2026");
        assert_eq!(display_date(en, "soon"), "soon");
        assert_eq!(display_date(en, "2026-13-01"), "2026-13-01");
    }

    #[test]
    fn the_eu_date_of_issuing_reads_as_a_date_everywhere() {
        let summary = parse_str(
            r#"{"euElements":[
                {"element":"dateOfIssuing","mandatory":true,"present":true,"value":"2026-03-01T00:00:00Z"},
                {"element":"title","mandatory":true,"present":true,"value":"2026-03-01"},
                {"element":"grade","mandatory":false,"present":false}]}"#,
        )
        .unwrap();
        let values = |lang: Lang| -> Vec<Option<String>> {
            eu_table(lang.texts(), &summary)
                .unwrap()
                .rows
                .into_iter()
                .map(|r| r.value)
                .collect()
        };
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            values(Lang::En),
            [some("1 March 2026"), some("2026-03-01"), None],
            "only the date element is a date"
        );
        assert_eq!(values(Lang::De)[0], some("1. März 2026"));
        assert_eq!(eu_value(Lang::En.texts(), "dateOfIssuing", "soon"), "soon");
    }

    #[test]
    fn badge_of_a_valid_and_a_revoked_credential() {
        let en = Lang::En.texts();
        let valid = report(
            SUMMARY,
            &[
                (CheckKind::Signature, Outcome::Pass),
                (CheckKind::Status, Outcome::Pass),
                (CheckKind::Issuer, Outcome::Pass),
            ],
        );
        assert_eq!(
            badge_parts(en, &valid).join(" · "),
            "Verified · Robotics · University of X · 5 ECTS"
        );
        let unchecked = report(
            SUMMARY,
            &[
                (CheckKind::Signature, Outcome::Pass),
                (CheckKind::Issuer, Outcome::Warn(None)),
            ],
        );
        assert_eq!(
            badge_parts(en, &unchecked).join(" · "),
            "Genuine and valid · Robotics · University of X · 5 ECTS"
        );
        let revoked = report(
            SUMMARY,
            &[
                (CheckKind::Signature, Outcome::Pass),
                (CheckKind::Status, Outcome::Fail(Code::Revoked)),
            ],
        );
        assert_eq!(
            badge_parts(en, &revoked).join(" · "),
            "Not valid · Revoked · Robotics · University of X"
        );
        let de = Lang::De.texts();
        assert_eq!(
            badge_parts(de, &revoked).join(" · "),
            "Nicht gültig · Widerrufen · Robotics · University of X"
        );
        let tampered = report(
            SUMMARY,
            &[(CheckKind::Signature, Outcome::Fail(Code::InvalidSignature))],
        );
        assert_eq!(
            badge_parts(en, &tampered).join(" · "),
            "Not valid · Changed after signing",
            "no unsigned issuer or achievement name on the badge"
        );
        let mut alex = report(
            r#"{"issuer":{"id":"did:key:z1","name":"University of X","network":{"member":true,"name":{"en":"University of X"}}},
                "subject":{"id":"did:key:zA","name":"Alex Example"},"achievement":{"name":"Robotics"}}"#,
            &[(CheckKind::Signature, Outcome::Pass)],
        );
        alex.push(CheckKind::Issuer, Outcome::Pass, "member");
        assert!(
            banner(en, &alex)
                .sentence
                .starts_with("Robotics, awarded to Alex Example by University of X."),
            "{}",
            banner(en, &alex).sentence
        );
        let b = banner(en, &revoked);
        assert_eq!(b.verdict, Verdict::Invalid);
        assert!(
            b.sentence
                .starts_with("Main reason: University of X has revoked"),
            "{}",
            b.sentence
        );
    }

    #[test]
    fn fields_and_checks_are_plain_text() {
        let en = Lang::En.texts();
        let r = report(SUMMARY, &[(CheckKind::Signature, Outcome::Pass)]);
        let fields = credential_fields(en, &r);
        let get = |k: &str| fields.iter().find(|f| f.key == k).map(|f| f.value.as_str());
        assert_eq!(get("credits"), Some("5 ECTS"));
        assert_eq!(get("validFrom"), Some("1 March 2026"));
        assert_eq!(get("validUntil"), Some("no end date"));
        assert_eq!(get("issuer"), Some("University of X (did:key:z1)"));
        let lines = check_lines(en, &r);
        assert_eq!(lines[0].name, "Signature");
        assert!(lines[0].text.contains("University of X signed it"));
        let mut s = report(SUMMARY, &[]);
        s.push_status("revocation", Outcome::Pass, "not revoked");
        s.push_status("suspension", Outcome::Fail(Code::Suspended), "suspended");
        let lines = check_lines(Lang::De.texts(), &s);
        assert_eq!((lines[0].name, lines[1].name), ("Widerruf", "Aussetzung"));
        assert_eq!(
            lines[0].text,
            "University of X hat ihn nicht widerrufen (soeben geprüft)."
        );
        assert!(
            lines[1].text.contains("vorübergehend ausgesetzt"),
            "failures keep the code's text"
        );
    }

    #[test]
    fn every_code_and_kind_has_text_in_every_language() {
        // The core's own list: a kind added there is covered here.
        let kinds = mcx_verifier_core::ALL_CHECK_KINDS;
        let about = About {
            issuer: "U",
            achievement: None,
            learner: None,
            valid_until: None,
            valid_from: None,
            standing_now: None,
        };
        for lang in Lang::ALL {
            let t = lang.texts();
            let plain = lang.plain();
            for verdict in [Verdict::Valid, Verdict::Invalid, Verdict::Unverifiable] {
                assert!(!(plain.verdict)(verdict).is_empty());
            }
            assert!(!plain.credential.is_empty() && !plain.issuer_claimed.is_empty());
            for &kind in kinds {
                assert!(!(t.check_name)(kind).is_empty());
                for mark in [Mark::Pass, Mark::Warn, Mark::Skip] {
                    assert!(!(t.explain)(kind, mark, None, &about).is_empty());
                }
                for code in mcx_verifier_core::ALL_CODES {
                    assert!(!(t.explain)(kind, Mark::Fail, Some(code), &about).is_empty());
                    assert!(!(t.short_reason)(code).is_empty());
                }
            }
        }
    }

    #[test]
    fn unsigned_content_is_flagged_and_presentations_get_their_own_banner() {
        let t = Lang::En.texts();
        let tampered = report(
            SUMMARY,
            &[(CheckKind::Signature, Outcome::Fail(Code::InvalidSignature))],
        );
        assert_eq!(content_warning(t, &tampered), Some(t.content_unverified));
        let good = report(
            SUMMARY,
            &[
                (CheckKind::Signature, Outcome::Pass),
                (CheckKind::Key, Outcome::Pass),
            ],
        );
        assert_eq!(content_warning(t, &good), None);
        let unreadable = report(
            SUMMARY,
            &[(CheckKind::Format, Outcome::Fail(Code::Malformed))],
        );
        assert!(
            content_warning(t, &unreadable).is_some(),
            "never checked is not verified"
        );

        let mut vp = Report::new(Kind::Presentation)
            .with_embedded(good.clone())
            .with_embedded(good);
        vp.push(CheckKind::Signature, Outcome::Pass, "ok");
        vp.push(CheckKind::Credentials, Outcome::Pass, "ok");
        assert_eq!(
            banner(t, &vp).sentence,
            "The holder presented 2 credentials; all of them are genuine and valid."
        );
        assert_eq!(content_warning(t, &vp), None);

        // No status list: the text must not claim a list was checked.
        let no_list = report(SUMMARY, &[(CheckKind::Status, Outcome::Pass)]);
        let line = &check_lines(t, &no_list)[0];
        assert!(line.text.contains("no revocation list"), "{}", line.text);
    }
}
