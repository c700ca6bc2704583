// Browser end-to-end tests of the <mcx-verify> widget and its JS API
// (run by `cargo xtask test` after the site's tests, or alone:
// `node tests/e2e/widget.mjs [name-filter]` after `cargo xtask build`).
//
// Self-contained: two small static servers on two localhost ports —
//   W (the widget's origin): dist/widget/ under /widget/ and demo/ under
//     /demo/, readable cross-origin (Access-Control-Allow-Origin: *), like
//     the xtask server;
//   H (the host page's origin): generated pages under a strict CSP that
//     allows scripts only from itself and W (plus 'wasm-unsafe-eval'),
//     connections only to W, no inline script or style.
// Headless /usr/bin/chromium through playwright-core. Every page records
// CSP violations, console errors and requests to other origins, and a test
// fails on any. Screenshots go to artifacts/screenshots/widget-*.png.
//
// Environment: MCX_CHROMIUM (browser), MCX_WIDGET_DIST (default dist/widget),
// MCX_CLI (the mcx binary; default target/debug/mcx, else `cargo run`).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const DIST = path.resolve(process.env.MCX_WIDGET_DIST || path.join(ROOT, 'dist', 'widget'));
const DEMO = path.join(ROOT, 'demo');
/** ECDSA/RSA credentials signed by the JS reference libraries (see its README). */
const SIGNATURES = path.join(HERE, 'fixtures', 'signatures');
const SHOTS = path.join(ROOT, 'artifacts', 'screenshots');
const CHROMIUM = process.env.MCX_CHROMIUM || '/usr/bin/chromium';
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
const TEST_TIMEOUT = 90_000;
const filter = process.argv[2] ?? '';

for (const need of [path.join(DIST, 'mcx-verify.js'), path.join(DIST, 'index.js'), path.join(DEMO, 'manifest.json')]) {
  if (!existsSync(need)) {
    console.error(`widget e2e: ${need} is missing (run \`cargo xtask build\` first)`);
    process.exit(1);
  }
}

const MANIFEST = JSON.parse(readFileSync(path.join(DEMO, 'manifest.json'), 'utf8'));
const NOW = MANIFEST.now;
const sample = (file) => {
  const s = MANIFEST.samples.find((x) => x.file === file);
  assert.ok(s, `demo/manifest.json has no sample ${file}`);
  return { ...s, text: readFileSync(path.join(DEMO, s.file), 'utf8').trim() };
};
/** The four cases of the issue, from the demo network. */
const CASES = [
  sample('credentials/valid-robotics-valfiume.json'),
  sample('credentials/revoked-twin-thn.json'),
  sample('credentials/tampered-robotics-valfiume.json'),
  sample('credentials/untrusted-millbrook.json'),
];
const JWT = sample('credentials/valid-plc-thn.jwt');

// ---------------------------------------------------------------- servers

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.jwt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

function listen(handler) {
  return new Promise((resolve) => {
    const server = http.createServer(handler);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    });
  });
}

/** A file below `dir` for a URL path below `prefix`, or null (no `..` escapes). */
function fileFor(dir, prefix, urlPath) {
  if (!urlPath.startsWith(prefix)) return null;
  const rel = decodeURIComponent(urlPath.slice(prefix.length));
  const file = path.resolve(dir, rel);
  if (!file.startsWith(dir + path.sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** Requests seen by the widget origin, for the transfer check. */
const widgetRequests = [];

const W = await listen((req, res) => {
  const url = new URL(req.url, 'http://x');
  widgetRequests.push(url.pathname);
    // The widget, the demo network, and the rest of the built site (for its
  // widget demo page, site/static/widget-demo.html).
  const file =
    fileFor(DIST, '/widget/', url.pathname) ??
    fileFor(DEMO, '/demo/', url.pathname) ??
    fileFor(path.dirname(DIST), '/', url.pathname);
  const headers = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
  if (!file) {
    res.writeHead(404, headers).end('not found\n');
    return;
  }
  headers['Content-Type'] = TYPES[path.extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, headers).end(readFileSync(file));
});

/** Pages of the host origin, registered by the tests: path -> { body, type }. */
const hostFiles = new Map();
const CSP = [
  "default-src 'none'",
  `script-src 'self' ${W.url} 'wasm-unsafe-eval'`,
  `connect-src ${W.url}`,
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const H = await listen((req, res) => {
  const url = new URL(req.url, 'http://x');
  const entry = hostFiles.get(url.pathname);
  if (!entry) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
    return;
  }
  res
    .writeHead(200, {
      'Content-Type': entry.type,
      'Content-Security-Policy': CSP,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    })
    .end(entry.body);
});

let pageCount = 0;
/** Registers a host page and returns its URL. `head`/`body` are HTML. */
function hostPage({ body, head = '', lang = 'en', title = 'Host page' }) {
  const name = `/page-${++pageCount}.html`;
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/host.css">${head}</head>
<body>${body}</body></html>`;
  hostFiles.set(name, { body: html, type: 'text/html; charset=utf-8' });
  return H.url + name;
}
function hostScript(name, js) {
  hostFiles.set(name, { body: js, type: 'text/javascript; charset=utf-8' });
}

hostFiles.set('/favicon.ico', { type: 'image/x-icon', body: '' });
// The university's own (plain) style, and a hostile one that tries to
// restyle everything, with !important.
hostFiles.set('/host.css', {
  type: 'text/css; charset=utf-8',
  body: `body { font: 16px/1.5 Georgia, serif; margin: 2rem; color: #222; background: #fafafa; }
main { max-width: 46rem; } h1 { font-size: 1.4rem; } .row { margin: 1rem 0; }`,
});
hostFiles.set('/hostile.css', {
  type: 'text/css; charset=utf-8',
  body: `* { color: #ff00ff !important; background: #ffff00 !important; font-family: "Comic Sans MS", cursive !important;
  font-size: 31px !important; border: 4px dashed #00ff00 !important; padding: 9px !important;
  text-transform: uppercase !important; letter-spacing: 3px !important; box-shadow: 0 0 0 6px red !important; }
button, span, div, dialog, .trigger, .line, .icon { display: none !important; }
mcx-verify { display: none !important; border: 10px solid red !important; }
mcx-verify * { visibility: hidden !important; }`,
});
// Records what the tests read: when the page was ready, every widget event.
hostScript(
  '/record.js',
  `window.__events = [];
document.addEventListener('mcx-verified', (e) => window.__events.push({ type: e.type, verdict: e.detail.verdict, report: e.detail.report, at: performance.now(), target: e.target.id }));
document.addEventListener('mcx-error', (e) => window.__events.push({ type: e.type, error: String(e.detail.error), at: performance.now(), target: e.target.id }));
document.addEventListener('DOMContentLoaded', () => { window.__dcl = performance.now(); });
`,
);
// A host page that builds its own UI with the ES module's JS API.
hostScript(
  '/api-module.mjs',
  `import { verify, view } from '${W.url}/widget/index.js';
window.__api = { verify, view };
document.documentElement.dataset.api = 'ready';
`,
);

const CLASSIC = `<script src="${W.url}/widget/mcx-verify.js" defer></script>`;
const MODULE = `<script type="module" src="${W.url}/widget/index.js"></script>`;
const RECORD = `<script src="/record.js"></script>`;

// ---------------------------------------------------------------- helpers

function fragmentPayload(text) {
  return zlib.deflateRawSync(Buffer.from(text, 'utf8'), { level: 9 }).toString('base64url');
}

function escapeHtml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The credential as a child script (JSON) or as element text (JWT). */
function inline(c) {
  return c.file.endsWith('.jwt')
    ? escapeHtml(c.text)
    : `<script type="application/vc+ld+json">${c.text.replace(/<\//g, '<\\/')}</script>`;
}

let browser;

async function open(url, { locale = 'en-US', viewport = { width: 900, height: 700 }, context } = {}) {
  const ctx = context ?? (await browser.newContext({ locale, viewport }));
  const page = await ctx.newPage();
  const problems = [];
  page.on('console', (m) => {    if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location()?.url ?? ''})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(W.url) && !u.startsWith(H.url) && !u.startsWith('data:')) problems.push(`request elsewhere: ${u}`);
  });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);  // `expected`: substrings of problems a test provokes on purpose.
  page.check = async (expected = []) => {
    const csp = await page.evaluate(() => window.__csp);
    assert.deepEqual(csp, [], 'CSP violations');
    const unexpected = problems.filter((p) => !expected.some((e) => p.includes(e)));
    assert.deepEqual(unexpected, [], 'console errors, page errors or foreign requests');
  };
  page.done = () => (context ? page.close() : ctx.close());
  return page;
}

/** Waits until every <mcx-verify> on the page has a verdict; returns them by id. */
async function verdicts(page, timeout = 30_000) {
  await page.waitForFunction(
    () => {
      const all = [...document.querySelectorAll('mcx-verify')];
      return all.length > 0 && all.every((e) => e.hasAttribute('data-verdict') || e.getAttribute('data-state') === 'error');
    },
    null,
    { timeout },
  );
  return page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('mcx-verify')].map((e) => [e.id, e.getAttribute('data-verdict')])),
  );
}

