//! The MicroCredX network registry: who the member institutions are, since
//! when, which members recognize whose micro-credentials, and which
//! micro-credentials stack into which combined offers.
//!
//! # Format
//!
//! The registry is a W3C Verifiable Credential (data model 2.0) of type
//! `MicroCredXNetworkRegistry`, issued and signed by the network's
//! governance key — a `did:key` that hosts *pin* (the site and widget at
//! build time, `mcx verify --registry-key`; the demo network's is
//! [`DEMO_GOVERNANCE_DID`]). The full description, with an example, is in
//! `docs/registry.md`; in short, the `credentialSubject` holds:
//!
//! - `name`: the network's name as a language map (`{"en": …, "de": …}`);
//! - `sequence`: a number the governance board increases with every
//!   edition, so hosts can refuse to go back to an older one;
//! - `members`: each with its DID (`id`) and any further DIDs
//!   (`alsoKnownAs`), `name` (language map), `shortName`, `country`
//!   (ISO 3166-1 alpha-2), `url`, `qualityAssurance` (`name`, `id`,
//!   `accreditation`) and a dated `statusHistory` of `joined`,
//!   `suspended`, `reinstated` and `withdrawn` events;
//! - `recognitions`: `recognizer` recognizes the micro-credentials of
//!   `recognized` (all, or only the listed `achievements`) for a `scope`
//!   (language map), from `validFrom` until an optional `validUntil`;
//! - `combinedOffers`: an `id`, `name`, `ects`, `eqfLevel`, `offeredBy`,
//!   and the `components` (achievement id, name, ECTS, issuing member,
//!   required or elective) that stack into it, with `electivesRequired`.
//!
//! # Why it is trusted
//!
//! The pipeline (`verify_registry`) accepts a registry only if its proof is an
//! `eddsa-jcs-2022` Data Integrity proof by the pinned key, and it is
//! within its validity period, which must be bounded (`validUntil` is
//! required: an old edition cannot be replayed forever). JCS is required,
//! rather than a JSON-LD canonicalization, because it signs every member of
//! the JSON as written: no term can fall out of the signed data for lack of
//! a vocabulary definition.
//!
//! # What the verifier does with it
//!
//! [`check`] looks the credential's issuer up and reports `untrusted_issuer`
//! when the issuer is not a member, or was not active (not yet joined,
//! suspended, withdrawn) at the credential's issuance date (`validFrom`, or
//! `issuanceDate` for VC 1.1). Otherwise it passes — with a warning when the
//! member has since been suspended or withdrawn — and puts the member's
//! details and who recognizes the credential in `credential.issuer.network`.
//! Hosts show a portfolio's progress towards combined offers with
//! [`Registry::progress`] so the logic lives in one place.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use crate::encoding::json::{Number, Object, Value};
use crate::model::issuer_id;
use crate::proof::did;
use crate::report::{CheckKind, Code, Kind, Outcome, Report, Verdict};
use crate::time::Timestamp;

/// The governance DID of the demo network shipped in `demo/` (its key is a
/// published demo key). Real deployments pin their own.
pub const DEMO_GOVERNANCE_DID: &str = "did:key:z6MkeXhaAAERJsc8arXG68BgKyCZuZvx9pgTsYcCi4CRtSma";
/// Where the demo network's registry is published (hosts map
/// `https://demo.microcredx.eu/…` to the files in `demo/`).
pub const DEMO_REGISTRY_URL: &str = "https://demo.microcredx.eu/registry.json";
/// The credential type of a registry.
pub const REGISTRY_TYPE: &str = "MicroCredXNetworkRegistry";

/// Most members, recognitions, offers in one registry; most entries in
/// one member's history or one offer; longest text kept.
const MAX_MEMBERS: usize = 1000;
const MAX_RECOGNITIONS: usize = 10_000;
const MAX_OFFERS: usize = 1000;
const MAX_ITEMS: usize = 64;
const MAX_TEXT: usize = 2000;

/// Text in several languages (a JSON-LD language map), in document order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LangText(pub Vec<(String, String)>);

