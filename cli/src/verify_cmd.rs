//! `mcx verify`.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

use clap::Args;
use mcx_display::i18n::Lang;
use mcx_display::IssuerName;
use mcx_verifier_core::Lookup;
use mcx_verifier_core::{
    registry, FetchBudget, Options, Outcome, RegistrySource, Report, Resources, SignatureAnswer,
    Step, Verdict,
};

use crate::fetch::{Fetcher, Policy};
use crate::host;

/// Arguments of `mcx verify` (the CLI contract in the README).
#[derive(Args)]
pub struct VerifyArgs {
    /// Print one JSON report per input (JSON Lines).
    #[arg(long)]
    json: bool,
    /// Language of the text output: en or de (default en, whatever the
    /// locale, so that logs read the same on every machine). The JSON
    /// reports of --json are the same in every language.
    #[arg(long, value_name = "en|de", default_value = "en", value_parser = parse_lang)]
    lang: Lang,
    /// Verify as of this time (RFC 3339) instead of now.
    #[arg(long)]
    now: Option<String>,
    /// The challenge a presentation's proof must carry (the nonce you asked the holder to sign).
    #[arg(long)]
    challenge: Option<String>,
    /// The domain a presentation's proof must carry.
    #[arg(long)]
    domain: Option<String>,
    /// The signed network registry to check issuers against: a file, or
    /// the https address it is published at. Judged like every other
    /// document: unless the pinned governance key signed it and it is
    /// valid, membership is unknown and the issuer check says why.
    #[arg(long, value_name = "FILE|URL")]
    registry: Option<String>,
    /// The pinned governance DID for --registry (default: the demo network's).
    #[arg(long, value_name = "DID", requires = "registry")]
    registry_key: Option<String>,
    /// Answer URL from a local file instead of the network (repeatable);
    /// `PREFIX/=DIR` answers every URL under PREFIX from the files under DIR.
    #[arg(long = "resource", value_name = "URL=FILE", value_parser = host::parse_resource)]
    resources: Vec<(String, PathBuf)>,
    /// Fetch nothing: documents not given with --resource count as
    /// unavailable (air-gapped checks). Without it, status lists, did:web
    /// documents and hosted credentials are fetched over https.
    #[arg(long)]
    offline: bool,
    /// For local testing only: also fetch from this machine and private
    /// networks (loopback, 10/8, 172.16/12, 192.168/16, fc00::/7,
    /// link-local, …), over https or plain http. Without it only https to
    /// public internet addresses is fetched, so that a credential's links
    /// cannot reach services behind your firewall.
    #[arg(long)]
    allow_private_network: bool,
    /// Inputs verified at once (default: one per processor). Reports are
    /// printed in input order whatever the number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Files to verify; `-` reads standard input; an `https://` address
    /// (of a hosted credential or a verification link) is verified as is.
    #[arg(required = true, value_name = "FILE|URL|-")]
    inputs: Vec<String>,
}

/// `--lang`: a language the texts exist in (`de`, also `de-AT`, `de_DE`).
fn parse_lang(tag: &str) -> Result<Lang, String> {
    Lang::from_tag(tag).ok_or_else(|| format!("no texts in {tag:?}: use en or de"))
}

pub fn run(args: VerifyArgs) -> ExitCode {
    match run_inner(args) {
        Ok(all_valid) => ExitCode::from(if all_valid { 0 } else { 1 }),
        Err(e) => {
            eprintln!("mcx verify: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_inner(args: VerifyArgs) -> Result<bool, String> {
    let mut options = Options::new(host::now(args.now.as_deref())?);
    options.challenge = args.challenge.clone();
    options.domain = args.domain.clone();
    let mut local = host::load_resources(&args.resources)?;
    if let Some(place) = &args.registry {
        let governance_did = args
            .registry_key
            .clone()
            .unwrap_or_else(|| registry::DEMO_GOVERNANCE_DID.to_string());
        let url = if is_link(place) && !std::path::Path::new(place).exists() {
            place.clone()
        } else {
            // A local file is supplied to the core under its own address,
            // like a --resource.
            let bytes = std::fs::read(place)
                .map_err(|e| format!("--registry: cannot read {place}: {e}"))?;
            let url = host::file_url(place);
            local.add_file(url.clone(), bytes);
            url
        };
        options = options.with_registry(RegistrySource {
            url,
            governance_did,
        });
    }
    let policy = Policy {
        allow_private_network: args.allow_private_network,
    };
    let fetcher = Fetcher::new(args.offline, policy);
    // Read every input first, so that a missing file is a usage error
    // before any report is printed.
    let mut inputs = Vec::with_capacity(args.inputs.len());
    for name in &args.inputs {
        let bytes = if name == "-" {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            b
        } else if is_link(name) && !std::path::Path::new(name).exists() {
            // The core decodes links itself (fragment payloads, `?url=`
            // verifier links, hosted credentials, fetched through `fetcher`).
            name.as_bytes().to_vec()
        } else {
            std::fs::read(name).map_err(|e| format!("cannot read {name}: {e}"))?
        };
        inputs.push((name.as_str(), bytes));
    }
    let jobs = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, usize::from),
        usize::from,
    );
    let shared = Shared {
        options: &options,
        local: &local,
        fetcher: &fetcher,
        fetched: Fetched::default(),
        json: args.json,
        lang: args.lang,
    };
    Ok(run_batch(&inputs, jobs, &shared))
}

/// What every worker of a batch reads.
struct Shared<'a> {
    options: &'a Options,
    local: &'a host::Local,
    fetcher: &'a Fetcher,
    fetched: Fetched,
    json: bool,
    /// The language of the text output.
    lang: Lang,
}