/** Text inside a widget's shadow root. */
function shadowText(page, id, selector) {
  return page.evaluate(
    ([id, selector]) => document.getElementById(id).shadowRoot.querySelector(selector)?.textContent ?? null,
    [id, selector],
  );
}

function shot(name) {
  mkdirSync(SHOTS, { recursive: true });
  return path.join(SHOTS, `widget-${name}.png`);
}

/**
 * `mcx verify --json` for these files, one report per file (JSON Lines).
 * Default: files of the demo network, checked against its registry and
 * resources; `{ dir, registry: false }`: files below `dir`, no registry
 * (as the JS API's `registry: false`).
 */
function cliReports(files, { dir = DEMO, registry = true } = {}) {
  const args = ['verify', '--json', '--offline', '--now', NOW];
  if (registry) {
    args.push('--registry', path.join(DEMO, MANIFEST.registry));
    for (const [url, file] of Object.entries(MANIFEST.resources)) args.push('--resource', `${url}=${path.join(DEMO, file)}`);
  }
  args.push(...files.map((f) => path.join(dir, f)));
  const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(ROOT, process.env.CARGO_TARGET_DIR) : path.join(ROOT, 'target');
  const candidates = [process.env.MCX_CLI, path.join(targetDir, 'debug', 'mcx'), path.join(ROOT, 'target', 'debug', 'mcx')];
  const bin = candidates.find((c) => c && existsSync(c));
  let out;
  try {
    out = bin
      ? execFileSync(bin, args, { cwd: ROOT, encoding: 'utf8' })
      : execFileSync('cargo', ['run', '-q', '-p', 'mcx-cli', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
  } catch (e) {
    // Exit status 1 means "some input is not valid": expected here.
    if (e.status !== 1) throw e;
    out = e.stdout;
  }
  return out.trim().split('\n');
}

// ---------------------------------------------------------------- tests

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

const EMBED_MODES = {
  // One <script src> (classic script) and the credential inline.
  'classic-inline': (c, id) => ({ head: CLASSIC, body: `<mcx-verify id="${id}" now="${NOW}">${inline(c)}</mcx-verify>` }),
  // The ES module (as from npm / a CDN) and the credential inline.
  'module-inline': (c, id) => ({ head: MODULE, body: `<mcx-verify id="${id}" now="${NOW}">${inline(c)}</mcx-verify>` }),
  // The credential hosted elsewhere (here: the demo folder of W), by URL.
  src: (c, id) => ({
    head: CLASSIC,
    body: `<mcx-verify id="${id}" now="${NOW}" src="${W.url}/demo/${c.file}"></mcx-verify>`,
  }),
  // A verification link: the credential travels in the page's fragment.
  fragment: (c, id) => ({ head: CLASSIC, body: `<mcx-verify id="${id}" now="${NOW}" fragment></mcx-verify>`, hash: `#vc=${fragmentPayload(c.text)}` }),
  // A "Verify" button instead of the badge.
  button: (c, id) => ({ head: CLASSIC, body: `<mcx-verify id="${id}" now="${NOW}" mode="button">${inline(c)}</mcx-verify>` }),
};

for (const [mode, make] of Object.entries(EMBED_MODES)) {
  test(`embed ${mode}: valid, revoked, tampered, untrusted issuer`, async () => {
    const rows = CASES.map((c, i) => {
      const { head, body, hash } = make(c, `w${i}`);
      return { c, head, body, hash };
    });
    // Fragment mode needs one page per credential; the others put all four on one page.
    const pages = mode === 'fragment' ? rows.map((r) => [r]) : [rows];
    for (const group of pages) {
      const url =
        hostPage({
          head: RECORD + group[0].head,
          body: `<main><h1>Micro-credentials (${mode})</h1>${group.map((r) => `<p class="row">${r.body}</p>`).join('')}</main>`,
        }) + (group[0].hash ?? '');
      const page = await open(url);
      const got = await verdicts(page);
      const events = await page.evaluate(() => window.__events);
      for (const r of group) {
        const id = r.body.match(/id="(w\d)"/)[1];
        assert.equal(got[id], r.c.verdict, `${mode} ${r.c.file}: data-verdict`);
        const ev = events.filter((e) => e.target === id);
        assert.equal(ev.length, 1, `${mode} ${r.c.file}: one mcx-verified event`);
        assert.equal(ev[0].type, 'mcx-verified');
        assert.equal(ev[0].verdict, r.c.verdict);
        assert.equal(ev[0].report.verdict, r.c.verdict);
        assert.equal(ev[0].report.headline?.code ?? null, r.c.code, `${mode} ${r.c.file}: headline code`);
        const property = await page.evaluate((id) => document.getElementById(id).report.verdict, id);
        assert.equal(property, r.c.verdict, 'the element.report property');
      }
      if (mode !== 'button' && mode !== 'fragment') {
        const line = await shadowText(page, 'w0', '.line');
        assert.match(line, /^Verified · Industrial Robotics · Politecnico di Valfiume[^·]* · \d+(\.\d+)? ECTS$/, 'badge line of the valid credential');
        assert.match(await shadowText(page, 'w1', '.line'), /^Not valid · Revoked/);
        assert.match(await shadowText(page, 'w2', '.line'), /^Not valid · Changed after signing/);
        assert.match(await shadowText(page, 'w3', '.line'), /^Not valid · Issuer not in the network/);
        // A name no trust source vouches for is never on the badge.
        assert.doesNotMatch(await shadowText(page, 'w3', '.line'), /Millbrook/);
      }
            await page.screenshot({ path: shot(`${mode}${group.length === 1 ? '-' + path.basename(group[0].c.file, '.json') : ''}`) });
      if (mode === 'button') {
        // The tampered credential: its contents are shown under a warning.
        await page.evaluate(() => document.getElementById('w2').shadowRoot.querySelector('.trigger').click());
        assert.ok(await shadowText(page, 'w2', 'dialog .content-warning'), 'a warning above unsigned contents');
        await page.screenshot({ path: shot('dialog-tampered') });
        await page.keyboard.press('Escape');
      }
      await page.check();
      await page.done();
    }
  });
}

test('embed inline JWT text (no script element)', async () => {
  const url = hostPage({ head: RECORD + CLASSIC, body: `<mcx-verify id="jwt" now="${NOW}">${inline(JWT)}</mcx-verify>` });
  const page = await open(url);
  assert.deepEqual(await verdicts(page), { jwt: 'valid' });
  assert.match(await shadowText(page, 'jwt', '.line'), /^Verified · PLC Programming[^·]* · Technische Hochschule Nordstadt[^·]* · 5 ECTS$/);
  await page.check();
  await page.done();
});

test('the dialog shows the full result and works with the keyboard', async () => {
  const url = hostPage({
    head: RECORD + CLASSIC,
    body: `<main><h1>Keyboard</h1><p><a href="#before" id="before">A link before</a></p>
<p class="row"><mcx-verify id="k" now="${NOW}">${inline(CASES[1])}</mcx-verify></p><p><a href="#after">A link after</a></p></main>`,
  });
  const page = await open(url, { viewport: { width: 900, height: 900 } });
  await verdicts(page);
  await page.focus('#before');
  await page.keyboard.press('Tab');
  const focused = () =>
    page.evaluate(() => {
      const host = document.activeElement;
      const inner = host?.shadowRoot?.activeElement;
      return `${host?.id || host?.tagName}/${inner ? inner.className || inner.tagName : ''}`;
    });
  assert.equal(await focused(), 'k/trigger', 'Tab reaches the badge');
  await page.keyboard.press('Enter');
  const isOpen = () => page.evaluate(() => document.getElementById('k').shadowRoot.querySelector('dialog').open);
  assert.equal(await isOpen(), true, 'Enter opens the dialog');
  assert.equal(await focused(), 'k/close', 'focus moves into the dialog (its close button)');
  const dialog = await page.evaluate(() => {
    const d = document.getElementById('k').shadowRoot.querySelector('dialog');
    return {
      label: d.getAttribute('aria-labelledby') && d.getRootNode().getElementById(d.getAttribute('aria-labelledby'))?.textContent,
      title: d.querySelector('.banner .title')?.textContent,
      checks: [...d.querySelectorAll('.check')].map((c) => `${c.dataset.check}:${c.dataset.outcome}`),
      fields: [...d.querySelectorAll('.fields dt')].map((x) => x.textContent),
      modal: d.matches(':modal'),
    };
  });
  assert.equal(dialog.label, 'MicroCredX verification');
  assert.equal(dialog.title, 'Not valid');
  assert.ok(dialog.checks.includes('status:fail'), `status check fails: ${dialog.checks}`);
  assert.ok(dialog.fields.includes('Issued by'));
  assert.ok(dialog.modal, 'a modal dialog (focus stays inside)');
  await page.screenshot({ path: shot('dialog-revoked') });
  // While the modal dialog is open the page behind is inert: Tab moves
  // through the dialog (and the browser's own controls, seen here as BODY),
  // never to the page's links.
  const stops = new Set();
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    const f = await focused();
    assert.ok(f.startsWith('k/') || f === 'BODY/', `focus stayed in the dialog, not ${f}`);
    stops.add(f);
  }
  assert.ok(stops.has('k/close') && [...stops].some((s) => s.startsWith('k/') && s !== 'k/close'), `tab stops: ${[...stops]}`);
  await page.focus('#before').catch(() => undefined);
  assert.ok((await focused()).startsWith('k/') || (await focused()) === 'BODY/', 'the page behind cannot take focus');
  // Back to the close button.
  for (let i = 0; i < 8 && (await focused()) !== 'k/close'; i++) await page.keyboard.press('Tab');
  assert.equal(await focused(), 'k/close');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'k/close');
  await page.keyboard.press('Escape');
  assert.equal(await isOpen(), false, 'Escape closes');
  assert.equal(await focused(), 'k/trigger', 'focus returns to the badge');
  await page.keyboard.press('Space');
  assert.equal(await isOpen(), true, 'Space opens too');
  await page.keyboard.press('Enter');
  assert.equal(await isOpen(), false, 'Enter on the close button closes');
  await page.check();
  await page.done();
});

