//! Deserialization to RDF: node map generation over the expanded document,
//! then object and list conversion to RDF terms and quads, with the
//! canonical lexical forms of numbers.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::helpers::{ld_equal, obj1};
use super::iri::{is_keyword, wellformed_iri, wellformed_language};
use super::processor::{excerpt, excerpt_value, lose, Processor};
use super::{JsonLdError, Options, RdfDirection, SafeModeEvent};
use crate::encoding::decimal;
use crate::encoding::json::{Object, Value};
use crate::ld::rdf::{Quad, Term, RDF_LANG_STRING, XSD_STRING};

const RDF_NS: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDF_FIRST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
const RDF_REST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
const RDF_NIL: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
const RDF_JSON: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";
const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
const XSD_DOUBLE: &str = "http://www.w3.org/2001/XMLSchema#double";
const I18N_NS: &str = "https://www.w3.org/ns/i18n#";

// ---------------------------------------------------------------------------
// Node map and RDF
// ---------------------------------------------------------------------------

#[derive(Default)]
struct NodeEntry {
    types: Vec<String>,
    index: Option<Value>,
    props: Keyed<Vec<Value>>,
}

/// A map from strings to `V`, iterated in key order: the one
/// `BTreeMap<String, usize>` instantiation the crate needs anyway, over a
/// `Vec<V>`. (Each distinct map type links its own search, insert and drop
/// code into the browser bundles; the node map would need three.)
struct Keyed<V> {
    index: BTreeMap<String, usize>,
    values: Vec<V>,
}

impl<V> Default for Keyed<V> {
    fn default() -> Self {
        Keyed {
            index: BTreeMap::new(),
            values: Vec::new(),
        }
    }
}

impl<V: Default> Keyed<V> {
    /// The value of `key`, inserting a default one first if there is none.
    fn entry(&mut self, key: &str) -> &mut V {
        let i = match self.index.get(key) {
            Some(&i) => i,
            None => {
                self.index.insert(key.to_string(), self.values.len());
                self.values.push(V::default());
                self.values.len() - 1
            }
        };
        &mut self.values[i]
    }

    fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The entries in key order.
    fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.index.iter().map(|(k, &i)| (k, &self.values[i]))
    }
}

pub(super) enum Subject {
    None,
    Node(String),
    /// Processing a reverse property: the referencing node's id.
    Reverse(String),
}

pub(super) struct NodeMap {
    graphs: Keyed<Keyed<NodeEntry>>,
    labels: BTreeMap<String, String>,
    counter: usize,
    rdf_direction: Option<RdfDirection>,
    generalized: bool,
    safe: bool,
}

impl NodeMap {
    pub(super) fn new(opts: &Options) -> Self {
        NodeMap {
            graphs: Keyed::default(),
            labels: BTreeMap::new(),
            counter: 0,
            rdf_direction: opts.rdf_direction,
            generalized: opts.produce_generalized_rdf,
            safe: opts.safe,
        }
    }

    fn blank(&mut self, id: Option<&str>) -> String {
        if let Some(i) = id {
            if let Some(m) = self.labels.get(i) {
                return m.clone();
            }
        }
        let n = format!("_:b{}", self.counter);
        self.counter += 1;
        if let Some(i) = id {
            self.labels.insert(i.to_string(), n.clone());
        }
        n
    }

    fn node(&mut self, graph: &str, id: &str) -> &mut NodeEntry {
        self.graphs.entry(graph).entry(id)
    }

    fn add_to(&mut self, graph: &str, subject: &str, prop: &str, v: Value, dedupe: bool) {
        let compound = self.rdf_direction == Some(RdfDirection::CompoundLiteral);
        let vals = self.node(graph, subject).props.entry(prop);
        // Triples are deduplicated at the end; only values that become fresh
        // blank nodes (compound literals) must be merged here.
        if dedupe
            && compound
            && v.get("@direction").is_some()
            && vals.iter().any(|x| ld_equal(x, &v))
        {
            return;
        }
        vals.push(v);
    }

    /// Node map generation over the expanded document (borrowed: only
    /// value objects are copied into the map).
    pub(super) fn walk(
        &mut self,
        p: &mut Processor<'_>,
        element: &Value,
        graph: &str,
        subject: &Subject,
        prop: Option<&str>,
        mut list: Option<&mut Vec<Value>>,
    ) -> Result<(), JsonLdError> {
        p.tick()?;
        p.enter()?;
        let r = match element {
            Value::Array(items) => items
                .iter()
                .try_for_each(|it| self.walk(p, it, graph, subject, prop, list.as_deref_mut())),
            Value::Object(o) => self.walk_object(p, o, graph, subject, prop, list),
            _ => Ok(()),
        };
        p.leave();
        r
    }

