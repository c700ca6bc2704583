//! Scanning a QR code with the camera (`getUserMedia`), decoded in Rust.

use crate::browser;
use crate::i18n::{page, Lang};
use crate::qr;
use gloo::timers::callback::Interval;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlVideoElement, MediaStream, MediaStreamConstraints, MediaStreamTrack};
use yew::prelude::*;

/// How often a frame is scanned.
const SCAN_EVERY_MS: u32 = 250;

/// Properties of [`Camera`].
#[derive(Properties, PartialEq)]
pub struct CameraProps {
    /// Display language.
    pub lang: Lang,
    /// Called with the text of the first QR code seen.
    pub on_text: Callback<String>,
}

#[derive(Clone, PartialEq)]
enum State {
    Off,
    Looking,
    Unavailable,
    Denied,
    Failed(String),
}

/// The running camera: its stream and the frame scanner.
#[derive(Default)]
struct Running {
    stream: Option<MediaStream>,
    scanner: Option<Interval>,
}

impl Running {
    fn stop(&mut self) {
        self.scanner = None;
        if let Some(stream) = self.stream.take() {
            for track in stream.get_tracks().iter() {
                if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
                    track.stop();
                }
            }
        }
    }
}

fn error_name(error: &JsValue) -> String {
    js_sys::Reflect::get(error, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_else(|| "Error".into())
}

async fn open_camera() -> Result<MediaStream, State> {
    let devices = browser::window()
        .navigator()
        .media_devices()
        .map_err(|_| State::Unavailable)?;
    let constraints = MediaStreamConstraints::new();
    let video = js_sys::Object::new();
    // Prefer the back camera on phones; any camera elsewhere.
    js_sys::Reflect::set(&video, &"facingMode".into(), &"environment".into())
        .map_err(|_| State::Unavailable)?;
    constraints.set_video(&video);
    constraints.set_audio_bool(false);
    let promise = devices
        .get_user_media_with_constraints(&constraints)
        .map_err(|_| State::Unavailable)?;
    match JsFuture::from(promise).await {
        Ok(stream) => stream
            .dyn_into::<MediaStream>()
            .map_err(|_| State::Unavailable),
        Err(error) => Err(match error_name(&error).as_str() {
            "NotAllowedError" | "SecurityError" | "PermissionDeniedError" => State::Denied,
            "NotFoundError" | "OverconstrainedError" | "DevicesNotFoundError" => State::Unavailable,
            other => State::Failed(other.to_string()),
        }),
    }
}

/// Camera button, live picture and messages.
#[function_component]
pub fn Camera(props: &CameraProps) -> Html {
    let t = page(props.lang);
    let state = use_state(|| State::Off);
    let video_ref = use_node_ref();
    let running = use_mut_ref(Running::default);

    {
        let running = running.clone();
        use_effect_with((), move |_| move || running.borrow_mut().stop());
    }

    let start = {
        let state = state.clone();
        let video_ref = video_ref.clone();
        let running = running.clone();
        let on_text = props.on_text.clone();
        Callback::from(move |_: MouseEvent| {
            let state = state.clone();
            let video_ref = video_ref.clone();
            let running = running.clone();
            let on_text = on_text.clone();
            state.set(State::Looking);
            wasm_bindgen_futures::spawn_local(async move {
                let stream = match open_camera().await {
                    Ok(stream) => stream,
                    Err(problem) => {
                        state.set(problem);
                        return;
                    }
                };
                let Some(video) = video_ref.cast::<HtmlVideoElement>() else {
                    Running {
                        stream: Some(stream),
                        scanner: None,
                    }
                    .stop();
                    return;
                };
                video.set_src_object(Some(&stream));
                if let Ok(play) = video.play() {
                    // Autoplay of a muted inline video is allowed; a refusal
                    // only means frames start a little later.
                    let _ = JsFuture::from(play).await;
                }
                let found: Rc<RefCell<bool>> = Rc::default();
                let scanner = {
                    let running = running.clone();
                    let state = state.clone();
                    Interval::new(SCAN_EVERY_MS, move || {
                        if *found.borrow() || video.ready_state() < 2 {
                            return;
                        }
                        let Some(luma) =
                            browser::luma_of(&video, video.video_width(), video.video_height())
                        else {
                            return;
                        };
                        if let Some(text) = qr::decode(luma.width, luma.height, &luma.pixels) {
                            *found.borrow_mut() = true;
                            running.borrow_mut().stop();
                            state.set(State::Off);
                            on_text.emit(text);
                        }
                    })
                };
                let mut r = running.borrow_mut();
                r.stop();
                r.stream = Some(stream);
                r.scanner = Some(scanner);
            });
        })
    };
    let stop = {
        let state = state.clone();
        let running = running.clone();
        Callback::from(move |_: MouseEvent| {
            running.borrow_mut().stop();
            state.set(State::Off);
        })
    };
    let message = match &*state {
        State::Off => None,
        State::Looking => Some(t.camera_looking.to_string()),
        State::Unavailable => Some(t.camera_unavailable.to_string()),
        State::Denied => Some(t.camera_denied.to_string()),
        State::Failed(name) => Some((t.camera_failed)(name)),
    };
    let looking = *state == State::Looking;
    html! {
        <div class="camera">
            if looking {
                <button type="button" class="button secondary" data-action="camera-stop" onclick={stop}>{ t.stop_camera }</button>
            } else {
                <button type="button" class="button secondary" data-action="camera" onclick={start}>{ t.scan_camera }</button>
            }
            <video ref={video_ref} class={if looking { "camera-video" } else { "camera-video hidden" }}
                   muted=true playsinline=true aria-label={t.camera_video_label}></video>
            if let Some(message) = message {
                <p class={if looking { "camera-message" } else { "camera-message problem" }} role="status" data-camera-message="">{ message }</p>
            }
        </div>
    }
}
