//! RDFC-1.0 RDF Dataset Canonicalization.
