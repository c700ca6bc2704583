//! RDFC-1.0 RDF Dataset Canonicalization (W3C Recommendation,
//! <https://www.w3.org/TR/rdf-canon/>).
//!
//! Blank nodes are relabelled `c14n0`, `c14n1`, … by how they are connected,
//! so that isomorphic datasets serialize to the same canonical N-Quads; this
//! is what `eddsa-rdfc-2022` and `Ed25519Signature2020` sign.
//!
//! The Hash N-Degree Quads step is exponential on adversarial inputs
//! ("poison" graphs), and the input comes from whoever sent the credential,
//! so every source of work is bounded by [`Limits`] and exceeding a bound is
//! the distinct error [`RdfcError::WorkLimitExceeded`].

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use sha2::{Digest, Sha256, Sha384};

use crate::encoding::sort::{sort, sort_by};
use crate::ld::rdf::{write_quad, Quad, Term};
use crate::report::Code;

/// Bounds on the work [`canonicalize`] will do.
///
/// Real credentials have a handful of blank nodes that are almost always told
/// apart by their first-degree hashes, needing no or very few Hash N-Degree
/// Quads calls; the defaults leave ample room for that while stopping a
/// poison graph within milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Maximum number of (distinct) input quads.
    pub max_quads: usize,
    /// Maximum total invocations of Hash N-Degree Quads, recursive ones included.
    pub max_hndq_calls: usize,
    /// Maximum total permutations examined across all Hash N-Degree Quads calls.
    pub max_permutations: usize,
    /// Maximum recursion depth of Hash N-Degree Quads (it recurses along
    /// chains of indistinguishable blank nodes, so this also bounds stack use).
    pub max_depth: usize,
    /// Maximum elementary steps inside Hash N-Degree Quads: related-hash
    /// computations, identifiers copied into issuer copies, and path
    /// elements. Calls and permutations alone do not bound the work, since one
    /// call over a blank node with many mentions can be expensive.
    pub max_work: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_quads: 100_000,
            max_hndq_calls: 1_000,
            max_permutations: 10_000,
            max_depth: 64,
            max_work: 1_000_000,
        }
    }
}

/// The hash function RDFC-1.0 runs with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HashAlgorithm {
    /// SHA-256, the RDFC-1.0 default.
    #[default]
    Sha256,
    /// SHA-384, the one alternative the test suite exercises.
    Sha384,
}

impl HashAlgorithm {
    /// Lower-case hex digest of the concatenation of `parts`.
    fn hex(self, parts: &[&str]) -> String {
        match self {
            HashAlgorithm::Sha256 => {
                let mut h = Sha256::new();
                for p in parts {
                    h.update(p.as_bytes());
                }
                to_hex(&h.finalize())
            }
            HashAlgorithm::Sha384 => {
                let mut h = Sha384::new();
                for p in parts {
                    h.update(p.as_bytes());
                }
                to_hex(&h.finalize())
            }
        }
    }
}

fn to_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0xF)]));
    }
    s
}

/// Why a dataset could not be canonicalized.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RdfcError {
    /// More quads than [`Limits::max_quads`].
    TooManyQuads,
    /// A quad that is not RDF: literal or blank predicate, literal subject or
    /// graph name.
    InvalidQuad,
    /// The dataset needs more Hash N-Degree Quads work than [`Limits`]
    /// allow (calls, permutations or recursion depth): too complex to
    /// canonicalize safely, as with a poison graph.
    WorkLimitExceeded,
}

impl RdfcError {
    /// The report code for this failure.
    pub fn code(&self) -> Code {
        Code::Malformed
    }
}

impl fmt::Display for RdfcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RdfcError::TooManyQuads => "the dataset has more statements than the verifier accepts",
            RdfcError::InvalidQuad => "the dataset contains a statement that is not valid RDF",
            RdfcError::WorkLimitExceeded => {
                "the dataset is too complex to canonicalize within the work limit \
                 (blank nodes that cannot be told apart)"
            }
        })
    }
}

