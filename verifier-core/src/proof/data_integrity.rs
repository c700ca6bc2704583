//! Data Integrity proofs: `eddsa-jcs-2022`, `eddsa-rdfc-2022`, the legacy
//! `Ed25519Signature2020`, `ecdsa-rdfc-2019`, `ecdsa-jcs-2019` and the
//! derived proofs of `ecdsa-sd-2023` (its own module, [`super::ecdsa_sd`]),
//! verified (and the EdDSA and non-selective ECDSA ones created).
//!
//! All of them sign `H(canonical proof configuration) || H(canonical
//! document)`; they differ in how the two are canonicalized (JCS, or
//! JSON-LD to RDF then RDFC-1.0), in the key (Ed25519, or ECDSA on P-256
//! with `H` = SHA-256 and on P-384 with `H` = SHA-384) and in how the
//! signature is encoded. Ed25519 is verified strictly (`verify_strict`):
//! non-canonical signatures and small-order keys fail. ECDSA goes through
//! [`super::signature`], natively or by the host.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use ed25519_dalek::{Signer, SigningKey};
use sha2::{Digest, Sha256, Sha384};

use crate::encoding::json::{Object, Value};
use crate::encoding::{jcs, multibase};
use crate::ld::jsonld::BundledContexts;
use crate::ld::rdf::{Quad, Term};
use crate::report::Code;

pub use super::ecdsa_sd;
use super::key::PublicKey;
pub use super::signature::verify_ed25519;
use super::signature::{Algorithm, SignatureCheck, Verifier};

/// A supported proof suite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suite {
    /// `DataIntegrityProof` with cryptosuite `eddsa-jcs-2022`.
    EddsaJcs2022,
    /// `DataIntegrityProof` with cryptosuite `eddsa-rdfc-2022`.
    EddsaRdfc2022,
    /// The VC 1.1-era `Ed25519Signature2020` (RDFC canonicalization).
    Ed25519Signature2020,
    /// `DataIntegrityProof` with cryptosuite `eddsa-2022`: the name of
    /// `eddsa-rdfc-2022` in the 2022–2023 drafts, with the same algorithm,
    /// still in use by early Open Badges 3.0 issuers. Verified, never made.
    Eddsa2022,
    /// `DataIntegrityProof` with cryptosuite `ecdsa-rdfc-2019` (P-256 or P-384).
    EcdsaRdfc2019,
    /// `DataIntegrityProof` with cryptosuite `ecdsa-jcs-2019` (P-256 or P-384).
    EcdsaJcs2019,
    /// `DataIntegrityProof` with cryptosuite `ecdsa-sd-2023` (P-256):
    /// derived proofs, what a holder discloses. Verified, never made.
    EcdsaSd2023,
    /// The 2018-era `Ed25519Signature2018` (RDFC, detached JWS with EdDSA).
    Ed25519Signature2018,
    /// `RsaSignature2018` (RDFC, detached JWS with PS256 or RS256).
    RsaSignature2018,
    /// `JsonWebSignature2020` (RDFC, detached JWS; the key's algorithm).
    JsonWebSignature2020,
}

/// The keys a suite signs with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuiteKeys {
    /// Ed25519.
    Ed25519,
    /// ECDSA on P-256 (hashes SHA-256) or P-384 (hashes SHA-384).
    Ecdsa,
    /// ECDSA on P-256 only (SHA-256).
    EcdsaP256,
    /// Whatever key the proof's detached JWS (`jws`) signs with, when its
    /// algorithm fits the key and the suite ([`super::detached_jws`]).
    Jws,
}

/// How a document is turned into the bytes a suite hashes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Canonicalization {
    /// JSON Canonicalization Scheme (RFC 8785): the JSON as written is
    /// signed; the proof configuration carries the document's `@context`.
    Jcs,
    /// JSON-LD to RDF, then RDFC-1.0: the RDF graph is signed; the proof
    /// configuration takes the document's `@context`.
    Rdfc,
    /// Selective disclosure ([`super::ecdsa_sd`]): JSON-LD to RDF, then
    /// RDFC-1.0 with the blank nodes renamed by the proof's label map; the
    /// mandatory statements are hashed, each other one signed on its own.
    /// The proof configuration takes the document's `@context`.
    RdfcSelective,
}

/// How a suite is named in a proof and what it signs: one line of
/// [`SUITES`] per suite.
#[derive(Clone, Copy, Debug)]
pub struct SuiteSpec {
    /// The suite.
    pub suite: Suite,
    /// The proof's `type`.
    pub proof_type: &'static str,
    /// The proof's `cryptosuite`, for `DataIntegrityProof`.
    pub cryptosuite: Option<&'static str>,
    /// What is signed.
    pub canonicalization: Canonicalization,
    /// The keys it signs with.
    pub keys: SuiteKeys,
    /// Whether this verifier's tools make such proofs (drafts are only verified).
    pub signable: bool,
}