test('accessibility: axe-core finds no serious problem in the badges, the button or the open dialog', async () => {
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const url = hostPage({
    head: RECORD + CLASSIC,
    body: `<main><h1>Accessibility</h1>${CASES.map((c, i) => `<p class="row"><mcx-verify id="a${i}" now="${NOW}">${inline(c)}</mcx-verify></p>`).join('')}
<p class="row"><mcx-verify id="ab" mode="button" now="${NOW}">${inline(CASES[0])}</mcx-verify></p></main>`,
  });
  const page = await open(url);
  await verdicts(page);
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const run = () =>
    page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
    });
  assert.deepEqual(await run(), [], 'badges and button');
  for (const id of ['a0', 'a1']) {
    await page.evaluate((id) => document.getElementById(id).open(), id);
    assert.deepEqual(await run(), [], `dialog of ${id}`);
    await page.evaluate((id) => document.getElementById(id).close(), id);
  }
  await page.check();
  await page.done();
});

test('host CSS cannot restyle it', async () => {
  const body = (id) => `<p class="row"><mcx-verify id="${id}" now="${NOW}">${inline(CASES[0])}</mcx-verify></p>`;
  const measure = (page) =>
    page.evaluate(() => {
      const host = document.getElementById('x');
      const trigger = host.shadowRoot.querySelector('.trigger');
      const line = host.shadowRoot.querySelector('.line');
      const cs = getComputedStyle(trigger);
      const ls = getComputedStyle(line);
      const hs = getComputedStyle(host);
      const r = trigger.getBoundingClientRect();
      return {
        hostDisplay: hs.display,
        hostBorder: hs.borderTopWidth,
        display: cs.display,
        color: ls.color,
        font: ls.fontFamily,
        size: ls.fontSize,
        transform: ls.textTransform,
        background: cs.backgroundColor,
        border: cs.borderTopStyle + ' ' + cs.borderTopColor,
        visible: getComputedStyle(line).visibility,
        width: Math.round(r.width),
        height: Math.round(r.height),
      };
    });
  const plain = await open(hostPage({ head: RECORD + CLASSIC, body: body('x') }));
  await verdicts(plain);
  const before = await measure(plain);
  await plain.done();
  const hostile = await open(
    hostPage({ head: RECORD + CLASSIC + '<link rel="stylesheet" href="/hostile.css">', body: `<main><h1>Hostile CSS</h1>${body('x')}</main>` }),
  );
  await verdicts(hostile);
  const after = await measure(hostile);
  await hostile.screenshot({ path: shot('hostile-css') });
  assert.deepEqual(after, before, 'the widget looks the same under a stylesheet that restyles everything: ' + JSON.stringify({ before, after }));
  assert.equal(after.hostDisplay, 'inline-block');
  await hostile.check();
  await hostile.done();
});