/// The result of canonicalization: the canonical N-Quads document and which
/// canonical label each input blank node received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Canonical {
    /// The canonical N-Quads document: sorted lines, each ending in `\n`.
    pub nquads: String,
    /// Input blank node label → canonical label (both without `_:`), in the
    /// order the canonical labels were issued.
    pub issued: Vec<(String, String)>,
    /// Hash N-Degree Quads invocations it took (for tuning [`Limits`]).
    pub hndq_calls: usize,
    /// Permutations it examined (for tuning [`Limits`]).
    pub permutations: usize,
    /// Elementary Hash N-Degree Quads steps it took (see [`Limits::max_work`]).
    pub work: usize,
}

impl Canonical {
    /// The canonical label issued for the input blank node `label`.
    pub fn canonical_label(&self, label: &str) -> Option<&str> {
        self.issued
            .iter()
            .find(|(k, _)| k == label)
            .map(|(_, v)| v.as_str())
    }
}

/// Canonicalizes `quads` with RDFC-1.0 and SHA-256, returning the canonical
/// N-Quads document.
pub fn canonicalize(quads: &[Quad], limits: &Limits) -> Result<String, RdfcError> {
    canonicalize_with(quads, HashAlgorithm::Sha256, limits).map(|c| c.nquads)
}

/// Canonicalizes `quads` with RDFC-1.0 using `hash`, returning the canonical
/// document and the issued identifiers map. Duplicate quads count once (a
/// dataset is a set).
pub fn canonicalize_with(
    quads: &[Quad],
    hash: HashAlgorithm,
    limits: &Limits,
) -> Result<Canonical, RdfcError> {
    if quads.len() > limits.max_quads {
        return Err(RdfcError::TooManyQuads);
    }
    // Keep the first occurrence of each quad, in input order. Quads are
    // compared by their N-Quads form, which is what gets hashed, so that two
    // representations of one literal cannot count twice.
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut dataset: Vec<&Quad> = Vec::new();
    for q in quads {
        validate(q)?;
        let mut line = String::new();
        write_quad(&mut line, q, &|label, out| out.push_str(label));
        if seen.insert(line) {
            dataset.push(q);
        }
    }
    drop(seen);

    // Step 2: the blank node to quads map, blank nodes numbered in order of
    // first appearance.
    // `String` keys: the map type exists anyway (each new one costs the
    // browser bundles code).
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut labels: Vec<&str> = Vec::new();
    let mut mentions: Vec<Vec<usize>> = Vec::new();
    for (qi, q) in dataset.iter().enumerate() {
        for term in components(q) {
            if let Term::Blank(label) = term {
                let id = match index.get(label.as_str()) {
                    Some(&id) => id,
                    None => {
                        labels.push(label.as_str());
                        mentions.push(Vec::new());
                        index.insert(label.clone(), labels.len() - 1);
                        labels.len() - 1
                    }
                };
                if let Some(m) = mentions.get_mut(id) {
                    // A blank node in two positions of one quad is one mention.
                    if m.last() != Some(&qi) {
                        m.push(qi);
                    }
                }
            }
        }
    }

    let mut state = State {
        hash,
        limits: *limits,
        dataset: &dataset,
        index: &index,
        labels: &labels,
        mentions: &mentions,
        first_degree: Vec::with_capacity(labels.len()),
        canonical: Issuer::new("c14n"),
        hndq_calls: 0,
        permutations: 0,
        work: 0,
    };

    // Step 3: first-degree hashes.
    let mut hashed: Vec<(String, usize)> = Vec::with_capacity(labels.len());
    for id in 0..labels.len() {
        let h = state.hash_first_degree(id);
        hashed.push((h.clone(), id));
        state.first_degree.push(h);
    }
    let mut by_hash = group_by_hash(hashed);

    // Step 4: blank nodes with a unique first-degree hash, in hash order.
    by_hash.retain(|(_, ids)| match ids.as_slice() {
        [only] => {
            state.canonical.issue(*only);
            false
        }
        _ => true,
    });

    // Step 5: the rest, through Hash N-Degree Quads, in hash order.
    for (_, ids) in &by_hash {
        let mut paths: Vec<(String, Issuer)> = Vec::new();
        for &id in ids {
            if state.canonical.get(id).is_some() {
                continue;
            }
            let mut temp = Issuer::new("b");
            temp.issue(id);
            paths.push(state.hash_n_degree(id, temp, 0)?);
        }
        // RDFC-1.0: among equal hashes the order does not matter; stable anyway.
        sort_by(&mut paths, |a, b| a.0.cmp(&b.0));
        for (_, issuer) in &paths {
            for &id in &issuer.order {
                state.canonical.issue(id);
            }
        }
    }

    // Steps 6-7: serialize with canonical labels, sorted.
    let canonical = &state.canonical;
    let relabel = |label: &str, out: &mut String| match index.get(label) {
        Some(&id) => canonical.write_label(id, out),
        None => out.push_str(label),
    };
    let mut lines: Vec<String> = dataset
        .iter()
        .map(|q| {
            let mut line = String::new();
            write_quad(&mut line, q, &relabel);
            line
        })
        .collect();
    sort(&mut lines);
    lines.dedup();
    let issued = canonical
        .order
        .iter()
        .filter_map(|&id| {
            let mut c = String::new();
            canonical.write_label(id, &mut c);
            labels.get(id).map(|l| (String::from(*l), c))
        })
        .collect();
    Ok(Canonical {
        nquads: lines.concat(),
        issued,
        hndq_calls: state.hndq_calls,
        permutations: state.permutations,
        work: state.work,
    })
}

