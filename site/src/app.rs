//! The page: state machine (idle → verifying → done), the ways input
//! arrives, and the layout of results.

use crate::browser;
use crate::history::{self, Arrival, Journal};
use crate::host;
use crate::i18n::{page, Lang, Page};
use crate::model::Item;
use crate::share::encode_component;
use crate::views::input::{InputPanel, Sample, Submission};
use crate::views::portfolio::portfolio;
use crate::views::report::{self, Level};
use crate::views::share::SharePanel;
use mcx_verifier_core::json::{self, Value};
use mcx_verifier_core::registry::Registry;
use mcx_verifier_core::{CheckKind, Code, Outcome, Report};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Where the stored language preference lives.
const LANG_KEY: &str = "mcx-verify-lang";
/// The demo network's manifest (its samples), if the demo is served.
const MANIFEST_URL: &str = "demo/manifest.json";
/// Most files checked at once.
const MAX_FILES: usize = 50;

/// Where the page is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Waiting for input.
    Idle,
    /// Checking.
    Verifying,
    /// Results shown.
    Done,
}

impl Phase {
    fn as_str(self) -> &'static str {
        match self {
            Phase::Idle => "idle",
            Phase::Verifying => "verifying",
            Phase::Done => "done",
        }
    }
}

/// Something that stopped an input from being checked at all.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// Nothing entered.
    Empty,
    /// File too large.
    TooLarge(String),
    /// File unreadable.
    Unreadable(String),
    /// A picture without credential or QR code.
    NoQr(String),
    /// A picture without credential, and the QR reader did not load.
    NoQrReader(String),
}

impl Problem {
    fn describe(&self, t: &Page) -> String {
        match self {
            Problem::Empty => t.error_empty.to_string(),
            Problem::TooLarge(name) => (t.error_too_large)(name),
            Problem::Unreadable(name) => (t.error_read)(name),
            Problem::NoQr(name) => (t.error_no_qr)(name),
            Problem::NoQrReader(name) => (t.error_qr_reader)(name),
        }
    }
}

/// What a finished check shows.
#[derive(Clone, PartialEq, Default)]
pub struct Shown {
    items: Vec<Rc<Item>>,
    problems: Vec<Problem>,
    /// The network registry, for combined offers of a portfolio.
    registry: Option<Rc<Registry>>,
}

impl Shown {
    /// Nothing was entered: the page stays at the input.
    fn nothing(&self) -> bool {
        self.items.is_empty() && self.problems == [Problem::Empty]
    }
}

/// The page state.
#[derive(Clone, PartialEq)]
pub struct State {
    lang: Lang,
    phase: Phase,
    /// Bumped by every new check, so a slow earlier one cannot overwrite it.
    generation: u64,
    items: Vec<Rc<Item>>,
    problems: Vec<Problem>,
    samples: Vec<Sample>,
    /// The network registry, for combined offers of a portfolio.
    registry: Option<Rc<Registry>>,
}

/// Changes to the state.
pub enum Action {
    /// Switch language.
    Lang(Lang),
    /// A check started.
    Start(u64),
    /// A check finished.
    Finish(u64, Shown),
    /// Back or Forward to a result shown before.
    Show(u64, Shown),
    /// Back to the empty input.
    Input(u64),
    /// The demo samples were loaded.
    Samples(Vec<Sample>),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Lang(lang) => next.lang = lang,
            Action::Start(generation) => {
                next.generation = generation;
                next.phase = Phase::Verifying;
                next.items.clear();
                next.problems.clear();
            }
            Action::Finish(generation, shown) => {
                if generation != self.generation {
                    return self;
                }
                next.phase = if shown.nothing() {
                    Phase::Idle
                } else {
                    Phase::Done
                };
                next.registry = shown.registry;
                next.items = shown.items;
                next.problems = shown.problems;
            }
            Action::Show(generation, shown) => {
                next.generation = generation;
                next.phase = Phase::Done;
                next.registry = shown.registry;
                next.items = shown.items;
                next.problems = shown.problems;
            }
            Action::Input(generation) => {
                next.generation = generation;
                next.phase = Phase::Idle;
                next.items.clear();
                next.problems.clear();
                next.registry = None;
            }
            Action::Samples(samples) => next.samples = samples,
        }
        Rc::new(next)
    }
}

