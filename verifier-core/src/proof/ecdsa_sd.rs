//! `ecdsa-sd-2023`: selective disclosure with ECDSA on P-256 (W3C Data
//! Integrity ECDSA Cryptosuites v1.0, §3.4–3.6).
//!
//! The issuer signs a *base proof* for the holder: a base signature over
//! the hash of its proof options, a one-time ("proof-scoped") P-256 public
//! key and the hash of the statements that must always be disclosed
//! (*mandatory*), plus one signature by the one-time key per other
//! statement, blank nodes renamed by an HMAC the holder knows the key of.
//! The holder *derives* from it what a verifier sees: the document with
//! only the statements they choose, and a proof value holding the base
//! signature, the one-time key, the signatures of the disclosed
//! non-mandatory statements, which canonical blank node label is which
//! HMAC label, and which statements are the mandatory ones.
//!
//! A verifier checks the derived proof ([`verify_derived`]): it
//! canonicalizes the disclosed document (RDFC-1.0), renames its blank nodes
//! by the proof's label map, checks the base signature with the issuer's
//! key over the options hash, the one-time key and the hash of the
//! mandatory statements, and each other statement's signature with the
//! one-time key. Every statement of the disclosed document is then covered
//! (mandatory by the hash, the others by their own signature) and nothing
//! else is: the signed reading is built from exactly these statements.
//!
//! A base proof is not for verifiers (the specification defines no
//! algorithm to verify one: it carries the HMAC key, which a holder must
//! not share): it is `unsupported` with a sentence saying so. No HMAC is
//! computed here: verifying a derived proof only renames labels.
//!
//! Every signature goes through [`Verifier`] (natively with
//! `native-crypto`, else by the host: one check per signature).

pub use crate::encoding::cbor;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use sha2::{Digest, Sha256};

use crate::encoding::multibase;
use crate::ld::rdf::{quad_to_nquad, Quad, Term};

use super::key::PublicKey;
use super::signature::{Algorithm, SignatureCheck, Verifier};
use super::{Canonical, ProofError, Signed, Suite, Verified};

/// The header of a base proof value (the CBOR tag 0x5d00).
pub const BASE_HEADER: [u8; 3] = [0xd9, 0x5d, 0x00];
/// The header of a derived (disclosure) proof value (the CBOR tag 0x5d01).
pub const DERIVED_HEADER: [u8; 3] = [0xd9, 0x5d, 0x01];
/// Most non-mandatory statements one derived proof may disclose (each is
/// one signature check; a credential has a few dozen statements).
pub const MAX_SIGNATURES: usize = 128;
/// Most blank node labels one derived proof may map.
pub const MAX_LABELS: usize = 256;
/// Most mandatory statements one derived proof may name.
pub const MAX_MANDATORY: usize = 1024;

/// Multicodec prefix of a P-256 public key (`p256-pub`, varint 0x1200).
const P256_PUB: [u8; 2] = [0x80, 0x24];

/// What a verifier is told about a base proof.
pub const BASE_PROOF: &str = "verifying an ecdsa-sd-2023 base proof (it is meant for the holder only: the holder must derive a presentation of it, disclosing what they choose, and share that instead)";

/// The parsed value of a derived proof (`parseDerivedProofValue`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DerivedProof {
    /// The issuer's signature (`r || s`, 64 bytes).
    pub base_signature: Vec<u8>,
    /// The proof-scoped key as signed: multicodec `p256-pub` then the
    /// compressed point (35 bytes; the specification's prose says 36, its
    /// vectors and every implementation have 2 + 33).
    pub public_key: Vec<u8>,
    /// One signature (64 bytes) per disclosed non-mandatory statement, in
    /// their canonical order.
    pub signatures: Vec<Vec<u8>>,
    /// Canonical blank node label (`c14n3`) → HMAC label (`u…`), ordered
    /// by canonical label.
    pub label_map: Vec<(String, String)>,
    /// Which statements of the disclosed document are mandatory (indexes
    /// into its canonical statements).
    pub mandatory_indexes: Vec<usize>,
}

impl DerivedProof {
    /// The proof-scoped key.
    pub fn ephemeral_key(&self) -> PublicKey {
        PublicKey::P256(self.public_key[P256_PUB.len()..].to_vec())
    }
}

fn malformed(m: &'static str) -> ProofError {
    ProofError::Malformed(m)
}