/// Verifies `inputs` on up to `jobs` threads and prints each report in
/// input order as soon as those before it are printed. Returns whether all
/// were valid.
fn run_batch(inputs: &[(&str, Vec<u8>)], jobs: usize, shared: &Shared<'_>) -> bool {
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, bool, String)>();
    let mut all_valid = true;
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, inputs.len().max(1)) {
            let tx = tx.clone();
            let (next, stop) = (&next, &stop);
            scope.spawn(move || {
                // Each worker keeps the documents and derived work (a
                // verified status list) of the inputs it has checked.
                let mut batch = shared.local.resources();
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((name, bytes)) = inputs.get(i) else {
                        break;
                    };
                    let report = verify_one(bytes, shared, &mut batch);
                    let text = if shared.json {
                        format!("{}\n", report.to_json())
                    } else {
                        render_text(name, &report, shared.lang)
                    };
                    if tx
                        .send((i, report.verdict() == Verdict::Valid, text))
                        .is_err()
                    {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut out = std::io::stdout().lock();
        let mut waiting: BTreeMap<usize, (bool, String)> = BTreeMap::new();
        let mut printed = 0;
        for (i, valid, text) in rx {
            waiting.insert(i, (valid, text));
            while let Some((valid, text)) = waiting.remove(&printed) {
                all_valid &= valid;
                printed += 1;
                // A closed pipe (`mcx verify … | head`) ends the run quietly;
                // the exit status still tells whether what was checked so
                // far is valid.
                if out
                    .write_all(text.as_bytes())
                    .and_then(|()| out.flush())
                    .is_err()
                {
                    stop.store(true, Ordering::Relaxed);
                    return;
                }
            }
        }
    });
    all_valid
}

/// The documents the batch fetched, shared by its workers so that each URL
/// is fetched once however many inputs (and threads) need it.
#[derive(Default)]
struct Fetched {
    slots: Mutex<BTreeMap<String, Slot>>,
    ready: Condvar,
}

/// Marks the URLs a worker took on as failed if it leaves without them.
struct Release<'a> {
    fetched: &'a Fetched,
    urls: Vec<String>,
}

impl Drop for Release<'_> {
    fn drop(&mut self) {
        if self.urls.is_empty() {
            return;
        }
        let mut slots = self.fetched.lock();
        for url in self.urls.drain(..) {
            slots.insert(url, Slot::Done(Err("could not be fetched".to_string())));
        }
        self.fetched.ready.notify_all();
    }
}

enum Slot {
    /// A worker is fetching it.
    Pending,
    /// Its bytes, or why it could not be had.
    Done(Result<Vec<u8>, String>),
}

