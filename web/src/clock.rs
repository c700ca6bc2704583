//! The current time for the core, which has no clock of its own.

use mcx_verifier_core::Timestamp;

/// Now, from the browser's clock, in whole seconds (the cast truncates,
/// which for times after 1970 is rounding down).
pub fn now() -> Timestamp {
    Timestamp::from_unix_seconds((js_sys::Date::now() / 1000.0) as i64)
}