impl LangText {
    /// The text in `lang`, if given.
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(lang))
            .map(|(_, t)| t.as_str())
    }

    /// The text in the first of `prefs` available, else English, else the first.
    pub fn best(&self, prefs: &[&str]) -> &str {
        prefs
            .iter()
            .find_map(|l| self.get(l))
            .or_else(|| self.get("en"))
            .or_else(|| self.0.first().map(|(_, t)| t.as_str()))
            .unwrap_or("")
    }

    /// As a language map.
    pub fn to_value(&self) -> Value {
        Value::Object(
            self.0
                .iter()
                .map(|(l, t)| (l.clone(), Value::from(t.as_str())))
                .collect(),
        )
    }

    fn parse(v: Option<&Value>, what: &str) -> Result<LangText, RegistryError> {
        match v {
            None => Ok(LangText::default()),
            // A plain string is a text of undetermined language.
            Some(Value::String(s)) => Ok(LangText(alloc::vec![(String::from("und"), clip(s))])),
            Some(Value::Object(o)) if o.len() <= MAX_ITEMS => o
                .iter()
                .map(|(l, t)| {
                    let t = t
                        .as_str()
                        .ok_or_else(|| malformed(format!("{what}: {l:?} is not a string")))?;
                    Ok((l.clone(), clip(t)))
                })
                .collect::<Result<Vec<_>, _>>()
                .map(LangText),
            Some(_) => Err(malformed(format!(
                "{what} must be a string or a language map"
            ))),
        }
    }
}

fn clip(s: &str) -> String {
    s.chars().take(MAX_TEXT).collect()
}

/// A member's standing at some time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Not a member yet.
    NotJoined,
    /// An active member.
    Active,
    /// Suspended by the network.
    Suspended,
    /// Has left the network.
    Withdrawn,
}

impl Standing {
    /// The stable string form.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::NotJoined => "not_joined",
            Standing::Active => "active",
            Standing::Suspended => "suspended",
            Standing::Withdrawn => "withdrawn",
        }
    }
}

/// A change in a member's standing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// Became a member (or rejoined after withdrawing).
    Joined,
    /// Membership suspended.
    Suspended,
    /// Suspension lifted.
    Reinstated,
    /// Left the network.
    Withdrawn,
}

impl EventKind {
    /// The stable string form used in the registry.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Joined => "joined",
            EventKind::Suspended => "suspended",
            EventKind::Reinstated => "reinstated",
            EventKind::Withdrawn => "withdrawn",
        }
    }

    /// Parses the string form.
    pub fn parse(s: &str) -> Option<EventKind> {
        match s {
            "joined" => Some(EventKind::Joined),
            "suspended" => Some(EventKind::Suspended),
            "reinstated" => Some(EventKind::Reinstated),
            "withdrawn" => Some(EventKind::Withdrawn),
            _ => None,
        }
    }

    fn standing(self) -> Standing {
        match self {
            EventKind::Joined | EventKind::Reinstated => Standing::Active,
            EventKind::Suspended => Standing::Suspended,
            EventKind::Withdrawn => Standing::Withdrawn,
        }
    }
}

/// One dated entry of a member's status history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusEvent {
    /// What happened.
    pub kind: EventKind,
    /// When it took effect.
    pub date: Timestamp,
    /// Why, if the registry says.
    pub note: Option<String>,
}

/// A member's quality-assurance / accreditation body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QualityAssurance {
    /// The body's name.
    pub name: String,
    /// Its identifier or web address, if given.
    pub id: Option<String>,
    /// The accreditation held (e.g. "institutional accreditation until 2031").
    pub accreditation: Option<String>,
}

/// A member institution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// Its primary DID.
    pub id: String,
    /// Further DIDs it issues with.
    pub also_known_as: Vec<String>,
    /// Its name in several languages.
    pub name: LangText,
    /// A short name, if given.
    pub short_name: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Its web site, if given.
    pub url: Option<String>,
    /// Quality assurance / accreditation.
    pub quality_assurance: QualityAssurance,
    /// Status history, in date order; the first event is `joined`.
    pub history: Vec<StatusEvent>,
}

impl Member {
    /// Its standing at `t`.
    pub fn standing_at(&self, t: Timestamp) -> Standing {
        self.history
            .iter()
            .take_while(|e| e.date <= t)
            .last()
            .map(|e| e.kind.standing())
            .unwrap_or(Standing::NotJoined)
    }

    /// The event that set its standing at `t`.
    pub fn event_at(&self, t: Timestamp) -> Option<&StatusEvent> {
        self.history.iter().take_while(|e| e.date <= t).last()
    }

    /// Every DID of the member.
    pub fn dids(&self) -> impl Iterator<Item = &str> {
        core::iter::once(self.id.as_str()).chain(self.also_known_as.iter().map(String::as_str))
    }