/// Rejects what is not an RDF quad, so that blank nodes can only be in the
/// subject, object and graph positions RDFC-1.0 considers.
fn validate(q: &Quad) -> Result<(), RdfcError> {
    let ok = matches!(q.subject, Term::Iri(_) | Term::Blank(_))
        && matches!(q.predicate, Term::Iri(_))
        && matches!(q.graph, None | Some(Term::Iri(_) | Term::Blank(_)));
    if ok {
        Ok(())
    } else {
        Err(RdfcError::InvalidQuad)
    }
}

/// The components of `q` that may be blank nodes (predicates cannot).
fn components(q: &Quad) -> impl Iterator<Item = &Term> {
    [Some(&q.subject), Some(&q.object), q.graph.as_ref()]
        .into_iter()
        .flatten()
}

/// An identifier issuer: hands out `prefix` + counter, remembering the order.
#[derive(Clone, Debug)]
struct Issuer {
    prefix: &'static str,
    /// Blank node ids in order of issue; the counter is the position.
    order: Vec<usize>,
    /// Blank node id → counter.
    issued: BTreeMap<usize, usize>,
}

impl Issuer {
    fn new(prefix: &'static str) -> Self {
        Issuer {
            prefix,
            order: Vec::new(),
            issued: BTreeMap::new(),
        }
    }

    fn get(&self, id: usize) -> Option<usize> {
        self.issued.get(&id).copied()
    }

    /// Issue Identifier: the counter for `id`, issuing one if needed.
    fn issue(&mut self, id: usize) -> usize {
        if let Some(n) = self.get(id) {
            return n;
        }
        let n = self.order.len();
        self.order.push(id);
        self.issued.insert(id, n);
        n
    }

    /// Appends the issued identifier of `id` (without `_:`), if any.
    fn write_label(&self, id: usize, out: &mut String) {
        if let Some(n) = self.get(id) {
            out.push_str(self.prefix);
            push_usize(out, n);
        }
    }
}

fn push_usize(out: &mut String, n: usize) {
    use core::fmt::Write;
    // Writing to a String cannot fail.
    let _ = write!(out, "{n}");
}

