//! The page: state machine (idle → verifying → done), the ways input
//! arrives, and the layout of results.

use crate::browser;
use crate::host;
use crate::i18n::{Lang, Texts};
use crate::model::Item;
use crate::qr;
use crate::share::encode_component;
use crate::views::input::{InputPanel, Sample, Submission};
use crate::views::portfolio::portfolio;
use crate::views::report::{self, Level};
use crate::views::share::SharePanel;
use mcx_verifier_core::json::{self, Value};
use mcx_verifier_core::{CheckKind, Code, Outcome, Report};
use std::rc::Rc;
use yew::prelude::*;

/// Where the stored language preference lives.
const LANG_KEY: &str = "mcx-verify-lang";
/// The demo network's list of samples, if served.
const SAMPLES_URL: &str = "demo/samples.json";
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
}

impl Problem {
    fn describe(&self, t: &Texts) -> String {
        match self {
            Problem::Empty => t.error_empty.to_string(),
            Problem::TooLarge(name) => (t.error_too_large)(name),
            Problem::Unreadable(name) => (t.error_read)(name),
            Problem::NoQr(name) => (t.error_no_qr)(name),
        }
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
}

/// Changes to the state.
pub enum Action {
    /// Switch language.
    Lang(Lang),
    /// A check started.
    Start(u64),
    /// A check finished.
    Finish(u64, Vec<Rc<Item>>, Vec<Problem>),
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
            Action::Finish(generation, items, problems) => {
                if generation != self.generation {
                    return self;
                }
                next.phase = if items.is_empty() && problems == [Problem::Empty] {
                    Phase::Idle
                } else {
                    Phase::Done
                };
                next.items = items;
                next.problems = problems;
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
    report.checks.first().is_some_and(|c| {
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

async fn check(source: String, bytes: Vec<u8>) -> Rc<Item> {
    let verified = host::run(&bytes).await;
    Rc::new(Item {
        id: next_id(),
        source,
        input: Rc::new(bytes),
        verified,
    })
}

async fn process(submission: Submission) -> (Vec<Rc<Item>>, Vec<Problem>) {
    let mut items = Vec::new();
    let mut problems = Vec::new();
    match submission {
        Submission::Text(text, source) => {
            if text.trim().is_empty() {
                problems.push(Problem::Empty);
            } else {
                items.push(check(source, text.into_bytes()).await);
            }
        }
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
                let item = check(name.clone(), bytes).await;
                if let (Some(mime), true) = (picture, unreadable(item.report())) {
                    let scanned = match browser::decode_picture(&item.input, &mime).await {
                        Some(luma) => qr::decode(luma.width, luma.height, &luma.pixels),
                        None => None,
                    };
                    match scanned {
                        Some(text) => {
                            items.push(check(format!("{name} (QR)"), text.into_bytes()).await)
                        }
                        None => problems.push(Problem::NoQr(name)),
                    }
                } else {
                    items.push(item);
                }
            }
        }
    }
    (items, problems)
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
    let list = match &value {
        Value::Array(list) => list.as_slice(),
        Value::Object(o) => o.get("samples").and_then(Value::as_array).unwrap_or(&[]),
        _ => &[],
    };
    list.iter()
        .filter_map(|s| {
            let file = s.get("file").and_then(Value::as_str)?;
            let outcome = s.get("outcome").and_then(Value::as_str).unwrap_or("sample");
            let label = s.get("label").and_then(Value::as_str).map(str::to_string);
            Some(Sample {
                outcome: outcome.to_string(),
                label,
                href: format!("?url={}", encode_component(&format!("demo/{file}"))),
            })
        })
        .collect()
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
    });
    let generation = use_mut_ref(|| 0u64);
    let t = state.lang.texts();

