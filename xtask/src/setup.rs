//! Finding and installing the tools the build and the tests need.
//!
//! Every install says what it runs before running it, so that a new user
//! knows why the first run takes longer and what changed on their machine.

use crate::Result;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The wasm-bindgen CLI must match the `wasm-bindgen` crate pinned in the
/// workspace exactly, or the generated glue refuses the module.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";

/// Where the e2e tests and the npm build tools (wasm-opt) live.
pub fn e2e_dir(root: &Path) -> PathBuf {
    root.join("tests/e2e")
}

/// Prints a visible heading for a step of a long command.
pub fn step(what: &str) {
    println!("\n==> {what}");
}

/// A `cargo` command using the same cargo that runs xtask.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs a command with inherited output; a non-zero exit is an error.
pub fn run(command: &mut Command) -> Result {
    let shown = describe(command);
    let status = command
        .status()
        .map_err(|e| format!("cannot run `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Runs a command and returns its standard output, or `None` if it cannot run
/// or fails (used to probe for tools).
pub fn probe(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

fn describe(command: &Command) -> String {
    let mut shown = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        shown.push(' ');
        shown.push_str(&arg.to_string_lossy());
    }
    shown
}

/// Adds the rustup targets that are not installed yet.
pub fn ensure_rust_targets(targets: &[&str]) -> Result {
    let Some(installed) = probe("rustup", &["target", "list", "--installed"]) else {
        eprintln!("xtask: note: rustup not found; assuming the targets {targets:?} are installed");
        return Ok(());
    };
    let missing: Vec<&str> = targets
        .iter()
        .copied()
        .filter(|t| !installed.lines().any(|l| l.trim() == *t))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    println!(
        "xtask: installing Rust targets: rustup target add {}",
        missing.join(" ")
    );
    run(Command::new("rustup")
        .args(["target", "add"])
        .args(&missing))
}

/// Installs `wasm-bindgen-cli` at the pinned version unless it is there.
pub fn ensure_wasm_bindgen() -> Result {
    let version = probe("wasm-bindgen", &["--version"]);
    if version.as_deref().map(str::trim) == Some(&format!("wasm-bindgen {WASM_BINDGEN_VERSION}")) {
        return Ok(());
    }
    match version {
        Some(v) => println!(
            "xtask: found {} but the workspace pins {WASM_BINDGEN_VERSION}",
            v.trim()
        ),
        None => println!("xtask: wasm-bindgen not found"),
    }
    println!(
        "xtask: installing it (a few minutes, once): cargo install wasm-bindgen-cli --version {WASM_BINDGEN_VERSION}"
    );
    run(cargo().args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        WASM_BINDGEN_VERSION,
    ]))
}

/// Installs the npm packages of `tests/e2e` (playwright-core, axe-core,
/// binaryen for wasm-opt, typescript for checking the widget's types) when
/// any of them is missing.
pub fn ensure_npm_packages(root: &Path) -> Result {
    let dir = e2e_dir(root);
    let modules = dir.join("node_modules");
    let wanted = ["playwright-core", "axe-core", "binaryen", "typescript"];
    if wanted
        .iter()
        .all(|p| modules.join(p).join("package.json").exists())
        && wasm_opt_path(root).is_some()
    {
        return Ok(());
    }
    if probe("npm", &["--version"]).is_none() {
        return Err("npm not found (install Node.js 18 or newer)".into());
    }
    let sub = if dir.join("package-lock.json").exists() {
        "ci"
    } else {
        "install"
    };
    println!(
        "xtask: installing npm packages in tests/e2e ({}): npm {sub}",
        wanted.join(", ")
    );
    run(Command::new("npm")
        .current_dir(&dir)
        .args([sub, "--no-audit", "--no-fund"]))
}

/// The wasm-opt of the npm `binaryen` package, if installed. Never the
/// distribution's binaryen: old versions of it miscompile current Rust wasm.
pub fn wasm_opt_path(root: &Path) -> Option<PathBuf> {
    let path = e2e_dir(root).join("node_modules/.bin/wasm-opt");
    path.exists().then_some(path)
}

/// The TypeScript compiler of the npm `typescript` package (after
/// [`ensure_npm_packages`]).
pub fn tsc_path(root: &Path) -> PathBuf {
    e2e_dir(root).join("node_modules/.bin/tsc")
}

/// Returns the Chromium the e2e tests drive, installing the Debian package
/// when it is missing. Never downloads a browser build of its own.
pub fn ensure_chromium() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("MCX_CHROMIUM") {
        return Ok(PathBuf::from(path));
    }
    let path = PathBuf::from("/usr/bin/chromium");
    if path.exists() {
        return Ok(path);
    }
    let root_user = probe("id", &["-u"])
        .map(|s| s.trim() == "0")
        .unwrap_or(false);
    let apt = |args: &[&str]| -> Result {
        let mut command = if root_user {
            Command::new("apt-get")
        } else {
            let mut c = Command::new("sudo");
            c.arg("apt-get");
            c
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut command)
    };
    let sudo = if root_user { "" } else { "sudo " };
    println!("xtask: /usr/bin/chromium is missing; installing it: {sudo}apt-get install -y chromium chromium-driver");
    apt(&["update"])?;
    apt(&["install", "-y", "chromium", "chromium-driver"])?;
    if path.exists() {
        Ok(path)
    } else {
        Err("chromium was installed but /usr/bin/chromium is still missing".into())
    }
}
