//! The CLI as a host of the sans-I/O core: answers the core's requests for
//! documents from `--resource URL=FILE` mappings (and `--resource
//! PREFIX/=DIR/` mounts of a whole site's copy) before the network.

use std::path::{Path, PathBuf};

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

/// Documents given on the command line: single files, and directories
/// standing for everything under a URL prefix. Shared by the worker
/// threads of a batch.
pub struct Local {
    /// `--resource URL=FILE`, read up front.
    files: Vec<(String, Vec<u8>)>,
    /// `--resource PREFIX/=DIR`: URLs under PREFIX are files under DIR.
    mounts: Vec<(String, PathBuf)>,
}

/// Loads every `--resource` file into a [`Resources`] set; a URL ending in
/// `/` mapped to a directory mounts that directory instead.
pub fn load_resources(mappings: &[(String, PathBuf)]) -> Result<Local, String> {
    let mut files = Vec::new();
    let mut mounts = Vec::new();
    for (url, file) in mappings {
        if url.ends_with('/') && file.is_dir() {
            mounts.push((url.clone(), file.clone()));
            continue;
        }
        let bytes = std::fs::read(file)
            .map_err(|e| format!("--resource {url}: cannot read {}: {e}", file.display()))?;
        files.push((url.clone(), bytes));
    }
    // The longest prefix wins, as with nested mounts on a web server.
    mounts.sort_by_key(|(prefix, _)| std::cmp::Reverse(prefix.len()));
    Ok(Local { files, mounts })
}

impl Local {
    /// Answers `url` with `bytes`.
    pub fn add_file(&mut self, url: String, bytes: Vec<u8>) {
        self.files.push((url, bytes));
    }

    /// A fresh set of documents holding the `--resource` files.
    pub fn resources(&self) -> Resources {
        let mut r = Resources::new();
        for (url, bytes) in &self.files {
            r.insert(url.clone(), bytes.clone());
        }
        r
    }

    /// Answers the URLs that fall under a mounted directory (the file, or
    /// a failure saying which file is missing) and returns the others.
    pub fn answer(&self, urls: Vec<String>, resources: &mut Resources) -> Vec<String> {
        let mut rest = Vec::new();
        for url in urls {
            let Some((prefix, dir)) = self
                .mounts
                .iter()
                .find(|(p, _)| url.starts_with(p.as_str()))
            else {
                rest.push(url);
                continue;
            };
            match mounted_file(dir, &url[prefix.len()..]) {
                Some(path) => match std::fs::read(&path) {
                    Ok(bytes) => resources.insert(url, bytes),
                    Err(e) => resources.insert_failure(
                        url,
                        format!("not in the local copy ({}: {e})", path.display()),
                    ),
                },
                None => resources.insert_failure(url, "not a file path under the local copy"),
            }
        }
        rest
    }
}

/// The file for `rest` (the URL after the mount's prefix) under `dir`, if
/// it is a plain relative path: no `..`, no query, no fragment.
fn mounted_file(dir: &Path, rest: &str) -> Option<PathBuf> {
    let mut path = dir.to_path_buf();
    for segment in rest.split('/') {
        let plain = !segment.is_empty()
            && segment != "."
            && segment != ".."
            && !segment.contains(['\\', '?', '#', '\0', ':']);
        if !plain {
            return None;
        }
        path.push(segment);
    }
    Some(path)
}

/// The current time, or `--now`.
/// The address a local file is supplied to the core under (`file://` and
/// its absolute path), which no fetch ever answers.
pub fn file_url(path: &str) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| PathBuf::from(path));
    format!("file://{}", absolute.display())
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mounted_paths_stay_inside_the_directory() {
        let dir = Path::new("/srv/copy");
        assert_eq!(
            mounted_file(dir, "members/thn/did.json"),
            Some(PathBuf::from("/srv/copy/members/thn/did.json"))
        );
        for bad in [
            "",
            "../etc/passwd",
            "a/../../b",
            "a//b",
            "a/./b",
            "a?x=1",
            "a#f",
            "C:/x",
            "a\\b",
        ] {
            assert_eq!(mounted_file(dir, bad), None, "{bad}");
        }
    }
}
