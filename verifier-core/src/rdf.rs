//! RDF terms and quads, the meeting point of JSON-LD (`jsonld`) and
//! canonicalization (`rdfc`).

use alloc::string::String;

/// The datatype IRI of plain string literals.
pub const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";
/// The datatype IRI of language-tagged strings.
pub const RDF_LANG_STRING: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

/// An RDF term.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Term {
    /// An absolute IRI.
    Iri(String),
    /// A blank node, by label without the `_:` prefix.
    Blank(String),
    /// A literal with its datatype IRI and, for `rdf:langString`, its language tag.
    Literal {
        /// Lexical form.
        value: String,
        /// Datatype IRI.
        datatype: String,
        /// Language tag, present only for language-tagged strings.
        language: Option<String>,
    },
}

/// An RDF quad; `graph` is `None` for the default graph.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quad {
    /// Subject: an IRI or a blank node.
    pub subject: Term,
    /// Predicate: an IRI.
    pub predicate: Term,
    /// Object: any term.
    pub object: Term,
    /// Graph name: an IRI or a blank node, `None` for the default graph.
    pub graph: Option<Term>,
}
