//! Checking a signature: the one place where a key, an algorithm, a
//! message and signature bytes meet.
//!
//! Ed25519 is always checked here, strictly. ECDSA (P-256, P-384) and RSA
//! are checked here too when the crate is built with `native-crypto` (the
//! CLI and native hosts, with the RustCrypto crates); otherwise they are a
//! *capability of the host*: the core hands the host a [`SignatureCheck`]
//! through the same sans-I/O loop that asks for documents
//! ([`crate::Step::Need`]), and the browser answers with WebCrypto
//! (`SubtleCrypto.verify`: audited, native speed, no bytes in the bundle).
//! The answer is recorded in [`crate::Resources`] and keyed by a hash of
//! everything checked, so a host can only answer the exact question asked.
//!
//! Which algorithm fits which key is decided here, never by the signed
//! object alone: a JWS header naming `RS256` over a P-256 key is refused
//! before any verifier sees it (algorithm confusion).

use alloc::vec::Vec;

use ed25519_dalek::{Signature, VerifyingKey};
use sha2::{Digest, Sha256};

use super::key::PublicKey;
use super::ProofError;

/// A signature algorithm, by what it computes (hash included).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Algorithm {
    /// Ed25519 (RFC 8032), strict verification.
    Ed25519,
    /// ECDSA on P-256 with SHA-256 (`ES256`); signature `r || s`, 64 bytes.
    EcdsaP256Sha256,
    /// ECDSA on P-384 with SHA-384 (`ES384`); signature `r || s`, 96 bytes.
    EcdsaP384Sha384,
    /// RSASSA-PKCS1-v1_5 with SHA-256 (`RS256`).
    RsaPkcs1Sha256,
    /// RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt (`PS256`).
    RsaPssSha256,
}

impl Algorithm {
    /// The algorithm of a JWS `alg` header value, if supported.
    pub fn from_jose(alg: &str) -> Option<Algorithm> {
        Some(match alg {
            "EdDSA" | "Ed25519" => Algorithm::Ed25519,
            "ES256" => Algorithm::EcdsaP256Sha256,
            "ES384" => Algorithm::EcdsaP384Sha384,
            "RS256" => Algorithm::RsaPkcs1Sha256,
            "PS256" => Algorithm::RsaPssSha256,
            _ => return None,
        })
    }

    /// The JOSE name (`EdDSA`, `ES256`, …), as reports show it.
    pub fn jose_name(self) -> &'static str {
        match self {
            Algorithm::Ed25519 => "EdDSA",
            Algorithm::EcdsaP256Sha256 => "ES256",
            Algorithm::EcdsaP384Sha384 => "ES384",
            Algorithm::RsaPkcs1Sha256 => "RS256",
            Algorithm::RsaPssSha256 => "PS256",
        }
    }

    /// The ECDSA algorithm of a P-256 or P-384 key (the curve picks the
    /// hash), for suites that sign with "the key's" ECDSA.
    pub fn ecdsa_for(key: &PublicKey) -> Option<Algorithm> {
        match key {
            PublicKey::P256(_) => Some(Algorithm::EcdsaP256Sha256),
            PublicKey::P384(_) => Some(Algorithm::EcdsaP384Sha384),
            _ => None,
        }
    }

    /// Whether `key` is a key of this algorithm.
    pub fn fits(self, key: &PublicKey) -> bool {
        matches!(
            (self, key),
            (Algorithm::Ed25519, PublicKey::Ed25519(_))
                | (Algorithm::EcdsaP256Sha256, PublicKey::P256(_))
                | (Algorithm::EcdsaP384Sha384, PublicKey::P384(_))
                | (
                    Algorithm::RsaPkcs1Sha256 | Algorithm::RsaPssSha256,
                    PublicKey::Rsa { .. }
                )
        )
    }

    /// The signature length the algorithm produces with `key`.
    fn signature_len(self, key: &PublicKey) -> usize {
        match (self, key) {
            (_, PublicKey::Rsa { n, .. }) => n.len(),
            (Algorithm::EcdsaP384Sha384, _) => 96,
            _ => 64,
        }
    }
}

/// One signature to check: what the core asks a host without native
/// crypto to verify, exactly as WebCrypto's `verify` takes it (the message
/// is hashed by the algorithm, the ECDSA signature is `r || s`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureCheck {
    algorithm: Algorithm,
    key: PublicKey,
    message: Vec<u8>,
    signature: Vec<u8>,
}

impl SignatureCheck {
    /// A check of `signature` over `message` by `key` with `algorithm`.
    /// Fails when the key is not one of the algorithm's (whatever a header
    /// says, a key is used only for its own algorithms: `unsupported`) or
    /// the signature has the wrong length for it (`malformed`).
    pub fn new(
        algorithm: Algorithm,
        key: PublicKey,
        message: Vec<u8>,
        signature: Vec<u8>,
    ) -> Result<SignatureCheck, ProofError> {
        if !algorithm.fits(&key) {
            return Err(ProofError::Unsupported(alloc::format!(
                "a signature made with {} by a {} key",
                algorithm.jose_name(),
                key.type_name()
            )));
        }
        if signature.len() != algorithm.signature_len(&key) {
            return Err(ProofError::Malformed(
                "the signature has the wrong length for its algorithm and key",
            ));
        }
        Ok(SignatureCheck {
            algorithm,
            key,
            message,
            signature,
        })
    }

