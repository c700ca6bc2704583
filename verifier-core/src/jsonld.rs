//! JSON-LD 1.1 expansion and conversion to RDF.
