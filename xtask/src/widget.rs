//! Packaging the widget after the shared wasm pipeline has built it into
//! `dist/widget/pkg/`: the wasm-bindgen glue and `widget/js/element.js`
//! (with `widget/js/element.css` written into it as a string) become two
//! self-contained scripts next to one `.wasm`:
//!
//! - `index.js`: an ES module (the npm package's entry: `import { verify }
//!   from '@microcredx/verify'`), finding its `.wasm` with `import.meta.url`;
//! - `mcx-verify.js`: a classic script for pages without a bundler (one
//!   `<script src>`), finding its `.wasm` next to its own URL, exposing
//!   `window.MicroCredX`.
//!
//! plus `package.json`, `index.d.ts` and `README.md` from `widget/js/`.
//! The glue is edited as text, so every pattern relied on is checked: a
//! wasm-bindgen upgrade that changes them fails the build here, loudly.

use crate::Result;
use std::path::Path;

/// The glue's exports that become plain functions in both scripts.
const GLUE_EXPORTS: [&str; 2] = [
    "export function verifyReport(",
    "export function reportView(",
];
/// The glue's last line (its init function as default export).
const GLUE_TAIL: &str = "export { initSync, __wbg_init as default };";
/// How the glue finds its `.wasm` by default.
const GLUE_META: &str = "import.meta.url";
/// What `element.js` holds where its stylesheet, `element.css`, goes.
const CSS_SLOT: &str = "'/* element.css */'";

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The glue without its `export` keywords (both scripts re-export what
/// they choose).
fn plain_glue(glue: &str) -> Result<String> {
    for needle in GLUE_EXPORTS.iter().chain([&GLUE_TAIL, &GLUE_META]) {
        if !glue.contains(needle) {
            return Err(format!(
                "the wasm-bindgen glue no longer contains `{needle}`: update xtask/src/widget.rs"
            ));
        }
    }
    if glue.contains("\nimport ") {
        return Err(
            "the wasm-bindgen glue imports other modules; the widget must stay one file".into(),
        );
    }
    Ok(glue
        .replace(GLUE_TAIL, "")
        .replace("export function ", "function "))
}

/// The scripts without comments, indentation and blank lines: the widget's
/// size budget counts every byte it transfers, and a real minifier would
/// be one more tool to install. Line based and conservative: newlines stay
/// (no change to automatic semicolon insertion), code is never rewritten,
/// and the licence banner (`/*!`) stays.
fn compact(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let mut in_comment = false;
    for line in js.lines() {
        let mut rest = line.trim();
        if in_comment {
            match rest.find("*/") {
                Some(end) => {
                    in_comment = false;
                    rest = rest[end + 2..].trim();
                }
                None => continue,
            }
        } else if rest.starts_with("/*") && !rest.starts_with("/*!") {
            match rest.find("*/") {
                Some(end) => rest = rest[end + 2..].trim(),
                None => {
                    in_comment = true;
                    continue;
                }
            }
        }
        if rest.is_empty() || rest.starts_with("//") {
            continue;
        }
        out.push_str(rest);
        out.push('\n');
    }
    out
}

/// The stylesheet without its comments (a `/*` inside a CSS string is
/// text, not a comment; a backslash escapes the character after it).
fn css_without_comments(css: &str) -> Result<String> {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut star = false;
                loop {
                    match chars.next() {
                        Some('/') if star => break,
                        Some(c) => star = c == '*',
                        None => return Err("widget/js/element.css: a comment is not closed".into()),
                    }
                }
                // A comment separates what stands on either side of it.
                if !out.ends_with(char::is_whitespace) && !out.is_empty() {
                    out.push(' ');
                }
            }
            '\\' => {
                out.push(c);
                out.extend(chars.next());
            }
            '"' | '\'' => {
                out.push(c);
                while let Some(s) = chars.next() {
                    out.push(s);
                    if s == '\\' {
                        out.extend(chars.next());
                    } else if s == c || s == '\n' {
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    Ok(out)
}

/// The stylesheet as one single-quoted JS string: comments dropped, each
/// line trimmed, lines joined by a space (outside strings a line break is
/// only whitespace in CSS, and a CSS string cannot span lines).
fn css_literal(css: &str) -> Result<String> {
    let text = css_without_comments(css)?;
    let mut out = String::from("'");
    for (i, line) in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        if i > 0 {
            out.push(' ');
        }
        for c in line.chars() {
            if c == '\\' || c == '\'' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('\'');
    Ok(out)
}

/// `element.js` with its stylesheet in place: the shipped scripts carry
/// the CSS (no second request; a constructed stylesheet needs no
/// `style-src`), while the sources keep it in a file of its own.
fn with_css(element: &str, css: &str) -> Result<String> {
    if element.matches(CSS_SLOT).count() != 1 {
        return Err(format!(
            "widget/js/element.js must contain `{CSS_SLOT}` exactly once (where element.css goes)"
        ));
    }
    Ok(element.replace(CSS_SLOT, &css_literal(css)?))
}

/// The ES module of the npm package.
fn es_module(banner: &str, glue: &str, element: &str) -> String {
    format!(
        "{banner}\n{glue}\n// The folder this module was loaded from (its .wasm is there).\n\
         const MCX_BASE = new URL('.', import.meta.url).href;\n\n{element}\n\
         export {{ verify, view, init, MicroCredXVerify }};\n"
    )
}

/// The classic script: everything inside one function scope, nothing
/// global but `window.MicroCredX`.
fn classic_script(banner: &str, glue: &str, element: &str) -> String {
    let glue = glue.replace(GLUE_META, "MCX_BASE");
    format!(
        "{banner}\n(function () {{\n'use strict';\n\
         // The folder this script was loaded from (its .wasm is there). As a\n\
         // classic script it knows its own element while it first runs.\n\
         const MCX_SCRIPT = document.currentScript || document.querySelector('script[src*=\"mcx-verify\"]');\n\
         const MCX_BASE = new URL('.', MCX_SCRIPT && MCX_SCRIPT.src ? MCX_SCRIPT.src : document.baseURI).href;\n\
         {glue}\n{element}\n\
         window.MicroCredX = Object.freeze({{ verify, view, init, MicroCredXVerify }});\n}})();\n"
    )
}

/// Turns `dist/widget/pkg/` into the package described in the module docs.
pub fn package(root: &Path) -> Result {
    let out = crate::dist_dir(root).join("widget");
    let pkg = out.join("pkg");
    let js_dir = root.join("widget/js");
    let version = env!("CARGO_PKG_VERSION");
    let glue = plain_glue(&read(&pkg.join("mcx_widget.js"))?)?;
    let element = with_css(
        &read(&js_dir.join("element.js"))?,
        &read(&js_dir.join("element.css"))?,
    )?;
    let banner = format!(
        "/*! @microcredx/verify {version} — MicroCredX credential verifier widget. Apache-2.0. \
         Built by `cargo xtask build` from widget/ (Rust, WebAssembly). */"
    );
    write(
        &out.join("index.js"),
        &compact(&es_module(&banner, &glue, &element)),
    )?;
    write(
        &out.join("mcx-verify.js"),
        &compact(&classic_script(&banner, &glue, &element)),
    )?;
    std::fs::rename(
        pkg.join("mcx_widget_bg.wasm"),
        out.join("mcx_widget_bg.wasm"),
    )
    .map_err(|e| format!("cannot move the widget's wasm: {e}"))?;
    std::fs::remove_dir_all(&pkg).map_err(|e| format!("cannot remove {}: {e}", pkg.display()))?;
    for file in ["index.d.ts", "README.md"] {
        std::fs::copy(js_dir.join(file), out.join(file))
            .map_err(|e| format!("cannot copy widget/js/{file}: {e}"))?;
    }
    let manifest = read(&js_dir.join("package.json"))?.replace("0.0.0-workspace", version);
    write(&out.join("package.json"), &manifest)?;
    println!(
        "xtask: widget: packaged {} (index.js, mcx-verify.js, mcx_widget_bg.wasm, index.d.ts, package.json, README.md)",
        out.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = "export function reportView(a, b) {}\n\
        export function verifyReport(a, b) {}\nfunction f() { return new URL('x.wasm', import.meta.url); }\n\
        export { initSync, __wbg_init as default };\n";

    #[test]
    fn glue_loses_its_exports() {
        let plain = plain_glue(GLUE).unwrap();
        assert!(!plain.contains("export"));
        let classic = classic_script("", &plain, "");
        assert!(
            !classic.contains("import.meta"),
            "a classic script cannot use import.meta"
        );
        assert!(classic.contains("window.MicroCredX"));
        let module = es_module("", &plain, "");
        assert!(module.contains("export { verify, view, init, MicroCredXVerify };"));
    }
    #[test]
    fn compact_drops_comments_and_indentation_only() {
        let js = "/*! keep */\n/**\n * doc\n */\nfunction f() {\n    // note\n    return 'a // b'; /* x */\n\n    /* c */ g();\n}\n";
        assert_eq!(
            compact(js),
            "/*! keep */\nfunction f() {\nreturn 'a // b'; /* x */\ng();\n}\n"
        );
    }

    #[test]
    fn the_stylesheet_goes_into_its_slot_as_one_string() {
        let css = "/* about\n   the sheet */\n:host {\n  display: block; /* why */\n}\n.x/**/.y, .p\\'/* gone */{ }\n\n.a::before { content: \"/* kept */\"; font-family: 'X Y'; }\n.b { background: url(a\\'b); }\n";
        let element = "const MCX_CSS = '/* element.css */';\nf(MCX_CSS);\n";
        assert_eq!(
            with_css(element, css).unwrap(),
            "const MCX_CSS = ':host { display: block; } .x .y, .p\\\\\\' { } .a::before { content: \"/* kept */\"; font-family: \\'X Y\\'; } .b { background: url(a\\\\\\'b); }';\nf(MCX_CSS);\n"
        );
        assert!(with_css("const MCX_CSS = '';", css).is_err());
        assert!(with_css(element, "a { } /* open").is_err());
        // What compact() does to the scripts leaves the stylesheet whole.
        let packed = compact(&with_css(element, css).unwrap());
        assert!(packed.contains("\"/* kept */\""), "{packed}");
    }

    #[test]
    fn a_changed_glue_is_refused() {
        assert!(plain_glue("export function reportView(a) {}").is_err());
        let with_import = format!("{GLUE}\nimport x from './y.js';\n");
        assert!(plain_glue(&with_import).is_err());
    }
}
