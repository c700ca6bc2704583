//! Progress towards combined offers: which of an offer's components a
//! learner's valid credentials cover.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::model::{CombinedOffer, Component};
use super::Registry;
use crate::encoding::json::{Number, Object, Value};
use crate::report::{Kind, Report, Verdict};

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

pub(super) fn ects_value(x: f64) -> Value {
    Number::from_f64(x)
        .map(Value::Number)
        .unwrap_or(Value::Null)
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

impl Registry {
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
        crate::encoding::sort::sort_by(&mut out, |a, b| {
            (a.remaining(), core::cmp::Reverse(a.done.len()))
                .cmp(&(b.remaining(), core::cmp::Reverse(b.done.len())))
        });
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
}
