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

mod membership;
mod model;
mod offers;
mod parse;

pub use membership::check;
pub use model::{
    CombinedOffer, Component, EventKind, LangText, Member, QualityAssurance, Recognition, Standing,
    StatusEvent,
};
pub use offers::{achievements_of, Completion, OfferProgress};

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::encoding::json::{Number, Object, Value};
use crate::proof::did;
use crate::report::Code;
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

impl Registry {
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

    pub(super) fn summary_value(&self) -> Value {
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
