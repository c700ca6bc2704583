//! The W3C Verifiable Credentials data model as the checks see it: which
//! version a document follows, its types, and the ids of its issuer and
//! holder. Plain functions of a JSON object, used by every layer above.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::encoding::json::{Object, Value};

/// The VC Data Model 1.1 base context.
pub const VC_V1: &str = "https://www.w3.org/2018/credentials/v1";
/// The VC Data Model 2.0 base context.
pub const VC_V2: &str = "https://www.w3.org/ns/credentials/v2";

/// The version of the VC Data Model a document follows, from its first
/// `@context` entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataModel {
    /// VC Data Model 1.1 (`issuanceDate`, `expirationDate`).
    V1_1,
    /// VC Data Model 2.0 (`validFrom`, `validUntil`).
    V2_0,
}

impl DataModel {
    /// `"1.1"` or `"2.0"`, as reports state it (`details.dataModel`).
    pub fn as_str(self) -> &'static str {
        match self {
            DataModel::V1_1 => "1.1",
            DataModel::V2_0 => "2.0",
        }
    }
}

pub fn types(doc: &Object) -> Vec<&str> {
    doc.get("type")
        .map(Value::one_or_many)
        .unwrap_or(&[])
        .iter()
        .filter_map(Value::as_str)
        .collect()
}

/// The id a value names: a string, or a node object's `id`.
pub fn node_id(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(o) => o.get("id").and_then(Value::as_str),
        _ => None,
    }
}

/// The id of a credential's issuer (a string, or an object's `id`).
pub fn issuer_id(doc: &Object) -> Option<&str> {
    doc.get("issuer").and_then(node_id)
}

pub fn holder_id(doc: &Object) -> Option<&str> {
    doc.get("holder").and_then(node_id)
}

/// Names a well-formed document of a format this verifier recognizes but
/// does not check (yet), so that it is reported as `unsupported`, naming
/// the format, rather than as a damaged credential.
pub fn foreign_format(doc: &Object) -> Option<&'static str> {
    let contexts: Vec<&str> = doc
        .get("@context")
        .map(Value::one_or_many)
        .unwrap_or(&[])
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let has = |k: &str| doc.contains_key(k);
    // Europass credentials are VCs too, but in a model of their own.
    if types(doc).contains(&"EuropeanDigitalCredential")
        || contexts.iter().any(|c| c.contains("data.europa.eu/snb"))
    {
        return Some("a Europass digital credential (EDC)");
    }
    // Anything else in the VC data model is checked as a VC.
    if data_model(doc).is_ok() {
        return None;
    }
    if has("payload") && (has("signatures") || has("signature")) {
        return Some("a JWS in JSON serialization (the envelope of Europass JAdES seals)");
    }
    if contexts
        .iter()
        .any(|c| c.starts_with("https://w3id.org/openbadges/v2"))
        || (has("recipient") && has("badge") && has("verification"))
    {
        return Some("an Open Badges 2.0 assertion");
    }
    if contexts
        .iter()
        .any(|c| c.starts_with("https://w3id.org/openbadges/v1"))
        || (has("recipient") && has("badge"))
    {
        return Some("an Open Badges 1.x assertion");
    }
    None
}

/// The data model version from the first `@context` entry.
pub fn data_model(doc: &Object) -> Result<DataModel, &'static str> {
    let first = doc
        .get("@context")
        .map(Value::one_or_many)
        .and_then(|c| c.first())
        .and_then(Value::as_str);
    match first {
        Some(VC_V2) => Ok(DataModel::V2_0),
        Some(VC_V1) => Ok(DataModel::V1_1),
        Some(_) => Err("its first @context is not the VC 1.1 or 2.0 context"),
        None => Err("it has no @context"),
    }
}

/// Checks the shape of a credential; `Err` is the sentence to report.
pub fn credential_shape(doc: &Object) -> Result<DataModel, String> {
    let version =
        data_model(doc).map_err(|m| format!("This is not a verifiable credential: {m}."))?;
    if !types(doc).contains(&"VerifiableCredential") {
        return Err(
            "This is not a verifiable credential: its type does not include VerifiableCredential."
                .to_string(),
        );
    }
    match issuer_id(doc) {
        None => {
            return Err("The credential does not name its issuer (issuer id missing).".to_string())
        }
        Some(i) if !is_absolute_uri(i) => {
            return Err(format!(
                "The issuer id {} is not a URL or DID.",
                crate::encoding::json::quoted(i)
            ))
        }
        Some(_) => {}
    }
    if let Some(id) = doc.get("id") {
        // A relative id would silently vanish from the signed RDF form.
        if !id.as_str().is_some_and(is_absolute_uri) {
            return Err(
                "The credential's id is not a URL (VC Data Model: id must be a URL).".to_string(),
            );
        }
    }
    if doc.get("credentialSubject").is_none() {
        return Err("The credential has no credentialSubject.".to_string());
    }
    if version == DataModel::V1_1 && doc.get("issuanceDate").is_none() {
        return Err("A VC 1.1 credential must have an issuanceDate.".to_string());
    }
    Ok(version)
}

/// True for `scheme:rest` per RFC 3986 §3.1 (a URL, URN or DID).
pub fn is_absolute_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.is_empty()
        && !s.contains(char::is_whitespace)
}
