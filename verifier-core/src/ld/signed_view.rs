//! The signed reading of an RDF-signed document.
//!
//! `eddsa-rdfc-2022` and `Ed25519Signature2020` sign canonical N-Quads,
//! not JSON. Many JSON documents expand to the same quads (full IRIs as
//! keys, `@nest`, aliases in embedded contexts, value objects, types written
//! as IRIs so that a type-scoped context does not apply…), so after such a
//! signature verifies, the JSON keys still say nothing trustworthy. This
//! module rebuilds, from the canonical N-Quads that were hashed and signed,
//! the JSON a compacting JSON-LD processor would write with the document's
//! own bundled contexts. The pipeline then checks and shows *that* object,
//! never the input's keys: whatever the input's JSON form, the same signed
//! quads give the same reading.
//!
//! The reading is deliberately plain: properties named by the term the
//! bundled contexts define for their IRI (otherwise the full IRI, which no
//! reader asks for), `type` values by their class term, node references as
//! strings where the context types the property `@id`, values of a
//! multi-valued property sorted by their canonical N-Quads form (RDF
//! properties are sets: their order is not signed, so it must not decide
//! which of several values is shown first).

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use crate::encoding::json::{self, Number, Object, Value};
use crate::encoding::sort::{sort, sort_by};
use crate::ld::rdf::{self, Quad, Term};

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDF_JSON: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
/// The VC 2.0 and Open Badges contexts write XSD datatypes with `https:`.
const XSD_HTTPS: &str = "https://www.w3.org/2001/XMLSchema#";
/// Nesting of scoped contexts walked in a bundled context.
const MAX_CONTEXT_DEPTH: usize = 16;
/// Nesting of nodes in a reading.
const MAX_NODE_DEPTH: usize = 64;

/// Why a signed reading could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ViewError {
    /// The signed graph has no single node the document's top level can
    /// be: its `id` names no node, or several unnamed nodes stand alone.
    Roots(usize),
    /// A context named by the document is not bundled.
    UnknownContext(String),
    /// The graph is too deep or would be repeated too often to read.
    TooComplex,
    /// The node the document's top level names is nested in another top
    /// node of the signed graph: the JSON moved an inner node to the top.
    NotTopLevel,
}

impl ViewError {
    /// The stable code of this error.
    pub fn code(&self) -> crate::Code {
        match self {
            ViewError::UnknownContext(_) => crate::Code::Unsupported,
            _ => crate::Code::NotAsSigned,
        }
    }
}

impl fmt::Display for ViewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ViewError::Roots(0) => {
                f.write_str("the signed data says nothing about the document the text stands for")
            }
            ViewError::Roots(n) => write!(
                f,
                "the signed data has {n} unconnected top-level nodes, so it does not say which one is the document"
            ),
            ViewError::UnknownContext(u) => write!(f, "the context {u} is not bundled"),
            ViewError::TooComplex => f.write_str("the signed data is nested too deeply to read"),
            ViewError::NotTopLevel => f.write_str(
                "what the text presents as the document is a part nested inside the signed document",
            ),
        }
    }
}

/// The terms of a set of bundled contexts, looked up by IRI: the inverse
/// of what expansion did, fixed by the contexts rather than by the input.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    /// IRI → term for properties; a term starting in lowercase wins.
    properties: BTreeMap<String, String>,
    /// IRI → term for classes and vocabulary values; uppercase wins.
    classes: BTreeMap<String, String>,
    /// Properties whose node references compact to strings (`@type: @id`).
    id_valued: BTreeSet<String>,
    /// Properties whose values are vocabulary terms (`@type: @vocab`).
    vocab_valued: BTreeSet<String>,
}

#[derive(Clone, Default)]
struct Scope {
    terms: BTreeMap<String, String>,
    vocab: Option<String>,
}

impl Scope {
    fn expand(&self, s: &str) -> Option<String> {
        if s.starts_with('@') {
            return None;
        }
        if let Some((prefix, suffix)) = s.split_once(':') {
            if !suffix.starts_with("//") {
                if let Some(base) = self.terms.get(prefix) {
                    return Some(alloc::format!("{base}{suffix}"));
                }
            }
            return Some(s.to_string());
        }
        if let Some(iri) = self.terms.get(s) {
            return Some(iri.clone());
        }
        self.vocab.as_ref().map(|v| alloc::format!("{v}{s}"))
    }
}