fn initial_lang() -> Lang {
    if let Some(lang) = browser::stored(LANG_KEY)
        .as_deref()
        .and_then(Lang::from_code)
    {
        return lang;
    }
    let prefs = browser::preferred_languages();
    Lang::from_preferences(prefs.iter().map(String::as_str))
}

/// True when the report says the input was not a credential at all
/// (so a picture is worth scanning for a QR code).
fn unreadable(report: &Report) -> bool {
    report.checks().first().is_some_and(|c| {
        c.kind == CheckKind::Format
            && matches!(
                c.outcome,
                Outcome::Fail(Code::Malformed | Code::Unsupported)
            )
    })
}

fn picture_mime(file: &web_sys::File, bytes: &[u8]) -> Option<String> {
    let mime = file.type_();
    let is_picture = (mime.starts_with("image/") && mime != "image/svg+xml")
        || bytes.starts_with(&[0x89, b'P', b'N', b'G'])
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"GIF8")
        || (bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"));
    is_picture.then(|| {
        if mime.is_empty() {
            "image/png".to_string()
        } else {
            mime
        }
    })
}

/// Numbers items uniquely for the page's lifetime.
fn next_id() -> u64 {
    thread_local! {
        static NEXT: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
    }
    NEXT.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    })
}

async fn check(source: String, bytes: Vec<u8>, from_link: bool) -> Rc<Item> {
    let verified = host::run(&bytes).await;
    Rc::new(Item {
        id: next_id(),
        source,
        input: Rc::new(bytes),
        verified,
        from_link,
    })
}

async fn process(submission: Submission) -> Shown {
    let mut items = Vec::new();
    let mut problems = Vec::new();
    match submission {
        Submission::Text(text, source) => {
            if text.trim().is_empty() {
                problems.push(Problem::Empty);
            } else {
                items.push(check(source, text.into_bytes(), false).await);
            }
        }
        Submission::Link(link, source) => items.push(check(source, link.into_bytes(), true).await),
        Submission::Files(files) => {
            for file in files.iter().take(MAX_FILES) {
                let name = file.name();
                let bytes = match browser::read_file(file).await {
                    Ok(bytes) => bytes,
                    Err(browser::FileError::TooLarge) => {
                        problems.push(Problem::TooLarge(name));
                        continue;
                    }
                    Err(browser::FileError::Unreadable) => {
                        problems.push(Problem::Unreadable(name));
                        continue;
                    }
                };
                let picture = picture_mime(file, &bytes);
                let item = check(name.clone(), bytes, false).await;
                if let (Some(mime), true) = (picture, unreadable(item.report())) {
                    // The QR reader loads on first use, while the
                    // browser decodes the picture.
                    let (reader, picture) = futures::future::join(
                        browser::qr_reader(),
                        browser::decode_picture(&item.input, &mime),
                    )
                    .await;
                    match (reader, picture) {
                        (Some(reader), picture) => {
                            match picture.and_then(|picture| reader.read(&picture)) {
                                Some(text) => items.push(
                                    check(format!("{name} (QR)"), text.into_bytes(), false).await,
                                ),
                                None => problems.push(Problem::NoQr(name)),
                            }
                        }
                        (None, _) => problems.push(Problem::NoQrReader(name)),
                    }
                } else {
                    items.push(item);
                }
            }
        }
    }
    let portfolio = items.len() > 1 || items.iter().any(|i| !i.report().credentials().is_empty());
    let registry = if portfolio {
        // The registry the core accepted while checking them.
        items.iter().find_map(|i| i.verified.registry.clone())
    } else {
        None
    };
    Shown {
        items,
        problems,
        registry,
    }
}