    /// The member as JSON, for reports and hosts.
    pub fn to_value(&self) -> Value {
        let mut o = Object::new();
        o.insert("id", Value::from(self.id.as_str()));
        if !self.also_known_as.is_empty() {
            o.insert(
                "alsoKnownAs",
                Value::Array(
                    self.also_known_as
                        .iter()
                        .map(|d| Value::from(d.as_str()))
                        .collect(),
                ),
            );
        }
        o.insert("name", self.name.to_value());
        if let Some(s) = &self.short_name {
            o.insert("shortName", Value::from(s.as_str()));
        }
        o.insert("country", Value::from(self.country.as_str()));
        if let Some(u) = &self.url {
            o.insert("url", Value::from(u.as_str()));
        }
        let mut qa = Object::new();
        qa.insert("name", Value::from(self.quality_assurance.name.as_str()));
        if let Some(i) = &self.quality_assurance.id {
            qa.insert("id", Value::from(i.as_str()));
        }
        if let Some(a) = &self.quality_assurance.accreditation {
            qa.insert("accreditation", Value::from(a.as_str()));
        }
        o.insert("qualityAssurance", Value::Object(qa));
        o.insert(
            "statusHistory",
            Value::Array(
                self.history
                    .iter()
                    .map(|e| {
                        let mut eo = Object::new();
                        eo.insert("status", Value::from(e.kind.as_str()));
                        eo.insert("date", Value::from(e.date.to_rfc3339()));
                        if let Some(n) = &e.note {
                            eo.insert("note", Value::from(n.as_str()));
                        }
                        Value::Object(eo)
                    })
                    .collect(),
            ),
        );
        Value::Object(o)
    }
}

/// A recognition agreement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recognition {
    /// The member that recognizes.
    pub recognizer: String,
    /// The member whose micro-credentials are recognized.
    pub recognized: String,
    /// For what (e.g. "credit towards the MSc Industrial Engineering").
    pub scope: LangText,
    /// Only these achievements; empty means all of `recognized`'s.
    pub achievements: Vec<String>,
    /// In force from.
    pub valid_from: Timestamp,
    /// In force until, if limited.
    pub valid_until: Option<Timestamp>,
}

impl Recognition {
    /// True when in force at `t` and covering `achievement` (when known).
    pub fn applies(&self, achievement: Option<&str>, t: Timestamp) -> bool {
        let in_time = self.valid_from <= t && !matches!(self.valid_until, Some(u) if t > u);
        let covers = self.achievements.is_empty()
            || achievement.is_some_and(|a| self.achievements.iter().any(|x| x == a));
        in_time && covers
    }
}

/// One micro-credential within a combined offer.
#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    /// The Open Badges achievement id that earns it.
    pub achievement: String,
    /// Its name.
    pub name: LangText,
    /// Its ECTS credits.
    pub ects: f64,
    /// The member that issues it, if fixed.
    pub issuer: Option<String>,
    /// Required (`true`) or an elective.
    pub required: bool,
}

/// A combined offer: micro-credentials that stack into a larger unit.
#[derive(Clone, Debug, PartialEq)]
pub struct CombinedOffer {
    /// Its identifier.
    pub id: String,
    /// Its name.
    pub name: LangText,
    /// Its description.
    pub description: LangText,
    /// Total ECTS of the combined offer.
    pub ects: f64,
    /// EQF level, if stated.
    pub eqf_level: Option<u64>,
    /// The members that offer it jointly.
    pub offered_by: Vec<String>,
    /// Its components.
    pub components: Vec<Component>,
    /// How many electives must be completed.
    pub electives_required: usize,
}

/// How far a set of achievements goes towards a combined offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Completion {
    /// Every required component and enough electives.
    Complete,
    /// One component short.
    NearlyComplete,
    /// Some components done.
    Started,
    /// None done.
    NotStarted,
}

impl Completion {
    /// The stable string form.
    pub fn as_str(self) -> &'static str {
        match self {
            Completion::Complete => "complete",
            Completion::NearlyComplete => "nearly_complete",
            Completion::Started => "started",
            Completion::NotStarted => "not_started",
        }
    }
}

/// Progress towards one combined offer.
#[derive(Clone, Debug, PartialEq)]
pub struct OfferProgress<'a> {
    /// The offer.
    pub offer: &'a CombinedOffer,
    /// Components held.
    pub done: Vec<&'a Component>,
    /// Required components still missing.
    pub missing_required: Vec<&'a Component>,
    /// Electives still needed (count) and the ones not held.
    pub electives_needed: usize,
    /// Electives not held.
    pub open_electives: Vec<&'a Component>,
    /// ECTS of the components held.
    pub ects_earned: f64,
    /// The verdict.
    pub completion: Completion,
}

