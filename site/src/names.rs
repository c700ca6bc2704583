//! Codes a credential states, shown as names in the reader's language:
//! countries (ISO 3166-1 alpha-2), languages (ISO 639-1), achievement and
//! credential types. The tables are the site's (`i18n`); a code they do
//! not know is shown as the credential states it. Pure, tested natively.
//!
//! These stay out of `mcx-display`: the widget links that crate and has
//! no room in its size budget for the tables.

use crate::i18n::{Page, ResultTexts};
use mcx_display::{text, Row};
use mcx_verifier_core::json::Value;
use mcx_verifier_core::{Kind, Report};

/// The name of a country code (`de`, ` DE `, `EL`), if the table has it.
pub fn country_of_code(p: &Page, code: &str) -> Option<&'static str> {
    let code = code.trim();
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    (p.country_name)(&code.to_ascii_uppercase())
}

/// The issuer's country as the reader sees it: the name of its stated
/// country code (`countryCode`, else a country stated as a code) in the
/// reader's language, else what the credential states.
pub fn issuer_country(p: &Page, summary: &Value) -> Option<String> {
    let stated = text(summary, &["issuer", "country"]);
    let code = text(summary, &["issuer", "countryCode"]);
    code.and_then(|c| country_of_code(p, c))
        .or_else(|| stated.and_then(|s| country_of_code(p, s)))
        .map(str::to_string)
        .or_else(|| stated.or(code).map(str::to_string))
}

/// A language tag (`de`, `en-GB`) as a name: "German", "English (United
/// Kingdom)"; the tag itself when its language is not in the table.
pub fn language(p: &Page, tag: &str) -> String {
    let tag = tag.trim();
    let mut parts = tag.split(['-', '_']);
    let primary = parts.next().unwrap_or("").to_ascii_lowercase();
    let Some(name) = (p.language_name)(&primary) else {
        return tag.to_string();
    };
    match parts.find(|s| s.len() == 2) {
        Some(region) => match country_of_code(p, region) {
            Some(country) => format!("{name} ({country})"),
            None => format!("{name} ({})", region.to_ascii_uppercase()),
        },
        None => name.to_string(),
    }
}

/// An achievement type (`MicroCredential`, `ext:…`) as a name, else as stated.
pub fn achievement_type(p: &Page, kind: &str) -> String {
    let kind = kind.trim();
    let bare = kind.strip_prefix("ext:").unwrap_or(kind);
    (p.achievement_type_name)(bare)
        .map(str::to_string)
        .unwrap_or_else(|| kind.to_string())
}

/// The document's types as names: the specific ones (`OpenBadgeCredential`
/// → "Open Badge 3.0"), the generic `VerifiableCredential` only when there
/// is nothing more specific; unknown types as stated. Each name once.
pub fn credential_types(p: &Page, types: &[&str]) -> Option<String> {
    let generic = |t: &str| matches!(t, "VerifiableCredential" | "VerifiablePresentation");
    let specific: Vec<&str> = types.iter().copied().filter(|t| !generic(t)).collect();
    let chosen: Vec<&str> = if specific.is_empty() {
        types.to_vec()
    } else {
        specific
    };
    let mut names: Vec<String> = Vec::new();
    for t in chosen {
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        let name = (p.credential_type_name)(t)
            .map(str::to_string)
            .unwrap_or_else(|| t.to_string());
        if !names.contains(&name) {
            names.push(name);
        }
    }
    (!names.is_empty()).then(|| names.join(", "))
}

/// What kind of document it is, in words: the achievement type and the
/// credential type ("Micro-credential (Open Badge 3.0)"); for a
/// presentation its type.
pub fn kind_of(p: &Page, report: &Report) -> Option<String> {
    if report.kind() == Kind::Presentation {
        return (p.credential_type_name)("VerifiablePresentation").map(str::to_string);
    }
    let s = report.credential();
    let types: Vec<&str> = match s.get("type") {
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        Some(Value::String(one)) => vec![one.as_str()],
        _ => Vec::new(),
    };
    let achievement = text(s, &["achievement", "achievementType"]).map(|k| achievement_type(p, k));
    match (achievement, credential_types(p, &types)) {
        (Some(a), Some(c)) => Some(format!("{a} ({c})")),
        (a, c) => a.or(c),
    }
}

