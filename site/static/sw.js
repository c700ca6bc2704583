// Service worker of MicroCredX Verify: once the page has been loaded, it
// keeps working offline. The app itself (page, script, wasm, styles) and
// the network's signed member list are served from the network when there
// is one and from this cache when there is not. Credentials, status lists
// and DID documents are never cached here: their answers must be fresh.

const CACHE = 'mcx-verify-v1';
const SHELL = ['./', 'index.html', 'style.css', 'app.js', 'qr-reader.js', 'favicon.svg', 'pkg/mcx_site.js', 'pkg/mcx_site_bg.wasm'];
// The QR code reader, which the page loads only when the camera starts or a
// picture is opened: cached too, so that scanning works offline.
const QR = ['pkg/mcx_site_qr.js', 'pkg/mcx_site_qr_bg.wasm'];
const ALSO = ['demo/registry.json', 'demo/manifest.json'];

const scope = new URL(self.registration.scope);
const root = new URL('./', scope).pathname;
const cached = new Set([...SHELL, ...QR, ...ALSO].map((p) => new URL(p, scope).pathname));

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        // The demo network may not be deployed: its files are optional.
        cache.addAll([...SHELL, ...QR]).then(() => Promise.allSettled(ALSO.map((p) => cache.add(p)))),
      )
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== scope.origin) return;
  // The verifier page itself, whatever its query (?url=…); other pages
  // of the site (e.g. the widget demo) are not this worker's business.
  const navigation = request.mode === 'navigate' && (url.pathname === root || url.pathname === `${root}index.html`);
  if (!navigation && !cached.has(url.pathname)) return;
  const key = navigation ? new URL('./', scope).href : url.origin + url.pathname;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(key, copy)));
        }
        return response;
      })
      .catch(() => caches.match(key).then((hit) => hit || Response.error())),
  );
});
