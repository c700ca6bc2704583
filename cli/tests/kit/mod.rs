//! The kit every CLI test file shares (`mod kit;`): running the real `mcx`
//! binary, scratch folders, the demo network of `demo/`, and reading the
//! reports of `mcx verify --json`.

// Each test file is a crate of its own and uses part of the kit.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use mcx_verifier_core::json::{self, Value};

/// The demo network's reference time (`now` of `demo/manifest.json`): its
/// samples have their documented verdicts then, and the tests' own
/// credentials are issued and checked at it.
pub const NOW: &str = "2026-11-28T12:00:00Z";

/// The `mcx` binary of this build, as a command to add arguments to.
pub fn command() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mcx"))
}

/// Runs `mcx ARGS` and returns what it did.
pub fn mcx(args: &[&str]) -> Output {
    command().args(args).output().expect("mcx runs")
}

/// Runs `mcx ARGS` in `dir` (relative file names are read and written there).
pub fn mcx_in(args: &[&str], dir: &Path) -> Output {
    command()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("mcx runs")
}

/// Runs `mcx ARGS`, which must succeed, and returns its standard output.
pub fn run_ok(args: &[&str]) -> String {
    let out = mcx(args);
    assert!(
        out.status.success(),
        "mcx {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out)
}

/// The standard output of a run, as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("mcx prints UTF-8")
}

/// The reports of `mcx verify --json`: one JSON document per line.
pub fn reports(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| json::parse_str(l).expect("a report is JSON"))
        .collect()
}

/// A report's verdict.
pub fn verdict(report: &Value) -> &str {
    report.get("verdict").and_then(Value::as_str).unwrap()
}

/// A report's headline: its code (if any) and its detail ("" without one).
pub fn headline(report: &Value) -> (Option<&str>, &str) {
    let h = report.get("headline");
    (
        h.and_then(|h| h.get("code")).and_then(Value::as_str),
        h.and_then(|h| h.get("detail"))
            .and_then(Value::as_str)
            .unwrap_or(""),
    )
}

/// The demo network: `demo/` of the workspace.
pub fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../demo")
}

/// `demo/manifest.json`: the samples, their verdicts, the resources.
pub fn manifest() -> Value {
    json::parse(
        &std::fs::read(demo().join("manifest.json")).unwrap(),
        json::Limits::default(),
    )
    .unwrap()
}

/// A temporary folder, removed with this value.
pub struct Scratch {
    dir: tempfile::TempDir,
}

/// A new, empty temporary folder.
pub fn scratch() -> Scratch {
    Scratch {
        dir: tempfile::tempdir().expect("a temporary folder"),
    }
}

impl Scratch {
    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The path of `name` in the folder, as an argument for `mcx`.
    pub fn file(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }
}
