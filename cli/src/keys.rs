//! Key files: an Ed25519 key pair as JSON, written with 0600 permissions.
//!
//! ```json
//! {"type":"Ed25519KeyPair","did":"did:key:z6Mk…","verificationMethod":"did:key:z6Mk…#z6Mk…",
//!  "publicKeyMultibase":"z6Mk…","secretKeyMultibase":"z3u2…"}
//! ```
//! `secretKeyMultibase` is the multicodec `ed25519-priv` (0x1300, varint
//! `0x80 0x26`) seed in base58btc, the form the W3C test vectors use.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use mcx_verifier_core::json::{self, Object, Value};
use mcx_verifier_core::low_level::{did, multibase, proof};

const ED25519_PRIV: [u8; 2] = [0x80, 0x26];

/// A loaded key pair.
pub struct KeyPair {
    pub secret: [u8; 32],
    pub public: [u8; 32],
}

impl KeyPair {
    pub fn generate() -> Result<KeyPair, String> {
        let mut secret = [0u8; 32];
        getrandom::getrandom(&mut secret).map_err(|e| format!("no system randomness: {e}"))?;
        Ok(KeyPair::from_secret(secret))
    }

    pub fn from_secret(secret: [u8; 32]) -> KeyPair {
        KeyPair {
            public: proof::public_key(&secret),
            secret,
        }
    }

    pub fn did(&self) -> String {
        did::did_key(&self.public)
    }

    pub fn verification_method(&self) -> String {
        did::did_key_method(&self.public)
    }

    /// The public part as JSON (safe to print).
    pub fn public_json(&self) -> Object {
        let mut o = Object::new();
        o.insert("type", Value::from("Ed25519KeyPair"));
        o.insert("did", Value::from(self.did()));
        o.insert(
            "verificationMethod",
            Value::from(self.verification_method()),
        );
        o.insert(
            "publicKeyMultibase",
            Value::from(multibase::encode_ed25519_multikey(&self.public)),
        );
        o
    }

    fn secret_multibase(&self) -> String {
        let mut b = ED25519_PRIV.to_vec();
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
        let seed = raw
            .strip_prefix(&ED25519_PRIV)
            .and_then(|s| <[u8; 32]>::try_from(s).ok())
            .ok_or_else(|| format!("{}: not an Ed25519 secret key", path.display()))?;
        let kp = KeyPair::from_secret(seed);
        if let Some(pk) = v.get("publicKeyMultibase").and_then(Value::as_str) {
            if pk != multibase::encode_ed25519_multikey(&kp.public) {
                return Err(format!(
                    "{}: the public key does not match the secret key",
                    path.display()
                ));
            }
        }
        Ok(kp)
    }
}
