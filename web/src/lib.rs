//! # mcx-web: the browser side shared by the MicroCredX site and widget
//!
//! The verification core is sans-I/O: it has no clock and never fetches.
//! In a browser both hosts (the Yew site and the `<mcx-verify>` widget)
//! need the same glue around it, and it lives here once:
//!
//! - [`clock`]: the current time for the core, from `js_sys::Date`;
//! - [`fetch`]: GET a document with `fetch()`, no cookies, no referrer,
//!   bounded size, failures in plain words (network / CORS, HTTP status);
//! - [`crypto`]: the ECDSA and RSA signature checks the core asks for,
//!   answered with WebCrypto;
//! - [`host`]: the loop `verify` → fetch every [`Step::Need`] URL and check
//!   every signature asked for → verify again, with the demo network's addresses mapped to where its files are
//!   served, and the network registry fetched and checked against the pinned
//!   key.
//!
//! What a report *shows* (every text, in English and German, and the rows
//! built from them) is not browser-specific and lives in `mcx-display`,
//! which the site, the widget and the `mcx` command line share.
//!
//! [`Step::Need`]: mcx_verifier_core::Step::Need
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// no_std (with alloc), like the core: the widget links it without the
// standard library, which saves it the panic-formatting machinery.
extern crate alloc;
#[cfg(test)]
extern crate std;

pub mod clock;
pub mod crypto;
pub mod fetch;
pub mod host;
