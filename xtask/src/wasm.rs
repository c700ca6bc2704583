//! The wasm pipeline shared by the site and the widget:
//! `cargo build --target wasm32-unknown-unknown` → `wasm-bindgen --target web`
//! → `wasm-opt -Oz` (npm binaryen) → static files copied next to it.

use crate::setup;
use crate::Result;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The browser target.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// A bare-metal target that proves the core needs no `std`.
pub const EMBEDDED_TARGET: &str = "thumbv7em-none-eabihf";

/// Which cargo profile to build the wasm with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// `--profile wasm-release`: the size-optimised profile of the workspace
    /// (the plain release profile is tuned for native speed).
    Release,
    /// The dev profile, for quicker iterations (`--debug`).
    Debug,
}

/// One browser app of the workspace.
#[derive(Clone, Debug)]
pub struct App {
    /// Shown in progress messages.
    pub label: &'static str,
    /// Cargo package to build.
    pub package: &'static str,
    /// File stem of the `.wasm` cargo produces (a bin keeps dashes, a cdylib
    /// has underscores).
    pub artifact: &'static str,
    /// Name wasm-bindgen gives the glue: `<out_name>.js`, `<out_name>_bg.wasm`.
    pub out_name: &'static str,
    /// Where the app goes; its glue goes to `<out_dir>/pkg/`.
    pub out_dir: PathBuf,
    /// Static files (index.html, CSS, JS loader) copied into `out_dir`.
    pub static_dir: Option<PathBuf>,
}

/// What [`build_app`] produced.
#[derive(Debug)]
pub struct Built {
    /// The final `.wasm` file.
    pub wasm: PathBuf,
    /// The wasm-bindgen JS glue.
    pub js: PathBuf,
}

/// The cargo target directory in use (honours `CARGO_TARGET_DIR`).
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                root.join(dir)
            }
        }
        None => root.join("target"),
    }
}

/// Runs the whole pipeline for one app.
pub fn build_app(
    root: &Path,
    app: &App,
    profile: Profile,
    wasm_opt: Option<&Path>,
) -> Result<Built> {
    setup::step(&format!(
        "{}: cargo build -p {} --target {WASM_TARGET}",
        app.label, app.package
    ));
    let raw = cargo_build(root, app.package, app.artifact, profile)?;
    let pkg = app.out_dir.join("pkg");
    let built = bindgen(&raw, &pkg, app.out_name)?;
    match wasm_opt {
        Some(tool) => optimise(tool, &built.wasm)?,
        None => println!("xtask: {}: skipping wasm-opt", app.label),
    }
    if let Some(dir) = &app.static_dir {
        copy_tree(dir, &app.out_dir)?;
        strip_css_comments_in(&app.out_dir)?;
    }
    let size = std::fs::metadata(&built.wasm).map(|m| m.len()).unwrap_or(0);
    println!(
        "xtask: {}: {} ({} KiB) + {}",
        app.label,
        built.wasm.display(),
        size / 1024,
        built.js.display()
    );
    Ok(built)
}

/// Builds a package for wasm32 and returns the `.wasm` cargo wrote.
pub fn cargo_build(
    root: &Path,
    package: &str,
    artifact: &str,
    profile: Profile,
) -> Result<PathBuf> {
    let mut command = setup::cargo();
    command
        .current_dir(root)
        .args(["build", "-p", package, "--target", WASM_TARGET]);
    if profile == Profile::Release {
        command.args(["--profile", "wasm-release"]);
    }
    setup::run(&mut command)?;
    let dir = if profile == Profile::Release {
        "wasm-release"
    } else {
        "debug"
    };
    let wasm = target_dir(root)
        .join(WASM_TARGET)
        .join(dir)
        .join(format!("{artifact}.wasm"));
    if wasm.exists() {
        Ok(wasm)
    } else {
        Err(format!(
            "cargo built {package} but {} is missing",
            wasm.display()
        ))
    }
}