    /// The algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The public key.
    pub fn key(&self) -> &PublicKey {
        &self.key
    }

    /// The signed message (the verifier hashes it).
    pub fn message(&self) -> &[u8] {
        &self.message
    }

    /// The signature (`r || s` for ECDSA).
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// A digest of everything checked: the key under which a host's answer
    /// is recorded, so that an answer holds for this exact check only.
    pub fn id(&self) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update([self.algorithm as u8]);
        let key = self.key.identity();
        for part in [&key[..], &self.message, &self.signature] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part);
        }
        h.finalize().into()
    }
}

/// What checks signatures for the pipeline: [`crate::Resources`], which
/// verifies in the core what it can and otherwise looks up (or asks for)
/// the host's answer.
pub trait Verifier {
    /// `Ok` when the signature is valid; [`ProofError::BadSignature`] when
    /// it is not; [`ProofError::Pending`] while the host has not answered.
    fn check(&self, check: SignatureCheck) -> Result<(), ProofError>;
}

/// Verifies `check` in the core, when the core can: Ed25519 always,
/// ECDSA and RSA with the `native-crypto` feature. `None` means the host
/// must answer.
pub fn verify_in_core(check: &SignatureCheck) -> Option<Result<(), ProofError>> {
    match (&check.key, check.algorithm) {
        (PublicKey::Ed25519(key), Algorithm::Ed25519) => {
            let bytes: [u8; 64] = check.signature.as_slice().try_into().ok()?;
            Some(verify_ed25519(
                key,
                &check.message,
                &Signature::from_bytes(&bytes),
            ))
        }
        #[cfg(feature = "native-crypto")]
        _ => Some(native::verify(check)),
        #[cfg(not(feature = "native-crypto"))]
        _ => None,
    }
}

/// Strict Ed25519 verification of `message`.
pub fn verify_ed25519(
    key: &[u8; 32],
    message: &[u8],
    signature: &Signature,
) -> Result<(), ProofError> {
    // Keys that are not a valid point encoding cannot have signed anything.
    let vk = VerifyingKey::from_bytes(key).map_err(|_| ProofError::BadSignature)?;
    if vk.is_weak() {
        return Err(ProofError::BadSignature);
    }
    vk.verify_strict(message, signature)
        .map_err(|_| ProofError::BadSignature)
}

/// ECDSA and RSA with the RustCrypto crates.
#[cfg(feature = "native-crypto")]
mod native {
    use super::{Algorithm, SignatureCheck};
    use crate::proof::key::PublicKey;
    use crate::proof::ProofError;

    pub(super) fn verify(check: &SignatureCheck) -> Result<(), ProofError> {
        let ok = match (&check.key, check.algorithm) {
            (PublicKey::P256(point), Algorithm::EcdsaP256Sha256) => {
                use p256::ecdsa::signature::Verifier;
                let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(point)
                    .map_err(|_| ProofError::BadSignature)?;
                let sig = p256::ecdsa::Signature::from_slice(&check.signature)
                    .map_err(|_| ProofError::BadSignature)?;
                key.verify(&check.message, &sig).is_ok()
            }
            (PublicKey::P384(point), Algorithm::EcdsaP384Sha384) => {
                use p384::ecdsa::signature::Verifier;
                let key = p384::ecdsa::VerifyingKey::from_sec1_bytes(point)
                    .map_err(|_| ProofError::BadSignature)?;
                let sig = p384::ecdsa::Signature::from_slice(&check.signature)
                    .map_err(|_| ProofError::BadSignature)?;
                key.verify(&check.message, &sig).is_ok()
            }
            (PublicKey::Rsa { n, e }, alg) => {
                use rsa::signature::Verifier;
                use rsa::{BigUint, RsaPublicKey};
                let key = RsaPublicKey::new(BigUint::from_bytes_be(n), BigUint::from_bytes_be(e))
                    .map_err(|_| ProofError::BadSignature)?;
                match alg {
                    Algorithm::RsaPkcs1Sha256 => {
                        let vk = rsa::pkcs1v15::VerifyingKey::<rsa::sha2::Sha256>::new(key);
                        let sig = rsa::pkcs1v15::Signature::try_from(check.signature.as_slice())
                            .map_err(|_| ProofError::BadSignature)?;
                        vk.verify(&check.message, &sig).is_ok()
                    }
                    Algorithm::RsaPssSha256 => {
                        let vk = rsa::pss::VerifyingKey::<rsa::sha2::Sha256>::new(key);
                        let sig = rsa::pss::Signature::try_from(check.signature.as_slice())
                            .map_err(|_| ProofError::BadSignature)?;
                        vk.verify(&check.message, &sig).is_ok()
                    }
                    _ => false,
                }
            }
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(ProofError::BadSignature)
        }
    }
}