impl OfferProgress<'_> {
    /// Components still to earn: missing required ones plus electives needed.
    pub fn remaining(&self) -> usize {
        self.missing_required.len() + self.electives_needed
    }

    /// As JSON, for hosts.
    pub fn to_value(&self) -> Value {
        let ids = |cs: &[&Component]| {
            Value::Array(
                cs.iter()
                    .map(|c| Value::from(c.achievement.as_str()))
                    .collect(),
            )
        };
        let mut o = Object::new();
        o.insert("offer", Value::from(self.offer.id.as_str()));
        o.insert("name", self.offer.name.to_value());
        o.insert("completion", Value::from(self.completion.as_str()));
        o.insert("ects", ects_value(self.offer.ects));
        o.insert("ectsEarned", ects_value(self.ects_earned));
        o.insert("done", ids(&self.done));
        o.insert("missingRequired", ids(&self.missing_required));
        o.insert(
            "electivesNeeded",
            Value::Number(Number::from_u64(self.electives_needed as u64)),
        );
        o.insert("openElectives", ids(&self.open_electives));
        o.insert(
            "remaining",
            Value::Number(Number::from_u64(self.remaining() as u64)),
        );
        Value::Object(o)
    }
}

fn ects_value(x: f64) -> Value {
    Number::from_f64(x)
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

/// A verified (or, for issuer tools, merely parsed) network registry.
#[derive(Clone, Debug, PartialEq)]
pub struct Registry {
    /// The registry credential's `id`.
    pub id: Option<String>,
    /// Its issuer (the governance DID).
    pub issuer: String,
    /// The edition number.
    pub sequence: u64,
    /// The network's name.
    pub name: LangText,
    /// Validity of this edition.
    pub valid_from: Option<Timestamp>,
    /// Validity of this edition.
    pub valid_until: Option<Timestamp>,
    /// The members.
    pub members: Vec<Member>,
    /// Recognition agreements.
    pub recognitions: Vec<Recognition>,
    /// Combined offers.
    pub offers: Vec<CombinedOffer>,
    /// DID → index into `members`.
    index: BTreeMap<String, usize>,
}

/// Why a registry was not accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegistryError {
    /// Not a registry document, or inconsistent content.
    Malformed(String),
    /// Signed with a suite other than `eddsa-jcs-2022`, or a key type that
    /// needs fetching.
    Unsupported(String),
    /// The signature does not match.
    InvalidSignature(String),
    /// Not signed by the pinned governance key.
    WrongKey {
        /// Who it claims to be from.
        signed_by: String,
        /// The pinned DID.
        pinned: String,
    },
    /// Past its `validUntil`.
    Expired(String),
    /// The document could not be fetched.
    Unavailable(String),
    /// Before its `validFrom`.
    NotYetValid(String),
}

impl RegistryError {
    /// The report code that matches.
    pub fn code(&self) -> Code {
        match self {
            RegistryError::Malformed(_) => Code::Malformed,
            RegistryError::Unsupported(_) => Code::Unsupported,
            RegistryError::InvalidSignature(_) => Code::InvalidSignature,
            RegistryError::WrongKey { .. } => Code::WrongKey,
            RegistryError::Expired(_) => Code::Expired,
            RegistryError::NotYetValid(_) => Code::NotYetValid,
            RegistryError::Unavailable(_) => Code::ResourceUnavailable,
        }
    }
}

impl fmt::Display for RegistryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegistryError::Malformed(m) => write!(f, "the registry is malformed: {m}"),
            RegistryError::Unsupported(m) => write!(f, "the registry cannot be checked: {m}"),
            RegistryError::InvalidSignature(m) => {
                write!(f, "the registry's signature is not valid: {m}")
            }
            RegistryError::WrongKey { signed_by, pinned } => write!(
                f,
                "the registry is signed by {signed_by}, not by the pinned governance key {pinned}"
            ),
            RegistryError::Expired(m) => write!(f, "the registry has expired: {m}"),
            RegistryError::NotYetValid(m) => write!(f, "the registry is not valid yet: {m}"),
            RegistryError::Unavailable(m) => write!(f, "the registry could not be fetched ({m})"),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for RegistryError {}

fn malformed(m: impl Into<String>) -> RegistryError {
    RegistryError::Malformed(m.into())
}

fn req_str<'a>(o: &'a Object, k: &str, what: &str) -> Result<&'a str, RegistryError> {
    o.get(k)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| malformed(format!("{what} has no {k}")))
}

