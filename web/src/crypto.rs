//! Signature checks the core asks the browser for (ECDSA P-256/P-384,
//! RSA PKCS#1 v1.5 and PSS), answered with WebCrypto's
//! `SubtleCrypto.verify`: audited, native speed, and no bytes of
//! cryptography in the bundle.
//!
//! The core has already decided which algorithm fits which key; this only
//! translates its [`SignatureCheck`] into WebCrypto's parameters. A key
//! WebCrypto refuses to import (a point not on its curve, say) can have
//! signed nothing: that is [`SignatureAnswer::Invalid`], as the native
//! verifier answers. No WebCrypto at all (a page not served over HTTPS) is
//! [`SignatureAnswer::Unavailable`], which the report shows as "could not
//! be checked".

use alloc::string::String;

use base64::Engine;
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use mcx_verifier_core::{Algorithm, PublicKey, SignatureAnswer, SignatureCheck};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["crypto", "subtle"], js_name = importKey)]
    fn import_key(
        format: &str,
        data: &JsValue,
        algorithm: &Object,
        extractable: bool,
        usages: &Array,
    ) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["crypto", "subtle"], js_name = verify)]
    fn subtle_verify(
        algorithm: &Object,
        key: &JsValue,
        signature: &Uint8Array,
        data: &Uint8Array,
    ) -> Result<Promise, JsValue>;
}

/// Verifies `check` with WebCrypto.
pub async fn verify(check: &SignatureCheck) -> SignatureAnswer {
    let (format, data, import) = key_import(check.key(), check.algorithm());
    let usages = Array::of1(&JsValue::from_str("verify"));
    let Ok(imported) = import_key(format, &data, &import, false, &usages) else {
        return unavailable();
    };
    let key = match JsFuture::from(imported).await {
        Ok(key) => key,
        // WebCrypto refuses keys that are not valid for their curve or
        // size: such a key verifies nothing.
        Err(_) => return SignatureAnswer::Invalid,
    };
    let params = verify_params(check.algorithm());
    let signature = Uint8Array::from(check.signature());
    let message = Uint8Array::from(check.message());
    let Ok(pending) = subtle_verify(&params, &key, &signature, &message) else {
        return unavailable();
    };
    match JsFuture::from(pending).await {
        Ok(v) if v.as_bool() == Some(true) => SignatureAnswer::Valid,
        Ok(_) => SignatureAnswer::Invalid,
        Err(_) => unavailable(),
    }
}

#[inline(never)]
fn unavailable() -> SignatureAnswer {
    SignatureAnswer::Unavailable(String::from(
        "this browser offers no WebCrypto here (it needs a page served over HTTPS)",
    ))
}

/// An object with the given string (or value) members.
fn object(members: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in members {
        // Setting a member of a fresh plain object cannot fail.
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

fn s(v: &str) -> JsValue {
    JsValue::from_str(v)
}

/// `importKey`'s format, key data and algorithm for `key`, to be used
/// with `algorithm` (WebCrypto binds an RSA key to one scheme and hash).
fn key_import(key: &PublicKey, algorithm: Algorithm) -> (&'static str, JsValue, Object) {
    match key {
        PublicKey::P256(point) | PublicKey::P384(point) => {
            let curve = if matches!(key, PublicKey::P256(_)) {
                "P-256"
            } else {
                "P-384"
            };
            (
                "raw",
                Uint8Array::from(&point[..]).into(),
                object(&[("name", s("ECDSA")), ("namedCurve", s(curve))]),
            )
        }
        PublicKey::Rsa { n, e } => {
            let b64 = |v: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v);
            let jwk = object(&[("kty", s("RSA")), ("n", s(&b64(n))), ("e", s(&b64(e)))]);
            let name = if algorithm == Algorithm::RsaPssSha256 {
                "RSA-PSS"
            } else {
                "RSASSA-PKCS1-v1_5"
            };
            (
                "jwk",
                jwk.into(),
                object(&[("name", s(name)), ("hash", s("SHA-256"))]),
            )
        }
        // Ed25519 is always verified by the core and never asked for.
        PublicKey::Ed25519(raw) => (
            "raw",
            Uint8Array::from(&raw[..]).into(),
            object(&[("name", s("Ed25519"))]),
        ),
    }
}

/// `verify`'s algorithm parameters.
fn verify_params(algorithm: Algorithm) -> Object {
    match algorithm {
        Algorithm::EcdsaP256Sha256 => object(&[("name", s("ECDSA")), ("hash", s("SHA-256"))]),
        Algorithm::EcdsaP384Sha384 => object(&[("name", s("ECDSA")), ("hash", s("SHA-384"))]),
        Algorithm::RsaPssSha256 => object(&[
            ("name", s("RSA-PSS")),
            // RFC 7518 §3.5: the salt is as long as the hash.
            ("saltLength", JsValue::from_f64(32.0)),
        ]),
        Algorithm::RsaPkcs1Sha256 => object(&[("name", s("RSASSA-PKCS1-v1_5"))]),
        Algorithm::Ed25519 => object(&[("name", s("Ed25519"))]),
    }
}