    let submit = {
        let dispatcher = state.dispatcher();
        let generation = generation.clone();
        Callback::from(move |submission: Submission| {
            let gen = {
                let mut g = generation.borrow_mut();
                *g += 1;
                *g
            };
            dispatcher.dispatch(Action::Start(gen));
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let (items, problems) = process(submission).await;
                dispatcher.dispatch(Action::Finish(gen, items, problems));
            });
        })
    };

    // Deep links on load and when the fragment changes; demo samples.
    {
        let submit = submit.clone();
        let dispatcher = state.dispatcher();
        let source = t.source_link;
        use_effect_with((), move |_| {
            if let Some(link) = deep_link() {
                submit.emit(Submission::Text(link, source.to_string()));
            }
            let listener =
                gloo::events::EventListener::new(&browser::window(), "hashchange", move |_| {
                    if let Some(link) = deep_link() {
                        submit.emit(Submission::Text(link, source.to_string()));
                    }
                });
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(bytes) = browser::fetch_bytes(SAMPLES_URL).await {
                    dispatcher.dispatch(Action::Samples(parse_samples(&bytes)));
                }
            });
            move || drop(listener)
        });
    }

    // Page-level hints for tests, monitoring and assistive technology.
    {
        let phase = state.phase;
        let generation = state.generation;
        use_effect_with((phase, generation), move |(phase, _)| {
            browser::set_root_attribute("data-state", phase.as_str());
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
        let code = t.code;
        let title = t.app_name;
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

    let results = results(t, &state);
    let input_message = state
        .problems
        .iter()
        .find(|p| **p == Problem::Empty)
        .map(|p| p.describe(t));
    let heading = if state.phase == Phase::Done {
        t.start_over
    } else {
        t.input_heading
    };
    html! {
        <>
            <header class="site-header">
                <div class="wrap header-row">
                    <a class="brand" href="./" aria-label={t.home_label}>
                        <span class="brand-mark" aria-hidden="true">{ "✓" }</span>
                        <span class="brand-name">{ t.app_name }</span>
                    </a>
                    <label class="lang-switch">
                        <span class="visually-hidden">{ t.language_label }</span>
                        <select onchange={on_lang} data-action="language" aria-label={t.language_label}>
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
                        <h1>{ t.tagline }</h1>
                        <p class="privacy">{ t.privacy_note }</p>
                    </section>
                } else {
                    <h1 class="visually-hidden">{ t.app_name }</h1>
                }
                { results }
                <InputPanel lang={state.lang} on_submit={submit} message={input_message}
                            samples={state.samples.clone()} heading={heading} />
            </main>
            <footer class="site-footer"><div class="wrap"><p>{ t.footer }</p></div></footer>
        </>
    }
}

fn results(t: &'static Texts, state: &State) -> Html {
    match state.phase {
        Phase::Idle => html! {},
        Phase::Verifying => html! {
            <section class="verifying" role="status" aria-live="polite">
                <span class="spinner" aria-hidden="true"></span>
                <p>{ t.verifying }</p>
            </section>
        },
        Phase::Done => {
            let problems: Vec<String> = state
                .problems
                .iter()
                .filter(|p| **p != Problem::Empty)
                .map(|p| p.describe(t))
                .collect();
            let many = state.items.len() > 1
                || state
                    .items
                    .iter()
                    .any(|i| !i.report().credentials.is_empty());
            html! {
                <section class="results" aria-label={t.checks_heading}>
                    if !problems.is_empty() {
                        <div class="problems" role="alert">
                            { for problems.into_iter().map(|p| html! { <p class="problem">{ p }</p> }) }
                        </div>
                    }
                    if many { { portfolio(t, &state.items) } }
                    { for state.items.iter().map(|item| result(t, state.lang, item, state.items.len() > 1)) }
                </section>
            }
        }
    }
}

fn result(t: &'static Texts, lang: Lang, item: &Rc<Item>, show_source: bool) -> Html {
    let report = item.report();
    let embedded = report.credentials.iter().enumerate().map(|(i, r)| {
        html! {
            <article class="embedded" aria-label={(t.item_in_presentation)(i + 1)}>
                <h4 class="item-source">{ (t.item_in_presentation)(i + 1) }</h4>
                { report::banner(t, r, Level::Embedded, t.issuer_fallback) }
                { report::credential(t, r, 5) }
                { report::checks(t, r, t.issuer_fallback, 5) }
            </article>
        }
    });
    html! {
        <article class="result" key={item.id.to_string()} data-item={item.id.to_string()}>
            if show_source { <p class="item-source">{ (t.item_from)(&item.source) }</p> }
            { report::banner(t, report, Level::Main, t.issuer_fallback) }
            <div class="result-body">
                { report::credential(t, report, 3) }
                { report::checks(t, report, t.issuer_fallback, 3) }
                { for embedded }
                <SharePanel item={item.clone()} lang={lang} />
            </div>
        </article>
    }
}