/// Parses a derived proof value (`u…`: base64url-no-pad of the header
/// then CBOR). A base proof value is [`ProofError::Unsupported`] with
/// [`BASE_PROOF`]. The shapes and sizes are checked as the specification
/// lists them, and the counts are bounded.
pub fn parse_derived_proof_value(proof_value: &str) -> Result<DerivedProof, ProofError> {
    let bytes = proof_value
        .strip_prefix('u')
        .and_then(multibase::base64url_decode)
        .ok_or(malformed(
            "the ecdsa-sd-2023 proofValue is not base64url ('u…')",
        ))?;
    // The headers are CBOR tags.
    let mut r = cbor::Reader::new(&bytes);
    match r.tag() {
        Ok(0x5d01) => {}
        Ok(0x5d00) => return Err(ProofError::Unsupported(String::from(BASE_PROOF))),
        _ => {
            return Err(malformed(
                "the ecdsa-sd-2023 proofValue is not a derived proof",
            ))
        }
    }
    read_derived(&mut r).map_err(|e| match e {
        Shape::Cbor => malformed("the ecdsa-sd-2023 proofValue is not a derived proof"),
        Shape::TooMany => {
            ProofError::Unsupported(String::from("an ecdsa-sd-2023 proof this large"))
        }
    })
}

/// Why the components of a derived proof value cannot be read.
enum Shape {
    /// Not the CBOR the specification lists.
    Cbor,
    /// More than the bounds allow.
    TooMany,
}

impl From<cbor::CborError> for Shape {
    fn from(_: cbor::CborError) -> Self {
        Shape::Cbor
    }
}

fn read_derived(r: &mut cbor::Reader<'_>) -> Result<DerivedProof, Shape> {
    fn sized(r: &mut cbor::Reader<'_>, len: usize) -> Result<Vec<u8>, Shape> {
        let b = r.bytes()?;
        if b.len() == len {
            Ok(b.to_vec())
        } else {
            Err(Shape::Cbor)
        }
    }
    fn count(n: usize, max: usize) -> Result<usize, Shape> {
        if n <= max {
            Ok(n)
        } else {
            Err(Shape::TooMany)
        }
    }
    if r.array()? != 5 {
        return Err(Shape::Cbor);
    }
    let base_signature = sized(r, 64)?;
    let public_key = sized(r, 35)?;
    // Multicodec `p256-pub`, then a compressed point.
    if !public_key.starts_with(&P256_PUB) || !matches!(public_key.get(2), Some(2 | 3)) {
        return Err(Shape::Cbor);
    }
    let n = count(r.array()?, MAX_SIGNATURES)?;
    let mut signatures = Vec::with_capacity(n);
    for _ in 0..n {
        signatures.push(sized(r, 64)?);
    }
    let n = count(r.map()?, MAX_LABELS)?;
    let mut label_map: Vec<(String, String)> = Vec::with_capacity(n);
    for _ in 0..n {
        let k = format!("c14n{}", r.unsigned()?);
        let v = format!("u{}", multibase::base64url_encode(&sized(r, 32)?));
        // One label per blank node, one blank node per label (n ≤ MAX_LABELS).
        if label_map.iter().any(|(a, b)| *a == k || *b == v) {
            return Err(Shape::Cbor);
        }
        label_map.push((k, v));
    }
    let n = count(r.array()?, MAX_MANDATORY)?;
    let mut mandatory_indexes = Vec::with_capacity(n);
    for _ in 0..n {
        mandatory_indexes.push(usize::try_from(r.unsigned()?).map_err(|_| Shape::Cbor)?);
    }
    r.finish()?;
    Ok(DerivedProof {
        base_signature,
        public_key,
        signatures,
        label_map,
        mandatory_indexes,
    })
}

/// `labelReplacementCanonicalizeNQuads` with the label map of a derived
/// proof (`createLabelMapFunction`): `canonical` are a dataset's quads
/// with their RDFC-1.0 labels (`c14n…`, as [`Canonical::quads`] holds
/// them); every blank node is renamed by `label_map`. Returns the
/// statements as sorted N-Quads lines (duplicates once), and the renamed
/// quads in their input order. A blank node the map does not name means
/// the document is not the one the proof was derived for.
pub fn label_replacement_canonicalize(
    canonical: &[Quad],
    label_map: &[(String, String)],
) -> Result<(Vec<String>, Vec<Quad>), ProofError> {
    let mut quads = Vec::with_capacity(canonical.len());
    let mut lines = Vec::with_capacity(canonical.len());
    for q in canonical {
        let mut q = q.clone();
        for t in [&mut q.subject, &mut q.object]
            .into_iter()
            .chain(q.graph.as_mut())
        {
            if let Term::Blank(b) = t {
                let (_, label) = label_map
                    .iter()
                    .find(|(k, _)| k == b)
                    .ok_or(ProofError::BadSignature)?;
                b.clone_from(label);
            }
        }
        lines.push(quad_to_nquad(&q));
        quads.push(q);
    }
    crate::encoding::sort::sort(&mut lines);
    lines.dedup();
    Ok((lines, quads))
}

/// What the signatures of a derived proof are checked against
/// (`createVerifyData`), with the disclosed statements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyData {
    /// The parsed proof value.
    pub proof: DerivedProof,
    /// SHA-256 of the canonical proof options.
    pub proof_hash: [u8; 32],
    /// SHA-256 of the mandatory statements, joined.
    pub mandatory_hash: [u8; 32],
    /// The non-mandatory statements, in order: one signature each.
    pub non_mandatory: Vec<String>,
    /// Every disclosed statement (relabelled, sorted): what is signed.
    pub nquads: Vec<String>,
    /// The same statements as quads.
    pub quads: Vec<Quad>,
}