impl Vocabulary {
    /// The vocabulary of every bundled context, in a fixed order. It does
    /// not depend on the document: a context added to a document's
    /// `@context` (which need not change its quads) cannot rename what the
    /// reading calls `validUntil` or `credentialStatus`.
    pub fn bundled() -> Result<Vocabulary, ViewError> {
        Self::of_contexts(crate::ld::contexts::urls())
    }

    /// The vocabulary of the bundled contexts at `urls`, each with its
    /// scoped contexts; for an IRI named by several terms the first
    /// lowercase (property) or uppercase (class) term wins.
    pub fn of_contexts<'a>(
        urls: impl IntoIterator<Item = &'a str>,
    ) -> Result<Vocabulary, ViewError> {
        let mut v = Vocabulary::default();
        for url in urls {
            v.walk_url(url, &mut Scope::default(), 0)?;
        }
        Ok(v)
    }

    fn walk_url(&mut self, url: &str, scope: &mut Scope, depth: usize) -> Result<(), ViewError> {
        let text = crate::ld::contexts::lookup(url)
            .ok_or_else(|| ViewError::UnknownContext(url.into()))?;
        // Bundled contexts are ours and parse; a failure is a build error,
        // reported rather than trusted.
        let doc = json::parse_str(text).map_err(|_| ViewError::UnknownContext(url.into()))?;
        match doc.get("@context") {
            Some(c) => self.walk(c, scope, depth),
            None => Ok(()),
        }
    }

    fn walk(&mut self, ctx: &Value, scope: &mut Scope, depth: usize) -> Result<(), ViewError> {
        if depth > MAX_CONTEXT_DEPTH {
            return Err(ViewError::TooComplex);
        }
        match ctx {
            // A context that a bundled one imports but is not bundled itself
            // (the examples context imports ODRL) defines nothing we read.
            Value::String(url) if crate::ld::contexts::lookup(url).is_none() => Ok(()),
            Value::String(url) => self.walk_url(url, scope, depth + 1),
            Value::Array(list) => {
                for c in list {
                    self.walk(c, scope, depth)?;
                }
                Ok(())
            }
            Value::Object(defs) => {
                if let Some(v) = defs.get("@vocab").and_then(Value::as_str) {
                    scope.vocab = scope.expand(v).or_else(|| Some(v.to_string()));
                }
                // Prefixes first: a term may use one defined after it.
                for (term, def) in defs.iter() {
                    if let Some(s) = def.as_str() {
                        if !term.starts_with('@') && !s.starts_with('@') {
                            if let Some(iri) = scope.expand(s) {
                                scope.terms.insert(term.clone(), iri);
                            }
                        }
                    }
                }
                for (term, def) in defs.iter() {
                    if term.starts_with('@') {
                        continue;
                    }
                    let (iri, ty, scoped) = match def {
                        Value::String(s) => (scope.expand(s), None, None),
                        Value::Object(o) if o.contains_key("@reverse") => continue,
                        Value::Object(o) => {
                            let iri = match o.get("@id") {
                                Some(Value::String(s)) => scope.expand(s),
                                Some(_) => None,
                                None => scope.expand(term),
                            };
                            (
                                iri,
                                o.get("@type").and_then(Value::as_str),
                                o.get("@context"),
                            )
                        }
                        _ => continue,
                    };
                    let Some(iri) = iri else { continue };
                    if let Value::Object(_) = def {
                        scope.terms.insert(term.clone(), iri.clone());
                    }
                    self.record(term, &iri, ty);
                    if let Some(inner) = scoped {
                        let mut child = scope.clone();
                        self.walk(inner, &mut child, depth + 1)?;
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn record(&mut self, term: &str, iri: &str, ty: Option<&str>) {
        let lower = term.starts_with(|c: char| c.is_ascii_lowercase());
        match self.properties.get(iri) {
            Some(t) if t.starts_with(|c: char| c.is_ascii_lowercase()) || !lower => {}
            _ => {
                self.properties.insert(iri.to_string(), term.to_string());
            }
        }
        match self.classes.get(iri) {
            Some(t) if t.starts_with(|c: char| c.is_ascii_uppercase()) || lower => {}
            _ => {
                self.classes.insert(iri.to_string(), term.to_string());
            }
        }
        match ty {
            Some("@id") => {
                self.id_valued.insert(iri.to_string());
            }
            Some("@vocab") => {
                self.vocab_valued.insert(iri.to_string());
            }
            _ => {}
        }
    }

    /// The term for a property IRI, if the contexts define one.
    pub fn property(&self, iri: &str) -> Option<&str> {
        self.properties.get(iri).map(String::as_str)
    }

    /// The term for a class or vocabulary value IRI, if the contexts define one.
    pub fn class(&self, iri: &str) -> Option<&str> {
        self.classes.get(iri).map(String::as_str)
    }
}

/// The signed reading of a canonical dataset (the quads whose canonical
/// N-Quads were hashed): the node the document's top level stands for, as
/// JSON. `root` is the top level's `id` (or `@id`) in the JSON, which is
/// the IRI expansion gave that node; without one the top level is the one
/// blank node that nothing refers to.
pub fn read(quads: &[Quad], root: Option<&str>, vocab: &Vocabulary) -> Result<Object, ViewError> {
    let graph = Graph::new(quads);
    let named = root.map(|id| Term::Iri(id.to_string()));
    let root: &Term = match &named {
        Some(t) => match graph.about(t).first() {
            // A node that another top node of the signed graph leads to was
            // nested in the signed document: the JSON put it on top (with
            // the real top under `@included`, say) and is no document.
            Some((k, _, _)) if graph.nested_in_another_top(k)? => {
                return Err(ViewError::NotTopLevel)
            }
            Some((k, _, _)) => k,
            None => return Err(ViewError::Roots(0)),
        },
        None => {
            let roots: Vec<&Term> = graph
                .subjects()
                .filter(|s| matches!(s, Term::Blank(_)) && !graph.is_object(s))
                .collect();
            match roots.as_slice() {
                [root] => root,
                _ => return Err(ViewError::Roots(roots.len())),
            }
        }
    };
    let mut reader = Reader {
        graph: &graph,
        vocab,
        stack: Vec::new(),
        budget: 4 * quads.len() + 64,
    };
    reader.node(root)
}

struct Graph<'q> {
    /// Default-graph statements (subject, predicate, object), sorted by
    /// subject. Sorted vectors rather than maps: the bundles already carry
    /// the sort, and each new map type costs the widget code.
    statements: Vec<(&'q Term, &'q str, &'q Term)>,
    /// Every term that is the object of a default-graph statement, sorted.
    objects: Vec<&'q Term>,
}

impl<'q> Graph<'q> {
    fn new(quads: &'q [Quad]) -> Self {
        let mut statements = Vec::new();
        let mut objects = Vec::new();
        for q in quads.iter().filter(|q| q.graph.is_none()) {
            let Term::Iri(p) = &q.predicate else { continue };
            statements.push((&q.subject, p.as_str(), &q.object));
            if !matches!(q.object, Term::Literal { .. }) {
                objects.push(&q.object);
            }
        }
        sort_by(&mut statements, |a, b| a.0.cmp(b.0));
        sort(&mut objects);
        objects.dedup();
        Graph {
            statements,
            objects,
        }
    }

    /// The statements about `subject`.
    fn about(&self, subject: &Term) -> &[(&'q Term, &'q str, &'q Term)] {
        let start = self.statements.partition_point(|s| s.0 < subject);
        let end = self.statements.partition_point(|s| s.0 <= subject);
        &self.statements[start..end]
    }

    fn is_subject(&self, term: &Term) -> bool {
        !self.about(term).is_empty()
    }

    fn is_object(&self, term: &Term) -> bool {
        self.objects.binary_search(&term).is_ok()
    }

    /// True when a node that nothing refers to, other than `node`, leads to
    /// `node` through the default graph. Bounded by the graph's size.
    fn nested_in_another_top(&self, node: &Term) -> Result<bool, ViewError> {
        let subjects: Vec<&Term> = self.subjects().collect();
        let mut seen = alloc::vec![false; subjects.len()];
        let mut queue: Vec<usize> = subjects
            .iter()
            .enumerate()
            .filter(|(_, s)| **s != node && !self.is_object(s))
            .map(|(i, _)| i)
            .collect();
        for &i in &queue {
            seen[i] = true;
        }
        let mut budget = self.statements.len() + subjects.len();
        while let Some(i) = queue.pop() {
            for &(_, _, object) in self.about(subjects[i]) {
                budget = budget.checked_sub(1).ok_or(ViewError::TooComplex)?;
                if object == node {
                    return Ok(true);
                }
                if let Ok(j) = subjects.binary_search(&object) {
                    if !seen[j] {
                        seen[j] = true;
                        queue.push(j);
                    }
                }
            }
        }
        Ok(false)
    }

    /// The subjects, once each.
    fn subjects(&self) -> impl Iterator<Item = &'q Term> + '_ {
        let mut last: Option<&Term> = None;
        self.statements.iter().filter_map(move |s| {
            let new = last != Some(s.0);
            last = Some(s.0);
            new.then_some(s.0)
        })
    }
}

struct Reader<'g, 'q> {
    graph: &'g Graph<'q>,
    vocab: &'g Vocabulary,
    stack: Vec<&'q Term>,
    budget: usize,
}

impl<'q> Reader<'_, 'q> {
    fn node(&mut self, subject: &'q Term) -> Result<Object, ViewError> {
        if self.stack.len() >= MAX_NODE_DEPTH || self.budget == 0 {
            return Err(ViewError::TooComplex);
        }
        self.budget -= 1;
        self.stack.push(subject);
        let mut out = Object::new();
        if let Term::Iri(iri) = subject {
            out.insert("id", Value::from(iri.as_str()));
        }
        // (key, canonical form of the value, value), grouped by key below.
        let mut props: Vec<(String, String, Value)> = Vec::new();
        let statements = self.graph.about(subject);
        for &(_, p, o) in statements {
            let (key, value) = if p == RDF_TYPE {
                ("type".to_string(), self.class_value(o))
            } else {
                let key = self.vocab.property(p).unwrap_or(p).to_string();
                (key, self.value(p, o)?)
            };
            let mut sort_key = String::new();
            rdf::write_term(&mut sort_key, o, &|l, out| out.push_str(l));
            props.push((key, sort_key, value));
        }
        sort_by(&mut props, |a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        let mut props = props.into_iter().peekable();
        while let Some((key, _, first)) = props.next() {
            let mut values = alloc::vec![first];
            while let Some((_, _, v)) = props.next_if(|p| p.0 == key) {
                values.push(v);
            }
            let v = if values.len() == 1 {
                values.remove(0)
            } else {
                Value::Array(values)
            };
            out.insert(key, v);
        }
        self.stack.pop();
        Ok(out)
    }

    fn class_value(&self, o: &Term) -> Value {
        match o {
            Term::Iri(iri) => Value::from(self.vocab.class(iri).unwrap_or(iri)),
            Term::Blank(b) => Value::from(alloc::format!("_:{b}")),
            Term::Literal { value, .. } => Value::from(value.as_str()),
        }
    }

    fn value(&mut self, predicate: &str, o: &'q Term) -> Result<Value, ViewError> {
        let described = self.graph.is_subject(o) && !self.stack.contains(&o);
        match o {
            Term::Literal {
                value,
                datatype,
                language,
            } => Ok(literal(value, datatype, language.as_deref())),
            _ if described => self.node(o).map(Value::Object),
            Term::Iri(iri) => Ok(if self.vocab.vocab_valued.contains(predicate) {
                Value::from(self.vocab.class(iri).unwrap_or(iri))
            } else if self.vocab.id_valued.contains(predicate) {
                Value::from(iri.as_str())
            } else {
                let mut r = Object::new();
                r.insert("id", Value::from(iri.as_str()));
                Value::Object(r)
            }),
            // A blank node with nothing said about it (a named graph, a
            // cycle back): an empty node.
            Term::Blank(_) => Ok(Value::Object(Object::new())),
        }
    }
}

/// A literal as compacted JSON: native numbers and booleans where JSON-LD
/// would have written them, JSON literals parsed, language-tagged strings
/// as value objects, everything else its lexical form.
fn literal(value: &str, datatype: &str, language: Option<&str>) -> Value {
    if let Some(lang) = language {
        let mut o = Object::new();
        o.insert("@value", Value::from(value));
        o.insert("@language", Value::from(lang));
        return Value::Object(o);
    }
    if datatype == RDF_JSON {
        if let Ok(v) = json::parse_str(value) {
            return v;
        }
    }
    match datatype
        .strip_prefix(XSD)
        .or_else(|| datatype.strip_prefix(XSD_HTTPS))
    {
        Some("boolean") if value == "true" => Value::Bool(true),
        Some("boolean") if value == "false" => Value::Bool(false),
        Some(
            "integer" | "double" | "float" | "decimal" | "nonNegativeInteger" | "positiveInteger"
            | "nonPositiveInteger" | "negativeInteger" | "long" | "int" | "short" | "byte"
            | "unsignedLong" | "unsignedInt" | "unsignedShort" | "unsignedByte",
        ) => number(value)
            .map(Value::Number)
            .unwrap_or_else(|| Value::from(value)),
        _ => Value::from(value),
    }
}

fn number(lexical: &str) -> Option<Number> {
    if let Ok(n) = lexical.parse::<u64>() {
        return Some(Number::from_u64(n));
    }
    let x = crate::encoding::decimal::parse_f64(lexical)?;
    // An integer too large for f64 would be shown rounded: keep its text.
    if lexical.bytes().all(|b| b.is_ascii_digit() || b == b'-') && x.abs() > 9.0e15 {
        return None;
    }
    Number::from_f64_es6(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(nquads: &str) -> Vec<Quad> {
        rdf::parse_nquads(nquads).unwrap()
    }

    fn vc2_ob() -> Vocabulary {
        Vocabulary::of_contexts([
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ])
        .unwrap()
    }

    #[test]
    fn vocabulary_names_properties_and_classes_apart() {
        let v = vc2_ob();
        let ob = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#";
        // OB 3.0 maps both `criteria` and `Criteria` to one IRI.
        assert_eq!(
            v.property(&alloc::format!("{ob}Criteria")),
            Some("criteria")
        );
        assert_eq!(v.class(&alloc::format!("{ob}Criteria")), Some("Criteria"));
        assert_eq!(
            v.property("https://www.w3.org/2018/credentials#validUntil"),
            Some("validUntil")
        );
        assert_eq!(
            v.class("https://www.w3.org/2018/credentials#VerifiableCredential"),
            Some("VerifiableCredential")
        );
        assert_eq!(
            v.property("https://www.w3.org/2018/credentials#credentialStatus"),
            Some("credentialStatus")
        );
    }

    /// Every property a check reads has its own name, whatever the
    /// order of the bundled contexts.
    #[test]
    fn the_checked_properties_keep_their_names() {
        let v = Vocabulary::bundled().unwrap();
        let cred = "https://www.w3.org/2018/credentials#";
        let status = "https://www.w3.org/ns/credentials/status#";
        let sec = "https://w3id.org/security#";
        for (iri, name) in [
            (alloc::format!("{cred}validFrom"), "validFrom"),
            (alloc::format!("{cred}validUntil"), "validUntil"),
            (alloc::format!("{cred}issuanceDate"), "issuanceDate"),
            (alloc::format!("{cred}expirationDate"), "expirationDate"),
            (alloc::format!("{cred}issuer"), "issuer"),
            (alloc::format!("{cred}holder"), "holder"),
            (
                alloc::format!("{cred}credentialSubject"),
                "credentialSubject",
            ),
            (alloc::format!("{cred}credentialStatus"), "credentialStatus"),
            (
                alloc::format!("{cred}verifiableCredential"),
                "verifiableCredential",
            ),
            (alloc::format!("{status}statusPurpose"), "statusPurpose"),
            (alloc::format!("{status}statusListIndex"), "statusListIndex"),
            (
                alloc::format!("{status}statusListCredential"),
                "statusListCredential",
            ),
            (alloc::format!("{status}encodedList"), "encodedList"),
            (alloc::format!("{sec}proofPurpose"), "proofPurpose"),
            (
                alloc::format!("{sec}verificationMethod"),
                "verificationMethod",
            ),
            (alloc::format!("{sec}challenge"), "challenge"),
            (alloc::format!("{sec}domain"), "domain"),
            (alloc::format!("{sec}expiration"), "expires"),
            (alloc::format!("{sec}cryptosuite"), "cryptosuite"),
        ] {
            assert_eq!(v.property(&iri), Some(name), "{iri}");
        }
    }

    #[test]
    fn reads_the_single_root_and_sorts_values() {
        let nq = concat!(
            "<urn:c> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential> .\n",
            "<urn:c> <https://schema.org/name> \"b\" .\n",
            "<urn:c> <https://schema.org/name> \"a\" .\n",
            "<urn:c> <https://www.w3.org/2018/credentials#credentialSubject> _:c14n0 .\n",
            "_:c14n0 <https://schema.org/name> \"Alex\"@en .\n",
            "<urn:c> <https://www.w3.org/2018/credentials#validUntil> \"2020-01-01T00:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n",
        );
        let o = read(&q(nq), Some("urn:c"), &vc2_ob()).unwrap();
        assert_eq!(o.get("id").and_then(Value::as_str), Some("urn:c"));
        assert_eq!(
            o.get("type").and_then(Value::as_str),
            Some("VerifiableCredential")
        );
        assert_eq!(json::to_string(o.get("name").unwrap()), r#"["a","b"]"#);
        assert_eq!(
            o.get("validUntil").and_then(Value::as_str),
            Some("2020-01-01T00:00:00Z")
        );
        let s = o.get("credentialSubject").unwrap();
        assert_eq!(
            json::to_string(s),
            r#"{"name":{"@value":"Alex","@language":"en"}}"#
        );
    }

    #[test]
    fn the_root_is_named_or_the_only_unreferenced_blank_node() {
        let two = "_:a <https://schema.org/name> \"a\" .\n_:b <https://schema.org/name> \"b\" .\n";
        assert_eq!(read(&q(two), None, &vc2_ob()), Err(ViewError::Roots(2)));
        let cycle = &q("<urn:a> <https://schema.org/knows> <urn:b> .\n<urn:b> <https://schema.org/knows> <urn:a> .\n");
        assert_eq!(read(cycle, None, &vc2_ob()), Err(ViewError::Roots(0)));
        assert_eq!(
            read(cycle, Some("urn:c"), &vc2_ob()),
            Err(ViewError::Roots(0))
        );
        let a = read(cycle, Some("urn:a"), &vc2_ob()).unwrap();
        // The cycle back to the root is a reference, not a repetition.
        assert_eq!(
            json::to_string(&Value::Object(a)),
            r#"{"id":"urn:a","https://schema.org/knows":{"id":"urn:b","https://schema.org/knows":{"id":"urn:a"}}}"#
        );
    }

    #[test]
    fn a_node_nested_in_another_top_node_is_no_document() {
        let nested = q(concat!(
            "<urn:x> <https://www.w3.org/2018/credentials#evidence> <urn:y> .\n",
            "<urn:y> <https://schema.org/name> \"y\" .\n",
        ));
        assert!(read(&nested, Some("urn:x"), &vc2_ob()).is_ok());
        assert_eq!(
            read(&nested, Some("urn:y"), &vc2_ob()),
            Err(ViewError::NotTopLevel)
        );
        // In a cycle nothing is on top, and either node may be named.
        let cycle = q("<urn:a> <https://schema.org/knows> <urn:b> .\n<urn:b> <https://schema.org/knows> <urn:a> .\n");
        assert!(read(&cycle, Some("urn:b"), &vc2_ob()).is_ok());
    }

    #[test]
    fn literals_compact_as_json_ld_writes_them() {
        let f = "http://www.w3.org/2001/XMLSchema#float";
        assert_eq!(json::to_string(&literal("5.5E0", f, None)), "5.5");
        assert_eq!(json::to_string(&literal("5", f, None)), "5");
        assert_eq!(
            json::to_string(&literal(
                "true",
                "http://www.w3.org/2001/XMLSchema#boolean",
                None
            )),
            "true"
        );
        assert_eq!(
            json::to_string(&literal("{\"a\":1}", RDF_JSON, None)),
            "{\"a\":1}"
        );
        assert_eq!(
            json::to_string(&literal("x", rdf::XSD_STRING, None)),
            "\"x\""
        );
    }
}
