//! What the host tells the core besides the input: the time, the
//! presentation's expected challenge and domain, the trust sources to
//! judge issuers by, and the bounds on work.
//!
//! This module stands alone: the pipeline reads it, nothing in it depends
//! on the pipeline.

use alloc::string::String;

use crate::encoding::json;
use crate::time::Timestamp;

/// Bounds on the work one verification may do.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// JSON size and depth for the input and every fetched document.
    pub json: json::Limits,
    /// Largest decompressed size of a fragment payload, baked badge or status list.
    pub max_inflated: usize,
    /// Most credentials verified inside one presentation.
    pub max_credentials: usize,
    /// Most proofs verified on one document.
    pub max_proofs: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            json: json::Limits::default(),
            max_inflated: 2 * 1024 * 1024,
            max_credentials: 64,
            max_proofs: 8,
        }
    }
}

/// A network registry to check issuers against: where it is published and
/// the governance key it must be signed with.
///
/// The core asks for the document at `url` like any other
/// ([`crate::Step::Need`]) and accepts it only if `governance_did` signed it
/// with `eddsa-jcs-2022` and it is valid at [`Options::now`]. If it cannot
/// be had or is not acceptable, membership is *unknown*: the issuer check
/// fails with `resource_unavailable` and the verdict is `unverifiable`,
/// never a `valid` that silently skipped the network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegistrySource {
    /// Address of the signed registry document. A host that has the
    /// document already (a local file) supplies it under this key.
    pub url: String,
    /// The pinned governance DID (a `did:key`) the registry must be signed by.
    pub governance_did: String,
}

impl RegistrySource {
    /// The demo network's registry and governance key, which the builds
    /// trust until the network publishes its production registry.
    pub fn demo() -> Self {
        RegistrySource {
            url: String::from(crate::trust::registry::DEMO_REGISTRY_URL),
            governance_did: String::from(crate::trust::registry::DEMO_GOVERNANCE_DID),
        }
    }
}

/// What the host tells the core besides the input.
#[derive(Clone, Debug)]
pub struct Options {
    /// The current time (the core has no clock).
    pub now: Timestamp,
    /// For presentations: the challenge the verifier issued, if any.
    pub challenge: Option<String>,
    /// For presentations: the verifier's domain, if any.
    pub domain: Option<String>,
    /// The network registry to check issuers against; `None` checks no
    /// membership (the issuer row then says so, as a warning).
    pub registry: Option<RegistrySource>,
    /// Work bounds.
    pub limits: Limits,
}

impl Options {
    /// Options for verifying at `now`, with default limits and no registry.
    pub fn new(now: Timestamp) -> Self {
        Options {
            now,
            challenge: None,
            domain: None,
            registry: None,
            limits: Limits::default(),
        }
    }

    /// The same options, checking issuers against the registry `source`.
    pub fn with_registry(mut self, source: RegistrySource) -> Self {
        self.registry = Some(source);
        self
    }
}