test('theming with CSS custom properties, German via lang', async () => {
  hostFiles.set('/theme.css', {
    type: 'text/css; charset=utf-8',
    body: `.dark { background: #10151c; color: #e8edf2; padding: 1rem; }
.dark mcx-verify { --mcx-bg: #1b2430; --mcx-fg: #e8edf2; --mcx-border: #3a4757; --mcx-muted: #a9b4c0;
  --mcx-valid: #3fb950; --mcx-font: Georgia, serif; --mcx-radius: 6px; }`,
  });
  const url = hostPage({
    lang: 'de',
    head: RECORD + CLASSIC + '<link rel="stylesheet" href="/theme.css">',
    body: `<main><h1>Thema und Sprache</h1><div class="dark"><mcx-verify id="t" now="${NOW}">${inline(CASES[0])}</mcx-verify></div>
<p class="row"><mcx-verify id="e" lang="en" now="${NOW}">${inline(CASES[0])}</mcx-verify></p></main>`,
  });
  const page = await open(url, { locale: 'de-DE' });
  await verdicts(page);
  assert.match(await shadowText(page, 't', '.line'), /^Verifiziert · /, 'German from the page language');
  assert.match(await shadowText(page, 'e', '.line'), /^Verified · /, 'lang attribute wins');
  const themed = await page.evaluate(() => {
    const t = document.getElementById('t').shadowRoot.querySelector('.trigger');
    return { bg: getComputedStyle(t).backgroundColor, radius: getComputedStyle(t).borderTopLeftRadius, font: getComputedStyle(t).fontFamily };
  });
  assert.deepEqual(themed, { bg: 'rgb(27, 36, 48)', radius: '6px', font: 'Georgia, serif' });
  await page.screenshot({ path: shot('theme-de') });
  await page.evaluate(() => document.getElementById('t').shadowRoot.querySelector('.trigger').click());
  assert.equal(await shadowText(page, 't', 'dialog .banner .title'), 'Echt und gültig');
  await page.screenshot({ path: shot('dialog-valid-de') });
  await page.keyboard.press('Escape');
  // Switching the language re-renders without verifying again.
  await page.evaluate(() => document.getElementById('t').setAttribute('lang', 'en'));
  assert.match(await shadowText(page, 't', '.line'), /^Verified · /);
  assert.equal((await page.evaluate(() => window.__events)).length, 2, 'no new verification for a language switch');
  await page.check();
  await page.done();
});

test('network registry: a host-pinned key other than the signer makes membership unverifiable', async () => {
  const url = hostPage({
    head: RECORD + CLASSIC,
    body: `<mcx-verify id="r" now="${NOW}" registry="${W.url}/demo/${MANIFEST.registry}"
      network-key="did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK">${inline(CASES[0])}</mcx-verify>
<mcx-verify id="n" now="${NOW}" registry="none">${inline(CASES[0])}</mcx-verify>`,
  });
  const page = await open(url);
  assert.deepEqual(await verdicts(page), { r: 'unverifiable', n: 'valid' });
  const events = await page.evaluate(() => window.__events);
  const issuer = events.find((e) => e.target === 'r').report.checks.find((c) => c.check === 'issuer');
  assert.equal(issuer.code, 'resource_unavailable');
  assert.match(issuer.detail, /not by the pinned governance key/);
  assert.match(await shadowText(page, 'n', '.line'), /^Genuine and valid · /, 'no "Verified" without the network check');
  await page.check();
  await page.done();
});

