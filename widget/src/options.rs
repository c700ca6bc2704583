//! Reading the JS arguments of `verifyReport`: the input and the options
//! object, into bytes and an `mcx_web::host::Config`.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use js_sys::{ArrayBuffer, Date, Reflect, Uint8Array};
use mcx_verifier_core::RegistrySource;
use mcx_verifier_core::Timestamp;
use mcx_web::host::{self, Config};
use wasm_bindgen::{JsCast, JsValue};

/// The bytes of an input: a string as UTF-8, a `Uint8Array` or
/// `ArrayBuffer` as is. Anything else is empty, which the core reports as
/// "not a credential".
pub fn input_bytes(input: &JsValue) -> Vec<u8> {
    if let Some(text) = input.as_string() {
        text.into_bytes()
    } else if let Some(array) = input.dyn_ref::<Uint8Array>() {
        array.to_vec()
    } else if let Some(buffer) = input.dyn_ref::<ArrayBuffer>() {
        Uint8Array::new(buffer).to_vec()
    } else {
        Vec::new()
    }
}

/// A string-valued option, if set (empty strings count as unset).
fn string(options: &JsValue, key: &str) -> Result<Option<String>, String> {
    let value = Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    match value.as_string() {
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => Ok(Some(s.trim().to_string())),
        None => Err(format!("options.{key} must be a string")),
    }
}

/// `options.now`: RFC 3339 text, milliseconds since 1970, or a `Date`.
fn now(options: &JsValue) -> Result<Option<Timestamp>, String> {
    let value = Reflect::get(options, &JsValue::from_str("now")).unwrap_or(JsValue::UNDEFINED);
    let millis = if value.is_undefined() || value.is_null() {
        return Ok(None);
    } else if let Some(text) = value.as_string() {
        return Timestamp::parse_rfc3339(text.trim())
            .map(Some)
            .map_err(|_| format!("options.now is not an RFC 3339 date-time: \"{text}\""));
    } else if let Some(date) = value.dyn_ref::<Date>() {
        date.get_time()
    } else if let Some(n) = value.as_f64() {
        n
    } else {
        return Err(
            "options.now must be an RFC 3339 string, a number of milliseconds or a Date".into(),
        );
    };
    if !millis.is_finite() {
        return Err("options.now is not a valid time".into());
    }
    // Whole seconds, rounded down (no_std has no f64::floor; the cast
    // truncates towards zero and saturates).
    let seconds = millis / 1000.0;
    let whole = seconds as i64;
    let floor = if (whole as f64) > seconds {
        whole - 1
    } else {
        whole
    };
    Ok(Some(Timestamp::from_unix_seconds(floor)))
}

/// The host configuration from the options object (`undefined` and `null`
/// mean all defaults). `registry: false` turns the membership check off;
/// a `registry` URL replaces the built-in network, with `networkKey` its
/// pinned governance DID.
pub fn config(options: &JsValue) -> Result<Config, String> {
    let mut config = Config::default();
    if options.is_undefined() || options.is_null() {
        return Ok(config);
    }
    if !options.is_object() {
        return Err("options must be an object".into());
    }
    config.now = now(options)?;
    config.challenge = string(options, "challenge")?;
    config.domain = string(options, "domain")?;
    config.demo_base = string(options, "demoBase")?;
    let key = string(options, "networkKey")?;
    let registry =
        Reflect::get(options, &JsValue::from_str("registry")).unwrap_or(JsValue::UNDEFINED);
    config.registry = if registry.as_bool() == Some(false) {
        // No membership check at all (the report says so).
        None
    } else {
        match string(options, "registry")? {
            Some(url) => Some(RegistrySource {
                url,
                governance_did: key.unwrap_or_else(|| host::NETWORK_KEY.into()),
            }),
            None if key.is_some() => return Err("options.networkKey needs options.registry".into()),
            None => Some(host::network_registry()),
        }
    };
    Ok(config)
}