/// Every supported suite. A new suite over a known canonicalization and
/// key family is one line here (and a variant of [`Suite`]); a new
/// canonicalization or key algorithm also brings its own module.
pub const SUITES: &[SuiteSpec] = &[
    SuiteSpec {
        suite: Suite::EddsaJcs2022,
        proof_type: "DataIntegrityProof",
        cryptosuite: Some("eddsa-jcs-2022"),
        canonicalization: Canonicalization::Jcs,
        keys: SuiteKeys::Ed25519,
        signable: true,
    },
    SuiteSpec {
        suite: Suite::EddsaRdfc2022,
        proof_type: "DataIntegrityProof",
        cryptosuite: Some("eddsa-rdfc-2022"),
        canonicalization: Canonicalization::Rdfc,
        keys: SuiteKeys::Ed25519,
        signable: true,
    },
    SuiteSpec {
        suite: Suite::Eddsa2022,
        proof_type: "DataIntegrityProof",
        cryptosuite: Some("eddsa-2022"),
        canonicalization: Canonicalization::Rdfc,
        keys: SuiteKeys::Ed25519,
        signable: false,
    },
    SuiteSpec {
        suite: Suite::Ed25519Signature2020,
        proof_type: "Ed25519Signature2020",
        cryptosuite: None,
        canonicalization: Canonicalization::Rdfc,
        keys: SuiteKeys::Ed25519,
        signable: true,
    },
    SuiteSpec {
        suite: Suite::EcdsaRdfc2019,
        proof_type: "DataIntegrityProof",
        cryptosuite: Some("ecdsa-rdfc-2019"),
        canonicalization: Canonicalization::Rdfc,
        keys: SuiteKeys::Ecdsa,
        signable: true,
    },
    SuiteSpec {
        suite: Suite::EcdsaJcs2019,
        proof_type: "DataIntegrityProof",
        cryptosuite: Some("ecdsa-jcs-2019"),
        canonicalization: Canonicalization::Jcs,
        keys: SuiteKeys::Ecdsa,
        signable: true,
    },
    SuiteSpec {
        suite: Suite::EcdsaSd2023,
        proof_type: "DataIntegrityProof",
        cryptosuite: Some("ecdsa-sd-2023"),
        canonicalization: Canonicalization::RdfcSelective,
        keys: SuiteKeys::EcdsaP256,
        signable: false,
    },
    SuiteSpec {
        suite: Suite::Ed25519Signature2018,
        proof_type: "Ed25519Signature2018",
        cryptosuite: None,
        canonicalization: Canonicalization::Rdfc,
        keys: SuiteKeys::Jws,
        signable: false,
    },
    SuiteSpec {
        suite: Suite::RsaSignature2018,
        proof_type: "RsaSignature2018",
        cryptosuite: None,
        canonicalization: Canonicalization::Rdfc,
        keys: SuiteKeys::Jws,
        signable: false,
    },
    SuiteSpec {
        suite: Suite::JsonWebSignature2020,
        proof_type: "JsonWebSignature2020",
        cryptosuite: None,
        canonicalization: Canonicalization::Rdfc,
        keys: SuiteKeys::Jws,
        signable: false,
    },
];

impl Suite {
    /// Whether a detached-JWS suite may sign with `algorithm`.
    fn allows_jws(self, algorithm: Algorithm) -> bool {
        match self {
            Suite::Ed25519Signature2018 => algorithm == Algorithm::Ed25519,
            Suite::RsaSignature2018 => matches!(
                algorithm,
                Algorithm::RsaPssSha256 | Algorithm::RsaPkcs1Sha256
            ),
            _ => true,
        }
    }
}

impl Suite {
    /// Identifies the suite of a proof object.
    pub fn of(proof: &Object) -> Result<Suite, ProofError> {
        let ty = proof
            .get("type")
            .and_then(Value::as_str)
            .ok_or(ProofError::Malformed("the proof has no type"))?;
        let cryptosuite = proof.get("cryptosuite").and_then(Value::as_str);
        if ty == "DataIntegrityProof" && cryptosuite.is_none() {
            return Err(ProofError::Malformed(
                "a DataIntegrityProof without cryptosuite",
            ));
        }
        let found = SUITES.iter().find(|s| {
            s.proof_type == ty && (s.cryptosuite.is_none() || s.cryptosuite == cryptosuite)
        });
        match (found, cryptosuite) {
            (Some(spec), _) => Ok(spec.suite),
            (None, Some(c)) if ty == "DataIntegrityProof" => Err(ProofError::Unsupported(format!(
                "the cryptosuite {}",
                crate::encoding::json::quoted(c)
            ))),
            (None, _) => Err(ProofError::Unsupported(format!(
                "the proof type {}",
                crate::encoding::json::quoted(ty)
            ))),
        }
    }

