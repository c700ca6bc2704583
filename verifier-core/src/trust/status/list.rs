//! A status list credential the pipeline verified, inflated, and the
//! reading of one entry from it.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::{Bitstring, Entry, Method, MIN_ENTRIES};
use crate::encoding::json::{Object, Value};
use crate::model::issuer_id;
use crate::report::Code;

/// What one entry resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The entry's value in the list.
    pub value: u32,
    /// The list credential's issuer.
    pub list_issuer: String,
    /// Things the reader should know (lenient acceptance).
    pub notes: Vec<String>,
}

/// Why an entry's status could not be established (always `status_unavailable`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unavailable(pub String);

impl Unavailable {
    /// The report code for this failure.
    pub fn code(&self) -> Code {
        Code::StatusUnavailable
    }
}

/// A status list credential that has been verified and inflated: what
/// entries are read from. Hosts checking many credentials may keep one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadedList {
    /// The URL it was fetched from.
    pub url: String,
    /// Which family it belongs to.
    pub method: Method,
    /// Its issuer.
    pub issuer: String,
    /// Its own `id`, if any.
    pub id: Option<String>,
    /// Its `statusPurpose` value(s).
    pub purposes: Vec<String>,
    /// The uncompressed bitstring.
    pub bits: Bitstring,
}

fn types(doc: &Object) -> impl Iterator<Item = &str> {
    doc.get("type")
        .map(Value::one_or_many)
        .unwrap_or(&[])
        .iter()
        .filter_map(Value::as_str)
}

impl LoadedList {
    /// Reads a list credential the pipeline has already verified (the
    /// `reading` is what its issuer signed) and inflates its bitstring.
    pub fn from_verified(
        reading: &Object,
        url: &str,
        method: Method,
        max_inflated: usize,
    ) -> Result<LoadedList, Unavailable> {
        let list = reading;
        let want = method.credential_type();
        if !types(list).any(|t| t == want) {
            return Err(Unavailable(format!(
                "The document at {url} is not a {want}."
            )));
        }
        let subject = list
            .get("credentialSubject")
            .map(Value::one_or_many)
            .and_then(|s| s.first())
            .and_then(Value::as_object)
            .ok_or_else(|| {
                Unavailable(format!(
                    "The status list at {url} has no credentialSubject."
                ))
            })?;
        let list_type = method.list_type();
        if !types(subject).any(|t| t == list_type) {
            return Err(Unavailable(format!(
                "The status list at {url} does not hold a {list_type}."
            )));
        }
        let purposes = subject
            .get("statusPurpose")
            .map(Value::one_or_many)
            .unwrap_or(&[])
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect();
        let encoded = subject
            .get("encodedList")
            .and_then(Value::as_str)
            .ok_or_else(|| Unavailable(format!("The status list at {url} has no encodedList.")))?;
        let bits = Bitstring::decode(encoded, max_inflated)
            .map_err(|e| Unavailable(format!("The status list at {url} is damaged: {e}.")))?;
        Ok(LoadedList {
            url: url.to_string(),
            method,
            issuer: issuer_id(list).unwrap_or_default().to_string(),
            id: list.get("id").and_then(Value::as_str).map(String::from),
            purposes,
            bits,
        })
    }
}

/// Reads `entry` from a loaded list, for `credential_issuer`'s credential.
pub fn read_entry(
    entry: &Entry,
    list: &LoadedList,
    credential_issuer: &str,
) -> Result<Resolved, Unavailable> {
    let url = list.url.as_str();
    if list.method != entry.method {
        return Err(Unavailable(format!(
            "The document at {url} is not a {}.",
            entry.method.credential_type()
        )));
    }
    if !list.purposes.contains(&entry.purpose) {
        return Err(Unavailable(format!(
            "The status list at {url} is for {}, but the credential uses it for {}.",
            if list.purposes.is_empty() {
                String::from("no stated purpose")
            } else {
                list.purposes.join(", ")
            },
            crate::encoding::json::quoted(&entry.purpose)
        )));
    }
    let value = list.bits.get(entry.index, entry.size).map_err(|e| {
        Unavailable(format!(
            "The credential's position {} is outside the status list at {url}, which has {} entries.",
            e.index, e.entries
        ))
    })?;
    let mut notes = Vec::new();
    if crate::proof::did::did_of(&list.issuer) != crate::proof::did::did_of(credential_issuer) {
        notes.push(format!(
            "the status list is published by {}, not by the credential's issuer",
            list.issuer
        ));
    }
    if let Some(id) = list.id.as_deref().filter(|id| *id != url) {
        notes.push(format!("the status list calls itself {id}"));
    }
    let entries = list.bits.entries(entry.size);
    if entries < MIN_ENTRIES {
        notes.push(format!(
            "the list has only {entries} entries (fewer than the {MIN_ENTRIES} recommended for privacy)"
        ));
    }
    Ok(Resolved {
        value,
        list_issuer: list.issuer.clone(),
        notes,
    })
}