test('JS API (ES module) returns the same report as `mcx verify --json`, for every demo sample and signature fixture', async () => {
  const files = MANIFEST.samples.map((s) => s.file);
  const expected = cliReports(files);
  assert.equal(expected.length, files.length);
  const url = hostPage({ head: '<script type="module" src="/api-module.mjs"></script>', body: '<p>API</p>' });
  const page = await open(url);
  await page.waitForSelector('html[data-api="ready"]');
  // Where a document could not be had, the reason is the host's own words
  // (the CLI: "not supplied (give it with --resource …)"; the browser: the
  // HTTP status or a network/CORS error); everything else must be identical.
  const hostReasons = [];
  const normalise = (report, file) => {
    const walk = (r) => {
      for (const c of [...r.checks, ...(r.headline ? [r.headline] : [])]) {
        if (c.code === 'status_unavailable' || c.code === 'resource_unavailable') {
          hostReasons.push(`${file}: ${c.detail}`);
          c.detail = '(host-specific reason)';
        }
      }
      r.credentials.forEach(walk);
    };
    walk(report);
    return JSON.stringify(report);
  };
  for (const [i, file] of files.entries()) {
    const text = readFileSync(path.join(DEMO, file), 'utf8');
    const got = await page.evaluate(([text, now]) => window.__api.verify(text, { now }).then((r) => JSON.stringify(r)), [text, NOW]);
    assert.equal(normalise(JSON.parse(got), file), normalise(JSON.parse(expected[i]), file), `${file}: the browser and the CLI agree`);
    assert.equal(JSON.parse(got).verdict, MANIFEST.samples[i].verdict, `${file}: expected verdict`);
  }
  console.log(`     ${files.length} reports identical to the CLI's; host-specific reasons:\n       ${hostReasons.join('\n       ')}`);
  // ECDSA and RSA (fixtures/signatures/, signed by the JS reference
  // libraries): the browser checks these signatures with WebCrypto, the CLI
  // with RustCrypto, and the reports must still be the same bytes. No
  // registry (their issuers are no members): the signature and key checks
  // decide.
  const signed = JSON.parse(readFileSync(path.join(SIGNATURES, 'manifest.json'), 'utf8')).files;
  const cliSigned = cliReports(signed.map((f) => f.file), { dir: SIGNATURES, registry: false });
  assert.equal(cliSigned.length, signed.length);
  for (const [i, { file, verdict, code }] of signed.entries()) {
    const text = readFileSync(path.join(SIGNATURES, file), 'utf8');
    const got = await page.evaluate(([text, now]) => window.__api.verify(text, { now, registry: false }).then((r) => JSON.stringify(r)), [text, NOW]);
    assert.equal(normalise(JSON.parse(got), file), normalise(JSON.parse(cliSigned[i]), file), `${file}: the browser and the CLI agree`);
    const report = JSON.parse(got);
    assert.equal(report.verdict, verdict, `${file}: expected verdict`);
    assert.equal(report.headline?.code ?? null, code, `${file}: expected headline`);
  }
  console.log(`     ${signed.length} ECDSA/RSA reports (WebCrypto) identical to the CLI's (RustCrypto)`);
  // Bytes and other inputs; bad options reject with a TypeError.
  const bytes = await page.evaluate(
    ([text, now]) => window.__api.verify(new TextEncoder().encode(text), { now: new Date(now) }).then((r) => r.verdict),
    [CASES[0].text, NOW],
  );
  assert.equal(bytes, 'valid');
  const bad = await page.evaluate(() => window.__api.verify('{}', { now: 'yesterday' }).then(() => 'resolved', (e) => e.name));
  assert.equal(bad, 'TypeError');
  const view = await page.evaluate(
    ([text, now]) => window.__api.verify(text, { now }).then((r) => window.__api.view(r, 'de')).then((v) => v.badge),
    [CASES[1].text, NOW],
  );  assert.match(view, /^Nicht gültig · Widerrufen · /);
  // The demo's "status list unreachable" sample points at a list that is not served.
  await page.check(['/status/offline.json']);
  await page.done();
});

test('the classic script exposes window.MicroCredX with the same API', async () => {
  const url = hostPage({ head: CLASSIC, body: '<p>global</p>' });
  const page = await open(url);
  await page.waitForFunction(() => window.MicroCredX);
  const r = await page.evaluate(([text, now]) => window.MicroCredX.verify(text, { now }), [CASES[2].text, NOW]);
  assert.equal(r.verdict, 'invalid');
  assert.equal(r.headline.code, 'invalid_signature');
  await page.check();
  await page.done();
});

test('credential text is never interpreted as HTML', async () => {
  const hostile = JSON.parse(CASES[0].text);
  hostile.issuer.name = '<img src=x onerror="window.__pwned=1"><b>Evil</b>';
  const url = hostPage({ head: RECORD + CLASSIC, body: `<mcx-verify id="h" now="${NOW}">${inline({ file: 'x.json', text: JSON.stringify(hostile) })}</mcx-verify>` });
  const page = await open(url);
  assert.deepEqual(await verdicts(page), { h: 'invalid' });
  await page.evaluate(() => document.getElementById('h').open());
  const result = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    imgs: document.getElementById('h').shadowRoot.querySelectorAll('img, b').length,
    text: document.getElementById('h').shadowRoot.querySelector('dialog .fields').textContent,
  }));
  assert.deepEqual({ pwned: result.pwned, imgs: result.imgs }, { pwned: null, imgs: 0 });
  assert.match(result.text, /<img src=x/);
  await page.check();
  await page.done();
});

test('changing the credential or the fragment verifies again', async () => {
  const url =
    hostPage({ head: RECORD + CLASSIC, body: `<mcx-verify id="f" now="${NOW}" fragment></mcx-verify>` }) +
    `#vc=${fragmentPayload(CASES[0].text)}`;
  const page = await open(url);
  assert.deepEqual(await verdicts(page), { f: 'valid' });
  await page.evaluate((hash) => {
    location.hash = hash;
  }, `vc=${fragmentPayload(CASES[1].text)}`);
  await page.waitForFunction(() => document.getElementById('f').getAttribute('data-verdict') === 'invalid');
  const events = await page.evaluate(() => window.__events.map((e) => e.verdict));
  assert.deepEqual(events, ['valid', 'invalid']);
  await page.check();
  await page.done();
});

test('it transfers only its script and its wasm (no contexts, nothing else)', async () => {
  widgetRequests.length = 0;
  const url = hostPage({ head: RECORD + CLASSIC, body: `<mcx-verify id="s" now="${NOW}" registry="none">${inline(CASES[0])}</mcx-verify>` });
  const page = await open(url);
  await verdicts(page);
  const own = widgetRequests.filter((p) => p.startsWith('/widget/'));
  assert.deepEqual(own.sort(), ['/widget/mcx-verify.js', '/widget/mcx_widget_bg.wasm']);
  await page.check();
  await page.done();
});

test('the demo page of the site: every live example shows its verdict', async () => {
  const page = await open(`${W.url}/widget-demo.html`, { viewport: { width: 1000, height: 900 } });
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.example:not([data-expect="fragment"]) mcx-verify')].every((e) => e.hasAttribute('data-verdict')),
  );
  const got = await page.evaluate(() =>
    [...document.querySelectorAll('.example')].map((x) => [x.dataset.expect, x.querySelector('mcx-verify').getAttribute('data-verdict')]),
  );
  for (const [expect, verdict] of got) {
    if (expect === 'fragment') assert.equal(verdict, null, 'no fragment yet: nothing to verify');
    else assert.equal(verdict, expect);
  }
  assert.equal(await shadowText(page, 'ex-fragment', '.line'), 'No credential to verify was found here.');
  await page.screenshot({ path: shot('demo-page'), fullPage: true });
  await page.click('#fragment-link');
  await page.waitForFunction(() => document.getElementById('ex-fragment').getAttribute('data-verdict') === 'valid');
  await page.check();
  await page.done();
});

