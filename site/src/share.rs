//! Links for sharing a verified credential: the verification link and what
//! its QR code holds, LinkedIn's add-certification form and dates for it.
//! Pure functions, tested natively.

pub use mcx_display::link::{credential_text, encode_component};
use mcx_verifier_core::share::{encode_fragment, encode_fragment_for_qr};

/// The verification link of a credential's text: the verifier page `base`
/// with the credential in the fragment (`#vc=1.…`, base64url).
pub fn verification_link(base: &str, credential: &str) -> String {
    format!("{base}#vc={}", encode_fragment(credential.as_bytes()))
}

/// What the QR code of a verification link holds: the same link with the
/// same payload in base32 (`#vc=1:…`), which a QR code stores in its
/// alphanumeric mode at 5.5 bits a character instead of 8, so the code is
/// smaller although the text is longer.
pub fn qr_link(base: &str, credential: &str) -> String {
    format!(
        "{base}#vc={}",
        encode_fragment_for_qr(credential.as_bytes())
    )
}

/// Year and month of an RFC 3339 / ISO 8601 date (`2026-03-01T…`).
pub fn year_month(date: &str) -> Option<(i32, u32)> {
    let year: i32 = date.get(0..4)?.parse().ok()?;
    if date.get(4..5)? != "-" {
        return None;
    }
    let month: u32 = date.get(5..7)?.parse().ok()?;
    (1..=12).contains(&month).then_some((year, month))
}

/// What goes into LinkedIn's form.
#[derive(Clone, Debug, Default)]
pub struct Certification<'a> {
    /// Certification name (the achievement).
    pub name: &'a str,
    /// Issuing organisation.
    pub organization: &'a str,
    /// Issue date (ISO).
    pub issued: Option<&'a str>,
    /// Expiry date (ISO).
    pub expires: Option<&'a str>,
    /// The verification link.
    pub url: &'a str,
    /// The credential's identifier.
    pub id: Option<&'a str>,
}

/// The address of LinkedIn's "add license or certification" form, filled in.
pub fn linkedin_url(c: &Certification) -> String {
    let mut params: Vec<(&str, String)> = vec![
        ("startTask", "CERTIFICATION_NAME".into()),
        ("name", c.name.into()),
        ("organizationName", c.organization.into()),
    ];
    if let Some((year, month)) = c.issued.and_then(year_month) {
        params.push(("issueYear", year.to_string()));
        params.push(("issueMonth", month.to_string()));
    }
    if let Some((year, month)) = c.expires.and_then(year_month) {
        params.push(("expirationYear", year.to_string()));
        params.push(("expirationMonth", month.to_string()));
    }
    params.push(("certUrl", c.url.into()));
    if let Some(id) = c.id {
        params.push(("certId", id.into()));
    }
    let query: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect();
    format!("https://www.linkedin.com/profile/add?{}", query.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qr;
    use mcx_verifier_core::Limits;

    #[test]
    fn encodes_components() {
        assert_eq!(encode_component("a b&c=d/é#"), "a%20b%26c%3Dd%2F%C3%A9%23");
        assert_eq!(encode_component("A-z_0.9~"), "A-z_0.9~");
    }

    #[test]
    fn dates() {
        assert_eq!(year_month("2026-03-01T00:00:00Z"), Some((2026, 3)));
        assert_eq!(year_month("2026-13-01"), None);
        assert_eq!(year_month("26-1"), None);
        assert_eq!(year_month("2026-1é"), None);
    }

    #[test]
    fn linkedin_link_is_fully_encoded() {
        let url = linkedin_url(&Certification {
            name: "Robotics & AI <1>",
            organization: "Universität X",
            issued: Some("2026-03-15T00:00:00Z"),
            expires: Some("2029-03-15T00:00:00Z"),
            url: "https://verify.example/#vc=u1234",
            id: Some("urn:uuid:1"),
        });
        assert_eq!(
            url,
            "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Robotics%20%26%20AI%20%3C1%3E\
             &organizationName=Universit%C3%A4t%20X&issueYear=2026&issueMonth=3&expirationYear=2029\
             &expirationMonth=3&certUrl=https%3A%2F%2Fverify.example%2F%23vc%3Du1234&certId=urn%3Auuid%3A1"
        );
    }

    /// Issue 15: links that fit a CV and LinkedIn, QR codes small enough to
    /// print. Every demo credential and presentation, shared from the public
    /// verifier's address with the site's own functions and QR encoder (level
    /// M, 15% of the code may be damaged, whenever the text fits). Printed with
    /// `cargo test -p mcx-site demo_links -- --nocapture`.
    #[test]
    fn demo_links_fit_a_cv_and_a_small_qr_code() {
        const BASE: &str = "https://verify.microcredx.eu/";
        let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/../demo/credentials");
        let mut files: Vec<_> = std::fs::read_dir(demo)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert!(files.len() >= 15);
        println!(
            "{:<36} {:>6} {:>6}  QR code",
            "demo credential", "text", "link"
        );
        for path in files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&path).unwrap();
            let text = credential_text(&bytes, &Limits::default()).unwrap();
            let link = verification_link(BASE, &text);
            let qr_text = qr_link(BASE, &text);
            // Both carry the credential, byte for byte.
            for l in [&link, &qr_text] {
                let back = credential_text(l.as_bytes(), &Limits::default()).unwrap();
                assert_eq!(back, text, "{name}");
            }
            let svg = qr::encode(&qr_text).unwrap_or_else(|| panic!("{name}: no QR code"));
            println!(
                "{name:<36} {:>6} {:>6}  version {} level {} ({} modules)",
                text.len(),
                link.len(),
                svg.version,
                svg.level,
                svg.size - 8
            );
            if name.ends_with(".json") && !name.starts_with("presentation") {
                // A single JSON credential: level M, at most version 25
                // (117 modules; before: level L, versions 29-32).
                assert_eq!(svg.level, 'M', "{name}");
                assert!(svg.version <= 25, "{name}: QR version {}", svg.version);
                // Was 1,559-1,907 characters (legacy payload, this address).
                assert!(link.len() < 1150, "{name}: {} characters", link.len());
            } else {
                // Presentations and JWTs: level L, a smaller code than before
                // (which was at level L too, and none for the portfolio).
                assert_eq!(svg.level, 'L', "{name}");
                assert!(svg.version <= 38, "{name}: QR version {}", svg.version);
            }
            if name.ends_with(".jwt") {
                // A JWT's payload is base64url, which the dictionary does not
                // match: as long as before (2,769), and not longer.
                assert!(link.len() <= 2771, "{name}: {} characters", link.len());
            }
            if name == "valid-plc-thn.json" {
                // The site's first valid sample (demo/manifest.json): 1,895
                // characters and QR version 32 at level L before. The goal of
                // 900 characters needs a larger dictionary than the widget's
                // size budget leaves room for (see the README's
                // "The verification-link payload").
                assert!(link.len() <= 1090, "{} characters", link.len());
            }
        }
    }
}
