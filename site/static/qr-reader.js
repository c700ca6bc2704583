// The QR code reader (pkg/mcx_site_qr.js and its wasm, built from site-qr/):
// loaded the first time the camera starts or a picture is opened, not with
// the page, which verifies pasted credentials and links without it. The
// site's wasm imports `loadQrReader` from here (a dynamic import() needs a
// line of JS; the Content-Security-Policy allows no inline script).

let reader;

/** Resolves to the reader's module (its `decodeRgba`), loading it once. */
export function loadQrReader() {
  if (!reader) {
    reader = import('./pkg/mcx_site_qr.js').then(async (module) => {
      await module.default({ module_or_path: new URL('./pkg/mcx_site_qr_bg.wasm', import.meta.url) });
      return module;
    });
    // A failed load (offline before it was ever cached) is tried again next time.
    reader.catch(() => {
      reader = undefined;
    });
  }
  return reader;
}
