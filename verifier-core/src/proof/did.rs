//! Resolving a proof's verification method to a public key:
//! `did:key`, `did:jwk`, `did:web`, and `https:` URLs of controller
//! documents (W3C Controlled Identifiers v1.0, as Open Badges issuers
//! with an https `id` use them); the host supplies the fetched documents.
//!
//! A key is never taken from the method's URL itself: an `https:` method
//! such as `https://uni.example/issuer#z6Mk…` names a key, but only the
//! document at `https://uni.example/issuer` can say that the key is the
//! issuer's (anyone can write a URL).
//!
//! Resolution also answers "may this key be used for this purpose?": a key
//! listed only under `authentication` cannot sign credentials.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use crate::documents::{Documents, Lookup};
use crate::encoding::json::{self, Value};
use crate::encoding::multibase;
use crate::report::Code;

use super::key::{KeyError, PublicKey};

/// The verification relationship a proof claims.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Issuing credentials (`assertionMethod`).
    AssertionMethod,
    /// Proving control, e.g. a holder signing a presentation (`authentication`).
    Authentication,
}

impl Purpose {
    /// The JSON-LD term of the relationship.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::AssertionMethod => "assertionMethod",
            Purpose::Authentication => "authentication",
        }
    }

    /// Parses a `proofPurpose` value.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "assertionMethod" => Some(Purpose::AssertionMethod),
            "authentication" => Some(Purpose::Authentication),
            _ => None,
        }
    }
}

/// A verification method resolved to its key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Method {
    /// Absolute id of the method (`did:…#…`, `https://…#…`).
    pub id: String,
    /// The DID (or controller document URL) that controls it.
    pub controller: String,
    /// The public key.
    pub key: PublicKey,
}

impl From<KeyError> for DidError {
    fn from(e: KeyError) -> DidError {
        match e {
            KeyError::Malformed(m) => DidError::Malformed(m),
            KeyError::Unsupported(m) => DidError::Unsupported(m),
        }
    }
}

/// Why a verification method could not be resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DidError {
    /// Not a DID URL, or a malformed key inside it.
    Malformed(String),
    /// A DID method or key type this verifier does not support.
    Unsupported(String),
    /// The DID or controller document must be fetched from this URL (host
    /// has not supplied it yet).
    Missing(String),
    /// The host could not fetch the DID or controller document.
    Unavailable {
        /// The document URL.
        url: String,
        /// What the host reported.
        reason: String,
    },
    /// The document does not contain the method.
    NotFound(String),
    /// The method exists but is not authorized for the purpose.
    NotAuthorized {
        /// The method id.
        method: String,
        /// The relationship it lacks.
        purpose: Purpose,
    },
}

impl DidError {
    /// The report code for this failure.
    pub fn code(&self) -> Code {
        match self {
            DidError::Malformed(_) => Code::Malformed,
            DidError::Unsupported(_) => Code::Unsupported,
            DidError::Missing(_) | DidError::Unavailable { .. } => Code::ResourceUnavailable,
            DidError::NotFound(_) | DidError::NotAuthorized { .. } => Code::WrongKey,
        }
    }
}

impl fmt::Display for DidError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DidError::Malformed(m) => write!(f, "malformed key reference: {m}"),
            DidError::Unsupported(m) => write!(f, "unsupported: {m}"),
            DidError::Missing(u) => write!(f, "the key document at {u} is needed"),
            DidError::Unavailable { url, reason } => write!(
                f,
                "the key document at {url} could not be fetched ({reason})"
            ),
            DidError::NotFound(m) => write!(f, "the key {m} is not in its key document"),
            DidError::NotAuthorized { method, purpose } => {
                write!(
                    f,
                    "the key {method} is not authorized for {}",
                    purpose.as_str()
                )
            }
        }
    }
}

/// The DID part of a DID URL (before any `#`, `?` or `/` path).
pub fn did_of(url: &str) -> &str {
    let end = url.find(['#', '?']).unwrap_or(url.len());
    &url[..end]
}

