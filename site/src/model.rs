//! What the page holds about each checked input, and the portfolio sums
//! over them. Reading the report's fields is `mcx_web::display`'s.

use mcx_verifier_core::{Report, Verdict};
use mcx_web::display::{credits, issuer_name};
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
        if r.credentials.is_empty() {
            out.push((*r, r.verdict() == Verdict::Valid));
        } else {
            let outer = r.verdict() == Verdict::Valid;
            out.extend(
                r.credentials
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
        if let Some(id) = report.credential.get("id").and_then(|v| v.as_str()) {
            if seen.contains(&id) {
                continue;
            }
            seen.push(id);
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
    use mcx_verifier_core::{CheckKind, Kind, Outcome};

    fn credential(id: &str, issuer: &str, ects: &str, valid: bool) -> Report {
        let mut r = Report::new(Kind::Credential);
        r.credential = parse_str(&format!(
            r#"{{"id":"{id}","issuer":{{"name":"{issuer}"}},"achievement":{{"creditsAvailable":{ects}}}}}"#
        ))
        .unwrap();
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
        let mut presentation = Report::new(Kind::Presentation);
        presentation.push(CheckKind::Signature, Outcome::Pass, "");
        presentation.credentials = vec![b.clone(), credential("urn:d", "Uni B", "3", true)];
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
}