/// The canonicalization state shared by the hashing algorithms.
struct State<'a> {
    hash: HashAlgorithm,
    limits: Limits,
    dataset: &'a [&'a Quad],
    index: &'a BTreeMap<String, usize>,
    labels: &'a [&'a str],
    /// Blank node id → indices into `dataset` of the quads mentioning it.
    mentions: &'a [Vec<usize>],
    /// Blank node id → first-degree hash.
    first_degree: Vec<String>,
    canonical: Issuer,
    hndq_calls: usize,
    permutations: usize,
    work: usize,
}

impl State<'_> {
    /// Charges `steps` units of work, failing once over the limit.
    fn charge(&mut self, steps: usize) -> Result<(), RdfcError> {
        self.work = self.work.saturating_add(steps);
        if self.work > self.limits.max_work {
            Err(RdfcError::WorkLimitExceeded)
        } else {
            Ok(())
        }
    }

    fn quads_of(&self, id: usize) -> impl Iterator<Item = &Quad> + '_ {
        self.mentions
            .get(id)
            .map(|m| m.as_slice())
            .unwrap_or(&[])
            .iter()
            .filter_map(|&qi| self.dataset.get(qi).copied())
    }

    fn blank_id(&self, term: &Term) -> Option<usize> {
        match term {
            Term::Blank(label) => self.index.get(label.as_str()).copied(),
            _ => None,
        }
    }

    /// Hash First Degree Quads (section 4.6).
    fn hash_first_degree(&self, id: usize) -> String {
        let me = self.labels.get(id).copied().unwrap_or("");
        let relabel =
            |label: &str, out: &mut String| out.push_str(if label == me { "a" } else { "z" });
        let mut nquads: Vec<String> = self
            .quads_of(id)
            .map(|q| {
                let mut line = String::new();
                write_quad(&mut line, q, &relabel);
                line
            })
            .collect();
        sort(&mut nquads);
        let parts: Vec<&str> = nquads.iter().map(String::as_str).collect();
        self.hash.hex(&parts)
    }

    /// Hash Related Blank Node (section 4.7).
    fn hash_related(&self, related: usize, q: &Quad, issuer: &Issuer, position: &str) -> String {
        let mut input = String::from(position);
        if position != "g" {
            if let Term::Iri(p) = &q.predicate {
                input.push('<');
                input.push_str(p);
                input.push('>');
            }
        }
        if self.canonical.get(related).is_some() {
            input.push_str("_:");
            self.canonical.write_label(related, &mut input);
        } else if issuer.get(related).is_some() {
            input.push_str("_:");
            issuer.write_label(related, &mut input);
        } else if let Some(h) = self.first_degree.get(related) {
            input.push_str(h);
        }
        self.hash.hex(&[&input])
    }

    /// Hash N-Degree Quads (section 4.8): the hash of the shortest gossip
    /// path from `id`, and the issuer that labelled it.
    fn hash_n_degree(
        &mut self,
        id: usize,
        mut issuer: Issuer,
        depth: usize,
    ) -> Result<(String, Issuer), RdfcError> {
        self.hndq_calls += 1;
        if self.hndq_calls > self.limits.max_hndq_calls || depth >= self.limits.max_depth {
            return Err(RdfcError::WorkLimitExceeded);
        }

        // Steps 1-3: related blank nodes, grouped by related hash. Each
        // mention yields at most two related hashes; charge for them up front.
        let mention_count = self.mentions.get(id).map_or(0, Vec::len);
        self.charge(mention_count)?;
        let mut related: Vec<(String, usize)> = Vec::new();
        for q in self.quads_of(id) {
            let positions = [(&q.subject, "s"), (&q.object, "o")];
            let graph = q.graph.as_ref().map(|g| (g, "g"));
            for (term, position) in positions.into_iter().chain(graph) {
                match self.blank_id(term) {
                    Some(related_id) if related_id != id => {
                        let h = self.hash_related(related_id, q, &issuer, position);
                        related.push((h, related_id));
                    }
                    _ => {}
                }
            }
        }

        // Steps 4-5: for each related hash, the shortest path over all
        // permutations of its blank nodes.
        let mut data_to_hash = String::new();
        for (related_hash, list) in &group_by_hash(related) {
            data_to_hash.push_str(related_hash);
            let mut chosen_path = String::new();
            let mut chosen_issuer: Option<Issuer> = None;
            let mut perm = Permutations::new(list.len());
            'perm: while let Some(p) = perm.next_indices() {
                self.permutations += 1;
                if self.permutations > self.limits.max_permutations {
                    return Err(RdfcError::WorkLimitExceeded);
                }
                self.charge(issuer.order.len() + list.len())?;
                let mut issuer_copy = issuer.clone();
                let mut path = String::new();
                let mut recursion = Vec::new();
                for &i in p {
                    let Some(&related) = list.get(i) else {
                        continue;
                    };
                    path.push_str("_:");
                    if self.canonical.get(related).is_some() {
                        self.canonical.write_label(related, &mut path);
                    } else {
                        if issuer_copy.get(related).is_none() {
                            recursion.push(related);
                        }
                        issuer_copy.issue(related);
                        issuer_copy.write_label(related, &mut path);
                    }
                    if worse(&path, &chosen_path) {
                        continue 'perm;
                    }
                }
                for related in recursion {
                    let (h, result_issuer) = self.hash_n_degree(related, issuer_copy, depth + 1)?;
                    issuer_copy = result_issuer;
                    issuer_copy.issue(related);
                    path.push_str("_:");
                    issuer_copy.write_label(related, &mut path);
                    path.push('<');
                    path.push_str(&h);
                    path.push('>');
                    if worse(&path, &chosen_path) {
                        continue 'perm;
                    }
                }
                if chosen_path.is_empty() || path < chosen_path {
                    chosen_path = path;
                    chosen_issuer = Some(issuer_copy);
                }
            }
            data_to_hash.push_str(&chosen_path);
            if let Some(c) = chosen_issuer {
                issuer = c;
            }
        }
        Ok((self.hash.hex(&[&data_to_hash]), issuer))
    }
}

