//! What a registry says: members and their standing over time,
//! recognitions between members, and the combined offers micro-credentials
//! stack into.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::parse::malformed;
use super::{RegistryError, MAX_ITEMS, MAX_TEXT};
use crate::encoding::json::{Object, Value};
use crate::time::Timestamp;

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

    pub(super) fn parse(v: Option<&Value>, what: &str) -> Result<LangText, RegistryError> {
        match v {
            None => Ok(LangText::default()),
            // A plain string is a text of undetermined language.
            Some(Value::String(s)) => Ok(LangText(alloc::vec![(String::from("und"), clip(s))])),
            Some(Value::Object(o)) if o.len() <= MAX_ITEMS => o
                .iter()
                .map(|(l, t)| {
                    let t = t.as_str().ok_or_else(|| {
                        malformed(format!(
                            "{what}: {} is not a string",
                            crate::encoding::json::quoted(l)
                        ))
                    })?;
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

pub(super) fn clip(s: &str) -> String {
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

    pub(super) fn standing(self) -> Standing {
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