    /// The suite's line in [`SUITES`].
    pub fn spec(self) -> &'static SuiteSpec {
        // Every variant has its line; the test below keeps it so.
        SUITES
            .iter()
            .find(|s| s.suite == self)
            .unwrap_or(&SUITES[0])
    }

    /// The name shown to users (`eddsa-jcs-2022`, …).
    pub fn name(self) -> &'static str {
        let spec = self.spec();
        spec.cryptosuite.unwrap_or(spec.proof_type)
    }

    fn uses_rdfc(self) -> bool {
        matches!(
            self.spec().canonicalization,
            Canonicalization::Rdfc | Canonicalization::RdfcSelective
        )
    }
}

/// Why a proof did not verify.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProofError {
    /// The proof or document is structurally wrong.
    Malformed(&'static str),
    /// Something this verifier does not support.
    Unsupported(String),
    /// The document could not be canonicalized (JSON-LD or RDFC error).
    Canonicalization(String),
    /// The document uses a JSON-LD context that is not bundled; contexts are
    /// never fetched, so such a document cannot be checked.
    UnknownContext(String),
    /// The signature is not a valid signature of the content by the key.
    BadSignature,
    /// The host has been asked to verify the signature and has not
    /// answered yet (a [`crate::Step::Need`] follows; never in a final report
    /// unless the host stopped answering).
    Pending,
    /// The host cannot verify this kind of signature (its reason).
    HostCannotVerify(String),
}

impl ProofError {
    /// The report code for this failure.
    pub fn code(&self) -> Code {
        match self {
            ProofError::Malformed(_) | ProofError::Canonicalization(_) => Code::Malformed,
            ProofError::Unsupported(_)
            | ProofError::UnknownContext(_)
            | ProofError::HostCannotVerify(_) => Code::Unsupported,
            ProofError::BadSignature => Code::InvalidSignature,
            ProofError::Pending => Code::ResourceUnavailable,
        }
    }
}

impl fmt::Display for ProofError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProofError::Malformed(m) => f.write_str(m),
            ProofError::Unsupported(m) => write!(f, "{m} is not supported"),
            ProofError::Canonicalization(m) => write!(f, "the credential could not be canonicalized: {m}"),
            ProofError::UnknownContext(u) => write!(f, "the JSON-LD context {u} is not one this verifier knows (contexts are never fetched)"),
            ProofError::BadSignature => f.write_str("the signature does not match the content and key"),
            ProofError::Pending => f.write_str("the host did not verify the signature"),
            ProofError::HostCannotVerify(m) => write!(f, "this verifier cannot check the signature here ({m})"),
        }
    }
}

/// Canonicalizes a JSON-LD document to RDFC-1.0 N-Quads with the bundled
/// contexts only, in JSON-LD safe mode: content that would not reach the
/// RDF (an undefined term, a relative type, ...) is an error with a
/// sentence saying so, since it would be shown but not signed.
pub fn rdfc_canonical(doc: &Value) -> Result<String, ProofError> {
    rdfc_canonical_dataset(doc).map(|c| c.text)
}

/// [`rdfc_canonical`], also returning the quads the text serializes, with
/// their canonical blank node labels: what [`crate::ld::signed_view`] reads.
pub fn rdfc_canonical_dataset(doc: &Value) -> Result<Canonical, ProofError> {
    rdfc_canonical_dataset_with(doc, &mut BundledContexts::new(), SuiteHash::Sha256)
}

