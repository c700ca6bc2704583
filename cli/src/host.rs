//! The CLI as a host of the sans-I/O core: answers the core's requests for
//! documents from `--resource URL=FILE` mappings.

use std::path::PathBuf;

use mcx_verifier_core::{Resources, Timestamp};

/// Parses `URL=FILE` (split at the last `=`, since URLs may hold query strings).
pub fn parse_resource(s: &str) -> Result<(String, PathBuf), String> {
    let (url, file) = s
        .split_once('=')
        .ok_or_else(|| format!("--resource expects URL=FILE, got {s:?}"))?;
    if url.is_empty() || file.is_empty() {
        return Err(format!("--resource expects URL=FILE, got {s:?}"));
    }
    Ok((url.to_string(), PathBuf::from(file)))
}

/// Loads every `--resource` file into a [`Resources`] set.
pub fn load_resources(mappings: &[(String, PathBuf)]) -> Result<Resources, String> {
    let mut r = Resources::new();
    for (url, file) in mappings {
        let bytes = std::fs::read(file)
            .map_err(|e| format!("--resource {url}: cannot read {}: {e}", file.display()))?;
        r.insert(url.clone(), bytes);
    }
    Ok(r)
}

/// The current time, or `--now`.
pub fn now(arg: Option<&str>) -> Result<Timestamp, String> {
    match arg {
        Some(s) => Timestamp::parse_rfc3339(s).map_err(|e| format!("--now {s:?}: {e}")),
        None => {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_err(|e| format!("system clock before 1970: {e}"))?
                .as_secs();
            Ok(Timestamp::from_unix_seconds(
                i64::try_from(secs).unwrap_or(i64::MAX),
            ))
        }
    }
}
