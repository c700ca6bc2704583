//! placeholder
#![no_std]
extern crate alloc;
#[cfg(test)]
extern crate std;

pub mod json;
pub mod jcs;
pub mod rdf;
pub mod rdfc;
pub mod jsonld;
