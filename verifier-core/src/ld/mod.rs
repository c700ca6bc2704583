//! Linked data: the bundled JSON-LD contexts, JSON-LD expansion to RDF,
//! RDF dataset canonicalization (RDFC-1.0), and the signed view that reads
//! a credential back from the dataset its signature covers.

pub mod contexts;
pub mod jsonld;
pub mod rdf;
pub mod rdfc;
pub mod signed_view;