    fn walk_object(
        &mut self,
        p: &mut Processor<'_>,
        o: &Object,
        graph: &str,
        subject: &Subject,
        prop: Option<&str>,
        list: Option<&mut Vec<Value>>,
    ) -> Result<(), JsonLdError> {
        if o.contains_key("@value") {
            match list {
                Some(l) => l.push(Value::Object(o.clone())),
                None => {
                    if let (Subject::Node(s), Some(pr)) = (subject, prop) {
                        self.add_to(graph, s, pr, Value::Object(o.clone()), true);
                    }
                }
            }
            return Ok(());
        }
        if let Some(items) = o.get("@list") {
            let mut res = Vec::new();
            self.walk(p, items, graph, subject, prop, Some(&mut res))?;
            let lo = Value::Object(obj1("@list", Value::Array(res)));
            match list {
                Some(l) => l.push(lo),
                None => {
                    if let (Subject::Node(s), Some(pr)) = (subject, prop) {
                        self.add_to(graph, s, pr, lo, false);
                    }
                }
            }
            return Ok(());
        }
        // A node object.
        let id = match o.get("@id") {
            Some(Value::String(s)) if s.starts_with("_:") => self.blank(Some(s)),
            Some(Value::String(s)) => s.clone(),
            // A null @id (an ignored keyword-like one): the node has no
            // usable name, so nothing about it becomes a triple.
            Some(Value::Null) => String::new(),
            _ => self.blank(None),
        };
        self.node(graph, &id);
        match subject {
            Subject::Reverse(rs) => {
                if let Some(pr) = prop {
                    let reference = Value::Object(obj1("@id", Value::String(rs.clone())));
                    self.add_to(graph, &id, pr, reference, true);
                }
            }
            _ => {
                if let Some(pr) = prop {
                    let reference = Value::Object(obj1("@id", Value::String(id.clone())));
                    match list {
                        Some(l) => l.push(reference),
                        None => {
                            if let Subject::Node(s) = subject {
                                self.add_to(graph, s, pr, reference, true);
                            }
                        }
                    }
                }
            }
        }
        if let Some(t) = o.get("@type") {
            for ty in t.one_or_many() {
                if let Some(s) = ty.as_str() {
                    let s = if s.starts_with("_:") {
                        self.blank(Some(s))
                    } else {
                        s.to_string()
                    };
                    let node = self.node(graph, &id);
                    if !node.types.contains(&s) {
                        node.types.push(s);
                    }
                }
            }
        }
        if let Some(ix) = o.get("@index") {
            let node = self.node(graph, &id);
            match &node.index {
                Some(existing) if existing != ix => return Err(JsonLdError::ConflictingIndexes),
                _ => node.index = Some(ix.clone()),
            }
        }
        if let Some(Value::Object(rev)) = o.get("@reverse") {
            let referenced = Subject::Reverse(id.clone());
            for (rp, vals) in rev.iter() {
                for v in vals.one_or_many() {
                    self.walk(p, v, graph, &referenced, Some(rp), None)?;
                }
            }
        }
        if let Some(g) = o.get("@graph") {
            self.walk(p, g, &id, &Subject::None, None, None)?;
        }
        if let Some(inc) = o.get("@included") {
            self.walk(p, inc, graph, &Subject::None, None, None)?;
        }
        // Properties in document order: the order only affects blank node
        // labels, which carry no meaning.
        let this = Subject::Node(id.clone());
        for (pr, v) in o.iter() {
            if is_keyword(pr) {
                continue;
            }
            let pr = if pr.starts_with("_:") {
                self.blank(Some(pr))
            } else {
                pr.clone()
            };
            self.node(graph, &id).props.entry(&pr);
            self.walk(p, v, graph, &this, Some(&pr), None)?;
        }
        Ok(())
    }