test('time from DOMContentLoaded to the shown verdict (inline credential, median of 20)', async () => {
  const url = hostPage({ head: RECORD + CLASSIC, body: `<mcx-verify id="m" now="${NOW}">${inline(CASES[0])}</mcx-verify>` });
  const measure = async (context) => {
    const page = await open(url, { context });
    await verdicts(page);
    const t = await page.evaluate(() => window.__events[0].at - window.__dcl);
    await page.done();
    return t;
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const cold = [];
  for (let i = 0; i < 20; i++) cold.push(await measure());
  const ctx = await browser.newContext();
  const warm = [];
  for (let i = 0; i < 20; i++) warm.push(await measure(ctx));
  await ctx.close();
  console.log(
    `     DOMContentLoaded -> verdict shown: median ${median(cold).toFixed(1)} ms cold (new browser context each), ` +
      `${median(warm).toFixed(1)} ms warm (same context); min/max cold ${Math.min(...cold).toFixed(1)}/${Math.max(...cold).toFixed(1)} ms`,
  );
  assert.ok(median(cold) < 5000, 'shown within 5 s');
});

// ------------------------------------------- the widget on a course page

/** A valid credential of a demo member with a long achievement name (see fixtures/README.md). */
const LONG = { file: 'long-name.json', text: readFileSync(path.join(HERE, 'fixtures', 'long-name.json'), 'utf8').trim() };
const LONG_NAME = JSON.parse(LONG.text).credentialSubject.achievement.name;
const achievementOf = (c) => JSON.parse(c.text).credentialSubject.achievement.name;
// The verifier site the dialogs link to in these tests: the built site next to the widget.
const SITE = `${W.url}/index.html`;
hostFiles.set('/course.css', {
  type: 'text/css; charset=utf-8',
  body: `.course { display: flex; gap: 1.5rem; align-items: flex-start; }
.course article { flex: 1; min-width: 0; }
.col { flex: none; width: 220px; box-sizing: border-box; padding: 0; border-left: 3px solid #d0d7de; }
.col p { margin: 0 0 .8rem; padding-left: .5rem; font-size: .9rem; }
@media (max-width: 600px) { .course { display: block; } }`,
});

/** The badge's box and text in a widget, measured. */
function badgeBox(page, id) {
  return page.evaluate((id) => {
    const host = document.getElementById(id);
    const trigger = host.shadowRoot.querySelector('.trigger');
    const line = host.shadowRoot.querySelector('.line');
    const rest = host.shadowRoot.querySelector('.rest');
    const what = host.shadowRoot.querySelector('.what');
    const lh = parseFloat(getComputedStyle(line).lineHeight);
    const r = trigger.getBoundingClientRect();
    const p = host.parentElement.getBoundingClientRect();
    return {
      text: line.textContent,
      title: trigger.title,
      name: trigger.textContent,
      what: what?.textContent ?? null,
      whatCut: what ? what.scrollWidth > what.clientWidth : null,
      restCut: rest ? rest.scrollWidth > rest.clientWidth : null,
      lines: Math.round(line.getBoundingClientRect().height / lh),
      // The separator before what and who: inside the line's box (shown) or clipped.
      sepShown: (() => {
        const sep = host.shadowRoot.querySelector('.rest > .sep');
        const b = sep?.getBoundingClientRect();
        return b ? b.left >= line.getBoundingClientRect().left - 0.5 : null;
      })(),
      width: r.width,
      height: r.height,
      inside: r.left >= p.left - 0.5 && r.right <= p.right + 0.5,
      overflow: trigger.scrollWidth > trigger.clientWidth || line.scrollWidth > line.clientWidth + 0.5,
    };
  }, id);
}

/** Opens a link of the widget on the verifier site (a fresh context at NOW) and resolves to its verdict. */
async function siteVerdict(link) {
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  await ctx.clock.setFixedTime(NOW);
  const page = await ctx.newPage();
  await page.goto(link);
  await page.waitForSelector('html[data-state="done"]', { timeout: 30_000 });
  const verdict = await page.getAttribute('[data-verdict]', 'data-verdict');
  await ctx.close();
  return verdict;
}

test('the badge names the achievement, cut short when long (full name in the accessible name)', async () => {
  const url = hostPage({
    head: RECORD + CLASSIC,
    body: `<main><h1>Badges</h1><p class="row"><mcx-verify id="a" now="${NOW}">${inline(CASES[0])}</mcx-verify></p>
<p class="row"><mcx-verify id="b" now="${NOW}">${inline(CASES[1])}</mcx-verify></p>
<p class="row"><mcx-verify id="c" now="${NOW}">${inline(CASES[2])}</mcx-verify></p>
<p class="row"><mcx-verify id="l" now="${NOW}">${inline(LONG)}</mcx-verify></p></main>`,
  });
  const page = await open(url, { viewport: { width: 1100, height: 700 } });
  assert.deepEqual(await verdicts(page), { a: 'valid', b: 'invalid', c: 'invalid', l: 'valid' });
  const a = await badgeBox(page, 'a');
  assert.equal(a.what, achievementOf(CASES[0]));
  assert.match(a.text, /^Verified · Industrial Robotics · /);
  assert.equal(a.lines, 1, 'one line where there is room');
  const b = await badgeBox(page, 'b');
  assert.equal(b.what, `Revoked · ${achievementOf(CASES[1])}`, 'a revoked credential: why, and what was revoked');
  assert.match(b.text, new RegExp(`^Not valid · Revoked · ${achievementOf(CASES[1])} · `));
  // A changed credential: its (unsigned) name is not repeated on the badge.
  const c = await badgeBox(page, 'c');
  assert.equal(c.what, null);
  assert.doesNotMatch(c.text, /Robotics/);
  const l = await badgeBox(page, 'l');
  assert.equal(l.what, LONG_NAME, 'the whole name is in the text');
  assert.equal(a.sepShown, true, 'one line: the separator after the verdict shows');
  assert.ok(l.whatCut, 'a long name is cut short on screen (ellipsis)');
  assert.ok(l.title.includes(LONG_NAME), 'the tooltip has the whole name');
  const accessible = await page.locator('#l .trigger').evaluate((e) => e.textContent);
  assert.ok(accessible.includes(LONG_NAME) && accessible.includes('Show the verification result'), accessible);
  await page.screenshot({ path: shot('badges-desktop') });
  await page.setViewportSize({ width: 390, height: 844 });
  const phone = await badgeBox(page, 'l');
  assert.ok(phone.lines <= 2 && phone.inside && !phone.overflow, `phone: ${JSON.stringify(phone)}`);
  await page.screenshot({ path: shot('badges-phone') });
  await page.check();
  await page.done();
});

test('in a 220 px column the badge stays on one or two lines, inside the column', async () => {
  const ids = [];
  const rows = [...CASES.slice(0, 2), JWT, LONG, sample('credentials/status-unavailable-castelmar.json')]
    .map((c, i) => {
      ids.push(`n${i}`);
      return `<p><mcx-verify id="n${i}" now="${NOW}">${inline(c)}</mcx-verify></p>`;
    })
    .join('');
  const url = hostPage({
    head: RECORD + CLASSIC + '<link rel="stylesheet" href="/course.css">',
    body: `<main><h1>PLC Programming (5 ECTS)</h1><div class="course"><article><p>Course page text: what you learn, when, where.
The column on the right shows our graduates' credentials, checked in your browser.</p></article>
<aside class="col" id="col">${rows}</aside></div></main>`,
  });
  for (const [lang, viewport] of [
    ['en', { width: 1100, height: 800 }],
    ['de', { width: 1100, height: 800 }],
  ]) {
    const page = await open(url, { viewport, locale: lang === 'de' ? 'de-DE' : 'en-US' });
    if (lang === 'de') await page.evaluate(() => document.querySelectorAll('mcx-verify').forEach((e) => e.setAttribute('lang', 'de')));
    await verdicts(page);
    for (const id of ids) {
      const box = await badgeBox(page, id);
      assert.ok(box.lines === 1 || box.lines === 2, `${lang} ${id}: ${box.lines} lines: ${JSON.stringify(box)}`);
      assert.ok(box.inside, `${lang} ${id}: inside the column: ${JSON.stringify(box)}`);
      assert.ok(!box.overflow, `${lang} ${id}: nothing spills: ${JSON.stringify(box)}`);
      assert.ok(box.height < 70, `${lang} ${id}: ${box.height} px high`);
      if (box.lines === 2) assert.equal(box.sepShown, false, `${lang} ${id}: no separator starts the second line`);
    }
    const col = await page.locator('#col').boundingBox();
    await page.screenshot({ path: shot(`column-220-${lang}`), clip: { x: Math.max(0, col.x - 260), y: col.y - 10, width: 500, height: col.height + 20 } });
    // The unverifiable sample's status list is not served, on purpose.
    await page.check(['/status/offline.json']);
    await page.done();
  }
});

test('the dialog links to the result on the verifier site: ?url= for a hosted credential, else #vc=', async () => {
  const hosted = CASES[0];
  const url = hostPage({
    head: RECORD + CLASSIC,
    body: `<main><h1>Links</h1>
<p class="row"><mcx-verify id="h" now="${NOW}" site="${SITE}" src="${W.url}/demo/${hosted.file}"></mcx-verify></p>
<p class="row"><mcx-verify id="i" now="${NOW}" site="${SITE}">${inline(CASES[1])}</mcx-verify></p>
<p class="row"><mcx-verify id="j" now="${NOW}" site="${SITE}">${inline(JWT)}</mcx-verify></p>
<p class="row"><mcx-verify id="d" now="${NOW}">${inline(CASES[0])}</mcx-verify></p></main>`,
  });
  const page = await open(url, { viewport: { width: 1100, height: 900 } });
  const got = await verdicts(page);
  const link = (id) =>
    page.evaluate((id) => {
      const a = document.getElementById(id).shadowRoot.querySelector('dialog .site a');
      return a && { href: a.href, target: a.target, rel: a.rel, text: a.textContent, prop: document.getElementById(id).link };
    }, id);
  const h = await link('h');
  assert.equal(h.href, `${SITE}?url=${encodeURIComponent(`${W.url}/demo/${hosted.file}`)}`, 'the short ?url= link');
  assert.equal(h.prop, h.href, 'the element.link property');
  assert.equal(h.target, '_blank');
  assert.equal(h.rel, 'noopener noreferrer');
  assert.match(h.text, /^Open the full result on the MicroCredX verifier site ↗ \(opens in a new tab\)$/);
  const i = await link('i');
  assert.ok(i.href.startsWith(`${SITE}#vc=1.`), i.href);
  const j = await link('j');
  assert.ok(j.href.startsWith(`${SITE}#vc=1.`), j.href);
  assert.ok((await link('d')).href.startsWith('https://verify.microcredx.eu/#vc=1.'), 'the default site');
  // The site shows the same verdict for each link.
  assert.equal(await siteVerdict(h.href), got.h, 'hosted: same verdict on the site');
  assert.equal(await siteVerdict(i.href), got.i, '#vc= (JSON): same verdict on the site');
  assert.equal(await siteVerdict(j.href), got.j, '#vc= (JWT): same verdict on the site');
  // Clicked: a new tab on the site, without opener or referrer.
  await page.context().clock.setFixedTime(NOW);
  await page.evaluate(() => document.getElementById('i').open());
  await page.screenshot({ path: shot('dialog-link-desktop') });
  const [tab] = await Promise.all([
    page.context().waitForEvent('page'),
    page.evaluate(() => document.getElementById('i').shadowRoot.querySelector('dialog .site a').click()),
  ]);
  await tab.waitForSelector('html[data-state="done"]', { timeout: 30_000 });
  assert.deepEqual(await tab.evaluate(() => [window.opener, document.referrer]), [null, '']);
  assert.equal(await tab.getAttribute('[data-verdict]', 'data-verdict'), 'invalid');
  await tab.close();
  await page.keyboard.press('Escape');
  // A phone: the link is in the first screen of the dialog.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => document.getElementById('h').open());
  const inView = await page.evaluate(() => {
    const r = document.getElementById('h').shadowRoot.querySelector('dialog .site a').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  });
  assert.ok(inView, 'the link is visible without scrolling on a phone');
  await page.screenshot({ path: shot('dialog-link-phone') });
  // Another site address: the links follow it without verifying again.
  await page.keyboard.press('Escape');
  await page.evaluate(() => document.getElementById('h').setAttribute('site', 'https://verifier.example/check/'));
  await page.waitForFunction(() => document.getElementById('h').link.startsWith('https://verifier.example/check/?url='));
  assert.equal((await page.evaluate(() => window.__events)).length, 4, 'no new verification for another site');
  await page.check();
  await page.done();
});

test('mode="input": paste a credential or choose a file (JWT, baked PNG), keyboard and labels', async () => {
  const url = hostPage({
    head: RECORD + CLASSIC,
    body: `<main><h1>Check a graduate's credential</h1><mcx-verify id="in" mode="input" now="${NOW}" site="${SITE}"></mcx-verify>
<p><a href="#after" id="after">After</a></p></main>`,
  });
  const page = await open(url, { viewport: { width: 1000, height: 900 } });
  await page.waitForFunction(() => document.getElementById('in').shadowRoot.querySelector('textarea'));
  assert.equal(await page.evaluate(() => document.getElementById('in').shadowRoot.querySelector('.trigger')), null, 'no badge before a credential');
  const label = await page.evaluate(() => {
    const root = document.getElementById('in').shadowRoot;
    const area = root.querySelector('textarea');
    return root.querySelector(`label[for="${area.id}"]`)?.textContent;
  });
  assert.equal(label, 'Paste a credential, a JWT or a verification link');
  await page.screenshot({ path: shot('input-empty') });
  // Keyboard: the paste area, then Verify and Choose a file.
  await page.focus('h1').catch(() => undefined);
  await page.keyboard.press('Tab');
  const focused = () => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.className || document.activeElement?.shadowRoot?.activeElement?.tagName);
  assert.equal(await focused(), 'TEXTAREA');
  // Pasting checks at once.
  await page.locator('#in textarea').fill(JWT.text);
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'go');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('in').getAttribute('data-verdict') === 'valid');
  assert.match(await shadowText(page, 'in', '.line'), /^Verified · PLC Programming[^·]* · /);
  assert.equal(await focused(), 'go', 'focus stays where it was');
  assert.equal(await page.evaluate(() => document.getElementById('in').shadowRoot.querySelector('.out').getAttribute('aria-live')), 'polite');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'choose');
  // A paste event (as from Ctrl+V) checks without a click.
  await page.locator('#in textarea').fill('');
  await page.locator('#in textarea').evaluate((area, text) => {
    area.value = text;
    area.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, composed: true }));
  }, CASES[1].text);
  await page.waitForFunction(() => document.getElementById('in').getAttribute('data-verdict') === 'invalid');
  assert.match(await shadowText(page, 'in', '.line'), /^Not valid · Revoked · Digital Twins/);
  // A file: the baked PNG (and the link carries the credential inside it).
  await page.setInputFiles('#in input[type="file"]', path.join(HERE, 'fixtures', 'baked.png'));
  await page.waitForFunction(() => document.getElementById('in').getAttribute('data-verdict') === 'valid');
  assert.match(await shadowText(page, 'in', '.line'), /^Verified · Industrial Robotics · /);
  const png = await page.evaluate(() => document.getElementById('in').link);
  assert.ok(png.startsWith(`${SITE}#vc=1.`), png);
  assert.equal(await siteVerdict(png), 'valid', 'the baked badge opens on the site as valid');
  // And a JSON file by drag and drop onto the zone.
  await page.evaluate((text) => {
    const box = document.getElementById('in').shadowRoot.querySelector('.input');
    const data = new DataTransfer();
    data.items.add(new File([text], 'revoked.json', { type: 'application/json' }));
    box.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    box.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, CASES[1].text);
  await page.waitForFunction(() => document.getElementById('in').getAttribute('data-verdict') === 'invalid');
  const events = await page.evaluate(() => window.__events.map((e) => e.verdict));
  assert.deepEqual(events, ['valid', 'invalid', 'valid', 'invalid']);
  await page.screenshot({ path: shot('input-result-desktop') });
  await page.evaluate(() => document.getElementById('in').open());
  await page.screenshot({ path: shot('input-dialog') });
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shot('input-result-phone') });
  const fits = await page.evaluate(() => {
    const r = document.getElementById('in').getBoundingClientRect();
    return r.right <= innerWidth && document.documentElement.scrollWidth <= innerWidth;
  });
  assert.ok(fits, 'no sideways scrolling on a phone');
  // German words from lang.
  await page.evaluate(() => document.getElementById('in').setAttribute('lang', 'de'));
  assert.equal(await shadowText(page, 'in', '.choose'), 'Datei auswählen');
  await page.check();
  await page.done();
});

