//! Scanning a QR code with the camera (`getUserMedia`), decoded in Rust by
//! the QR reader (`site-qr/`), which loads while the camera starts.

use crate::browser;
use crate::i18n::{page, Lang};
use futures::future::{select, Either};
use gloo::timers::callback::Interval;
use gloo::timers::future::TimeoutFuture;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream,
    MediaStreamConstraints, MediaStreamTrack,
};
use yew::prelude::*;

/// How often a frame is scanned.
const SCAN_EVERY_MS: u32 = 250;

/// The camera picture asked for (`ideal`: a camera that has less gives
/// what it has). A code on a CV is small in the picture: at 1920×1080 a
/// version 25 code a fifth of the frame wide still has three pixels a
/// module, which the QR reader reads even turned.
const IDEAL_WIDTH: u32 = 1920;
const IDEAL_HEIGHT: u32 = 1080;

/// Largest side of a scanned frame (a 4K camera's frames are halved).
const MAX_FRAME_SIDE: u32 = 1920;

/// Every third frame is scanned at half size: a code that fills the
/// picture, blurred or noisy, is often read there when not at full size.
const HALF_SIZE_EVERY: u32 = 3;

/// How long the QR reader may take to load before the page says so.
const READER_PATIENCE_MS: u32 = 200;

/// A frame of the video, at most [`MAX_FRAME_SIDE`] wide or high, divided
/// by `shrink`, drawn into `canvas` (kept from frame to frame).
fn grab(
    video: &HtmlVideoElement,
    canvas: &HtmlCanvasElement,
    shrink: u32,
) -> Option<browser::Picture> {
    let (width, height) = (video.video_width(), video.video_height());
    if width == 0 || height == 0 {
        return None;
    }
    let fit = f64::from(MAX_FRAME_SIDE) / f64::from(width.max(height));
    let scale = fit.min(1.0) / f64::from(shrink.max(1));
    let w = ((f64::from(width) * scale).round() as u32).max(1);
    let h = ((f64::from(height) * scale).round() as u32).max(1);
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let options = js_sys::Object::new();
    // Read back every frame: the browser keeps the canvas in memory.
    js_sys::Reflect::set(&options, &"willReadFrequently".into(), &true.into()).ok()?;
    let context: CanvasRenderingContext2d = canvas
        .get_context_with_context_options("2d", &options)
        .ok()??
        .dyn_into()
        .ok()?;
    context
        .draw_image_with_html_video_element_and_dw_and_dh(
            video,
            0.0,
            0.0,
            f64::from(w),
            f64::from(h),
        )
        .ok()?;
    browser::picture_of(&context, w, h)
}

/// `{ ideal: value }`, a constraint the browser meets as well as it can.
fn ideal(value: JsValue) -> Result<JsValue, JsValue> {
    let object = js_sys::Object::new();
    js_sys::Reflect::set(&object, &"ideal".into(), &value)?;
    Ok(object.into())
}

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
    /// The camera runs; the QR reader is still loading.
    Loading,
    /// The QR reader could not be loaded.
    NoReader,
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
    // Prefer the back camera on phones (any camera elsewhere), in high
    // resolution: a code printed on a CV is small in the picture.
    for (name, value) in [
        ("facingMode", JsValue::from_str("environment")),
        ("width", JsValue::from(IDEAL_WIDTH)),
        ("height", JsValue::from(IDEAL_HEIGHT)),
    ] {
        let value = ideal(value).map_err(|_| State::Unavailable)?;
        js_sys::Reflect::set(&video, &name.into(), &value).map_err(|_| State::Unavailable)?;
    }
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
            // The QR reader loads while the camera starts.
            let reader = browser::qr_reader();
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
                // The preview where the user looks: on a phone the camera
                // button is low on the screen, and the picture below it.
                // The stop button, the picture and the hint come into view
                // together (the page scrolls only as far as needed).
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                if let Some(block) = video.parent_element() {
                    block.scroll_into_view_with_scroll_into_view_options(&options);
                }
                // The camera runs (the stop button stops it from here on).
                {
                    let mut r = running.borrow_mut();
                    r.stop();
                    r.stream = Some(stream);
                }
                // The reader's first load, if it takes longer than the
                // camera, is shown.
                let mut reader = Box::pin(reader);
                let waited = TimeoutFuture::new(READER_PATIENCE_MS);
                let reader = match select(reader.as_mut(), waited).await {
                    Either::Left((reader, _)) => reader,
                    Either::Right(((), _)) => {
                        state.set(State::Loading);
                        reader.await
                    }
                };
                if running.borrow().stream.is_none() {
                    // Stopped while the reader loaded.
                    return;
                }
                let Some(reader) = reader else {
                    running.borrow_mut().stop();
                    state.set(State::NoReader);
                    return;
                };
                state.set(State::Looking);
                let found: Rc<RefCell<bool>> = Rc::default();
                let Some(canvas) = gloo::utils::document()
                    .create_element("canvas")
                    .ok()
                    .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
                else {
                    return;
                };
                let mut frames = 0u32;
                let scanner = {
                    let running = running.clone();
                    let state = state.clone();
                    Interval::new(SCAN_EVERY_MS, move || {
                        if *found.borrow() || video.ready_state() < 2 {
                            return;
                        }
                        frames = frames.wrapping_add(1);
                        let shrink = if frames.is_multiple_of(HALF_SIZE_EVERY) {
                            2
                        } else {
                            1
                        };
                        let Some(picture) = grab(&video, &canvas, shrink) else {
                            return;
                        };
                        if let Some(text) = reader.read(&picture) {
                            *found.borrow_mut() = true;
                            running.borrow_mut().stop();
                            state.set(State::Off);
                            on_text.emit(text);
                        }
                    })
                };
                running.borrow_mut().scanner = Some(scanner);
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
        State::Loading => Some(t.qr_reader_loading.to_string()),
        State::NoReader => Some(t.qr_reader_failed.to_string()),
        State::Unavailable => Some(t.camera_unavailable.to_string()),
        State::Denied => Some(t.camera_denied.to_string()),
        State::Failed(name) => Some((t.camera_failed)(name)),
    };
    let looking = matches!(*state, State::Looking | State::Loading);
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