/// [`rdfc_canonical_dataset`] with the bundled contexts processed once for
/// every call given `contexts` (same results, same work limits).
/// `hash` is RDFC-1.0's own hash for labelling blank nodes: SHA-256, or
/// SHA-384 for `ecdsa-rdfc-2019` with a P-384 key (as the suite's
/// reference implementation canonicalizes; blank node labels differ).
pub fn rdfc_canonical_dataset_with(
    doc: &Value,
    contexts: &mut BundledContexts,
    hash: SuiteHash,
) -> Result<Canonical, ProofError> {
    use crate::ld::jsonld::JsonLdError;
    let quads = crate::ld::jsonld::to_rdf_bundled_with(doc, contexts).map_err(|e| {
        match e.root_cause() {
            JsonLdError::UnknownContext(url) => ProofError::UnknownContext(url.clone()),
            JsonLdError::SafeModeViolation(event) => {
                ProofError::Canonicalization(event.to_string())
            }
            _ => ProofError::Canonicalization(e.to_string()),
        }
    })?;
    let c = crate::ld::rdfc::canonicalize_with(
        &quads,
        match hash {
            SuiteHash::Sha256 => crate::ld::rdfc::HashAlgorithm::Sha256,
            SuiteHash::Sha384 => crate::ld::rdfc::HashAlgorithm::Sha384,
        },
        &crate::ld::rdfc::Limits::default(),
    )
    .map_err(|e| ProofError::Canonicalization(e.to_string()))?;
    let relabel = |t: &Term| match t {
        Term::Blank(b) => Term::Blank(c.canonical_label(b).unwrap_or(b).into()),
        other => other.clone(),
    };
    let quads = quads
        .iter()
        .map(|q| Quad {
            subject: relabel(&q.subject),
            predicate: q.predicate.clone(),
            object: relabel(&q.object),
            graph: q.graph.as_ref().map(relabel),
        })
        .collect();
    Ok(Canonical {
        text: c.nquads,
        quads,
    })
}

/// A canonical form: its text, and for the RDF suites the quads it
/// serializes (canonical blank node labels).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Canonical {
    /// The canonical text that is hashed: JCS JSON or RDFC-1.0 N-Quads.
    pub text: String,
    /// The quads of an RDFC-1.0 form (empty for JCS).
    pub quads: Vec<Quad>,
}

fn canonical(
    suite: Suite,
    hash: SuiteHash,
    v: &Value,
    contexts: &mut BundledContexts,
) -> Result<Canonical, ProofError> {
    if suite.uses_rdfc() {
        rdfc_canonical_dataset_with(v, contexts, hash)
    } else {
        jcs::canonicalize(v)
            .map(|text| Canonical {
                text,
                quads: Vec::new(),
            })
            .map_err(|e| ProofError::Canonicalization(e.to_string()))
    }
}

/// The hash a suite applies to each canonical form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuiteHash {
    /// SHA-256 (Ed25519 and P-256 keys).
    Sha256,
    /// SHA-384 (P-384 keys).
    Sha384,
}

impl SuiteHash {
    /// The hash for a suite's key: SHA-384 for P-384, else SHA-256.
    pub fn for_key(key: &PublicKey) -> SuiteHash {
        match key {
            PublicKey::P384(_) => SuiteHash::Sha384,
            _ => SuiteHash::Sha256,
        }
    }

    fn digest(self, text: &str, out: &mut Vec<u8>) {
        match self {
            SuiteHash::Sha256 => out.extend_from_slice(&Sha256::digest(text.as_bytes())),
            SuiteHash::Sha384 => out.extend_from_slice(&Sha384::digest(text.as_bytes())),
        }
    }
}

/// The signing input for `unsecured` under `proof_config` with SHA-256
/// (64 bytes): Ed25519 and P-256 keys.
pub fn hash_data(
    suite: Suite,
    unsecured: &Object,
    proof_config: &Object,
) -> Result<Vec<u8>, ProofError> {
    hash_data_with(suite, SuiteHash::Sha256, unsecured, proof_config)
}

/// [`hash_data`] with the hash of the key's curve (96 bytes for SHA-384).
pub fn hash_data_with(
    suite: Suite,
    hash: SuiteHash,
    unsecured: &Object,
    proof_config: &Object,
) -> Result<Vec<u8>, ProofError> {
    let contexts = &mut BundledContexts::new();
    hash_canonical(
        suite,
        hash,
        unsecured.clone(),
        proof_config.clone(),
        contexts,
    )
    .map(|(hash, _)| hash)
}

/// The signing input and the two canonical forms it hashes (proof
/// configuration, then document: the same contexts, processed once).
///
/// Takes the two documents by value: wrapping them as JSON values costs no
/// copy of a whole credential (a measurable share of a verification).
fn hash_canonical(
    suite: Suite,
    hash: SuiteHash,
    unsecured: Object,
    proof_config: Object,
    contexts: &mut BundledContexts,
) -> Result<(Vec<u8>, Signed), ProofError> {
    let config = canonical(suite, hash, &Value::Object(proof_config), contexts)?;
    let document = canonical(suite, hash, &Value::Object(unsecured), contexts)?;
    let mut out = Vec::with_capacity(96);
    hash.digest(&config.text, &mut out);
    hash.digest(&document.text, &mut out);
    Ok((out, Signed { config, document }))
}

/// The canonical forms a proof's signature covers: JCS JSON, or RDFC-1.0
/// N-Quads for the RDF suites.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signed {
    /// The canonical proof configuration.
    pub config: Canonical,
    /// The canonical document.
    pub document: Canonical,
}

