//! Sources of trust beyond a signature: status lists (is it revoked or
//! suspended?) and the network registry (is the issuer a member?). Each
//! reads documents the pipeline has already verified as credentials.

pub mod registry;
pub mod status;
