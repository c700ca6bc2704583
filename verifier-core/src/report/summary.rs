//! What a credential says, extracted for display: issuer, learner, the
//! Open Badges 3.0 achievement, dates, and which elements of an EU
//! micro-credential (Council Recommendation of 16 June 2022, Annex I) are
//! present. Values are copied as text; hosts must render them as text.

use alloc::string::String;
use alloc::vec::Vec;

use crate::encoding::json::{Object, Value};

/// Longest text copied into a summary; longer values are cut (on a
/// character boundary) so that a hostile credential cannot bloat the report.
const MAX_TEXT: usize = 4096;
/// Most alignments / list entries copied.
const MAX_ITEMS: usize = 32;

/// A text value: a string, a `{"@value": …}` object, or the first of a
/// language-tagged array.
fn text(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.as_str(),
        Value::Object(o) => o.get("@value").and_then(Value::as_str)?,
        Value::Array(a) => return a.iter().find_map(text),
        Value::Number(n) => n.literal(),
        Value::Bool(b) => {
            if *b {
                "true"
            } else {
                "false"
            }
        }
        Value::Null => return None,
    };
    let mut end = s.len().min(MAX_TEXT);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    Some(String::from(&s[..end]))
}

fn put_text(out: &mut Object, key: &str, v: Option<&Value>) {
    if let Some(Value::Number(n)) = v {
        out.insert(key, Value::Number(n.clone()));
    } else if let Some(t) = v.and_then(text) {
        out.insert(key, Value::String(t));
    }
}

fn id_or_self(v: &Value) -> Option<&Value> {
    match v {
        Value::Object(o) => o.get("id"),
        other => Some(other),
    }
}

/// An image reference: a string or an `Image` object's `id`.
fn image(v: Option<&Value>) -> Option<Value> {
    v.and_then(id_or_self).and_then(text).map(Value::String)
}

fn party(v: Option<&Value>) -> Value {
    let mut o = Object::new();
    match v {
        Some(Value::String(id)) => o.insert("id", Value::from(id.as_str())),
        Some(Value::Object(p)) => {
            for k in ["id", "name", "url", "email", "description"] {
                put_text(&mut o, k, p.get(k));
            }
            if let Some(img) = image(p.get("image")) {
                o.insert("image", img);
            }
            if let Some(Value::Object(addr)) = p.get("address") {
                put_text(&mut o, "country", addr.get("addressCountry"));
                put_text(&mut o, "countryCode", addr.get("addressCountryCode"));
                put_text(&mut o, "locality", addr.get("addressLocality"));
            }
        }
        _ => {}
    }
    Value::Object(o)
}

fn alignments(v: Option<&Value>) -> Value {
    let list = v.map(Value::one_or_many).unwrap_or(&[]);
    Value::Array(
        list.iter()
            .take(MAX_ITEMS)
            .filter_map(Value::as_object)
            .map(|a| {
                let mut o = Object::new();
                for k in [
                    "targetName",
                    "targetUrl",
                    "targetCode",
                    "targetFramework",
                    "targetType",
                    "targetDescription",
                ] {
                    put_text(&mut o, k, a.get(k));
                }
                Value::Object(o)
            })
            .collect(),
    )
}

fn achievement(a: &Object) -> Value {
    let mut o = Object::new();
    for k in [
        "id",
        "name",
        "description",
        "achievementType",
        "creditsAvailable",
        "fieldOfStudy",
        "humanCode",
        "inLanguage",
        "specialization",
        "version",
    ] {
        put_text(&mut o, k, a.get(k));
    }
    match a.get("criteria") {
        Some(Value::Object(c)) => {
            put_text(&mut o, "criteria", c.get("narrative"));
            put_text(&mut o, "criteriaUrl", c.get("id"));
        }
        other => put_text(&mut o, "criteria", other),
    }
    if let Some(img) = image(a.get("image")) {
        o.insert("image", img);
    }
    o.insert("alignments", alignments(a.get("alignment")));
    Value::Object(o)
}

/// The subject(s) of a credential: the first `credentialSubject`.
fn subject(doc: &Object) -> Option<&Object> {
    doc.get("credentialSubject")
        .map(Value::one_or_many)
        .and_then(|s| s.first())
        .and_then(Value::as_object)
}

/// The display summary of a credential.
pub fn credential(doc: &Object) -> Value {
    let mut out = Object::new();
    for k in ["id", "name", "description"] {
        put_text(&mut out, k, doc.get(k));
    }
    let types: Vec<Value> = doc
        .get("type")
        .map(Value::one_or_many)
        .unwrap_or(&[])
        .iter()
        .take(MAX_ITEMS)
        .filter_map(text)
        .map(Value::String)
        .collect();
    out.insert("type", Value::Array(types));
    out.insert("issuer", party(doc.get("issuer")));
    let subj = subject(doc);
    let mut s = Object::new();
    if let Some(sub) = subj {
        for k in ["id", "name", "type"] {
            put_text(&mut s, k, sub.get(k));
        }
        if let Some(Value::Object(ident)) = sub
            .get("identifier")
            .map(Value::one_or_many)
            .and_then(|i| i.first())
        {
            put_text(&mut s, "identifier", ident.get("identityHash"));
        }
    }
    out.insert("subject", Value::Object(s));
    let ach = subj
        .and_then(|s| s.get("achievement"))
        .and_then(Value::as_object);
    if let Some(a) = ach {
        out.insert("achievement", achievement(a));
    }
    let from = doc
        .get("validFrom")
        .or(doc.get("issuanceDate"))
        .or(doc.get("awardedDate"));
    put_text(&mut out, "validFrom", from);
    put_text(
        &mut out,
        "validUntil",
        doc.get("validUntil").or(doc.get("expirationDate")),
    );
    if let Some(img) = image(doc.get("image")) {
        out.insert("image", img);
    }
    out.insert("euElements", eu_elements(doc, subj, ach));
    Value::Object(out)
}