/// Puts a finished check in the address bar and the journal: a result
/// opened from a link keeps its address; any other adds a history entry
/// at its verification link (see [`history`]), so that Back returns to
/// the input and the address can be forwarded.
fn remember(journal: &RefCell<Journal<Shown>>, generation: u64, from_link: bool, shown: Shown) {
    let key = journal.borrow().key(generation);
    let recorded = if from_link {
        browser::mark_history(&key)
    } else {
        let base = browser::page_base();
        let link = match shown.items.as_slice() {
            [item] => host::share_link_for(&item.input),
            _ => None,
        };
        browser::push_history(&key, &history::result_url(link, &base))
            || browser::push_history(&key, &base)
    };
    if recorded {
        journal.borrow_mut().record(key, browser::href(), shown);
    }
}

/// The deep link of the page address, if it carries a credential
/// (`#vc=…`) or points at one (`?url=…`). The core reads both.
fn deep_link() -> Option<String> {
    let fragment = browser::fragment();
    let has_payload = fragment.split('&').any(|kv| kv.starts_with("vc="));
    (has_payload || browser::query_param("url").is_some()).then(browser::href)
}

fn parse_samples(bytes: &[u8]) -> Vec<Sample> {
    let Ok(value) = json::parse(bytes, json::Limits::default()) else {
        return Vec::new();
    };
    let list = value
        .get("samples")
        .and_then(Value::as_array)
        .unwrap_or(&[]);
    list.iter()
        .filter_map(|s| {
            let file = s.get("file").and_then(Value::as_str)?;
            let verdict = s.get("verdict").and_then(Value::as_str)?;
            let title = s.get("title").and_then(Value::as_str).unwrap_or(file);
            // "Revoked: Digital Twins, TH Nordstadt": the outcome is shown
            // translated; a presentation keeps its "Presentation:" prefix.
            let credential = s.get("kind").and_then(Value::as_str) != Some("presentation");
            let title = match title.split_once(": ") {
                Some((_, rest)) if credential => rest,
                _ => title,
            };
            Some(Sample {
                verdict: verdict.to_string(),
                code: s.get("code").and_then(Value::as_str).map(str::to_string),
                title: title.to_string(),
                href: format!("?url={}", encode_component(&format!("demo/{file}"))),
            })
        })
        .collect()
}

/// The page's explanation when a linked credential could not be downloaded.
fn fetch_problem(p: &Page, item: &Item) -> Option<String> {
    let first = item.report().checks().first()?;
    let failed = first.kind == CheckKind::Format
        && first.outcome == Outcome::Fail(Code::ResourceUnavailable);
    failed
        .then(|| mcx_verifier_core::share::hosted_address(&item.input))
        .flatten()
        .map(|url| (p.error_fetch)(&url))
}

