// Loads the verifier (WebAssembly) and starts it. Kept as a file because the
// Content-Security-Policy allows no inline script.
import init from './pkg/mcx_site.js';

init({ module_or_path: new URL('./pkg/mcx_site_bg.wasm', import.meta.url) })
  .catch((error) => {
    const app = document.getElementById('app');
    if (app) {
      app.textContent = 'The verifier could not start in this browser (WebAssembly is needed): ' + error;
    }
  })
  .finally(registerWorker);

// Offline use once loaded (see sw.js). Not available on plain http other
// than localhost, which is fine: the page works without it. Registered once
// the verifier runs, so that the worker's caching (the QR code reader
// included) does not compete with the page's own first load.
function registerWorker() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('./sw.js').catch(() => {});
  }
}