/// `(hash, id)` pairs grouped by hash, in hash order, each group's ids in
/// their order in `pairs` (what a map from hash to ids would hold, without
/// one more map type in the browser bundles).
fn group_by_hash(mut pairs: Vec<(String, usize)>) -> Vec<(String, Vec<usize>)> {
    sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (hash, id) in pairs {
        match groups.last_mut() {
            Some((last, ids)) if *last == hash => ids.push(id),
            _ => groups.push((hash, alloc::vec![id])),
        }
    }
    groups
}

/// Whether a (partial) `path` can no longer beat `chosen`, so the
/// permutation can be abandoned (section 4.8.3, steps 5.4.4.3 and 5.4.5.5).
fn worse(path: &str, chosen: &str) -> bool {
    !chosen.is_empty() && path.len() >= chosen.len() && path > chosen
}

/// All permutations of `0..n` in lexicographic order, generated in place
/// (memory O(n)); the caller bounds how many it takes.
struct Permutations {
    indices: Vec<usize>,
    started: bool,
    done: bool,
}

impl Permutations {
    fn new(n: usize) -> Self {
        Permutations {
            indices: (0..n).collect(),
            started: false,
            done: false,
        }
    }

    /// The next permutation, or `None` after the last.
    fn next_indices(&mut self) -> Option<&[usize]> {
        if self.done {
            return None;
        }
        if !self.started {
            self.started = true;
            return Some(&self.indices);
        }
        // Standard next-permutation: find the rightmost ascent, swap with the
        // rightmost larger element, reverse the tail.
        let v = &mut self.indices;
        let Some(i) = (1..v.len()).rev().find(|&i| v[i - 1] < v[i]) else {
            self.done = true;
            return None;
        };
        let pivot = i - 1;
        let Some(j) = (i..v.len()).rev().find(|&j| v[j] > v[pivot]) else {
            self.done = true;
            return None;
        };
        v.swap(pivot, j);
        v[i..].reverse();
        Some(&self.indices)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn permutations_are_complete_and_distinct() {
        let mut p = Permutations::new(4);
        let mut all = BTreeSet::new();
        while let Some(x) = p.next_indices() {
            all.insert(x.to_vec());
        }
        assert_eq!(all.len(), 24);
        let mut p = Permutations::new(0);
        assert_eq!(p.next_indices(), Some(&[][..]));
        assert_eq!(p.next_indices(), None);
    }

    #[test]
    fn spec_example_unique_hashes() {
        let quads = crate::ld::rdf::parse_nquads(
            "<http://example.com/#p> <http://example.com/#q> _:e0 .\n\
             <http://example.com/#p> <http://example.com/#r> _:e1 .\n\
             _:e0 <http://example.com/#s> <http://example.com/#u> .\n\
             _:e1 <http://example.com/#t> <http://example.com/#u> .\n",
        )
        .unwrap();
        let c = canonicalize_with(&quads, HashAlgorithm::Sha256, &Limits::default()).unwrap();
        let labels = ["e0", "e1"];
        let index: BTreeMap<String, usize> =
            [("e0".into(), 0), ("e1".into(), 1)].into_iter().collect();
        let refs: Vec<&Quad> = quads.iter().collect();
        let mentions = vec![vec![0, 2], vec![1, 3]];
        let state = State {
            hash: HashAlgorithm::Sha256,
            limits: Limits::default(),
            dataset: &refs,
            index: &index,
            labels: &labels,
            mentions: &mentions,
            first_degree: Vec::new(),
            canonical: Issuer::new("c14n"),
            hndq_calls: 0,
            permutations: 0,
            work: 0,
        };
        assert_eq!(
            state.hash_first_degree(0),
            "21d1dd5ba21f3dee9d76c0c00c260fa6f5d5d65315099e553026f4828d0dc77a"
        );
        assert_eq!(
            state.hash_first_degree(1),
            "6fa0b9bdb376852b5743ff39ca4cbf7ea14d34966b2828478fbf222e7c764473"
        );
        assert_eq!(
            c.issued,
            vec![("e0".into(), "c14n0".into()), ("e1".into(), "c14n1".into())]
        );
    }

    #[test]
    fn spec_example_shared_hashes() {
        let quads = crate::ld::rdf::parse_nquads(
            "<http://example.com/#p> <http://example.com/#q> _:e0 .\n\
             <http://example.com/#p> <http://example.com/#q> _:e1 .\n\
             _:e0 <http://example.com/#p> _:e2 .\n\
             _:e1 <http://example.com/#p> _:e3 .\n\
             _:e2 <http://example.com/#r> _:e3 .\n",
        )
        .unwrap();
        let c = canonicalize_with(&quads, HashAlgorithm::Sha256, &Limits::default()).unwrap();
        assert_eq!(c.canonical_label("e0"), Some("c14n3"));
        assert_eq!(c.canonical_label("e1"), Some("c14n2"));
        assert_eq!(c.canonical_label("e2"), Some("c14n0"));
        assert_eq!(c.canonical_label("e3"), Some("c14n1"));
        assert_eq!(c.hndq_calls, 2);
    }

    #[test]
    fn rejects_non_rdf() {
        let q = Quad {
            subject: Term::string("x"),
            predicate: Term::iri("urn:ex:p"),
            object: Term::iri("urn:ex:o"),
            graph: None,
        };
        assert_eq!(
            canonicalize(&[q], &Limits::default()),
            Err(RdfcError::InvalidQuad)
        );
    }
}