/// The document each proof signs, and the proof configuration, as the
/// suites define them. `doc` is the secured document *without* its `proof`
/// member; `all_proofs` are the document's proofs (for `previousProof` chains).
fn signing_inputs(
    suite: Suite,
    doc: &Object,
    proof: &Object,
    all_proofs: &[Value],
) -> Result<(Object, Object), ProofError> {
    let mut unsecured = doc.clone();
    let mut config = proof.clone();
    config.remove("proofValue");
    if suite.spec().keys == SuiteKeys::Jws {
        config.remove("jws");
    }
    match suite.spec().canonicalization {
        Canonicalization::Jcs => {
            // The proof carries the document's context (or a prefix of it);
            // the document is then canonicalized under that context.
            if let Some(ctx) = config.get("@context") {
                let ok = match (ctx, doc.get("@context")) {
                    (Value::Array(p), Some(Value::Array(d))) => d.starts_with(p),
                    (p, Some(d)) => p == d,
                    _ => false,
                };
                if !ok {
                    return Err(ProofError::Malformed(
                        "the proof's @context does not match the document's",
                    ));
                }
                unsecured.insert("@context", ctx.clone());
            }
        }
        Canonicalization::Rdfc | Canonicalization::RdfcSelective => {
            let ctx = doc
                .get("@context")
                .ok_or(ProofError::Malformed("the document has no @context"))?;
            config.insert("@context", ctx.clone());
        }
    }
    if let Some(prev) = proof.get("previousProof") {
        let mut chained = Vec::new();
        for id in prev.one_or_many() {
            let id = id
                .as_str()
                .ok_or(ProofError::Malformed("previousProof must be proof ids"))?;
            let found = all_proofs
                .iter()
                .find(|p| p.get("id").and_then(Value::as_str) == Some(id))
                .ok_or(ProofError::Malformed(
                    "a previousProof refers to a proof that is not present",
                ))?;
            chained.push(found.clone());
        }
        let value = if chained.len() == 1 {
            chained.remove(0)
        } else {
            Value::Array(chained)
        };
        unsecured.insert("proof", value);
    }
    Ok((unsecured, config))
}

/// The signature bytes of a proof's `proofValue` (their length is checked
/// against the key by [`SignatureCheck::new`]).
fn signature_of(proof: &Object) -> Result<Vec<u8>, ProofError> {
    let pv = proof
        .get("proofValue")
        .and_then(Value::as_str)
        .ok_or(ProofError::Malformed("the proof has no proofValue"))?;
    if !pv.starts_with('z') {
        return Err(ProofError::Malformed(
            "the proofValue is not base58btc multibase ('z…')",
        ));
    }
    multibase::decode(pv)
        .map_err(|_| ProofError::Malformed("the proofValue is not valid base58btc"))
}

/// Checks signatures in the core only (Ed25519; ECDSA and RSA with the
/// `native-crypto` feature): for callers without a host to ask.
pub struct InCore;

impl Verifier for InCore {
    fn check(&self, check: SignatureCheck) -> Result<(), ProofError> {
        super::signature::verify_in_core(&check).unwrap_or_else(|| {
            Err(ProofError::HostCannotVerify(format!(
                "{} signatures need the native-crypto feature or a host that verifies them",
                check.algorithm().jose_name()
            )))
        })
    }
}

/// Verifies one proof of `doc` (the secured document minus `proof`) with
/// `key`, in the core ([`InCore`]).
pub fn verify(
    doc: &Object,
    proof: &Object,
    all_proofs: &[Value],
    key: &PublicKey,
) -> Result<Suite, ProofError> {
    verify_detailed(doc, proof, all_proofs, key).map(|v| v.suite)
}

/// A proof that verified, with what was signed, for technical displays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The suite.
    pub suite: Suite,
    /// The signed bytes: the hash of the canonical proof configuration,
    /// then the hash of the canonical document (SHA-256, or SHA-384 for
    /// P-384 keys: 64 or 96 bytes).
    pub signed_hash: Vec<u8>,
    /// What was hashed. For the RDF suites this, not the JSON, is what the
    /// signer vouches for (see [`crate::ld::signed_view`]).
    pub signed: Signed,
}

impl Suite {
    /// True when the suite signs an RDF graph rather than the JSON itself,
    /// so the JSON keys are not pinned by the signature.
    pub fn signs_graph(self) -> bool {
        self.uses_rdfc()
    }
}

/// [`verify`], also returning the signed hashes.
pub fn verify_detailed(
    doc: &Object,
    proof: &Object,
    all_proofs: &[Value],
    key: &PublicKey,
) -> Result<Verified, ProofError> {
    verify_detailed_with(
        doc,
        proof,
        all_proofs,
        key,
        &InCore,
        &mut BundledContexts::new(),
    )
}

