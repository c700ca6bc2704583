//! The JSON-LD contexts the verifier knows, bundled into the binary.
//!
//! Signatures over RDF (`eddsa-rdfc-2022`, `Ed25519Signature2020`) are only as
//! trustworthy as the contexts used to expand the document: a context fetched
//! at verification time could be swapped to change what a signed credential
//! means. So the core never fetches; it resolves exactly these documents, byte
//! for byte as published (pinned by SHA-256 in `contexts/README.md`, checked by
//! a test), and anything else is an error in `jsonld`.

/// (context URL, document text), exact published bytes.
const BUNDLED: &[(&str, &str)] = &[
    (
        "https://www.w3.org/2018/credentials/v1",
        include_str!("../../contexts/credentials-v1.jsonld"),
    ),
    (
        "https://www.w3.org/ns/credentials/v2",
        include_str!("../../contexts/credentials-v2.jsonld"),
    ),
    (
        "https://www.w3.org/ns/credentials/examples/v2",
        include_str!("../../contexts/credentials-examples-v2.jsonld"),
    ),
    (
        "https://www.w3.org/2018/credentials/examples/v1",
        include_str!("../../contexts/credentials-examples-v1.jsonld"),
    ),
    (
        "https://w3id.org/security/data-integrity/v1",
        include_str!("../../contexts/data-integrity-v1.jsonld"),
    ),
    (
        "https://w3id.org/security/data-integrity/v2",
        include_str!("../../contexts/data-integrity-v2.jsonld"),
    ),
    (
        "https://w3id.org/security/multikey/v1",
        include_str!("../../contexts/multikey-v1.jsonld"),
    ),
    (
        "https://w3id.org/security/suites/ed25519-2020/v1",
        include_str!("../../contexts/ed25519-signature-2020-v1.jsonld"),
    ),
    (
        "https://w3id.org/security/suites/jws-2020/v1",
        include_str!("../../contexts/jws-2020-v1.jsonld"),
    ),
    (
        "https://w3id.org/vc/status-list/2021/v1",
        include_str!("../../contexts/vc-status-list-2021-v1.jsonld"),
    ),
    (
        "https://www.w3.org/ns/credentials/status/v1",
        include_str!("../../contexts/credentials-status-v1.jsonld"),
    ),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
        include_str!("../../contexts/ob-v3p0-context-3.0.0.json"),
    ),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
        include_str!("../../contexts/ob-v3p0-context-3.0.1.json"),
    ),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
        include_str!("../../contexts/ob-v3p0-context-3.0.2.json"),
    ),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        include_str!("../../contexts/ob-v3p0-context-3.0.3.json"),
    ),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
        include_str!("../../contexts/ob-v3p0-extensions.json"),
    ),
    (
        "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
        include_str!("../../contexts/clr-v2p0-context-2.0.1.json"),
    ),
    (
        "https://w3id.org/dcc/v1",
        include_str!("../../contexts/dcc-v1.json"),
    ),
    (
        EU_MICROCREDENTIAL_V1,
        include_str!("../../contexts/mcx-eu-microcredential-v1.jsonld"),
    ),
];

/// URL of the MicroCredX extension context for the EU micro-credential
/// elements that Open Badges 3.0 has no property for (type of assessment,
/// form of participation, quality assurance, ...).
pub const EU_MICROCREDENTIAL_V1: &str = "https://w3id.org/microcredx/eu-mc/v1";

/// The bundled document for a context URL (exact match: no normalisation, so
/// that what is looked up is exactly what the document names).
pub fn lookup(url: &str) -> Option<&'static str> {
    BUNDLED.iter().find(|(u, _)| *u == url).map(|(_, doc)| *doc)
}

/// Every bundled context URL, for listing what the verifier supports.
pub fn urls() -> impl Iterator<Item = &'static str> {
    BUNDLED.iter().map(|(u, _)| *u)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};
    use std::string::String;
    use std::vec::Vec;

    const README: &str = include_str!("../../contexts/README.md");

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| std::format!("{b:02x}")).collect()
    }

    /// (url, file, sha256) from the README table rows.
    fn pinned() -> Vec<(String, String, String)> {
        README
            .lines()
            .filter(|l| l.starts_with("| http"))
            .map(|l| {
                let cells: Vec<&str> = l.split('|').map(str::trim).collect();
                let url = cells[1].split_whitespace().next().unwrap().into();
                let file = cells[2].trim_matches('`').into();
                let sha = cells[3].trim_matches('`').into();
                (url, file, sha)
            })
            .collect()
    }

    #[test]
    fn every_bundled_context_matches_its_pinned_hash() {
        let rows = pinned();
        assert_eq!(
            rows.len(),
            BUNDLED.len(),
            "README table and bundle differ in size"
        );
        for (url, file, sha) in &rows {
            let doc = lookup(url).unwrap_or_else(|| panic!("{url} ({file}) is not bundled"));
            assert_eq!(&hex(&Sha256::digest(doc.as_bytes())), sha, "{url} ({file})");
        }
        for url in urls() {
            assert!(
                rows.iter().any(|(u, _, _)| u == url),
                "{url} missing from README"
            );
        }
    }

    #[test]
    fn every_bundled_context_is_a_json_ld_context_document() {
        for url in urls() {
            let doc = crate::encoding::json::parse_str(lookup(url).unwrap()).unwrap();
            // An object, or an array of them and context URLs (examples/v1 imports ODRL).
            let ctx = doc.get("@context").expect(url);
            assert!(
                ctx.as_object().is_some() || ctx.as_array().is_some(),
                "{url}"
            );
        }
    }

    #[test]
    fn lookup_is_exact() {
        assert!(lookup("https://www.w3.org/ns/credentials/v2").is_some());
        assert!(lookup("https://www.w3.org/ns/credentials/v2/").is_none());
        assert!(lookup("http://www.w3.org/ns/credentials/v2").is_none());
        assert!(lookup(EU_MICROCREDENTIAL_V1).is_some());
    }
}
