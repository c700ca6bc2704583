//! Reading a registry document into the model, bounded and strict: an
//! inconsistent registry (a DID listed twice, a recognition of a
//! non-member, history out of order) is refused as a whole.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::model::{
    clip, CombinedOffer, Component, EventKind, LangText, Member, QualityAssurance, Recognition,
    StatusEvent,
};
use super::{
    Registry, RegistryError, MAX_ITEMS, MAX_MEMBERS, MAX_OFFERS, MAX_RECOGNITIONS, REGISTRY_TYPE,
};
use crate::encoding::json::{Number, Object, Value};
use crate::model::issuer_id;
use crate::proof::did;
use crate::time::Timestamp;

pub(super) fn malformed(m: impl Into<String>) -> RegistryError {
    RegistryError::Malformed(m.into())
}

pub(super) fn req_str<'a>(o: &'a Object, k: &str, what: &str) -> Result<&'a str, RegistryError> {
    o.get(k)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| malformed(format!("{what} has no {k}")))
}

pub(super) fn opt_str(o: &Object, k: &str) -> Option<String> {
    o.get(k).and_then(Value::as_str).map(clip)
}

pub(super) fn date(o: &Object, k: &str, what: &str) -> Result<Option<Timestamp>, RegistryError> {
    match o.get(k) {
        None => Ok(None),
        Some(v) => v
            .as_str()
            .and_then(|s| Timestamp::parse_rfc3339(s).ok())
            .map(Some)
            .ok_or_else(|| malformed(format!("{what}: {k} is not a date"))),
    }
}

pub(super) fn list<'a>(o: &'a Object, k: &str, max: usize) -> Result<&'a [Value], RegistryError> {
    let l = match o.get(k) {
        None => &[][..],
        Some(Value::Array(a)) => a.as_slice(),
        Some(_) => return Err(malformed(format!("{k} must be an array"))),
    };
    if l.len() > max {
        return Err(malformed(format!("{k} has more than {max} entries")));
    }
    Ok(l)
}

pub(super) fn obj<'a>(v: &'a Value, what: &str) -> Result<&'a Object, RegistryError> {
    v.as_object()
        .ok_or_else(|| malformed(format!("{what} is not an object")))
}

/// A member identifier: a DID, or the `https:` URL of a key document
/// (what an issuer with an https `id` signs with, see [`crate::proof::did`]).
pub(super) fn is_identifier(s: &str) -> bool {
    (s.starts_with("did:") || s.starts_with("https://"))
        && s.len() <= 2048
        && !s.contains(['#', '?', ' '])
}

pub(super) fn ects(o: &Object, what: &str) -> Result<f64, RegistryError> {
    let x = o
        .get("ects")
        .and_then(Value::as_number)
        .map(Number::as_f64)
        .ok_or_else(|| malformed(format!("{what} has no ects number")))?;
    if x.is_finite() && (0.0..=1000.0).contains(&x) {
        Ok(x)
    } else {
        // As `{x}` would write it, without linking `core::fmt`'s float printing.
        let x = crate::encoding::decimal::display(x);
        Err(malformed(format!("{what}: ects {x} is out of range")))
    }
}

