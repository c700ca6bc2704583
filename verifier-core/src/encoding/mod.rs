//! Byte- and text-level formats: strict JSON, its canonical form (JCS),
//! multibase and base64url, images with a credential baked in, checksums
//! and the decimal reader. Nothing here knows what a credential is.

pub mod baked;
pub mod checksum;
pub mod decimal;
pub mod gzip;
pub mod jcs;
pub mod json;
pub mod multibase;
pub(crate) mod sort;
