//! Byte- and text-level formats: strict JSON, its canonical form (JCS),
//! multibase and base64url, images with a credential baked in, checksums,
//! the decimal reader and the DER of public keys. Nothing here knows what a credential is.

pub mod baked;
pub mod cbor;
pub mod checksum;
pub mod decimal;
pub mod der;
pub mod gzip;
pub mod jcs;
pub mod json;
pub mod multibase;
pub(crate) mod sort;