/// [`verify_detailed`] with signatures checked by `verifier` and the
/// bundled contexts processed once for every call given `contexts` (same
/// results, same work limits).
pub fn verify_detailed_with(
    doc: &Object,
    proof: &Object,
    all_proofs: &[Value],
    key: &PublicKey,
    verifier: &dyn Verifier,
    contexts: &mut BundledContexts,
) -> Result<Verified, ProofError> {
    let suite = Suite::of(proof)?;
    let algorithm = match (suite.spec().keys, key) {
        (SuiteKeys::Ed25519, PublicKey::Ed25519(_)) => Algorithm::Ed25519,
        (SuiteKeys::Ecdsa, key) => Algorithm::ecdsa_for(key).ok_or_else(|| {
            ProofError::Unsupported(format!(
                "{} with a {} key (it signs with P-256 or P-384)",
                suite.name(),
                key.type_name()
            ))
        })?,
        (SuiteKeys::EcdsaP256, PublicKey::P256(_)) => Algorithm::EcdsaP256Sha256,
        (SuiteKeys::Ed25519, key) => {
            return Err(ProofError::Unsupported(format!(
                "{} with a {} key (it signs with Ed25519)",
                suite.name(),
                key.type_name()
            )))
        }
        (SuiteKeys::EcdsaP256, key) => {
            return Err(ProofError::Unsupported(format!(
                "{} with a {} key (it signs with P-256)",
                suite.name(),
                key.type_name()
            )))
        }
        (SuiteKeys::Jws, _) => {
            return verify_detached_jws(suite, doc, proof, key, verifier, contexts)
        }
    };
    // ecdsa-sd-2023: its proof value is read first (a base proof is
    // refused whatever its document), and checked after the same
    // canonicalization as the others' (the hash of the options is its own).
    let (selective, signature) = match suite.spec().canonicalization {
        Canonicalization::RdfcSelective => {
            let value = proof
                .get("proofValue")
                .and_then(Value::as_str)
                .unwrap_or("");
            (
                Some(super::ecdsa_sd::parse_derived_proof_value(value)?),
                Vec::new(),
            )
        }
        _ => (None, signature_of(proof)?),
    };
    let (unsecured, config) = signing_inputs(suite, doc, proof, all_proofs)?;
    let hash = SuiteHash::for_key(key);
    let (data, signed) = hash_canonical(suite, hash, unsecured, config, contexts)?;
    if let Some(derived) = selective {
        return super::ecdsa_sd::verify_derived(derived, &data, signed, key, verifier);
    }
    let check = SignatureCheck::new(algorithm, key.clone(), data.clone(), signature)?;
    verifier.check(check)?;
    Ok(Verified {
        suite,
        signed_hash: data,
        signed,
    })
}

/// The 2018-era suites: the same signed data as the RDF suites, signed as
/// a detached JWS whose header names the algorithm.
fn verify_detached_jws(
    suite: Suite,
    doc: &Object,
    proof: &Object,
    key: &PublicKey,
    verifier: &dyn Verifier,
    contexts: &mut BundledContexts,
) -> Result<Verified, ProofError> {
    let text = proof
        .get("jws")
        .and_then(Value::as_str)
        .ok_or(ProofError::Malformed("the proof has no jws"))?;
    let jws = super::detached_jws::DetachedJws::parse(text)?;
    let algorithm = jws.algorithm();
    if !suite.allows_jws(algorithm) {
        return Err(ProofError::Unsupported(format!(
            "{} signed with {} by a {} key",
            suite.name(),
            algorithm.jose_name(),
            key.type_name()
        )));
    }
    let (unsecured, config) = signing_inputs(suite, doc, proof, &[])?;
    let (data, signed) = hash_canonical(suite, SuiteHash::Sha256, unsecured, config, contexts)?;
    let check = SignatureCheck::new(
        algorithm,
        key.clone(),
        jws.signing_input(&data),
        jws.signature().to_vec(),
    )?;
    verifier.check(check)?;
    Ok(Verified {
        suite,
        signed_hash: data,
        signed,
    })
}

/// What a new proof says besides its signature.
#[derive(Clone, Debug)]
pub struct ProofOptions {
    /// The suite to sign with.
    pub suite: Suite,
    /// The verification method id (`did:key:…#…`).
    pub verification_method: String,
    /// `assertionMethod` for credentials, `authentication` for presentations.
    pub purpose: crate::proof::did::Purpose,
    /// The `created` timestamp.
    pub created: crate::time::Timestamp,
    /// For presentations: the verifier's challenge.
    pub challenge: Option<String>,
    /// For presentations: the verifier's domain.
    pub domain: Option<String>,
}