/// The credential's fields (from `mcx_display`) with codes shown as
/// names: the country, the language, the type (added when only the
/// credential's own type says what it is).
pub fn readable_fields(p: &Page, t: &ResultTexts, report: &Report, mut rows: Vec<Row>) -> Vec<Row> {
    let s = report.credential();
    for row in &mut rows {
        match row.key.as_str() {
            "country" => {
                if let Some(country) = issuer_country(p, s) {
                    row.value = country;
                }
            }
            "language" => row.value = language(p, &row.value),
            "type" => {
                if let Some(kind) = kind_of(p, report) {
                    row.value = kind;
                }
            }
            _ => {}
        }
    }
    if !rows.iter().any(|r| r.key == "type") {
        if let Some(kind) = kind_of(p, report) {
            // Where mcx_display puts the type: after the learner (or the
            // presenter), before the workload.
            let at = rows
                .iter()
                .position(|r| r.key == "learner" || r.key == "holder")
                .map_or(rows.len(), |i| i + 1);
            rows.insert(
                at,
                Row {
                    key: "type".into(),
                    label: t.field_type.into(),
                    value: kind,
                },
            );
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{page, Lang};
    use mcx_verifier_core::json::parse_str;

    fn report(summary: &str) -> Report {
        Report::new(Kind::Credential).with_credential(parse_str(summary).unwrap())
    }

    #[test]
    fn country_codes_are_names_in_the_readers_language() {
        let (en, de) = (page(Lang::En), page(Lang::De));
        let s = parse_str(r#"{"issuer":{"country":"Germany","countryCode":"DE"}}"#).unwrap();
        assert_eq!(issuer_country(en, &s).as_deref(), Some("Germany"));
        assert_eq!(issuer_country(de, &s).as_deref(), Some("Deutschland"));
        // A country stated only as a code, in any case; Greece as the EU writes it.
        let s = parse_str(r#"{"issuer":{"country":"es"}}"#).unwrap();
        assert_eq!(issuer_country(de, &s).as_deref(), Some("Spanien"));
        assert_eq!(country_of_code(de, "EL"), Some("Griechenland"));
        for code in ["AT", "PT", "IT", "NL", "GB", "NO", "IS", "LI", "CH"] {
            assert!(country_of_code(en, code).is_some(), "{code}");
            assert!(country_of_code(de, code).is_some(), "{code}");
        }
        // Unknown codes and names stay as the credential states them.
        let s = parse_str(r#"{"issuer":{"country":"Japan","countryCode":"JP"}}"#).unwrap();
        assert_eq!(issuer_country(de, &s).as_deref(), Some("Japan"));
        let s = parse_str(r#"{"issuer":{"countryCode":"JP"}}"#).unwrap();
        assert_eq!(issuer_country(de, &s).as_deref(), Some("JP"));
        assert_eq!(country_of_code(en, "D1"), None);
        assert_eq!(country_of_code(en, "DEU"), None);
        let s = parse_str(r#"{"issuer":{}}"#).unwrap();
        assert_eq!(issuer_country(en, &s), None);
    }

    #[test]
    fn every_eu_and_eea_country_has_a_name_in_every_language() {
        const EU_EEA: [&str; 30] = [
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
            "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS",
            "LI", "NO",
        ];
        for lang in Lang::ALL {
            for code in EU_EEA {
                assert!(
                    country_of_code(page(lang), code).is_some(),
                    "{code} in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn languages_and_regions() {
        let (en, de) = (page(Lang::En), page(Lang::De));
        assert_eq!(language(en, "it"), "Italian");
        assert_eq!(language(de, "it"), "Italienisch");
        assert_eq!(language(de, "de-AT"), "Deutsch (Österreich)");
        assert_eq!(language(en, "en_gb"), "English (United Kingdom)");
        assert_eq!(language(en, "fr-CA"), "French (CA)");
        assert_eq!(language(en, "tlh"), "tlh");
        assert_eq!(language(en, " x "), "x");
    }

    #[test]
    fn types_are_readable() {
        let (en, de) = (page(Lang::En), page(Lang::De));
        let ob = report(
            r#"{"type":["VerifiableCredential","OpenBadgeCredential"],
                "achievement":{"achievementType":"MicroCredential"}}"#,
        );
        assert_eq!(
            kind_of(en, &ob).as_deref(),
            Some("Micro-credential (Open Badge 3.0)")
        );
        assert_eq!(
            kind_of(de, &ob).as_deref(),
            Some("Micro-Credential (Open Badge 3.0)")
        );
        let plain = report(r#"{"type":"VerifiableCredential"}"#);
        assert_eq!(
            kind_of(de, &plain).as_deref(),
            Some("Verifizierbarer Nachweis (W3C)")
        );
        // Unknown types as stated; the same name once.
        let other = report(
            r#"{"type":["VerifiableCredential","AlumniCredential","AchievementCredential","OpenBadgeCredential"],
                "achievement":{"achievementType":"ext:CampusTour"}}"#,
        );
        assert_eq!(
            kind_of(en, &other).as_deref(),
            Some("ext:CampusTour (AlumniCredential, Open Badge 3.0)")
        );
        assert_eq!(achievement_type(de, "ext:Diploma"), "Diplom");
        let presentation = Report::new(Kind::Presentation);
        assert_eq!(
            kind_of(en, &presentation).as_deref(),
            Some("Verifiable presentation (W3C)")
        );
        assert_eq!(kind_of(en, &report(r#"{"name":"x"}"#)), None);
    }

    #[test]
    fn fields_show_names_not_codes() {
        let de = page(Lang::De);
        let r = report(
            r#"{"type":["VerifiableCredential","OpenBadgeCredential"],
                "issuer":{"country":"Italy","countryCode":"IT"},
                "achievement":{"achievementType":"MicroCredential","inLanguage":"it"}}"#,
        );
        let row = |key: &str, value: &str| Row {
            key: key.into(),
            label: key.into(),
            value: value.into(),
        };
        let t = Lang::De.texts();
        let rows = readable_fields(
            de,
            t,
            &r,
            vec![
                row("country", "Italy"),
                row("type", "MicroCredential"),
                row("language", "it"),
            ],
        );
        let values: Vec<&str> = rows.iter().map(|r| r.value.as_str()).collect();
        assert_eq!(
            values,
            [
                "Italien",
                "Micro-Credential (Open Badge 3.0)",
                "Italienisch"
            ]
        );
        // No achievement type: the credential's type is added after the learner.
        let r = report(r#"{"type":["VerifiableCredential","OpenBadgeCredential"]}"#);
        let rows = readable_fields(de, t, &r, vec![row("learner", "A"), row("credits", "5")]);
        let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["learner", "type", "credits"]);
        assert_eq!(rows[1].value, "Open Badge 3.0");
        assert_eq!(rows[1].label, "Art");
    }
}
