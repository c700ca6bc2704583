//! Build, serve and test orchestration for MicroCredX Verify.
//!
//! Run as `cargo xtask <command>` (an alias in `.cargo/config.toml` for
//! `cargo run -p xtask --`). The two commands the README documents are
//! `serve` and `test`; `build` is the part of both that produces `dist/`.

mod http;
mod serve;
mod setup;
mod wasm;
mod widget;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Result type of every step: the error is a message for the user.
pub type Result<T = ()> = std::result::Result<T, String>;

const USAGE: &str = "\
MicroCredX Verify build tool

USAGE:
    cargo xtask serve [--port N] [--host ADDR] [--no-build] [--debug] [--mount /PREFIX/=DIR]...
        Build the site (and widget) for wasm32 in release mode into dist/ and serve it on
        http://127.0.0.1:8080/, with the demo network of demo/ (copied to dist/demo/).
        --port 0 picks a free port. --no-build serves dist/ as it is.
    cargo xtask test [--no-e2e]
        Run everything: native tests of the workspace, the core built for
        wasm32-unknown-unknown and thumbv7em-none-eabihf, the widget's TypeScript types
        (tsc -p widget/js), the site (and widget) built for wasm32, then the browser
        end-to-end tests (tests/e2e/, headless /usr/bin/chromium).
    cargo xtask build [--debug]
        Only build dist/ (what `serve` does before serving).