/// Signs `unsecured` (which must not contain a `proof`) with an Ed25519
/// secret key and returns the document with its new proof. Ed25519
/// signing is deterministic, so this needs no randomness.
pub fn sign(
    unsecured: &Object,
    options: &ProofOptions,
    secret_key: &[u8; 32],
) -> Result<Object, ProofError> {
    let key = SigningKey::from_bytes(secret_key);
    sign_with(
        unsecured,
        options,
        SuiteKeys::Ed25519,
        SuiteHash::Sha256,
        &|data| key.sign(data).to_bytes().to_vec(),
    )
}

/// Signs `unsecured` with an ECDSA P-256 secret key (`ecdsa-rdfc-2019`,
/// `ecdsa-jcs-2019`). RFC 6979 nonces: deterministic, no randomness.
#[cfg(feature = "native-crypto")]
pub fn sign_p256(
    unsecured: &Object,
    options: &ProofOptions,
    secret_key: &[u8; 32],
) -> Result<Object, ProofError> {
    use p256::ecdsa::signature::Signer as _;
    let key = p256::ecdsa::SigningKey::from_slice(secret_key)
        .map_err(|_| ProofError::Malformed("not a P-256 secret key"))?;
    sign_with(
        unsecured,
        options,
        SuiteKeys::Ecdsa,
        SuiteHash::Sha256,
        &|data| {
            let signature: p256::ecdsa::Signature = key.sign(data);
            signature.to_bytes().to_vec()
        },
    )
}

/// The P-256 public key (compressed SEC1) of a secret key.
#[cfg(feature = "native-crypto")]
pub fn public_key_p256(secret_key: &[u8; 32]) -> Result<PublicKey, ProofError> {
    let key = p256::ecdsa::SigningKey::from_slice(secret_key)
        .map_err(|_| ProofError::Malformed("not a P-256 secret key"))?;
    let point = key.verifying_key().to_encoded_point(true);
    Ok(PublicKey::P256(point.as_bytes().to_vec()))
}

/// Builds the proof and signs its hash data with `signer`, a key of `keys`.
fn sign_with(
    unsecured: &Object,
    options: &ProofOptions,
    keys: SuiteKeys,
    hash: SuiteHash,
    signer: &dyn Fn(&[u8]) -> Vec<u8>,
) -> Result<Object, ProofError> {
    if unsecured.contains_key("proof") {
        return Err(ProofError::Malformed("the document already has a proof"));
    }
    let spec = options.suite.spec();
    if !spec.signable {
        return Err(ProofError::Unsupported(format!(
            "signing with the draft suite {}",
            options.suite.name()
        )));
    }
    if spec.keys != keys {
        return Err(ProofError::Unsupported(format!(
            "signing {} with this type of key",
            options.suite.name()
        )));
    }
    let mut proof = Object::new();
    proof.insert("type", Value::from(spec.proof_type));
    if let Some(c) = spec.cryptosuite {
        proof.insert("cryptosuite", Value::from(c));
    }
    proof.insert("created", Value::from(options.created.to_rfc3339()));
    proof.insert(
        "verificationMethod",
        Value::from(options.verification_method.as_str()),
    );
    proof.insert("proofPurpose", Value::from(options.purpose.as_str()));
    if let Some(c) = &options.challenge {
        proof.insert("challenge", Value::from(c.as_str()));
    }
    if let Some(d) = &options.domain {
        proof.insert("domain", Value::from(d.as_str()));
    }
    if spec.canonicalization == Canonicalization::Jcs {
        if let Some(ctx) = unsecured.get("@context") {
            proof.insert("@context", ctx.clone());
        }
    }
    let (doc, config) = signing_inputs(options.suite, unsecured, &proof, &[])?;
    let data = hash_data_with(options.suite, hash, &doc, &config)?;
    proof.insert(
        "proofValue",
        Value::from(multibase::encode_base58btc(&signer(&data))),
    );
    let mut secured = unsecured.clone();
    secured.insert("proof", Value::Object(proof));
    Ok(secured)
}