fn opt_str(o: &Object, k: &str) -> Option<String> {
    o.get(k).and_then(Value::as_str).map(clip)
}

fn date(o: &Object, k: &str, what: &str) -> Result<Option<Timestamp>, RegistryError> {
    match o.get(k) {
        None => Ok(None),
        Some(v) => v
            .as_str()
            .and_then(|s| Timestamp::parse_rfc3339(s).ok())
            .map(Some)
            .ok_or_else(|| malformed(format!("{what}: {k} is not a date"))),
    }
}

fn list<'a>(o: &'a Object, k: &str, max: usize) -> Result<&'a [Value], RegistryError> {
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

fn obj<'a>(v: &'a Value, what: &str) -> Result<&'a Object, RegistryError> {
    v.as_object()
        .ok_or_else(|| malformed(format!("{what} is not an object")))
}

/// A member identifier: a DID, or the `https:` URL of a key document
/// (what an issuer with an https `id` signs with, see [`crate::proof::did`]).
fn is_identifier(s: &str) -> bool {
    (s.starts_with("did:") || s.starts_with("https://"))
        && s.len() <= 2048
        && !s.contains(['#', '?', ' '])
}

fn ects(o: &Object, what: &str) -> Result<f64, RegistryError> {
    let x = o
        .get("ects")
        .and_then(Value::as_number)
        .map(Number::as_f64)
        .ok_or_else(|| malformed(format!("{what} has no ects number")))?;
    if x.is_finite() && (0.0..=1000.0).contains(&x) {
        Ok(x)
    } else {
        Err(malformed(format!("{what}: ects {x} is out of range")))
    }
}

fn parse_member(v: &Value) -> Result<Member, RegistryError> {
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

fn parse_recognition(v: &Value) -> Result<Recognition, RegistryError> {
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

fn parse_offer(v: &Value) -> Result<CombinedOffer, RegistryError> {
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

    /// The member that uses `did` (the DID part of a DID URL is used).
    pub fn member(&self, did_or_url: &str) -> Option<&Member> {
        self.index
            .get(did::did_of(did_or_url))
            .and_then(|&i| self.members.get(i))
    }

    /// Agreements under which `issuer`'s credential for `achievement` is
    /// recognized at `t`.
    pub fn recognitions_of<'a>(
        &'a self,
        issuer: &'a str,
        achievement: Option<&'a str>,
        t: Timestamp,
    ) -> impl Iterator<Item = &'a Recognition> + 'a {
        let member = self.member(issuer).map(|m| m.id.as_str());
        self.recognitions.iter().filter(move |r| {
            member.is_some_and(|m| self.member(&r.recognized).map(|x| x.id.as_str()) == Some(m))
                && r.applies(achievement, t)
        })
    }

    /// The combined offer with this id.
    pub fn offer(&self, id: &str) -> Option<&CombinedOffer> {
        self.offers.iter().find(|o| o.id == id)
    }

    /// Progress towards every combined offer for a portfolio holding these
    /// achievement ids, most complete first.
    pub fn progress<'a, S: AsRef<str>>(&'a self, achievements: &[S]) -> Vec<OfferProgress<'a>> {
        let held = |c: &Component| achievements.iter().any(|a| a.as_ref() == c.achievement);
        let mut out: Vec<OfferProgress<'a>> = self
            .offers
            .iter()
            .map(|offer| {
                let done: Vec<&Component> = offer.components.iter().filter(|c| held(c)).collect();
                let missing_required: Vec<&Component> = offer
                    .components
                    .iter()
                    .filter(|c| c.required && !held(c))
                    .collect();
                let electives_done = done.iter().filter(|c| !c.required).count();
                let electives_needed = offer.electives_required.saturating_sub(electives_done);
                let open_electives: Vec<&Component> = offer
                    .components
                    .iter()
                    .filter(|c| !c.required && !held(c))
                    .collect();
                let remaining = missing_required.len() + electives_needed;
                let completion = match (remaining, done.len()) {
                    (0, _) => Completion::Complete,
                    (_, 0) => Completion::NotStarted,
                    (1, _) => Completion::NearlyComplete,
                    _ => Completion::Started,
                };
                OfferProgress {
                    ects_earned: done.iter().map(|c| c.ects).sum(),
                    offer,
                    done,
                    missing_required,
                    electives_needed,
                    open_electives,
                    completion,
                }
            })
            .collect();
        out.sort_by_key(|p| (p.remaining(), core::cmp::Reverse(p.done.len())));
        out
    }

    /// [`Registry::progress`] as JSON for hosts: the offers (with progress)
    /// and the portfolio's ECTS from the network's components
    /// (each distinct achievement counted once).
    pub fn progress_value<S: AsRef<str>>(&self, achievements: &[S]) -> Value {
        let progress = self.progress(achievements);
        let mut seen: Vec<&str> = Vec::new();
        let mut total = 0.0;
        for p in &progress {
            for c in &p.done {
                if !seen.contains(&c.achievement.as_str()) {
                    seen.push(&c.achievement);
                    total += c.ects;
                }
            }
        }
        let mut o = Object::new();
        o.insert(
            "offers",
            Value::Array(progress.iter().map(OfferProgress::to_value).collect()),
        );
        o.insert("ectsInOffers", ects_value(total));
        Value::Object(o)
    }

    fn summary_value(&self) -> Value {
        let mut o = Object::new();
        if let Some(id) = &self.id {
            o.insert("id", Value::from(id.as_str()));
        }
        o.insert("name", self.name.to_value());
        o.insert("sequence", Value::Number(Number::from_u64(self.sequence)));
        if let Some(u) = self.valid_until {
            o.insert("validUntil", Value::from(u.to_rfc3339()));
        }
        Value::Object(o)
    }
}

