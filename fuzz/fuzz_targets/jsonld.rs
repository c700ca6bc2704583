//! JSON-LD expansion and toRdf (then RDFC-1.0, as `eddsa-rdfc-2022` does)
//! on arbitrary JSON. A part after `\0MCX\0` is served as the context
//! document of every remote context URL that is not bundled, so context
//! processing itself is fuzzed too. Invariant: the expanded form denotes
//! the same dataset as the document.
#![no_main]

use std::borrow::Cow;

use libfuzzer_sys::fuzz_target;
use mcx_verifier_core::json::{self, Limits as JsonLimits};
use mcx_verifier_core::low_level::jsonld::{self, BundledLoader, ContextLoader, Options};
use mcx_verifier_core::low_level::{proof, rdfc};

const SEPARATOR: &[u8] = b"\0MCX\0";

/// The bundled contexts, and the fuzzer's context for any other URL.
struct FuzzLoader<'a>(Option<&'a str>);

impl ContextLoader for FuzzLoader<'_> {
    fn load(&self, url: &str) -> Option<Cow<'_, str>> {
        BundledLoader
            .load(url)
            .or_else(|| self.0.map(Cow::Borrowed))
    }
}

fuzz_target!(|data: &[u8]| {
    let (doc, context) = match data.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
        Some(i) => (&data[..i], Some(&data[i + SEPARATOR.len()..])),
        None => (data, None),
    };
    let Ok(doc) = json::parse(doc, JsonLimits::default()) else {
        return;
    };
    let loader = FuzzLoader(context.and_then(|c| core::str::from_utf8(c).ok()));
    let options = Options {
        base: Some(String::from("https://fuzz.example/doc/")),
        ..Options::default()
    };
    // The proof path: bundled contexts only, default options.
    let _ = proof::rdfc_canonical(&doc);
    let limits = rdfc::Limits::default();
    let quads = jsonld::to_rdf(&doc, &options, &loader);
    let expanded = jsonld::expand(&doc, &options, &loader);
    if let (Ok(quads), Ok(expanded)) = (quads, expanded) {
        let Ok(canonical) = rdfc::canonicalize(&quads, &limits) else {
            return;
        };
        if let Ok(again) = jsonld::to_rdf(&expanded, &options, &loader) {
            if let Ok(c2) = rdfc::canonicalize(&again, &limits) {
                assert_eq!(c2, canonical, "toRdf(expand(doc)) != toRdf(doc)");
            }
        }
    }
});
