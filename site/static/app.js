// Loads the verifier (WebAssembly) and starts it. Kept as a file because the
// Content-Security-Policy allows no inline script.
import init from './pkg/mcx_site.js';

init({ module_or_path: new URL('./pkg/mcx_site_bg.wasm', import.meta.url) }).catch((error) => {
  const app = document.getElementById('app');
  if (app) {
    app.textContent = 'The verifier could not start in this browser (WebAssembly is needed): ' + error;
  }
});