fn check_type(doc: &Object) -> Result<(), RegistryError> {
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

/// The achievement ids of the valid credentials in `reports` (including
/// those inside valid presentations), for [`Registry::progress`].
pub fn achievements_of(reports: &[Report]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |r: &Report| {
        if r.kind == Kind::Credential && r.verdict() == Verdict::Valid {
            if let Some(id) = r
                .credential
                .get("achievement")
                .and_then(|a| a.get("id"))
                .and_then(Value::as_str)
            {
                if !out.iter().any(|x| x == id) {
                    out.push(id.to_string());
                }
            }
        }
    };
    for r in reports {
        add(r);
        if r.verdict() == Verdict::Valid {
            r.credentials.iter().for_each(&mut add);
        }
    }
    out
}

/// When `doc` was issued (`validFrom`, else `issuanceDate`), if stated.
fn issuance_date(doc: &Object) -> Option<Timestamp> {
    doc.get("validFrom")
        .or(doc.get("issuanceDate"))
        .and_then(Value::as_str)
        .and_then(|s| Timestamp::parse_rfc3339(s).ok())
}

fn day(t: Timestamp) -> String {
    let s = t.to_rfc3339();
    s.get(..10).map(String::from).unwrap_or(s)
}

/// Puts `network` into `credential.issuer.network` of the report.
fn attach(r: &mut Report, network: Value) {
    if let Value::Object(c) = &mut r.credential {
        let mut issuer = match c.get("issuer") {
            Some(Value::Object(o)) => o.clone(),
            _ => Object::new(),
        };
        issuer.insert("network", network);
        c.insert("issuer", Value::Object(issuer));
    }
}

/// Records whether `issuer` was an active member of the network when `doc`
/// was issued, and attaches the member's details and recognitions.
pub fn check(doc: &Object, issuer: &str, r: &mut Report, reg: &Registry, now: Timestamp) {
    let network_name = reg.name.best(&[]);
    r.details.insert("registry", reg.summary_value());
    let Some(member) = reg.member(issuer) else {
        let mut n = Object::new();
        n.insert("member", Value::Bool(false));
        n.insert("registry", reg.summary_value());
        attach(r, Value::Object(n));
        r.push(
            CheckKind::Issuer,
            Outcome::Fail(Code::UntrustedIssuer),
            format!("The issuer ({issuer}) is not a member of the {network_name}."),
        );
        return;
    };
    let (issued, dated) = match issuance_date(doc) {
        Some(t) => (t, true),
        None => (now, false),
    };
    let at_issue = member.standing_at(issued);
    let now_standing = member.standing_at(now);
    let achievement = doc
        .get("credentialSubject")
        .map(Value::one_or_many)
        .and_then(|s| s.first())
        .and_then(|s| s.get("achievement"))
        .and_then(|a| a.get("id"))
        .and_then(Value::as_str);
    let recognized_by: Vec<Value> = reg
        .recognitions_of(issuer, achievement, now)
        .map(|rec| {
            let mut o = Object::new();
            o.insert("id", Value::from(rec.recognizer.as_str()));
            if let Some(m) = reg.member(&rec.recognizer) {
                o.insert("name", m.name.to_value());
                o.insert("country", Value::from(m.country.as_str()));
            }
            o.insert("scope", rec.scope.to_value());
            Value::Object(o)
        })
        .collect();
    let mut n = match member.to_value() {
        Value::Object(o) => o,
        _ => Object::new(),
    };
    n.insert("member", Value::Bool(true));
    // The name the network vouches for: the only issuer name that is a fact.
    n.insert("name", member.name.to_value());
    n.insert("standingAtIssuance", Value::from(at_issue.as_str()));
    n.insert("standingNow", Value::from(now_standing.as_str()));
    n.insert("recognizedBy", Value::Array(recognized_by));
    n.insert("registry", reg.summary_value());
    attach(r, Value::Object(n));
    let name = member.name.best(&[]);
    let when = if dated {
        format!("on {}", day(issued))
    } else {
        String::from("now (the credential states no issuance date)")
    };
    if at_issue != Standing::Active {
        let why = match (at_issue, member.event_at(issued)) {
            (Standing::NotJoined, _) => format!(
                "it joined only on {}",
                member
                    .history
                    .first()
                    .map(|e| day(e.date))
                    .unwrap_or_default()
            ),
            (s, Some(e)) => format!("its membership was {} on {}", s.as_str(), day(e.date)),
            (s, None) => format!("its membership was {}", s.as_str()),
        };
        r.push(
            CheckKind::Issuer,
            Outcome::Fail(Code::UntrustedIssuer),
            format!(
                "{name} ({}) was not an active member of the {network_name} when this was issued {when}: {why}.",
                member.country
            ),
        );
        return;
    }
    let joined = member
        .history
        .first()
        .map(|e| day(e.date))
        .unwrap_or_default();
    let base = format!(
        "Issued {when} by {name} ({}), an active member of the {network_name} (member since {joined}).",
        member.country
    );
    match (now_standing, member.event_at(now)) {
        (Standing::Active, _) => r.push(CheckKind::Issuer, Outcome::Pass, base),
        (s, e) => r.push(
            CheckKind::Issuer,
            Outcome::Warn(None),
            format!(
                "{base} Its membership has since been {}{}.",
                s.as_str(),
                e.map(|e| format!(" (on {})", day(e.date)))
                    .unwrap_or_default()
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::json;

    const DOC: &str = r#"{
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      "type": ["VerifiableCredential", "MicroCredXNetworkRegistry"],
      "issuer": "did:key:z6MkeXhaAAERJsc8arXG68BgKyCZuZvx9pgTsYcCi4CRtSma",
      "validFrom": "2026-01-01T00:00:00Z",
      "validUntil": "2030-01-01T00:00:00Z",
      "credentialSubject": {
        "name": {"en": "Test network", "de": "Testnetz"},
        "sequence": 2,
        "members": [
          {"id": "did:key:a", "name": {"en": "A"}, "country": "DE", "qualityAssurance": {"name": "QA"},
           "statusHistory": [{"status": "joined", "date": "2024-01-01T00:00:00Z"},
                             {"status": "suspended", "date": "2025-01-01T00:00:00Z"},
                             {"status": "reinstated", "date": "2025-06-01T00:00:00Z"},
                             {"status": "withdrawn", "date": "2026-06-01T00:00:00Z"}]},
          {"id": "did:web:b.example", "alsoKnownAs": ["https://b.example/issuer", "did:key:b"], "name": "B", "country": "IT",
           "qualityAssurance": {"name": "ANVUR"},
           "statusHistory": [{"status": "joined", "date": "2024-01-01T00:00:00Z"}]}
        ],
        "recognitions": [
          {"recognizer": "did:key:a", "recognized": "did:key:b", "scope": {"en": "credit"},
           "validFrom": "2024-01-01T00:00:00Z"},
          {"recognizer": "did:web:b.example", "recognized": "did:key:a", "scope": "x",
           "achievements": ["urn:ach:1"], "validFrom": "2024-01-01T00:00:00Z", "validUntil": "2024-12-31T00:00:00Z"}
        ],
        "combinedOffers": [
          {"id": "urn:offer:1", "name": {"en": "Offer"}, "ects": 15, "components": [
            {"achievement": "urn:ach:1", "ects": 5}, {"achievement": "urn:ach:2", "ects": 5},
            {"achievement": "urn:ach:3", "ects": 5, "required": false},
            {"achievement": "urn:ach:4", "ects": 5, "required": false}], "electivesRequired": 1}
        ]
      }
    }"#;

    fn t(s: &str) -> Timestamp {
        Timestamp::parse_rfc3339(s).unwrap()
    }

    fn reg() -> Registry {
        match json::parse_str(DOC).unwrap() {
            Value::Object(o) => Registry::parse_unverified(&o).unwrap(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn standing_over_time() {
        let r = reg();
        let a = r.member("did:key:a#key-1").unwrap();
        assert_eq!(
            a.standing_at(t("2023-12-31T00:00:00Z")),
            Standing::NotJoined
        );
        assert_eq!(a.standing_at(t("2024-01-01T00:00:00Z")), Standing::Active);
        assert_eq!(
            a.standing_at(t("2025-03-01T00:00:00Z")),
            Standing::Suspended
        );
        assert_eq!(a.standing_at(t("2025-07-01T00:00:00Z")), Standing::Active);
        assert_eq!(
            a.standing_at(t("2027-01-01T00:00:00Z")),
            Standing::Withdrawn
        );
        assert_eq!(r.member("did:key:b").unwrap().id, "did:web:b.example");
        // An issuer with an https id, signing with a key of its key document.
        assert_eq!(
            r.member("https://b.example/issuer#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp")
                .unwrap()
                .id,
            "did:web:b.example"
        );
        assert!(r.member("did:key:c").is_none());
        assert_eq!(r.sequence, 2);
        assert_eq!(r.name.best(&["de"]), "Testnetz");
    }

    #[test]
    fn recognitions_filter_by_time_and_achievement() {
        let r = reg();
        let now = t("2024-06-01T00:00:00Z");
        assert_eq!(r.recognitions_of("did:key:b", None, now).count(), 1);
        assert_eq!(
            r.recognitions_of("did:key:a", Some("urn:ach:1"), now)
                .count(),
            1
        );
        assert_eq!(
            r.recognitions_of("did:key:a", Some("urn:ach:2"), now)
                .count(),
            0
        );
        let later = t("2025-06-01T00:00:00Z");
        assert_eq!(
            r.recognitions_of("did:key:a", Some("urn:ach:1"), later)
                .count(),
            0
        );
    }

    #[test]
    fn offer_progress() {
        let r = reg();
        let p = r.progress(&["urn:ach:1", "urn:ach:2"]);
        assert_eq!(p[0].completion, Completion::NearlyComplete);
        assert_eq!(p[0].electives_needed, 1);
        assert_eq!(p[0].ects_earned, 10.0);
        let p = r.progress(&["urn:ach:1", "urn:ach:2", "urn:ach:4"]);
        assert_eq!(p[0].completion, Completion::Complete);
        let p = r.progress(&["urn:ach:3"]);
        assert_eq!(p[0].completion, Completion::Started);
        let none: [&str; 0] = [];
        assert_eq!(r.progress(&none)[0].completion, Completion::NotStarted);
        let v = json::to_string(&r.progress_value(&["urn:ach:1", "urn:ach:9"]));
        assert!(v.contains("\"ectsInOffers\":5"), "{v}");
    }

    #[test]
    fn inconsistent_registries_are_refused() {
        let bad = |from: &str, to: &str| {
            let s = DOC.replacen(from, to, 1);
            match json::parse_str(&s).unwrap() {
                Value::Object(o) => Registry::parse_unverified(&o).unwrap_err(),
                _ => unreachable!(),
            }
        };
        assert!(matches!(
            bad(
                "\"joined\", \"date\": \"2024",
                "\"suspended\", \"date\": \"2024"
            ),
            RegistryError::Malformed(_)
        ));
        assert!(matches!(
            bad("\"DE\"", "\"Germany\""),
            RegistryError::Malformed(_)
        ));
        assert!(matches!(
            bad("\"did:key:b\"]", "\"did:key:a\"]"),
            RegistryError::Malformed(_)
        ));
        assert!(matches!(
            bad(
                "\"recognizer\": \"did:key:a\"",
                "\"recognizer\": \"did:key:z\""
            ),
            RegistryError::Malformed(_)
        ));
        assert!(matches!(
            bad("\"electivesRequired\": 1", "\"electivesRequired\": 3"),
            RegistryError::Malformed(_)
        ));
        assert!(matches!(
            bad("MicroCredXNetworkRegistry", "Other"),
            RegistryError::Malformed(_)
        ));
        assert!(matches!(
            bad("2025-06-01T00:00:00Z\"}", "2024-06-01T00:00:00Z\"}"),
            RegistryError::Malformed(_)
        ));
    }
}