test('dates in the dialog in the widget language (English, German)', async () => {
  const url = hostPage({
    head: RECORD + CLASSIC,
    body: `<mcx-verify id="en" now="${NOW}">${inline(CASES[0])}</mcx-verify> <mcx-verify id="de" lang="de" now="${NOW}">${inline(CASES[0])}</mcx-verify>`,
  });
  const page = await open(url, { viewport: { width: 1000, height: 1000 } });
  await verdicts(page);
  const dates = (id) =>
    page.evaluate((id) => {
      const root = document.getElementById(id).shadowRoot;
      const field = (key) => root.querySelector(`dialog .fields dt[data-key="${key}"]`)?.nextElementSibling?.textContent;
      return {
        from: field('validFrom'),
        until: field('validUntil'),
        issued: root.querySelector('dialog tr[data-element="dateOfIssuing"] td:last-child')?.textContent ?? null,
        validity: [...root.querySelectorAll('dialog .check')].find((c) => c.dataset.check === 'validity')?.querySelector('.text').textContent,
      };
    }, id);
  const en = await dates('en');
  const de = await dates('de');
  const source = JSON.parse(CASES[0].text);
  const [y, m, d] = source.validFrom.slice(0, 10).split('-').map(Number);
  const EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const DE = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
  assert.equal(en.from, `${d} ${EN[m - 1]} ${y}`);
  assert.equal(de.from, `${d}. ${DE[m - 1]} ${y}`);
  const [uy, um, ud] = source.validUntil.slice(0, 10).split('-').map(Number);
  assert.equal(en.until, `${ud} ${EN[um - 1]} ${uy}`);
  assert.equal(de.until, `${ud}. ${DE[um - 1]} ${uy}`);
  assert.ok(de.validity.includes(`${ud}. ${DE[um - 1]} ${uy}`), de.validity);
  if (en.issued !== null) {
    assert.match(en.issued, /\d{1,2} [A-Z][a-z]+ \d{4}/);
    assert.match(de.issued, /\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ \d{4}/);
  }
  for (const v of [...Object.values(en), ...Object.values(de)]) {
    if (v) assert.doesNotMatch(v, /\d{4}-\d{2}-\d{2}/, `no ISO date shown: ${v}`);
  }
  await page.evaluate(() => document.getElementById('de').open());
  await page.screenshot({ path: shot('dialog-dates-de') });
  await page.check();
  await page.done();
});

// ---------------------------------------------------------------- run

const selected = tests.filter((t) => t.name.includes(filter));
console.log(`widget e2e: ${selected.length} tests; widget at ${W.url}/widget/ (from ${DIST}), host pages at ${H.url} with CSP: ${CSP}`);
browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
let passed = 0;
const failed = [];
for (const t of selected) {
  const started = Date.now();
  let timer;
  try {
    await Promise.race([
      t.fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${TEST_TIMEOUT} ms`)), TEST_TIMEOUT);
      }),
    ]);
    passed += 1;
    console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
  } catch (error) {
    failed.push(t.name);
    console.log(`FAIL ${t.name} (${Date.now() - started} ms)\n     ${String(error?.stack ?? error).split('\n').slice(0, 8).join('\n     ')}`);
  } finally {
    clearTimeout(timer);
  }
}
await browser.close();
W.close();
H.close();
if (failed.length) console.log(`\nfailed: ${failed.join(', ')}`);
console.log(`\nwidget: ${passed} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