/// The Ed25519 public key of a secret key (seed).
pub fn public_key(secret_key: &[u8; 32]) -> [u8; 32] {
    SigningKey::from_bytes(secret_key)
        .verifying_key()
        .to_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_suite_has_one_line_and_is_found_by_its_names() {
        for suite in [
            Suite::EddsaJcs2022,
            Suite::EddsaRdfc2022,
            Suite::Eddsa2022,
            Suite::Ed25519Signature2020,
            Suite::EcdsaRdfc2019,
            Suite::EcdsaJcs2019,
            Suite::EcdsaSd2023,
            Suite::Ed25519Signature2018,
            Suite::RsaSignature2018,
            Suite::JsonWebSignature2020,
        ] {
            let lines = SUITES.iter().filter(|s| s.suite == suite).count();
            assert_eq!(lines, 1, "{suite:?}");
            let spec = suite.spec();
            let mut proof = Object::new();
            proof.insert("type", Value::from(spec.proof_type));
            if let Some(c) = spec.cryptosuite {
                proof.insert("cryptosuite", Value::from(c));
            }
            assert_eq!(Suite::of(&proof), Ok(suite));
        }
        let mut p = Object::new();
        p.insert("type", Value::from("DataIntegrityProof"));
        p.insert("cryptosuite", Value::from("bbs-2023"));
        assert!(matches!(Suite::of(&p), Err(ProofError::Unsupported(_))));
        p.remove("cryptosuite");
        assert!(matches!(Suite::of(&p), Err(ProofError::Malformed(_))));
        p.insert("type", Value::from("LinkedDataSignature2015"));
        assert!(matches!(Suite::of(&p), Err(ProofError::Unsupported(_))));
    }

    /// A 2018-era proof made here as its suites define it: RDFC, then a
    /// detached EdDSA JWS over the header and the two hashes.
    fn detached(suite: Suite, header: &str, doc: &Object, sk: &[u8; 32]) -> Object {
        use crate::encoding::multibase::base64url_encode;
        let mut proof = Object::new();
        proof.insert("type", Value::from(suite.spec().proof_type));
        proof.insert("created", Value::from("2026-01-01T00:00:00Z"));
        let vm = crate::proof::did::did_key_method(&public_key(sk));
        proof.insert("verificationMethod", Value::from(vm.as_str()));
        proof.insert("proofPurpose", Value::from("assertionMethod"));
        let (unsecured, config) = signing_inputs(suite, doc, &proof, &[]).unwrap();
        let data = hash_data(suite, &unsecured, &config).unwrap();
        let h = base64url_encode(header.as_bytes());
        let mut input = h.clone().into_bytes();
        input.push(b'.');
        input.extend_from_slice(&data);
        let sig = SigningKey::from_bytes(sk).sign(&input);
        proof.insert(
            "jws",
            Value::from(alloc::format!("{h}..{}", base64url_encode(&sig.to_bytes()))),
        );
        proof
    }

    #[test]
    fn detached_jws_suites_verify_and_refuse_changes() {
        let sk = [9u8; 32];
        let key = PublicKey::Ed25519(public_key(&sk));
        let doc = match crate::encoding::json::parse_str(
            r#"{"@context":["https://www.w3.org/2018/credentials/v1","https://w3id.org/security/suites/jws-2020/v1"],"id":"urn:uuid:1","type":["VerifiableCredential"],"issuer":"did:example:i","issuanceDate":"2026-01-01T00:00:00Z","credentialSubject":{"id":"did:example:s"}}"#,
        ) {
            Ok(Value::Object(o)) => o,
            _ => unreachable!(),
        };
        let eddsa = r#"{"alg":"EdDSA","b64":false,"crit":["b64"]}"#;
        for suite in [Suite::Ed25519Signature2018, Suite::JsonWebSignature2020] {
            let proof = detached(suite, eddsa, &doc, &sk);
            assert_eq!(verify(&doc, &proof, &[], &key), Ok(suite));
            // Another document, another key, a proof option changed.
            let mut other = doc.clone();
            other.insert("id", Value::from("urn:uuid:2"));
            assert_eq!(
                verify(&other, &proof, &[], &key),
                Err(ProofError::BadSignature)
            );
            let wrong = PublicKey::Ed25519(public_key(&[8; 32]));
            assert_eq!(
                verify(&doc, &proof, &[], &wrong),
                Err(ProofError::BadSignature)
            );
            let mut later = proof.clone();
            later.insert("created", Value::from("2026-06-01T00:00:00Z"));
            assert_eq!(
                verify(&doc, &later, &[], &key),
                Err(ProofError::BadSignature)
            );
        }
        // The header cannot choose an algorithm the suite or key does not use.
        let es256 = r#"{"alg":"ES256","b64":false,"crit":["b64"]}"#;
        let proof = detached(Suite::Ed25519Signature2018, es256, &doc, &sk);
        assert!(matches!(
            verify(&doc, &proof, &[], &key),
            Err(ProofError::Unsupported(_))
        ));
        let proof = detached(Suite::RsaSignature2018, eddsa, &doc, &sk);
        assert!(matches!(
            verify(&doc, &proof, &[], &key),
            Err(ProofError::Unsupported(_))
        ));
    }
}