pub(super) fn parse_member(v: &Value) -> Result<Member, RegistryError> {
    let o = obj(v, "a member")?;
    let id = req_str(o, "id", "a member")?;
    let what = format!("member {id}");
    if !is_identifier(id) {
        return Err(malformed(format!(
            "{what}: id is not a DID or an https key-document URL"
        )));
    }
    let mut also = Vec::new();
    for d in list(o, "alsoKnownAs", MAX_ITEMS)? {
        let d = d.as_str().filter(|d| is_identifier(d)).ok_or_else(|| {
            malformed(format!(
                "{what}: alsoKnownAs must be DIDs or https key-document URLs"
            ))
        })?;
        also.push(d.to_string());
    }
    let name = LangText::parse(o.get("name"), &what)?;
    if name.0.is_empty() {
        return Err(malformed(format!("{what} has no name")));
    }
    let country = req_str(o, "country", &what)?;
    if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(malformed(format!(
            "{what}: country must be an ISO 3166-1 alpha-2 code such as DE"
        )));
    }
    let qa = match o.get("qualityAssurance") {
        Some(Value::Object(q)) => QualityAssurance {
            name: req_str(q, "name", &format!("{what}'s qualityAssurance"))?.to_string(),
            id: opt_str(q, "id"),
            accreditation: opt_str(q, "accreditation"),
        },
        _ => return Err(malformed(format!("{what} has no qualityAssurance"))),
    };
    let mut history = Vec::new();
    for e in list(o, "statusHistory", MAX_ITEMS)? {
        let e = obj(e, "a status event")?;
        let kind = e
            .get("status")
            .and_then(Value::as_str)
            .and_then(EventKind::parse)
            .ok_or_else(|| {
                malformed(format!(
                    "{what}: a status must be joined, suspended, reinstated or withdrawn"
                ))
            })?;
        let date = date(e, "date", &what)?
            .ok_or_else(|| malformed(format!("{what}: a status event has no date")))?;
        history.push(StatusEvent {
            kind,
            date,
            note: opt_str(e, "note"),
        });
    }
    if history.first().map(|e| e.kind) != Some(EventKind::Joined) {
        return Err(malformed(format!(
            "{what}: the status history must start with joined"
        )));
    }
    if history.windows(2).any(|w| w[1].date < w[0].date) {
        return Err(malformed(format!(
            "{what}: the status history is not in date order"
        )));
    }
    Ok(Member {
        id: id.to_string(),
        also_known_as: also,
        name,
        short_name: opt_str(o, "shortName"),
        country: country.to_string(),
        url: opt_str(o, "url"),
        quality_assurance: qa,
        history,
    })
}

pub(super) fn parse_recognition(v: &Value) -> Result<Recognition, RegistryError> {
    let o = obj(v, "a recognition")?;
    let recognizer = req_str(o, "recognizer", "a recognition")?.to_string();
    let recognized = req_str(o, "recognized", "a recognition")?.to_string();
    let what = format!("the recognition of {recognized} by {recognizer}");
    let mut achievements = Vec::new();
    for a in list(o, "achievements", MAX_ITEMS)? {
        achievements.push(
            a.as_str()
                .ok_or_else(|| malformed(format!("{what}: achievements must be ids")))?
                .to_string(),
        );
    }
    Ok(Recognition {
        scope: LangText::parse(o.get("scope"), &what)?,
        achievements,
        valid_from: date(o, "validFrom", &what)?
            .ok_or_else(|| malformed(format!("{what} has no validFrom")))?,
        valid_until: date(o, "validUntil", &what)?,
        recognizer,
        recognized,
    })
}

pub(super) fn parse_offer(v: &Value) -> Result<CombinedOffer, RegistryError> {
    let o = obj(v, "a combined offer")?;
    let id = req_str(o, "id", "a combined offer")?.to_string();
    let what = format!("combined offer {id}");
    let mut components = Vec::new();
    for c in list(o, "components", MAX_ITEMS)? {
        let c = obj(c, "a component")?;
        let achievement = req_str(c, "achievement", &what)?.to_string();
        components.push(Component {
            name: LangText::parse(c.get("name"), &what)?,
            ects: ects(c, &format!("{what}, component {achievement}"))?,
            issuer: opt_str(c, "issuer"),
            required: c.get("required").and_then(Value::as_bool).unwrap_or(true),
            achievement,
        });
    }
    if components.is_empty() {
        return Err(malformed(format!("{what} has no components")));
    }
    let electives = components.iter().filter(|c| !c.required).count();
    let electives_required = match o.get("electivesRequired") {
        None => 0,
        Some(v) => v
            .as_number()
            .and_then(Number::as_u64)
            .and_then(|n| usize::try_from(n).ok())
            .filter(|n| *n <= electives)
            .ok_or_else(|| {
                malformed(format!(
                    "{what}: electivesRequired must be at most the {electives} electives"
                ))
            })?,
    };
    let mut offered_by = Vec::new();
    for d in list(o, "offeredBy", MAX_ITEMS)? {
        offered_by.push(
            d.as_str()
                .ok_or_else(|| malformed(format!("{what}: offeredBy must be DIDs")))?
                .to_string(),
        );
    }
    Ok(CombinedOffer {
        name: LangText::parse(o.get("name"), &what)?,
        description: LangText::parse(o.get("description"), &what)?,
        ects: ects(o, &what)?,
        eqf_level: o
            .get("eqfLevel")
            .and_then(Value::as_number)
            .and_then(Number::as_u64),
        offered_by,
        components,
        electives_required,
        id,
    })
}