Missing tools are installed, each with a message: rustup targets, wasm-bindgen-cli 0.2.130,
the npm packages of tests/e2e (playwright-core, axe-core, binaryen for wasm-opt, typescript),
chromium.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve_cmd(&args[1..]),
        Some("test") => test_cmd(&args[1..]),
        Some("build") => build_cmd(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (this crate lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Where the static site is built: `dist/`, or `$MCX_DIST` (so that several
/// builds in one work tree, e.g. parallel sessions, do not overwrite each
/// other's output).
pub fn dist_dir(root: &Path) -> PathBuf {
    match std::env::var_os("MCX_DIST") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("dist"),
    }
}

/// Every browser app the workspace ships, built into `dist/` by the shared
/// pipeline of [`wasm`]. The widget is added here as one more entry.
fn apps(root: &Path) -> Vec<wasm::App> {
    vec![
        wasm::App {
            label: "site",
            package: "mcx-site",
            artifact: "mcx-site",
            out_name: "mcx_site",
            out_dir: dist_dir(root),
            static_dir: Some(root.join("site/static")),
        },
        // The site's QR code reader: its own module next to the site's,
        // which the page imports the first time the camera starts or a
        // picture is opened (site/static/qr-reader.js).
        wasm::App {
            label: "site QR reader",
            package: "mcx-site-qr",
            artifact: "mcx_site_qr",
            out_name: "mcx_site_qr",
            out_dir: dist_dir(root),
            static_dir: None,
        },
        // Packaged afterwards by `widget::package` (npm package + single script).
        wasm::App {
            label: "widget",
            package: "mcx-widget",
            artifact: "mcx_widget",
            out_name: "mcx_widget",
            out_dir: dist_dir(root).join("widget"),
            static_dir: None,
        },
    ]
}

/// Options shared by the commands that build `dist/`.
struct BuildOptions {
    profile: wasm::Profile,
    /// wasm-opt is required for `test` (the size goal is measured on it) but
    /// only nice to have for `serve` (no node on the machine: serve unoptimised).
    require_wasm_opt: bool,
}

/// Makes sure the tools exist, then builds every app into `dist/`.
fn build_dist(root: &Path, options: &BuildOptions) -> Result {
    setup::ensure_rust_targets(&[wasm::WASM_TARGET])?;
    setup::ensure_wasm_bindgen()?;
    let wasm_opt = match setup::ensure_npm_packages(root) {
        Ok(()) => setup::wasm_opt_path(root),
        Err(e) if !options.require_wasm_opt => {
            eprintln!("xtask: warning: {e}; the wasm is served without wasm-opt");
            None
        }
        Err(e) => return Err(e),
    };
    if wasm_opt.is_none() && options.require_wasm_opt {
        return Err("wasm-opt (npm binaryen) is missing after npm install".into());
    }
    let dist = dist_dir(root);
    if dist.exists() {
        std::fs::remove_dir_all(&dist)
            .map_err(|e| format!("cannot clear {}: {e}", dist.display()))?;
    }
    for app in apps(root) {
        wasm::build_app(root, &app, options.profile, wasm_opt.as_deref())?;
    }
    widget::package(root)?;
    copy_demo(root)?;
    Ok(())
}

/// Copies the demo network (registry, DID documents, status lists, sample
/// credentials, manifest) into `dist/demo/`, so that `dist/` alone is a
/// complete static site. Its keys and generator script stay out.
fn copy_demo(root: &Path) -> Result {
    let demo = root.join("demo");
    if !demo.is_dir() {
        eprintln!("xtask: note: no demo/ folder, so the site has no demo network");
        return Ok(());
    }
    wasm::copy_tree_except(
        &demo,
        &dist_dir(root).join("demo"),
        &["keys", "generate.sh"],
    )
}

fn parse_profile(flag: bool) -> wasm::Profile {
    if flag {
        wasm::Profile::Debug
    } else {
        wasm::Profile::Release
    }
}

fn build_cmd(args: &[String]) -> Result {
    let mut debug = false;
    for arg in args {
        match arg.as_str() {
            "--debug" => debug = true,
            other => return Err(format!("unknown option `{other}` for build")),
        }
    }
    let root = root();
    build_dist(
        &root,
        &BuildOptions {
            profile: parse_profile(debug),
            require_wasm_opt: false,
        },
    )?;
    println!("xtask: built {}", dist_dir(&root).display());
    Ok(())
}

fn serve_cmd(args: &[String]) -> Result {
    let root = root();
    let mut config = serve::Config::new(dist_dir(&root));
    let mut build = true;
    let mut debug = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--port" => {
                let value = it.next().ok_or("--port needs a number")?;
                config.port = value.parse().map_err(|_| format!("bad port `{value}`"))?;
            }
            "--host" => {
                config.host = it.next().ok_or("--host needs an address")?.clone();
            }
            "--no-build" => build = false,
            "--debug" => debug = true,
            "--quiet" => config.log = false,
            "--mount" => {
                let value = it.next().ok_or("--mount needs /PREFIX/=DIR")?;
                let (prefix, dir) = value.split_once('=').ok_or("--mount needs /PREFIX/=DIR")?;
                config.mount(prefix, PathBuf::from(dir))?;
            }
            other => return Err(format!("unknown option `{other}` for serve")),
        }
    }
    if build {
        build_dist(
            &root,
            &BuildOptions {
                profile: parse_profile(debug),
                require_wasm_opt: false,
            },
        )?;
    } else if !dist_dir(&root).join("index.html").exists() {
        return Err("dist/index.html is missing: run without --no-build first".into());
    }
    serve::run(config)
}