/// Resolves `method_url` (a DID URL naming a verification method) for `purpose`.
pub fn resolve(
    method_url: &str,
    purpose: Purpose,
    documents: &dyn Documents,
) -> Result<Method, DidError> {
    let did = did_of(method_url);
    let fragment = method_url
        .get(did.len()..)
        .and_then(|r| r.strip_prefix('#'));
    if let Some(msid) = did.strip_prefix("did:key:") {
        let key = PublicKey::from_multikey(msid).map_err(|e| match e {
            KeyError::Malformed(m) => DidError::Malformed(format!("{did}: {m}")),
            KeyError::Unsupported(m) => DidError::Unsupported(format!("{did}: {m}")),
        })?;
        // A did:key document has exactly one method, named by the key itself.
        if fragment.is_some_and(|f| f != msid) {
            return Err(DidError::NotFound(method_url.to_string()));
        }
        return Ok(Method {
            id: format!("{did}#{msid}"),
            controller: did.to_string(),
            key,
        });
    }
    if let Some(msid) = did.strip_prefix("did:jwk:") {
        let jwk_bytes = multibase::base64url_decode(msid)
            .ok_or_else(|| DidError::Malformed(format!("{did}: bad base64url")))?;
        let jwk = json::parse(
            &jwk_bytes,
            json::Limits {
                max_bytes: 4096,
                max_depth: 4,
            },
        )
        .map_err(|e| DidError::Malformed(format!("{did}: {e}")))?;
        let key = PublicKey::from_jwk(&jwk)?;
        if fragment.is_some_and(|f| f != "0") {
            return Err(DidError::NotFound(method_url.to_string()));
        }
        return Ok(Method {
            id: format!("{did}#0"),
            controller: did.to_string(),
            key,
        });
    }
    let url = if did.starts_with("did:web:") {
        web_document_url(did)?
    } else if did
        .get(..8)
        .is_some_and(|p| p.eq_ignore_ascii_case("https://"))
    {
        // A controller document, identified by the URL it is served at.
        did.to_string()
    } else {
        return Err(unsupported(did, method_url));
    };
    let bytes = match documents.get(&url) {
        Lookup::Found(b) => b,
        Lookup::Failed(reason) => {
            return Err(DidError::Unavailable {
                url,
                reason: reason.to_string(),
            })
        }
        Lookup::Missing => return Err(DidError::Missing(url)),
    };
    let doc = json::parse(
        bytes,
        json::Limits {
            max_bytes: 256 * 1024,
            max_depth: 16,
        },
    )
    .map_err(|e| DidError::Malformed(format!("key document {url}: {e}")))?;
    from_document(&doc, did, method_url, purpose)
}

/// Why `method_url` (whose DID or document part is `did`) cannot be resolved.
fn unsupported(did: &str, method_url: &str) -> DidError {
    if did.starts_with("did:") {
        let method = did.split(':').nth(1).unwrap_or("");
        return DidError::Unsupported(format!("the DID method did:{method}"));
    }
    DidError::Unsupported(format!(
        "key reference {method_url} (only did:key, did:jwk, did:web and https key documents are supported)"
    ))
}

/// The HTTPS URL of a `did:web` document (did:web method spec §3.2).
pub fn web_document_url(did: &str) -> Result<String, DidError> {
    let rest = did
        .strip_prefix("did:web:")
        .ok_or_else(|| DidError::Malformed(did.to_string()))?;
    let mut parts = rest.split(':');
    let host = parts
        .next()
        .unwrap_or("")
        .replace("%3A", ":")
        .replace("%3a", ":");
    let valid_host = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:".contains(&b));
    if !valid_host {
        return Err(DidError::Malformed(format!("{did}: invalid host")));
    }
    let path: Vec<&str> = parts.collect();
    if path
        .iter()
        .any(|p| p.is_empty() || p.contains(['/', '?', '#', '%']) || *p == "." || *p == "..")
    {
        return Err(DidError::Malformed(format!("{did}: invalid path")));
    }
    Ok(if path.is_empty() {
        format!("https://{host}/.well-known/did.json")
    } else {
        format!("https://{host}/{}/did.json", path.join("/"))
    })
}