impl Fetched {
    /// The slots; a worker that panicked cannot leave them half-written
    /// (each update is one insert), so a poisoned lock is still usable.
    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Slot>> {
        self.slots
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Supplies `urls` to `into`: from the command line's local copies,
    /// from what the batch fetched, or fetched now (waiting for a URL
    /// another worker is fetching).
    fn supply(&self, urls: Vec<String>, shared: &Shared<'_>, into: &mut Resources) {
        let remote = shared.local.answer(urls, into);
        let mine: Vec<String> = {
            let mut slots = self.lock();
            let mut mine = Vec::new();
            for url in &remote {
                if !slots.contains_key(url) {
                    slots.insert(url.clone(), Slot::Pending);
                    mine.push(url.clone());
                }
            }
            mine
        };
        if !mine.is_empty() {
            // Should the fetch panic, the others waiting for these URLs
            // are released with a failure rather than left waiting.
            let mut guard = Release {
                fetched: self,
                urls: mine.clone(),
            };
            let mut got = Resources::new();
            shared.fetcher.fetch_all(mine, &mut got);
            let mut slots = self.lock();
            for url in std::mem::take(&mut guard.urls) {
                let result = match got.get(&url) {
                    Lookup::Found(b) => Ok(b.to_vec()),
                    Lookup::Failed(why) => Err(why.to_string()),
                    Lookup::Missing => Err("could not be fetched".to_string()),
                };
                slots.insert(url, Slot::Done(result));
            }
            self.ready.notify_all();
        }
        let mut slots = self.lock();
        while remote
            .iter()
            .any(|u| matches!(slots.get(u), Some(Slot::Pending)))
        {
            slots = self
                .ready
                .wait(slots)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        for url in remote {
            match slots.get(&url) {
                Some(Slot::Done(Ok(bytes))) => into.insert(url, bytes.clone()),
                Some(Slot::Done(Err(why))) => into.insert_failure(url, why.clone()),
                _ => into.insert_failure(url, "could not be fetched"),
            }
        }
    }
}

/// True for an argument that is a web address rather than a file name.
fn is_link(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Verifies one input, answering the core's requests from `batch` (the
/// documents this worker has seen, so that a status list is checked once)
/// and from the batch's shared fetches.
///
/// The input works on its own copy of `batch`: its [`FetchBudget`]
/// records the URLs past its budget as failures, and those must stay
/// this input's, or one input could spend the budget so that every later
/// input of the batch finds those URLs failed. What the host actually
/// fetched goes into both.
fn verify_one(bytes: &[u8], shared: &Shared<'_>, batch: &mut Resources) -> Report {
    let mut mine = batch.clone();
    let mut budget = FetchBudget::new();
    let report = loop {
        match budget.step(bytes, shared.options, &mut mine) {
            Step::Done(r) => break r,
            Step::Need(needs) => {
                let mut fetched = Resources::new();
                // Built with `native-crypto`, the core checks every
                // signature itself and never asks; should it ever, the
                // report says the signature could not be checked.
                for check in &needs.signatures {
                    fetched.insert_signature(
                        check,
                        SignatureAnswer::Unavailable("not verifiable by this build".into()),
                    );
                }
                shared.fetched.supply(needs.urls, shared, &mut fetched);
                mine.supply_from(&fetched);
                batch.supply_from(&fetched);
            }
        }
    };
    batch.keep_work_from(&mine);
    report
}

/// Plain, colour-free text for people (and for logs), in `lang`.
///
/// The words come from `mcx-display`, like the site's and the widget's:
/// the verdict, the main reason, the achievement, the issuer (a name a
/// trust source vouches for, else labelled as what the credential claims)
/// and each check in plain language. Each check line starts with the
/// report's own words (outcome, check, as in `--json`) and ends with its
/// failure code, the same in every language; a check that did not pass
/// also gets the core's message, as the site's technical details do.
pub fn render_text(name: &str, r: &Report, lang: Lang) -> String {
    let (t, plain) = (lang.texts(), lang.plain());
    let mut out = String::new();
    let verdict = r.verdict();
    out.push_str(&format!(
        "{name}: {} ({})\n",
        (plain.verdict)(verdict),
        r.kind().as_str()
    ));
    if verdict != Verdict::Valid {
        let banner = mcx_display::banner(t, r);
        if !banner.sentence.is_empty() {
            out.push_str(&format!("  {}\n", banner.sentence));
        }
    }
    let c = &r.credential();
    if let Some(n) = mcx_display::achievement_name(c) {
        out.push_str(&format!("  {}: {n}\n", plain.credential));
    }
    match mcx_display::shown_issuer_name(c, t.code) {
        Some(IssuerName::Vouched(n)) => out.push_str(&format!("  {}: {n}\n", plain.issuer)),
        Some(IssuerName::Claimed(n)) => {
            out.push_str(&format!("  {}: {n}\n", plain.issuer_claimed));
        }
        None => {}
    }
    for line in mcx_display::check_lines(t, r) {
        let mark = match line.outcome {
            Outcome::Pass => "pass",
            Outcome::Warn(_) => "warn",
            Outcome::Fail(_) => "FAIL",
            Outcome::Skip => "skip",
        };
        let code = line
            .outcome
            .code()
            .map(|c| format!(" [{}]", c.as_str()))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {mark:4} {:11} {}{code}\n",
            line.kind.as_str(),
            line.text
        ));
        if matches!(line.outcome, Outcome::Warn(_) | Outcome::Fail(_)) && !line.detail.is_empty() {
            out.push_str(&format!(
                "  {:16} {}: {}\n",
                "", t.verifier_message, line.detail
            ));
        }
    }
    for (i, sub) in r.credentials().iter().enumerate() {
        for line in render_text(&(plain.nested)(i + 1), sub, lang).lines() {
            out.push_str("    ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