impl VerifyData {
    /// The bytes the base signature signs (`serializeSignData`): proof
    /// hash, proof-scoped key (multicodec), mandatory hash.
    pub fn sign_data(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(32 + 35 + 32);
        out.extend_from_slice(&self.proof_hash);
        out.extend_from_slice(&self.proof.public_key);
        out.extend_from_slice(&self.mandatory_hash);
        out
    }
}

/// `createVerifyData` from the parts: the parsed proof value, the hash of
/// the canonical proof options, and the disclosed document's quads with
/// their RDFC-1.0 labels.
pub fn create_verify_data(
    proof: DerivedProof,
    proof_hash: [u8; 32],
    canonical_document: &[Quad],
) -> Result<VerifyData, ProofError> {
    let (nquads, quads) = label_replacement_canonicalize(canonical_document, &proof.label_map)?;
    let mut is_mandatory = alloc::vec![false; nquads.len()];
    for &i in &proof.mandatory_indexes {
        match is_mandatory.get_mut(i) {
            Some(m) if !*m => *m = true,
            // A statement the document does not have, or one named twice.
            _ => {
                return Err(malformed(
                    "the ecdsa-sd-2023 proof's mandatory indexes are wrong",
                ))
            }
        }
    }
    let mut mandatory = Sha256::new();
    let mut non_mandatory = Vec::new();
    for (line, m) in nquads.iter().zip(&is_mandatory) {
        if *m {
            mandatory.update(line.as_bytes());
        } else {
            non_mandatory.push(line.clone());
        }
    }
    Ok(VerifyData {
        proof,
        proof_hash,
        mandatory_hash: mandatory.finalize().into(),
        non_mandatory,
        nquads,
        quads,
    })
}

/// Verifies a derived proof (`Verify Derived Proof`): `proof` is its
/// parsed value, `hashes` the SHA-256 of the canonical proof options (with
/// the document's `@context`) then of the canonical document, `signed`
/// those canonical forms (the document's with RDFC-1.0 labels), `key` the
/// issuer's P-256 key. Every signature is checked (all asked of a host at
/// once); any invalid one fails the proof. The [`Verified`] document is
/// the disclosed statements as signed (blank nodes renamed).
pub fn verify_derived(
    proof: DerivedProof,
    hashes: &[u8],
    signed: Signed,
    key: &PublicKey,
    verifier: &dyn Verifier,
) -> Result<Verified, ProofError> {
    let proof_hash: [u8; 32] = hashes
        .get(..32)
        .and_then(|h| h.try_into().ok())
        .ok_or(ProofError::BadSignature)?;
    let data = create_verify_data(proof, proof_hash, &signed.document.quads)?;
    if data.proof.signatures.len() != data.non_mandatory.len() {
        // A statement was added (or left out) after the holder derived the
        // proof: some statement is not covered by a signature.
        return Err(ProofError::BadSignature);
    }
    // The base signature by the issuer's key, then one per statement by
    // the proof-scoped key.
    let ephemeral = data.proof.ephemeral_key();
    let mut checks = Vec::with_capacity(1 + data.non_mandatory.len());
    let base = (key, data.sign_data(), &data.proof.base_signature);
    let statements = data
        .non_mandatory
        .iter()
        .zip(&data.proof.signatures)
        .map(|(line, signature)| (&ephemeral, line.as_bytes().to_vec(), signature));
    for (key, message, signature) in core::iter::once(base).chain(statements) {
        checks.push(SignatureCheck::new(
            Algorithm::EcdsaP256Sha256,
            key.clone(),
            message,
            signature.clone(),
        )?);
    }
    // Every check is made, so that a host is asked for all in one round;
    // then the worst answer decides.
    let rank = |r: &Result<(), ProofError>| match r {
        Ok(()) => 0,
        Err(ProofError::Pending) => 1,
        Err(ProofError::BadSignature) => 3,
        Err(_) => 2,
    };
    let mut worst: Result<(), ProofError> = Ok(());
    for check in checks {
        let answer = verifier.check(check);
        if rank(&answer) > rank(&worst) {
            worst = answer;
        }
    }
    worst?;
    // What an auditor compares: the options hash, then the hash of the
    // disclosed statements (renamed, as signed).
    let text = data.nquads.concat();
    let mut signed_hash = proof_hash.to_vec();
    signed_hash.extend_from_slice(&Sha256::digest(text.as_bytes()));
    Ok(Verified {
        suite: Suite::EcdsaSd2023,
        signed_hash,
        signed: Signed {
            config: signed.config,
            document: Canonical {
                text,
                quads: data.quads,
            },
        },
    })
}
