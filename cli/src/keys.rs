//! Key files: an Ed25519 or ECDSA P-256 key pair as JSON, written with
//! 0600 permissions.
//!
//! ```json
//! {"type":"Ed25519KeyPair","did":"did:key:z6Mk…","verificationMethod":"did:key:z6Mk…#z6Mk…",
//!  "publicKeyMultibase":"z6Mk…","secretKeyMultibase":"z3u2…"}
//! ```
//! `secretKeyMultibase` is the multicodec `ed25519-priv` (0x1300, varint
//! `0x80 0x26`) seed, or `p256-priv` (0x1306, `0x86 0x26`) scalar, in
//! base58btc: the forms the W3C test vectors use. A P-256 key file has
//! `"type":"P256KeyPair"` and a `zDn…` public key.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use clap::ValueEnum;
use mcx_verifier_core::json::{self, Object, Value};
use mcx_verifier_core::low_level::jws;
use mcx_verifier_core::low_level::multibase;
use mcx_verifier_core::low_level::proof::{self, ProofOptions, Suite};
use mcx_verifier_core::PublicKey;

const ED25519_PRIV: [u8; 2] = [0x80, 0x26];
const P256_PRIV: [u8; 2] = [0x86, 0x26];

/// The key types `mcx key new` makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KeyType {
    /// Ed25519 (EdDSA): the eddsa suites and EdDSA JWTs.
    Ed25519,
    /// ECDSA on NIST P-256: the ecdsa suites and ES256 JWTs.
    P256,
}

/// A loaded key pair.
pub struct KeyPair {
    key_type: KeyType,
    secret: [u8; 32],
    public: PublicKey,
}

impl KeyPair {
    pub fn generate(key_type: KeyType) -> Result<KeyPair, String> {
        // A P-256 scalar must be below the group order: almost every
        // 32-byte string is; draw again in the rare case it is not.
        for _ in 0..8 {
            let mut secret = [0u8; 32];
            getrandom::getrandom(&mut secret).map_err(|e| format!("no system randomness: {e}"))?;
            if let Ok(k) = KeyPair::from_secret(key_type, secret) {
                return Ok(k);
            }
        }
        Err("could not draw a valid secret key".to_string())
    }

    pub fn from_secret(key_type: KeyType, secret: [u8; 32]) -> Result<KeyPair, String> {
        let public = match key_type {
            KeyType::Ed25519 => PublicKey::Ed25519(proof::public_key(&secret)),
            KeyType::P256 => proof::public_key_p256(&secret).map_err(|e| e.to_string())?,
        };
        Ok(KeyPair {
            key_type,
            secret,
            public,
        })
    }

    fn multikey(&self) -> String {
        // Ed25519 and P-256 keys always have a Multikey form.
        self.public.to_multikey().unwrap_or_default()
    }

    pub fn did(&self) -> String {
        format!("did:key:{}", self.multikey())
    }

    pub fn verification_method(&self) -> String {
        let mk = self.multikey();
        format!("did:key:{mk}#{mk}")
    }

    /// The suite to sign with for a document whose default is `suite` (an
    /// Ed25519 suite): the ECDSA suite of the same canonicalization for a
    /// P-256 key.
    pub fn suite_for(&self, suite: Suite) -> Suite {
        match (self.key_type, suite) {
            (KeyType::P256, Suite::EddsaJcs2022) => Suite::EcdsaJcs2019,
            (KeyType::P256, Suite::EddsaRdfc2022 | Suite::Ed25519Signature2020) => {
                Suite::EcdsaRdfc2019
            }
            (_, s) => s,
        }
    }

    /// Adds a Data Integrity proof to `doc`.
    pub fn sign_proof(&self, doc: &Object, options: &ProofOptions) -> Result<Object, String> {
        let signed = match self.key_type {
            KeyType::Ed25519 => proof::sign(doc, options, &self.secret),
            KeyType::P256 => proof::sign_p256(doc, options, &self.secret),
        };
        signed.map_err(|e| format!("cannot sign: {e}"))
    }

    /// Signs `payload` as a compact JWS (EdDSA or ES256).
    pub fn sign_jws(&self, header: Object, payload: &Value) -> Result<String, String> {
        match self.key_type {
            KeyType::Ed25519 => Ok(jws::sign(header, payload, &self.secret)),
            KeyType::P256 => jws::sign_es256(header, payload, &self.secret)
                .map_err(|e| format!("cannot sign: {e}")),
        }
    }

    /// The public part as JSON (safe to print).
    pub fn public_json(&self) -> Object {
        let mut o = Object::new();
        let ty = match self.key_type {
            KeyType::Ed25519 => "Ed25519KeyPair",
            KeyType::P256 => "P256KeyPair",
        };
        o.insert("type", Value::from(ty));
        o.insert("did", Value::from(self.did()));
        o.insert(
            "verificationMethod",
            Value::from(self.verification_method()),
        );
        o.insert("publicKeyMultibase", Value::from(self.multikey()));
        o
    }

    fn secret_multibase(&self) -> String {
        let mut b = match self.key_type {
            KeyType::Ed25519 => ED25519_PRIV.to_vec(),
            KeyType::P256 => P256_PRIV.to_vec(),
        };
        b.extend_from_slice(&self.secret);
        multibase::encode_base58btc(&b)
    }

    /// Writes the key file, refusing to overwrite, with owner-only permissions.
    pub fn write(&self, path: &Path, note: Option<&str>) -> Result<(), String> {
        let mut o = self.public_json();
        o.insert("secretKeyMultibase", Value::from(self.secret_multibase()));
        if let Some(n) = note {
            o.insert("note", Value::from(n));
        }
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts
            .open(path)
            .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        f.write_all(json::to_string(&Value::Object(o)).as_bytes())
            .and_then(|_| f.write_all(b"\n"))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    pub fn read(path: &Path) -> Result<KeyPair, String> {
        let bytes = std::fs::read(path)
            .map_err(|e| format!("cannot read key file {}: {e}", path.display()))?;
        let v = json::parse(
            &bytes,
            json::Limits {
                max_bytes: 64 * 1024,
                max_depth: 8,
            },
        )
        .map_err(|e| format!("{} is not a key file: {e}", path.display()))?;
        let sk = v
            .get("secretKeyMultibase")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{} has no secretKeyMultibase", path.display()))?;
        let raw = multibase::decode(sk).map_err(|e| format!("{}: {e}", path.display()))?;
        let (key_type, secret) = if let Some(s) = raw.strip_prefix(&ED25519_PRIV) {
            (KeyType::Ed25519, s)
        } else if let Some(s) = raw.strip_prefix(&P256_PRIV) {
            (KeyType::P256, s)
        } else {
            return Err(format!(
                "{}: not an Ed25519 or P-256 secret key",
                path.display()
            ));
        };
        let secret = <[u8; 32]>::try_from(secret)
            .map_err(|_| format!("{}: the secret key is not 32 bytes", path.display()))?;
        let kp = KeyPair::from_secret(key_type, secret)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if let Some(pk) = v.get("publicKeyMultibase").and_then(Value::as_str) {
            if pk != kp.multikey() {
                return Err(format!(
                    "{}: the public key does not match the secret key",
                    path.display()
                ));
            }
        }
        Ok(kp)
    }
}
