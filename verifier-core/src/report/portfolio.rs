//! Stacking needs one learner: which credentials of a set were issued to
//! the same person.
//!
//! Credits and combined offers may only add up credentials of one learner.
//! Credentials are matched on what their (signed) summaries say about the
//! subject, strongest first: the subject's `id` (a DID or URL the learner
//! controls), else its identifier (`identityHash`), else — stated as weaker
//! — its name. Credentials matched on different grounds are never merged:
//! a credential naming "Alex Example" is not Alex's DID's.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::encoding::json::Value;

/// What a learner is recognised by, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Basis {
    /// The subject's `id`.
    Id,
    /// The subject's identifier (`identityHash`).
    Identifier,
    /// Only the subject's name: two people may share it.
    Name,
}

impl Basis {
    /// The stable string form (`id`, `identifier`, `name`).
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Id => "id",
            Basis::Identifier => "identifier",
            Basis::Name => "name",
        }
    }
}

/// The learner a credential was issued to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Learner {
    /// What the match rests on.
    pub basis: Basis,
    /// The id, identifier or name matched on.
    pub key: String,
    /// The learner's name, if the credential gives one.
    pub name: Option<String>,
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The learner of a credential, from its report summary (`credential`).
pub fn learner_of(summary: &Value) -> Option<Learner> {
    let subject = summary.get("subject")?;
    let name = text(subject, "name").map(String::from);
    let (basis, key) = if let Some(id) = text(subject, "id") {
        (Basis::Id, id.to_string())
    } else if let Some(hash) = text(subject, "identifier") {
        (Basis::Identifier, hash.to_string())
    } else {
        (Basis::Name, name.clone()?)
    };
    Some(Learner { basis, key, name })
}

/// The credentials of one learner (indexes into the summaries given to
/// [`by_learner`]), or of no identifiable learner (`learner` is `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Who, if the credentials say.
    pub learner: Option<Learner>,
    /// Which of the summaries, in their order.
    pub members: Vec<usize>,
}

/// Groups credential summaries by learner, in order of first appearance.
pub fn by_learner(summaries: &[&Value]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (i, s) in summaries.iter().enumerate() {
        let learner = learner_of(s);
        let same = |g: &Group| match (&g.learner, &learner) {
            (Some(a), Some(b)) => a.basis == b.basis && a.key == b.key,
            (None, None) => true,
            _ => false,
        };
        match groups.iter_mut().find(|g| same(g)) {
            Some(g) => {
                g.members.push(i);
                // Keep a name if a later credential of the learner gives one.
                if let (Some(l), Some(name)) = (&mut g.learner, learner.and_then(|l| l.name)) {
                    l.name.get_or_insert(name);
                }
            }
            None => groups.push(Group {
                learner,
                members: alloc::vec![i],
            }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::json::parse_str;

    fn s(subject: &str) -> Value {
        parse_str(&alloc::format!(r#"{{"subject":{subject}}}"#)).unwrap()
    }

    #[test]
    fn groups_by_the_strongest_ground_and_never_across_grounds() {
        let alex_did = s(r#"{"id":"did:key:zA","name":"Alex Example"}"#);
        let alex_did_again = s(r#"{"id":"did:key:zA"}"#);
        let other = s(r#"{"id":"did:key:zB","name":"Alex Example"}"#);
        let by_name = s(r#"{"name":"Alex Example"}"#);
        let by_name_again = s(r#"{"name":" Alex Example "}"#);
        let hashed = s(r#"{"identifier":"sha256$abc"}"#);
        let nobody = s(r#"{}"#);
        let list = [
            &alex_did,
            &other,
            &alex_did_again,
            &by_name,
            &hashed,
            &by_name_again,
            &nobody,
        ];
        let groups = by_learner(&list);
        let members: Vec<&[usize]> = groups.iter().map(|g| g.members.as_slice()).collect();
        assert_eq!(members, [&[0, 2][..], &[1], &[3, 5], &[4], &[6]]);
        let bases: Vec<Option<Basis>> = groups
            .iter()
            .map(|g| g.learner.as_ref().map(|l| l.basis))
            .collect();
        assert_eq!(
            bases,
            [
                Some(Basis::Id),
                Some(Basis::Id),
                Some(Basis::Name),
                Some(Basis::Identifier),
                None
            ]
        );
        assert_eq!(
            groups[0].learner.as_ref().and_then(|l| l.name.as_deref()),
            Some("Alex Example")
        );
    }
}