/// The whole page.
#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| State {
        lang: initial_lang(),
        phase: Phase::Idle,
        generation: 0,
        items: Vec::new(),
        problems: Vec::new(),
        samples: Vec::new(),
        registry: None,
    });
    let generation = use_mut_ref(|| 0u64);
    let journal = use_mut_ref(|| {
        Journal::new(
            browser::page_load_id(),
            browser::href(),
            browser::history_key(),
        )
    });
    let p = page(state.lang);
    let r = state.lang.texts();

    // Every check, and every return to the input, cancels the one before.
    let next_generation = {
        let generation = generation.clone();
        move || {
            let mut g = generation.borrow_mut();
            *g += 1;
            *g
        }
    };

    let submit = {
        let dispatcher = state.dispatcher();
        let generation = generation.clone();
        let journal = journal.clone();
        let next_generation = next_generation.clone();
        Callback::from(move |submission: Submission| {
            let gen = next_generation();
            let from_link = matches!(submission, Submission::Link(..));
            dispatcher.dispatch(Action::Start(gen));
            let dispatcher = dispatcher.clone();
            let generation = generation.clone();
            let journal = journal.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let shown = process(submission).await;
                if *generation.borrow() != gen {
                    return;
                }
                dispatcher.dispatch(Action::Finish(gen, shown.clone()));
                if !shown.nothing() {
                    remember(&journal, gen, from_link, shown);
                }
            });
        })
    };

    // Deep links on load; Back, Forward and a changed fragment; the demo samples.
    {
        let submit = submit.clone();
        let dispatcher = state.dispatcher();
        let source = p.source_link;
        let journal = journal.clone();
        use_effect_with((), move |_| {
            if let Some(link) = deep_link() {
                submit.emit(Submission::Link(link, source.to_string()));
            }
            let navigate = {
                let dispatcher = dispatcher.clone();
                Rc::new(move || {
                    let arrival = journal.borrow_mut().arrive(
                        &browser::href(),
                        browser::history_key().as_deref(),
                        deep_link().is_some(),
                    );
                    match arrival {
                        Arrival::Same => {}
                        Arrival::Show(shown) => {
                            dispatcher.dispatch(Action::Show(next_generation(), shown))
                        }
                        Arrival::Check => {
                            if let Some(link) = deep_link() {
                                submit.emit(Submission::Link(link, source.to_string()));
                            }
                        }
                        Arrival::Input => dispatcher.dispatch(Action::Input(next_generation())),
                    }
                })
            };
            let window = browser::window();
            let on_pop = navigate.clone();
            let popstate = gloo::events::EventListener::new(&window, "popstate", move |_| on_pop());
            let hashchange =
                gloo::events::EventListener::new(&window, "hashchange", move |_| navigate());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(bytes) = mcx_web::fetch::fetch_bytes(MANIFEST_URL).await {
                    dispatcher.dispatch(Action::Samples(parse_samples(&bytes)));
                }
            });
            move || drop((popstate, hashchange))
        });
    }

    // Page-level hints for tests, monitoring and assistive technology.
    {
        let phase = state.phase;
        let generation = state.generation;
        use_effect_with((phase, generation), move |(phase, generation)| {
            browser::set_root_attribute("data-state", phase.as_str());
            if *phase == Phase::Idle && *generation > 0 {
                // Back at the input (Back button, or nothing entered): the box.
                if let Some(area) = gloo::utils::document()
                    .get_element_by_id("paste")
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                {
                    let _ = area.focus();
                }
            }
            if *phase == Phase::Done {
                if let Ok(Some(banner)) = gloo::utils::document().query_selector("[data-verdict]") {
                    if let Ok(banner) =
                        wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(banner)
                    {
                        // Moves screen readers and keyboard users to the answer.
                        let _ = banner.focus();
                    }
                }
            }
        });
    }
    {
        let code = r.code;
        let title = p.app_name;
        use_effect_with(code, move |code| {
            browser::set_root_attribute("lang", code);
            gloo::utils::document().set_title(title);
        });
    }

    let on_lang = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                if let Some(lang) = Lang::from_code(&select.value()) {
                    browser::store(LANG_KEY, lang.texts().code);
                    dispatcher.dispatch(Action::Lang(lang));
                }
            }
        })
    };

    let results = results(&state);
    let input_message = state
        .problems
        .iter()
        .find(|x| **x == Problem::Empty)
        .map(|x| x.describe(p));
    let heading = if state.phase == Phase::Done {
        p.start_over
    } else {
        p.input_heading
    };
    html! {
        <>
            <header class="site-header">
                <div class="wrap header-row">
                    <a class="brand" href="./" aria-label={p.home_label}>
                        <span class="brand-mark" aria-hidden="true">{ "✓" }</span>
                        <span class="brand-name">{ p.app_name }</span>
                    </a>
                    <label class="lang-switch">
                        <span class="visually-hidden">{ p.language_label }</span>
                        <select onchange={on_lang} data-action="language" aria-label={p.language_label}>
                            { for Lang::ALL.iter().map(|l| {
                                let lt = l.texts();
                                html! { <option value={lt.code} selected={*l == state.lang} lang={lt.code}>{ lt.name }</option> }
                            }) }
                        </select>
                    </label>
                </div>
            </header>
            <main id="main" class="wrap" data-state={state.phase.as_str()}>
                if state.phase == Phase::Idle {
                    <section class="intro">
                        <h1>{ p.tagline }</h1>
                        <p class="privacy">{ p.privacy_note }</p>
                    </section>
                } else {
                    <h1 class="visually-hidden">{ p.app_name }</h1>
                }
                { results }
                <InputPanel lang={state.lang} on_submit={submit} message={input_message}
                            samples={state.samples.clone()} heading={heading} clear={state.generation} />
            </main>
            <footer class="site-footer"><div class="wrap"><p>{ p.footer }</p></div></footer>
        </>
    }
}