fn test_cmd(args: &[String]) -> Result {
    let mut e2e = true;
    for arg in args {
        match arg.as_str() {
            "--no-e2e" => e2e = false,
            other => return Err(format!("unknown option `{other}` for test")),
        }
    }
    let root = root();
    setup::ensure_rust_targets(&[wasm::WASM_TARGET, wasm::EMBEDDED_TARGET])?;

    // Every stage runs even when an earlier one failed, so that one run
    // shows everything that is wrong; the command fails at the end.
    let mut failed: Vec<String> = Vec::new();
    let mut stage = |name: &str, result: Result| {
        if let Err(e) = result {
            eprintln!("xtask: FAILED: {name}: {e}");
            failed.push(name.to_string());
        }
    };

    setup::step("native tests: cargo test --workspace");
    stage(
        "native tests",
        setup::run(setup::cargo().current_dir(&root).args([
            "test",
            "--workspace",
            "--no-fail-fast",
        ])),
    );

    // The workspace run has the core's `native-crypto` on (the CLI enables
    // it); the ECDSA vectors once more without it drive the core as the
    // browser does, answering its signature checks as a host.
    setup::step("core as a browser host drives it: ECDSA vectors without native-crypto");
    stage(
        "core without native-crypto",
        setup::run(setup::cargo().current_dir(&root).args([
            "test",
            "-p",
            "mcx-verifier-core",
            "--test",
            "ecdsa_vectors",
        ])),
    );

    for target in [wasm::WASM_TARGET, wasm::EMBEDDED_TARGET] {
        setup::step(&format!("core for {target}"));
        stage(
            &format!("core for {target}"),
            setup::run(setup::cargo().current_dir(&root).args([
                "build",
                "-p",
                "mcx-verifier-core",
                "--target",
                target,
            ])),
        );
    }
    // The native verifiers are no_std too (a bare-metal host can use them).
    setup::step("core with native-crypto for thumbv7em-none-eabihf");
    stage(
        "core with native-crypto for thumbv7em-none-eabihf",
        setup::run(setup::cargo().current_dir(&root).args([
            "build",
            "-p",
            "mcx-verifier-core",
            "--features",
            "native-crypto",
            "--target",
            wasm::EMBEDDED_TARGET,
        ])),
    );

    // The hand-written index.d.ts, compiled against widget/js/usage.ts
    // (tests/tests/widget_types.rs compares its failure codes with the core's).
    setup::step("widget types: tsc -p widget/js");
    stage(
        "widget types",
        setup::ensure_npm_packages(&root).and_then(|()| {
            setup::run(
                std::process::Command::new(setup::tsc_path(&root))
                    .current_dir(&root)
                    .args(["-p", "widget/js"]),
            )
        }),
    );

    setup::step("site and widget for wasm32 (release)");
    let built = build_dist(
        &root,
        &BuildOptions {
            profile: wasm::Profile::Release,
            require_wasm_opt: true,
        },
    );
    let dist_ok = built.is_ok();
    stage("site and widget build", built);

    if dist_ok {
        setup::step("widget size budget: node tests/e2e/widget-size.mjs");
        stage(
            "widget size budget",
            setup::run(
                std::process::Command::new("node")
                    .current_dir(&root)
                    .arg("tests/e2e/widget-size.mjs")
                    .env("MCX_WIDGET_DIST", dist_dir(&root).join("widget")),
            ),
        );
    }

    if dist_ok {
        setup::step("site size budget: node tests/e2e/site-size.mjs");
        stage(
            "site size budget",
            setup::run(
                std::process::Command::new("node")
                    .current_dir(&root)
                    .arg("tests/e2e/site-size.mjs")
                    .env("MCX_DIST", dist_dir(&root)),
            ),
        );
    }

    if e2e && dist_ok {
        setup::step("browser end-to-end tests: node tests/e2e/run.mjs");
        let e2e_result = setup::ensure_chromium().and_then(|chromium| {
            let xtask =
                std::env::current_exe().map_err(|e| format!("cannot find own binary: {e}"))?;
            setup::run(
                std::process::Command::new("node")
                    .current_dir(&root)
                    .arg("tests/e2e/run.mjs")
                    .env("MCX_XTASK", xtask)
                    .env("MCX_CHROMIUM", chromium),
            )
        });
        stage("browser end-to-end tests", e2e_result);
        if root.join("tests/e2e/widget.mjs").exists() {
            setup::step("widget end-to-end tests: node tests/e2e/widget.mjs");
            let widget_result = setup::ensure_chromium().and_then(|chromium| {
                setup::run(
                    std::process::Command::new("node")
                        .current_dir(&root)
                        .arg("tests/e2e/widget.mjs")
                        .env("MCX_WIDGET_DIST", dist_dir(&root).join("widget"))
                        .env("MCX_CHROMIUM", chromium),
                )
            });
            stage("widget end-to-end tests", widget_result);
        }
    }
    if !failed.is_empty() {
        return Err(format!("failed: {}", failed.join(", ")));
    }
    setup::step("all tests passed");
    Ok(())
}