/// The display summary of a presentation.
pub fn presentation(doc: &Object) -> Value {
    let mut out = Object::new();
    put_text(&mut out, "id", doc.get("id"));
    out.insert("holder", party(doc.get("holder")));
    Value::Object(out)
}

/// Namespace of our extension context for EU elements OB 3.0 lacks.
pub const EU_EXTENSION_CONTEXT: &str = "https://w3id.org/microcredx/eu-mc/v1";

/// One element of Annex I: its stable key, whether it is mandatory, and the
/// credential fields (in order of preference) where it is found.
struct Element {
    key: &'static str,
    mandatory: bool,
}

const ELEMENTS: [Element; 16] = [
    Element {
        key: "learner",
        mandatory: true,
    },
    Element {
        key: "title",
        mandatory: true,
    },
    Element {
        key: "country",
        mandatory: true,
    },
    Element {
        key: "awardingBody",
        mandatory: true,
    },
    Element {
        key: "dateOfIssuing",
        mandatory: true,
    },
    Element {
        key: "learningOutcomes",
        mandatory: true,
    },
    Element {
        key: "workload",
        mandatory: true,
    },
    Element {
        key: "level",
        mandatory: true,
    },
    Element {
        key: "typeOfAssessment",
        mandatory: true,
    },
    Element {
        key: "formOfParticipation",
        mandatory: true,
    },
    Element {
        key: "qualityAssurance",
        mandatory: true,
    },
    Element {
        key: "prerequisites",
        mandatory: false,
    },
    Element {
        key: "supervisionAndIdentityVerification",
        mandatory: false,
    },
    Element {
        key: "grade",
        mandatory: false,
    },
    Element {
        key: "integrationStackability",
        mandatory: false,
    },
    Element {
        key: "furtherInformation",
        mandatory: false,
    },
];

/// Which Annex I elements the credential carries, with their values as text.
fn eu_elements(doc: &Object, subj: Option<&Object>, ach: Option<&Object>) -> Value {
    let issuer = doc.get("issuer").and_then(Value::as_object);
    let in_ach = |k: &str| ach.and_then(|a| a.get(k));
    // Extension terms may sit on the achievement, the subject or the credential.
    let ext = |k: &str| {
        in_ach(k)
            .or_else(|| subj.and_then(|s| s.get(k)))
            .or_else(|| doc.get(k))
    };
    let level = ach
        .and_then(|a| a.get("alignment"))
        .map(Value::one_or_many)
        .unwrap_or(&[])
        .iter()
        .find(|al| {
            let fw = al.get("targetFramework").and_then(text).unwrap_or_default();
            let ty = al.get("targetType").and_then(text).unwrap_or_default();
            fw.contains("EQF")
                || fw.contains("European Qualifications Framework")
                || ty.contains("EQF")
        })
        .and_then(|al| al.get("targetName").or(al.get("targetCode")));
    let value = |key: &str| -> Option<String> {
        let v = match key {
            "learner" => subj.and_then(|s| s.get("name").or(s.get("id"))),
            "title" => in_ach("name").or(doc.get("name")),
            "country" => issuer
                .and_then(|i| i.get("address"))
                .and_then(|a| a.get("addressCountry").or(a.get("addressCountryCode"))),
            "awardingBody" => issuer.and_then(|i| i.get("name")),
            "dateOfIssuing" => doc
                .get("validFrom")
                .or(doc.get("issuanceDate"))
                .or(doc.get("awardedDate")),
            "learningOutcomes" => {
                ext("learningOutcomes").or(in_ach("criteria").and_then(|c| c.get("narrative")))
            }
            "workload" => in_ach("creditsAvailable").or(ext("workload")),
            "level" => level.or(ext("eqfLevel")),
            "grade" => subj
                .and_then(|s| s.get("result"))
                .and_then(|r| r.one_or_many().first())
                .and_then(|r| r.get("value")),
            "furtherInformation" => ext("furtherInformation").or(in_ach("id")),
            other => ext(other),
        };
        v.and_then(text)
    };
    Value::Array(
        ELEMENTS
            .iter()
            .map(|e| {
                let mut o = Object::new();
                o.insert("element", Value::from(e.key));
                o.insert("mandatory", Value::Bool(e.mandatory));
                match value(e.key) {
                    Some(v) => {
                        o.insert("present", Value::Bool(true));
                        o.insert("value", Value::String(v));
                    }
                    None => o.insert("present", Value::Bool(false)),
                }
                Value::Object(o)
            })
            .collect(),
    )
}