/// Finds `method_url` in a DID document and checks it is authorized for `purpose`.
fn from_document(
    doc: &Value,
    did: &str,
    method_url: &str,
    purpose: Purpose,
) -> Result<Method, DidError> {
    if doc.get("id").and_then(Value::as_str) != Some(did) {
        return Err(DidError::Malformed(format!(
            "the key document's id is not {did}"
        )));
    }
    let absolute = |id: &str| {
        if id.starts_with('#') {
            format!("{did}{id}")
        } else {
            id.to_string()
        }
    };
    let mut found: Option<&Value> = None;
    for vm in doc
        .get("verificationMethod")
        .map(Value::one_or_many)
        .unwrap_or(&[])
    {
        if vm
            .get("id")
            .and_then(Value::as_str)
            .map(absolute)
            .as_deref()
            == Some(method_url)
        {
            found = Some(vm);
        }
    }
    let mut authorized = false;
    for entry in doc
        .get(purpose.as_str())
        .map(Value::one_or_many)
        .unwrap_or(&[])
    {
        match entry {
            Value::String(r) if absolute(r) == method_url => authorized = true,
            Value::Object(_)
                if entry
                    .get("id")
                    .and_then(Value::as_str)
                    .map(absolute)
                    .as_deref()
                    == Some(method_url) =>
            {
                authorized = true;
                found = Some(entry);
            }
            _ => {}
        }
    }
    let vm = found.ok_or_else(|| DidError::NotFound(method_url.to_string()))?;
    if !authorized {
        return Err(DidError::NotAuthorized {
            method: method_url.to_string(),
            purpose,
        });
    }
    let controller = vm.get("controller").and_then(Value::as_str).unwrap_or(did);
    if controller != did {
        return Err(DidError::NotFound(format!(
            "{method_url} (controlled by {controller}, not {did})"
        )));
    }
    let key = method_key(vm)?;
    Ok(Method {
        id: method_url.to_string(),
        controller: did.to_string(),
        key,
    })
}

/// The key of a verification method object of any supported type.
pub fn method_key(vm: &Value) -> Result<PublicKey, DidError> {
    let ty = vm.get("type").and_then(Value::as_str).unwrap_or("");
    match ty {
        "Multikey" | "Ed25519VerificationKey2020" => {
            let mb = vm
                .get("publicKeyMultibase")
                .and_then(Value::as_str)
                .ok_or_else(|| DidError::Malformed(format!("{ty} without publicKeyMultibase")))?;
            let key = PublicKey::from_multikey(mb)?;
            if ty != "Multikey" && !matches!(key, PublicKey::Ed25519(_)) {
                return Err(DidError::Malformed(format!(
                    "{ty} with a {} key",
                    key.type_name()
                )));
            }
            Ok(key)
        }
        "Ed25519VerificationKey2018" => {
            let b58 = vm
                .get("publicKeyBase58")
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    DidError::Malformed(
                        "Ed25519VerificationKey2018 without publicKeyBase58".to_string(),
                    )
                })?;
            let raw =
                multibase::base58_decode(b58).map_err(|e| DidError::Malformed(e.to_string()))?;
            Ok(PublicKey::from_ed25519_bytes(&raw)?)
        }
        "JsonWebKey2020" | "JsonWebKey" => {
            let jwk = vm
                .get("publicKeyJwk")
                .ok_or_else(|| DidError::Malformed(format!("{ty} without publicKeyJwk")))?;
            Ok(PublicKey::from_jwk(jwk)?)
        }
        other => Err(DidError::Unsupported(format!(
            "verification method type {}",
            crate::encoding::json::quoted(other)
        ))),
    }
}

/// The `did:key` of an Ed25519 public key.
pub fn did_key(key: &[u8; 32]) -> String {
    format!("did:key:{}", multibase::encode_ed25519_multikey(key))
}

