//! The address bar follows the page. A result adds a history entry whose
//! address is the result's verification link (a hosted credential's short
//! `?url=` link, else the `#vc=` link with the credential in the fragment,
//! which browsers never send anywhere); Back returns to the empty input,
//! Forward to the result. A result opened from a link keeps its address.
//!
//! This module decides; `browser` does the History API calls. Results are
//! remembered by the key of their history entry (a random session prefix,
//! so entries of an earlier page load never match) and their address.

use std::collections::VecDeque;

/// Longest address a result puts in the address bar: a larger credential's
/// result keeps the plain page address (its link is still in the share panel).
pub const MAX_URL: usize = 64 * 1024;

/// How many results Back and Forward can return to without checking again.
/// (Older entries with a link are checked again from their address.)
pub const REMEMBERED: usize = 8;

/// The address of a result's history entry: its verification link if it
/// has one that fits, else the page itself without query or fragment.
pub fn result_url(link: Option<String>, base: &str) -> String {
    link.filter(|l| l.len() <= MAX_URL)
        .unwrap_or_else(|| base.to_string())
}

/// What arriving at an address (Back, Forward, a changed fragment) means.
#[derive(Debug, PartialEq)]
pub enum Arrival<T> {
    /// The page already shows this address: nothing to do.
    Same,
    /// A remembered result: show it again.
    Show(T),
    /// An address with a verification link not remembered: check it.
    Check,
    /// No result here: the empty input.
    Input,
}

struct Entry<T> {
    key: String,
    url: String,
    value: T,
}

/// The results of this page load, by history entry.
pub struct Journal<T> {
    session: String,
    /// The address and history key the page shows now.
    shown: (String, Option<String>),
    entries: VecDeque<Entry<T>>,
}

impl<T: Clone> Journal<T> {
    /// A journal for a page load (`session`: random, unique to it) that
    /// starts at `url`, in a history entry with `key`.
    pub fn new(session: String, url: String, key: Option<String>) -> Self {
        Journal {
            session,
            shown: (url, key),
            entries: VecDeque::new(),
        }
    }

    /// The history key of the result of check `generation`.
    pub fn key(&self, generation: u64) -> String {
        format!("mcx:{}:{generation}", self.session)
    }

    /// Remembers the result now shown at `url` under `key`.
    pub fn record(&mut self, key: String, url: String, value: T) {
        self.shown = (url.clone(), Some(key.clone()));
        self.entries.retain(|e| e.key != key);
        self.entries.push_back(Entry { key, url, value });
        while self.entries.len() > REMEMBERED {
            self.entries.pop_front();
        }
    }

    /// The browser arrived at `url`, whose history entry has `key`;
    /// `has_link`: the address carries a verification link. (A history
    /// step that changes the fragment fires both `popstate` and
    /// `hashchange`: the second arrival is [`Arrival::Same`].)
    pub fn arrive(&mut self, url: &str, key: Option<&str>, has_link: bool) -> Arrival<T> {
        if url == self.shown.0 && key == self.shown.1.as_deref() {
            return Arrival::Same;
        }
        self.shown = (url.to_string(), key.map(str::to_string));
        let remembered = key.and_then(|k| {
            self.entries
                .iter()
                .find(|e| e.key == k && e.url == url)
                .map(|e| e.value.clone())
        });
        match (remembered, has_link) {
            (Some(value), _) => Arrival::Show(value),
            (None, true) => Arrival::Check,
            (None, false) => Arrival::Input,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://verify.example/";

    #[test]
    fn a_result_is_addressed_by_its_link_if_it_fits() {
        let link = format!("{BASE}#vc=abc");
        assert_eq!(result_url(Some(link.clone()), BASE), link);
        assert_eq!(result_url(None, BASE), BASE);
        let huge = format!("{BASE}#vc={}", "a".repeat(MAX_URL));
        assert_eq!(result_url(Some(huge), BASE), BASE);
    }

    #[test]
    fn back_returns_to_the_input_forward_to_the_result() {
        let mut j = Journal::new("s1".into(), BASE.into(), None);
        let a = format!("{BASE}#vc=A");
        let key = j.key(1);
        j.record(key.clone(), a.clone(), "result A");
        // The page shows the result: the hashchange of its own push is nothing new.
        assert_eq!(j.arrive(&a, Some(&key), true), Arrival::Same);
        // Back: the entry before it, the page as it was loaded.
        assert_eq!(j.arrive(BASE, None, false), Arrival::Input);
        // The hashchange that follows the popstate changes nothing.
        assert_eq!(j.arrive(BASE, None, false), Arrival::Same);
        // Forward: the result again, without checking again.
        assert_eq!(j.arrive(&a, Some(&key), true), Arrival::Show("result A"));
    }

    #[test]
    fn links_not_remembered_are_checked_again() {
        let mut j: Journal<&str> = Journal::new("s2".into(), BASE.into(), None);
        let a = format!("{BASE}#vc=A");
        // An entry of an earlier page load (another session): its key is unknown.
        assert_eq!(j.arrive(&a, Some("mcx:s1:1"), true), Arrival::Check);
        // A key that matches but another address (e.g. after a reload) is not trusted.
        let key = j.key(1);
        j.record(key.clone(), format!("{BASE}#vc=B"), "result B");
        assert_eq!(j.arrive(BASE, None, false), Arrival::Input);
        assert_eq!(j.arrive(&a, Some(&key), true), Arrival::Check);
    }

    #[test]
    fn a_result_at_the_same_address_as_the_input_is_its_own_entry() {
        // A portfolio has no link: its entry has the page address too.
        let mut j = Journal::new("s3".into(), BASE.into(), None);
        let key = j.key(1);
        j.record(key.clone(), BASE.into(), "portfolio");
        assert_eq!(j.arrive(BASE, None, false), Arrival::Input);
        assert_eq!(
            j.arrive(BASE, Some(&key), false),
            Arrival::Show("portfolio")
        );
    }

    #[test]
    fn only_the_last_results_are_remembered() {
        let mut j = Journal::new("s".into(), BASE.into(), None);
        for g in 0..(REMEMBERED as u64 + 2) {
            j.record(j.key(g), format!("{BASE}#vc={g}"), g);
        }
        assert_eq!(j.arrive(BASE, None, false), Arrival::Input);
        assert_eq!(
            j.arrive(&format!("{BASE}#vc=0"), Some(&j.key(0)), true),
            Arrival::Check
        );
        let last = REMEMBERED as u64 + 1;
        assert_eq!(
            j.arrive(&format!("{BASE}#vc={last}"), Some(&j.key(last)), true),
            Arrival::Show(last)
        );
    }
}
