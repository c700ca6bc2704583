//! The MicroCredX verifier site: a Yew single-page app over the core.

use yew::prelude::*;

#[function_component]
fn App() -> Html {
    html! { <main id="main"><h1>{ "MicroCredX Verify" }</h1></main> }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
