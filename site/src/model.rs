//! What the page holds about each checked input, and the portfolio sums
//! over them. Reading the report's fields is `mcx_display`'s.

use mcx_display::{credits, issuer_name};
use mcx_verifier_core::portfolio::{self, Learner};
use mcx_verifier_core::{Report, Verdict};
use mcx_web::host::Verified;
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
    pub verified: Verified,
    /// Opened from a verification link in the address bar (`#vc=`,
    /// `?url=`): whoever is looking is usually not the holder.
    pub from_link: bool,
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

/// The credential reports of a list of reports (a presentation contributes
/// the reports of the credentials inside), each with whether it counts:
/// valid itself, and inside a valid presentation if it is in one.
pub fn credential_reports<'a>(reports: &[&'a Report]) -> Vec<(&'a Report, bool)> {
    let mut out = Vec::new();
    for r in reports {
        if r.credentials().is_empty() {
            out.push((*r, r.verdict() == Verdict::Valid));
        } else {
            let outer = r.verdict() == Verdict::Valid;
            out.extend(
                r.credentials()
                    .iter()
                    .map(|c| (c, outer && c.verdict() == Verdict::Valid)),
            );
        }
    }
    out
}

/// ECTS per issuer over the credentials that count, in first-seen order.
/// A credential listed twice (the same `id`) counts once.
pub fn totals(reports: &[(&Report, bool)]) -> Vec<IssuerTotal> {
    let mut rows: Vec<IssuerTotal> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (report, counts) in reports {
        if !counts {
            continue;
        }
        if let Some(id) = report.credential().get("id").and_then(|v| v.as_str()) {
            if seen.contains(&id) {
                continue;
            }
            seen.push(id);
        }
        let issuer = issuer_name(report.credential()).unwrap_or("?").to_string();
        let credits = credits(report.credential()).unwrap_or(0.0);
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

/// The credentials of one learner, with their sums: stacking only ever
/// adds up one learner's credentials.
pub struct LearnerPortfolio<'a> {
    /// Who (`None`: the credentials do not say).
    pub learner: Option<Learner>,
    /// This learner's credential reports, each with whether it counts.
    pub credentials: Vec<(&'a Report, bool)>,
    /// ECTS per issuer over the ones that count.
    pub rows: Vec<IssuerTotal>,
    /// Their total ECTS.
    pub total: f64,
}

impl LearnerPortfolio<'_> {
    /// The reports that count (valid), for the combined offers.
    pub fn counted(&self) -> Vec<Report> {
        self.credentials
            .iter()
            .filter(|(_, counts)| *counts)
            .map(|(r, _)| (*r).clone())
            .collect()
    }
}

/// The credential reports grouped by learner (the core's
/// [`portfolio::by_learner`]), each group with its own totals.
pub fn by_learner<'a>(credentials: &[(&'a Report, bool)]) -> Vec<LearnerPortfolio<'a>> {
    let summaries: Vec<&mcx_verifier_core::json::Value> =
        credentials.iter().map(|(r, _)| r.credential()).collect();
    portfolio::by_learner(&summaries)
        .into_iter()
        .map(|g| {
            let mine: Vec<(&Report, bool)> = g
                .members
                .iter()
                .filter_map(|&i| credentials.get(i).copied())
                .collect();
            let rows = totals(&mine);
            let total = rows.iter().map(|r| r.credits).sum();
            LearnerPortfolio {
                learner: g.learner,
                credentials: mine,
                rows,
                total,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use mcx_verifier_core::json::parse_str;
    use mcx_verifier_core::{CheckKind, Kind, Outcome};

    fn credential(id: &str, issuer: &str, ects: &str, valid: bool) -> Report {
        of_learner(id, issuer, ects, valid, "did:key:zAlex")
    }

    fn of_learner(id: &str, issuer: &str, ects: &str, valid: bool, learner: &str) -> Report {
        let mut r = Report::new(Kind::Credential).with_credential(
            parse_str(&format!(
                r#"{{"id":"{id}","issuer":{{"name":"{issuer}"}},"achievement":{{"creditsAvailable":{ects}}},
               "subject":{{"id":"{learner}"}}}}"#
            ))
            .unwrap(),
        );
        let outcome = if valid {
            Outcome::Pass
        } else {
            Outcome::Fail(mcx_verifier_core::Code::Expired)
        };
        r.push(CheckKind::Signature, outcome, "");
        r
    }

    #[test]
    fn totals_per_issuer_count_valid_credentials_once() {
        let a = credential("urn:a", "Uni A", "5", true);
        let a_again = credential("urn:a", "Uni A", "5", true);
        let b = credential("urn:b", "Uni B", "2.5", true);
        let c = credential("urn:c", "Uni A", "10", false);
        let mut presentation = Report::new(Kind::Presentation)
            .with_embedded(b.clone())
            .with_embedded(credential("urn:d", "Uni B", "3", true));
        presentation.push(CheckKind::Signature, Outcome::Pass, "");
        let list = [&a, &a_again, &c, &presentation];
        let reports = credential_reports(&list);
        assert_eq!(reports.len(), 5);
        let rows = totals(&reports);
        assert_eq!(
            rows,
            vec![
                IssuerTotal {
                    issuer: "Uni A".into(),
                    count: 1,
                    credits: 5.0
                },
                IssuerTotal {
                    issuer: "Uni B".into(),
                    count: 2,
                    credits: 5.5
                },
            ]
        );
    }

    #[test]
    fn credits_add_up_per_learner_only() {
        let a = credential("urn:a", "Uni A", "5", true);
        let b = credential("urn:b", "Uni B", "5", true);
        let c = of_learner("urn:c", "Uni A", "5", true, "did:key:zSam");
        let list = [&a, &b, &c];
        let reports = credential_reports(&list);
        let groups = by_learner(&reports);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].total, 10.0);
        assert_eq!(groups[0].counted().len(), 2);
        assert_eq!(groups[1].total, 5.0);
        assert_eq!(
            groups[1].learner.as_ref().map(|l| l.key.as_str()),
            Some("did:key:zSam")
        );
    }
}