/// Generates the `--target web` JS glue (an ES module) and its wasm.
pub fn bindgen(wasm: &Path, out_dir: &Path, out_name: &str) -> Result<Built> {
    setup::run(
        Command::new("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--out-name",
                out_name,
                "--out-dir",
            ])
            .arg(out_dir)
            .arg(wasm),
    )?;
    Ok(Built {
        wasm: out_dir.join(format!("{out_name}_bg.wasm")),
        js: out_dir.join(format!("{out_name}.js")),
    })
}

/// Shrinks the module in place with `wasm-opt -Oz`. The feature flags are
/// those rustc enables by default for wasm32, so wasm-opt accepts its output
/// and emits nothing newer. `--low-memory-unused` tells it what holds for
/// Rust's wasm: nothing lives in the lowest 1 KiB of memory (rustc links the
/// stack first, growing down from 1 MiB, and data after it), which lets it
/// fold more address arithmetic into load and store offsets (1.7 KB gzipped
/// of the site).
pub fn optimise(wasm_opt: &Path, wasm: &Path) -> Result {
    let before = std::fs::metadata(wasm).map(|m| m.len()).unwrap_or(0);
    setup::run(
        Command::new(wasm_opt)
            .arg("-Oz")
            .arg("--low-memory-unused")
            .args([
                "--enable-bulk-memory",
                "--enable-bulk-memory-opt",
                "--enable-mutable-globals",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-reference-types",
                "--enable-multivalue",
            ])
            .arg(wasm)
            .arg("-o")
            .arg(wasm),
    )?;
    let after = std::fs::metadata(wasm).map(|m| m.len()).unwrap_or(0);
    println!(
        "xtask: wasm-opt -Oz: {} KiB -> {} KiB",
        before / 1024,
        after / 1024
    );
    Ok(())
}

/// Removes the comments of the style sheets directly in `dir` (they explain
/// the sources; the page does not need them: 0.6 KB gzipped of the site's
/// first load). Quoted strings are kept as they are.
pub fn strip_css_comments_in(dir: &Path) -> Result {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "css") {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            std::fs::write(&path, strip_css_comments(&text))
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// CSS without its `/* … */` comments and the blank lines they leave.
fn strip_css_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("/*") {
            rest = rest[2..].find("*/").map_or("", |end| &rest[2 + end + 2..]);
        } else if c == '"' || c == '\'' {
            // A string, to its closing quote (a backslash escapes one character).
            let mut end = rest.len();
            let mut chars = rest.char_indices().skip(1);
            while let Some((i, d)) = chars.next() {
                if d == '\\' {
                    chars.next();
                } else if d == c {
                    end = i + d.len_utf8();
                    break;
                }
            }
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    let lines: Vec<&str> = out.lines().filter(|l| !l.trim().is_empty()).collect();
    lines.join("\n") + "\n"
}

/// Copies a directory tree (files overwrite, folders merge).
pub fn copy_tree(from: &Path, to: &Path) -> Result {
    copy_tree_except(from, to, &[])
}

/// Copies a directory tree, leaving out the top-level entries named in `skip`.
pub fn copy_tree_except(from: &Path, to: &Path, skip: &[&str]) -> Result {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        if skip.iter().any(|name| entry.file_name() == *name) {
            continue;
        }
        let source = entry.path();
        let target = to.join(entry.file_name());
        if source.is_dir() {
            copy_tree(&source, &target)?;
        } else {
            std::fs::copy(&source, &target)
                .map_err(|e| format!("cannot copy {}: {e}", source.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::strip_css_comments;

    #[test]
    fn css_comments_go_strings_stay() {
        let css = "/* head */\na { color: red; } /* why */\n\n/* x\n y */\nb::after { content: \"/* kept */\"; }\nc { content: '\\' /*'; } /* end */ d {}\n";
        assert_eq!(
            strip_css_comments(css),
            "a { color: red; } \nb::after { content: \"/* kept */\"; }\nc { content: '\\' /*'; }  d {}\n"
        );
    }
}