pub(super) fn check_type(doc: &Object) -> Result<(), RegistryError> {
    let types: Vec<&str> = doc
        .get("type")
        .map(Value::one_or_many)
        .unwrap_or(&[])
        .iter()
        .filter_map(Value::as_str)
        .collect();
    if types.contains(&"VerifiableCredential") && types.contains(&REGISTRY_TYPE) {
        Ok(())
    } else {
        Err(malformed(format!(
            "its type is not VerifiableCredential + {REGISTRY_TYPE}"
        )))
    }
}

impl Registry {
    /// What can be checked before the signature: that `doc` is a registry,
    /// names the pinned governance DID as its issuer, and is signed only
    /// with `eddsa-jcs-2022` (which signs the JSON as written, so the
    /// registry is read as it is). The pipeline then verifies it as a
    /// credential and reads it with [`Registry::from_verified`].
    pub fn precheck(doc: &Object, pinned_governance_did: &str) -> Result<(), RegistryError> {
        check_type(doc)?;
        let issuer = issuer_id(doc).unwrap_or_default();
        if did::did_of(issuer) != pinned_governance_did {
            return Err(RegistryError::WrongKey {
                signed_by: issuer.to_string(),
                pinned: pinned_governance_did.to_string(),
            });
        }
        for p in doc.get("proof").map(Value::one_or_many).unwrap_or(&[]) {
            if p.get("cryptosuite").and_then(Value::as_str) != Some("eddsa-jcs-2022") {
                return Err(RegistryError::Unsupported(String::from(
                    "a registry must be signed with eddsa-jcs-2022",
                )));
            }
        }
        Ok(())
    }

    /// Reads a registry whose signature and dates the pipeline verified
    /// (after [`Registry::precheck`]). An edition must expire.
    pub fn from_verified(doc: &Object) -> Result<Registry, RegistryError> {
        let reg = Self::parse_unverified(doc)?;
        if reg.valid_until.is_none() {
            return Err(malformed(
                "it has no validUntil (a registry edition must expire)",
            ));
        }
        Ok(reg)
    }

    /// Parses a registry document **without** checking its signature or
    /// dates: for the issuer-side tools that edit an unsigned registry.
    /// Verifiers use `verify_registry`, which checks both.
    pub fn parse_unverified(doc: &Object) -> Result<Registry, RegistryError> {
        check_type(doc)?;
        let subject = doc
            .get("credentialSubject")
            .and_then(Value::as_object)
            .ok_or_else(|| malformed("it has no credentialSubject object"))?;
        let mut members = Vec::new();
        for m in list(subject, "members", MAX_MEMBERS)? {
            members.push(parse_member(m)?);
        }
        let mut index = BTreeMap::new();
        for (i, m) in members.iter().enumerate() {
            for d in m.dids() {
                if index.insert(d.to_string(), i).is_some() {
                    return Err(malformed(format!("the DID {d} is listed twice")));
                }
            }
        }
        let mut recognitions = Vec::new();
        for r in list(subject, "recognitions", MAX_RECOGNITIONS)? {
            let r = parse_recognition(r)?;
            for d in [&r.recognizer, &r.recognized] {
                if !index.contains_key(d.as_str()) {
                    return Err(malformed(format!(
                        "a recognition names {d}, which is not a member"
                    )));
                }
            }
            recognitions.push(r);
        }
        let mut offers: Vec<CombinedOffer> = Vec::new();
        for o in list(subject, "combinedOffers", MAX_OFFERS)? {
            let o = parse_offer(o)?;
            if offers.iter().any(|x| x.id == o.id) {
                return Err(malformed(format!(
                    "the combined offer {} is listed twice",
                    o.id
                )));
            }
            offers.push(o);
        }
        let what = "the registry";
        Ok(Registry {
            id: opt_str(doc, "id"),
            issuer: issuer_id(doc).unwrap_or_default().to_string(),
            sequence: subject
                .get("sequence")
                .and_then(Value::as_number)
                .and_then(Number::as_u64)
                .unwrap_or(0),
            name: LangText::parse(subject.get("name"), what)?,
            valid_from: date(doc, "validFrom", what)?,
            valid_until: date(doc, "validUntil", what)?,
            members,
            recognitions,
            offers,
            index,
        })
    }
}