/// The verification method id of an Ed25519 `did:key`.
pub fn did_key_method(key: &[u8; 32]) -> String {
    let mk = multibase::encode_ed25519_multikey(key);
    format!("did:key:{mk}#{mk}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::Resources;

    #[test]
    fn did_web_urls() {
        assert_eq!(
            web_document_url("did:web:w3c-ccg.github.io").unwrap(),
            "https://w3c-ccg.github.io/.well-known/did.json"
        );
        assert_eq!(
            web_document_url("did:web:w3c-ccg.github.io:user:alice").unwrap(),
            "https://w3c-ccg.github.io/user/alice/did.json"
        );
        assert_eq!(
            web_document_url("did:web:example.com%3A3000").unwrap(),
            "https://example.com:3000/.well-known/did.json"
        );
        assert!(web_document_url("did:web:exa mple.com").is_err());
        assert!(web_document_url("did:web:example.com:..").is_err());
    }

    #[test]
    fn did_key_and_jwk() {
        let r = Resources::new();
        let vm = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
        let m = resolve(vm, Purpose::AssertionMethod, &r).unwrap();
        assert_eq!(m.controller, did_of(vm));
        let truncated = multibase::encode_base58btc(&[0xed, 0x01, 1, 2, 3]);
        assert!(matches!(
            resolve(
                &format!("did:key:{truncated}"),
                Purpose::AssertionMethod,
                &r
            ),
            Err(DidError::Malformed(_))
        ));
        // secp256k1 (did:key spec example): a key type we do not support.
        assert!(matches!(
            resolve(
                "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme",
                Purpose::AssertionMethod,
                &r
            ),
            Err(DidError::Unsupported(_))
        ));
        // The W3C vc-di-ecdsa P-256 test key.
        let p256 = "did:key:zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP";
        let m = resolve(p256, Purpose::AssertionMethod, &r).unwrap();
        assert_eq!(m.key.type_name(), "P-256");
        let jwk =
            r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
        let did = format!("did:jwk:{}", multibase::base64url_encode(jwk.as_bytes()));
        let m = resolve(&format!("{did}#0"), Purpose::AssertionMethod, &r).unwrap();
        assert_eq!(m.controller, did);
        assert!(matches!(
            resolve("did:example:123#k", Purpose::AssertionMethod, &r),
            Err(DidError::Unsupported(_))
        ));
    }

    #[test]
    fn https_controller_documents() {
        const KEY: &str = "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
        let issuer = "https://uni.example/issuers/1";
        let vm = format!("{issuer}#{KEY}");
        let mut r = Resources::new();
        // The key in the URL is not trusted on its own: the document is asked for.
        assert_eq!(
            resolve(&vm, Purpose::AssertionMethod, &r),
            Err(DidError::Missing(issuer.into()))
        );
        assert_eq!(r.take_missing(), [issuer]);
        let doc = format!(
            r##"{{"@context":"https://www.w3.org/ns/cid/v1","id":"{issuer}","verificationMethod":[{{"id":"#{KEY}","type":"Multikey","controller":"{issuer}","publicKeyMultibase":"{KEY}"}}],"assertionMethod":["#{KEY}"]}}"##
        );
        r.insert(issuer, doc.clone().into_bytes());
        let m = resolve(&vm, Purpose::AssertionMethod, &r).unwrap();
        assert_eq!(m.controller, issuer);
        assert_eq!(m.id, vm);
        // A document served at another address does not vouch for the key.
        let elsewhere = "https://evil.example/issuers/1";
        r.insert(elsewhere, doc.into_bytes());
        assert!(matches!(
            resolve(&format!("{elsewhere}#{KEY}"), Purpose::AssertionMethod, &r),
            Err(DidError::Malformed(_))
        ));
        // A key the document does not list is not the issuer's.
        assert!(matches!(
            resolve(
                &format!("{issuer}#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"),
                Purpose::AssertionMethod,
                &r
            ),
            Err(DidError::NotFound(_))
        ));
        // Plain http and other schemes are not key documents.
        for bad in [
            "http://uni.example/i#k",
            "urn:uuid:1234#k",
            "z6Mk",
            "xxx:z6Mk",
        ] {
            assert!(matches!(
                resolve(bad, Purpose::AssertionMethod, &r),
                Err(DidError::Unsupported(_))
            ));
        }
    }

    #[test]
    fn did_web_documents() {
        let mut r = Resources::new();
        let vm = "did:web:example.com#key-1";
        assert_eq!(
            resolve(vm, Purpose::AssertionMethod, &r),
            Err(DidError::Missing(
                "https://example.com/.well-known/did.json".into()
            ))
        );
        assert_eq!(
            r.take_missing(),
            ["https://example.com/.well-known/did.json"]
        );
        let doc = r##"{"id":"did:web:example.com","verificationMethod":[{"id":"#key-1","type":"Multikey","controller":"did:web:example.com","publicKeyMultibase":"z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"}],"assertionMethod":["#key-1"]}"##;
        r.insert(
            "https://example.com/.well-known/did.json",
            doc.as_bytes().to_vec(),
        );
        assert!(resolve(vm, Purpose::AssertionMethod, &r).is_ok());
        assert!(matches!(
            resolve(vm, Purpose::Authentication, &r),
            Err(DidError::NotAuthorized { .. })
        ));
        assert!(matches!(
            resolve("did:web:example.com#key-2", Purpose::AssertionMethod, &r),
            Err(DidError::NotFound(_))
        ));
    }
}
