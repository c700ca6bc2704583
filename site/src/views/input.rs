//! Every way a credential arrives: paste, file picker, drag and drop,
//! camera, and the sample links of the demo network.

use crate::i18n::{page, Lang};
use crate::views::camera::Camera;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What the reader handed over.
#[derive(Clone, Debug, PartialEq)]
pub enum Submission {
    /// Text: pasted, dropped or scanned, with its source label.
    Text(String, String),
    /// The page address, a verification link (`#vc=`, `?url=`), with its
    /// source label: opened by whoever was sent the link.
    Link(String, String),
    /// Files picked or dropped.
    Files(Vec<web_sys::File>),
}

/// A sample of the demo network (from `demo/manifest.json`).
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    /// Expected verdict (`valid`, `invalid`, `unverifiable`).
    pub verdict: String,
    /// Expected headline code, if not valid.
    pub code: Option<String>,
    /// What it is (the manifest's title without its outcome prefix).
    pub title: String,
    /// Link that opens the sample (`?url=…`).
    pub href: String,
}

/// Properties of [`InputPanel`].
#[derive(Properties, PartialEq)]
pub struct InputProps {
    /// Display language.
    pub lang: Lang,
    /// Called with what the reader handed over.
    pub on_submit: Callback<Submission>,
    /// A problem to show under the input (empty input…).
    #[prop_or_default]
    pub message: Option<String>,
    /// Demo samples, if the demo network is served.
    #[prop_or_default]
    pub samples: Vec<Sample>,
    /// Heading text (differs once a result is shown).
    pub heading: AttrValue,
    /// Changes whenever a check starts or the page returns to the input:
    /// every new check starts from an empty box.
    #[prop_or_default]
    pub clear: u64,
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The input area.
#[function_component]
pub fn InputPanel(props: &InputProps) -> Html {
    let t = page(props.lang);
    let textarea = use_node_ref();
    let dragging = use_state(|| false);
    {
        let textarea = textarea.clone();
        use_effect_with(props.clear, move |_| {
            if let Some(area) = textarea.cast::<web_sys::HtmlTextAreaElement>() {
                area.set_value("");
            }
        });
    }

    let submit_text = {
        let textarea = textarea.clone();
        let on_submit = props.on_submit.clone();
        let source = t.source_pasted;
        move || {
            let value = textarea
                .cast::<web_sys::HtmlTextAreaElement>()
                .map(|e| e.value())
                .unwrap_or_default();
            on_submit.emit(Submission::Text(value, source.to_string()));
        }
    };
    let on_check = {
        let submit_text = submit_text.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            submit_text();
        })
    };
    let on_keydown = {
        let submit_text = submit_text.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                submit_text();
            }
        })
    };
    let on_files = {
        let on_submit = props.on_submit.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let files = files_of(input.files());
            // Let the same file be picked again later.
            input.set_value("");
            if !files.is_empty() {
                on_submit.emit(Submission::Files(files));
            }
        })
    };
    let on_dragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(dt) = e.data_transfer() {
                dt.set_drop_effect("copy");
            }
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let on_dragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Leaving for a child element is not leaving the zone.
            let inside = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .zip(
                    e.current_target()
                        .and_then(|t| t.dyn_into::<web_sys::Node>().ok()),
                )
                .is_some_and(|(related, zone)| zone.contains(Some(&related)));
            if !inside {
                dragging.set(false);
            }
        })
    };
    let on_drop = {
        let dragging = dragging.clone();
        let on_submit = props.on_submit.clone();
        let source = t.source_pasted;
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let Some(dt) = e.data_transfer() else { return };
            let files = files_of(dt.files());
            if !files.is_empty() {
                on_submit.emit(Submission::Files(files));
                return;
            }
            let text = dt
                .get_data("text/plain")
                .ok()
                .filter(|s| !s.trim().is_empty());
            let text = text.or_else(|| dt.get_data("text/uri-list").ok());
            if let Some(text) = text.filter(|s| !s.trim().is_empty()) {
                on_submit.emit(Submission::Text(text, source.to_string()));
            }
        })
    };
    let on_camera_text = {
        let on_submit = props.on_submit.clone();
        let source = t.source_camera;
        Callback::from(move |text: String| {
            on_submit.emit(Submission::Text(text, source.to_string()))
        })
    };
    let zone_class = if *dragging {
        "dropzone dragging"
    } else {
        "dropzone"
    };
    html! {
        <section class="input-panel" aria-labelledby="input-heading">
            <h2 id="input-heading">{ props.heading.clone() }</h2>
            <form class="paste" onsubmit={on_check}>
                <label for="paste" class="label">{ t.paste_label }</label>
                <textarea id="paste" ref={textarea} rows="5" spellcheck="false" autocomplete="off"
                          aria-describedby="paste-hint" onkeydown={on_keydown} />
                <p id="paste-hint" class="muted small">{ t.paste_hint }</p>
                <button type="submit" class="button primary" data-action="verify">{ t.verify_button }</button>
            </form>
            if let Some(message) = props.message.clone() {
                <p class="input-message" role="alert">{ message }</p>
            }
            <div class={zone_class} ondragover={on_dragover} ondragenter={Callback::from(|e: DragEvent| e.prevent_default())}
                 ondragleave={on_dragleave} ondrop={on_drop} data-dropzone="">
                <p class="dropzone-title">{ if *dragging { t.drop_now } else { t.drop_title } }</p>
                <p class="muted small">{ t.drop_hint }</p>
                <div class="dropzone-actions">
                    <label class="button secondary file-button">
                        { t.choose_files }
                        <input type="file" multiple=true class="visually-hidden" data-file-input=""
                               accept=".json,.jsonld,.jwt,.txt,.png,.svg,.jpg,.jpeg,.webp,.gif,application/json,application/ld+json,text/plain,image/*"
                               onchange={on_files} />
                    </label>
                    <Camera lang={props.lang} on_text={on_camera_text} />
                </div>
            </div>
            if !props.samples.is_empty() {
                <div class="samples">
                    <h3>{ t.samples_heading }</h3>
                    <p class="muted small">{ t.samples_intro }</p>
                    <ul class="sample-list">
                        { for props.samples.iter().map(|s| {
                            let outcome = (t.sample_outcome)(&s.verdict, s.code.as_deref());
                            html! {
                                <li>
                                    <a href={s.href.clone()} data-sample={s.verdict.clone()}
                                       data-sample-code={s.code.clone()}>
                                        <span class={format!("sample-outcome sample-{}", s.verdict)}>{ outcome }</span>
                                        { s.title.clone() }
                                    </a>
                                </li>
                            }
                        }) }
                    </ul>
                </div>
            }
        </section>
    }
}