fn results(state: &State) -> Html {
    let p = page(state.lang);
    let r = state.lang.texts();
    match state.phase {
        Phase::Idle => html! {},
        Phase::Verifying => html! {
            <section class="verifying" role="status" aria-live="polite">
                <span class="spinner" aria-hidden="true"></span>
                <p>{ r.verifying }</p>
            </section>
        },
        Phase::Done => {
            let problems: Vec<String> = state
                .problems
                .iter()
                .filter(|x| **x != Problem::Empty)
                .map(|x| x.describe(p))
                .collect();
            let many = state.items.len() > 1
                || state
                    .items
                    .iter()
                    .any(|i| !i.report().credentials().is_empty());
            html! {
                <section class="results" aria-label={p.results_label}>
                    if !problems.is_empty() {
                        <div class="problems" role="alert">
                            { for problems.into_iter().map(|x| html! { <p class="problem">{ x }</p> }) }
                        </div>
                    }
                    if many { { portfolio(p, state.lang, &state.items, state.registry.as_deref()) } }
                    { for state.items.iter().map(|item| result(state.lang, item, state.items.len() > 1)) }
                </section>
            }
        }
    }
}

fn result(lang: Lang, item: &Rc<Item>, show_source: bool) -> Html {
    let p = page(lang);
    let r = lang.texts();
    let report = item.report();
    let embedded = report.credentials().iter().enumerate().map(|(i, c)| {
        html! {
            <article class="embedded" aria-label={(p.item_in_presentation)(i + 1)}>
                <h4 class="item-source">{ (p.item_in_presentation)(i + 1) }</h4>
                { report::banner(r, c, Level::Embedded, None) }
                { report::checks(r, c, 5) }
                { report::credential(r, p, c, 5) }
            </article>
        }
    });
    let body = html! {
        <>
            { report::checks(r, report, 3) }
            { report::credential(r, p, report, 3) }
            if !report.credentials().is_empty() { <h3>{ r.credentials_heading }</h3> }
            { for embedded }
            // For whoever opened a link, the holder's share panel waits, collapsed.
            <SharePanel item={item.clone()} lang={lang} collapsed={item.from_link} />
        </>
    };
    // One of several: the banner and what it is at a glance, the rest on demand.
    let many = show_source;
    let name = mcx_display::achievement_name(report.credential()).map(str::to_string);
    // Whose it is: a portfolio may mix learners, and stacking must not.
    let learner = mcx_verifier_core::portfolio::learner_of(report.credential())
        .map(|l| l.name.unwrap_or(l.key));
    html! {
        <article class="result" key={item.id.to_string()} data-item={item.id.to_string()}>
            if many { <p class="item-source">{ (p.item_from)(&item.source) }</p> }
            { report::banner(r, report, Level::Main, fetch_problem(p, item)) }
            if many {
                <div class="result-body">
                    if let Some(name) = name { <p class="item-name">{ name }</p> }
                    if let Some(learner) = learner {
                        <p class="item-learner small" data-item-learner="">{ (p.portfolio_learner)(&learner) }</p>
                    }
                    <details class="item-details">
                        <summary>{ p.item_details }</summary>
                        { body }
                    </details>
                </div>
            } else {
                <div class="result-body">{ body }</div>
            }
        </article>
    }
}
