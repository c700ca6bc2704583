//! The MicroCredX network registry: which institutions are members.

use crate::json::Object;
use crate::report::{CheckKind, Outcome, Report};
use crate::verify::Options;

/// A verified network registry.
#[derive(Clone, Debug, Default)]
pub struct Registry {}

/// Records whether `issuer` was an active member when `doc` was issued.
pub fn check(_doc: &Object, _issuer: &str, r: &mut Report, options: &Options) {
    if options.registry.is_none() {
        r.push(
            CheckKind::Issuer,
            Outcome::Warn(None),
            "The issuer was not checked against a network registry.",
        );
    }
}
