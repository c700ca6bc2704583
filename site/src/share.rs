//! Links for sharing a verified credential: LinkedIn's add-certification
//! form and dates for it. Pure functions, tested natively.

/// Percent-encodes everything except the unreserved characters of RFC 3986,
/// like `encodeURIComponent` but stricter (also `!'()*`).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
}