    pub(super) fn emit_quads(&mut self, p: &mut Processor<'_>) -> Result<Vec<Quad>, JsonLdError> {
        let graphs = core::mem::take(&mut self.graphs);
        let mut out = Vec::new();
        for (gname, graph) in graphs.iter() {
            let gterm = if gname == "@default" {
                None
            } else {
                match id_term(gname) {
                    Some(t) => Some(t),
                    None => {
                        if !graph.is_empty() {
                            lose(self.safe, || SafeModeEvent::RelativeGraph(excerpt(gname)))?;
                        }
                        continue;
                    }
                }
            };
            for (subject, node) in graph.iter() {
                let Some(s) = id_term(subject) else {
                    if !node.types.is_empty() || node.props.values.iter().any(|v| !v.is_empty()) {
                        lose(self.safe, || {
                            SafeModeEvent::RelativeSubject(excerpt(subject))
                        })?;
                    }
                    continue;
                };
                for t in &node.types {
                    match id_term(t) {
                        Some(o) => {
                            p.tick()?;
                            out.push(Quad {
                                subject: s.clone(),
                                predicate: Term::Iri(RDF_TYPE.to_string()),
                                object: o,
                                graph: gterm.clone(),
                            });
                        }
                        None => lose(self.safe, || SafeModeEvent::RelativeType(excerpt(t)))?,
                    }
                }
                for (prop, values) in node.props.iter() {
                    let pterm = if let Some(label) = prop.strip_prefix("_:") {
                        if !self.generalized {
                            if !values.is_empty() {
                                lose(self.safe, || {
                                    SafeModeEvent::BlankNodePredicate(excerpt(prop))
                                })?;
                            }
                            continue;
                        }
                        Term::Blank(label.to_string())
                    } else if wellformed_iri(prop) {
                        Term::Iri(prop.clone())
                    } else {
                        if !values.is_empty() {
                            lose(self.safe, || {
                                SafeModeEvent::RelativePredicate(excerpt(prop))
                            })?;
                        }
                        continue;
                    };
                    for item in values {
                        let mut extra = Vec::new();
                        if let Some(o) = self.object_to_rdf(p, item, &mut extra)? {
                            p.tick()?;
                            out.push(Quad {
                                subject: s.clone(),
                                predicate: pterm.clone(),
                                object: o,
                                graph: gterm.clone(),
                            });
                        }
                        for (ts, tp, to) in extra {
                            p.tick()?;
                            out.push(Quad {
                                subject: ts,
                                predicate: tp,
                                object: to,
                                graph: gterm.clone(),
                            });
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    fn object_to_rdf(
        &mut self,
        p: &mut Processor<'_>,
        item: &Value,
        triples: &mut Vec<(Term, Term, Term)>,
    ) -> Result<Option<Term>, JsonLdError> {
        let Some(o) = item.as_object() else {
            return Ok(None);
        };
        if let Some(id) = o.get("@id") {
            let term = id.as_str().and_then(id_term);
            if term.is_none() {
                lose(self.safe, || {
                    SafeModeEvent::RelativeObject(excerpt(id.as_str().unwrap_or("null")))
                })?;
            }
            return Ok(term);
        }
        if let Some(l) = o.get("@list") {
            return self.list_to_rdf(p, l.one_or_many(), triples).map(Some);
        }
        let Some(value) = o.get("@value") else {
            return Ok(None);
        };
        let dt = o.get("@type").and_then(Value::as_str);
        if let Some(d) = dt {
            if d != "@json" && !wellformed_iri(d) {
                lose(self.safe, || SafeModeEvent::InvalidDatatype(excerpt(d)))?;
                return Ok(None);
            }
        }
        let lang = o.get("@language").and_then(Value::as_str);
        if let Some(l) = lang {
            if !wellformed_language(l) {
                lose(self.safe, || SafeModeEvent::InvalidLanguage(excerpt(l)))?;
                return Ok(None);
            }
        }
        let (lex, datatype): (String, &str) = if dt == Some("@json") {
            (
                crate::encoding::jcs::canonicalize(value)
                    .map_err(|_| JsonLdError::InvalidJsonLiteral)?,
                RDF_JSON,
            )
        } else {
            match value {
                Value::Bool(b) => (
                    if *b { "true" } else { "false" }.to_string(),
                    dt.unwrap_or(XSD_BOOLEAN),
                ),
                Value::Number(n) => {
                    let x = n.as_f64();
                    // |x| < 1e21 < 2^70 fits an i128, so the cast tests integrality.
                    let big = !(-1e21 < x && x < 1e21);
                    if big || (x as i128) as f64 != x || dt == Some(XSD_DOUBLE) {
                        (double_lexical(x), dt.unwrap_or(XSD_DOUBLE))
                    } else {
                        (integer_lexical(x), dt.unwrap_or(XSD_INTEGER))
                    }
                }
                Value::String(s) => (
                    s.clone(),
                    dt.unwrap_or(if lang.is_some() {
                        RDF_LANG_STRING
                    } else {
                        XSD_STRING
                    }),
                ),
                _ => return Ok(None),
            }
        };
        if o.contains_key("@direction") && self.rdf_direction.is_none() {
            lose(self.safe, || {
                SafeModeEvent::DirectionNotSet(excerpt_value(&Value::String(lex.clone())))
            })?;
        }
        if let (Some(dir), Some(mode)) = (
            o.get("@direction").and_then(Value::as_str),
            self.rdf_direction,
        ) {
            let language = lang.map(str::to_ascii_lowercase).unwrap_or_default();
            match mode {
                RdfDirection::I18nDatatype => {
                    return Ok(Some(Term::Literal {
                        value: lex,
                        datatype: format!("{I18N_NS}{language}_{dir}"),
                        language: None,
                    }));
                }
                RdfDirection::CompoundLiteral => {
                    let b = self.blank(None);
                    let node = Term::Blank(b.trim_start_matches("_:").to_string());
                    let rdf = |local: &str| Term::Iri(format!("{RDF_NS}{local}"));
                    triples.push((node.clone(), rdf("value"), Term::string(lex)));
                    if lang.is_some() {
                        triples.push((node.clone(), rdf("language"), Term::string(language)));
                    }
                    triples.push((node.clone(), rdf("direction"), Term::string(dir)));
                    return Ok(Some(node));
                }
            }
        }
        Ok(Some(Term::Literal {
            value: lex,
            datatype: datatype.to_string(),
            // Lowercased as jsonld.js does (tags are case-insensitive, and
            // what issuers sign is jsonld.js's output): `en-US` would
            // otherwise canonicalize differently from what was signed.
            language: if datatype == RDF_LANG_STRING {
                lang.map(str::to_ascii_lowercase)
            } else {
                None
            },
        }))
    }

    fn list_to_rdf(
        &mut self,
        p: &mut Processor<'_>,
        items: &[Value],
        triples: &mut Vec<(Term, Term, Term)>,
    ) -> Result<Term, JsonLdError> {
        if items.is_empty() {
            return Ok(Term::Iri(RDF_NIL.to_string()));
        }
        p.enter()?;
        let nodes: Vec<Term> = items
            .iter()
            .map(|_| Term::Blank(self.blank(None).trim_start_matches("_:").to_string()))
            .collect();
        for (i, (s, item)) in nodes.iter().zip(items).enumerate() {
            p.tick()?;
            let mut embedded = Vec::new();
            let obj = match self.object_to_rdf(p, item, &mut embedded) {
                Ok(o) => o,
                Err(e) => {
                    p.leave();
                    return Err(e);
                }
            };
            if let Some(o) = obj {
                triples.push((s.clone(), Term::Iri(RDF_FIRST.to_string()), o));
            }
            let rest = nodes
                .get(i + 1)
                .cloned()
                .unwrap_or_else(|| Term::Iri(RDF_NIL.to_string()));
            triples.push((s.clone(), Term::Iri(RDF_REST.to_string()), rest));
            triples.append(&mut embedded);
        }
        p.leave();
        Ok(nodes
            .into_iter()
            .next()
            .unwrap_or_else(|| Term::Iri(RDF_NIL.to_string())))
    }
}

/// The RDF term for a node identifier, `None` when it is not well-formed
/// (relative IRIs and the like produce no triple).
fn id_term(id: &str) -> Option<Term> {
    if let Some(label) = id.strip_prefix("_:") {
        if label.is_empty() {
            return None;
        }
        return Some(Term::Blank(label.to_string()));
    }
    if wellformed_iri(id) {
        Some(Term::Iri(id.to_string()))
    } else {
        None
    }
}

/// Canonical `xsd:double` lexical form as JSON-LD processors write it
/// (`1.1E0`, `1.0E21`): JavaScript's `toExponential(15)` with trailing
/// zeros of the mantissa trimmed (`core::fmt`'s `{:.15e}`, trimmed, without
/// linking `core::fmt`'s float printing).
pub(super) fn double_lexical(x: f64) -> String {
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    if x == 0.0 {
        out.push_str("0.0E0");
        return out;
    }
    let (digits, point) = decimal::rounded(x, 16);
    let (first, rest) = digits.split_at(1);
    decimal::push_digits(&mut out, first);
    out.push('.');
    decimal::push_digits(&mut out, if rest.is_empty() { &[0] } else { rest });
    out.push('E');
    out.push_str(&(point - 1).to_string());
    out
}

/// Canonical `xsd:integer` lexical form of an integral double below 1e21.
pub(super) fn integer_lexical(x: f64) -> String {
    if x == 0.0 {
        return "0".to_string();
    }
    // Integral values print without exponent or fraction, with the shortest
    // round-trip digits (as JavaScript does; `core::fmt`'s `{}`).
    decimal::display(x)
}
