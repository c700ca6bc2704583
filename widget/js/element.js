// The <mcx-verify> element and the JS API, over the Rust exports of
// mcx-widget (wasm-bindgen glue: __wbg_init, verifyReport, reportView,
// hostedLink, credentialText).
// This file is the body shared by both distributions that
// `cargo xtask build` assembles into dist/widget/:
//   index.js      ES module (npm):   glue + MCX_BASE from import.meta.url + this + exports
//   mcx-verify.js classic script:    (function(){ MCX_BASE from currentScript + glue + this + window.MicroCredX })()
// It must therefore use no import/export statements of its own.
//
// Rules kept here: every text shown comes from Rust (mcx-display's i18n), and
// every value from a credential is written with textContent, never as HTML.
// No inline styles (a strict CSP forbids them): one constructed stylesheet.

const MCX_WASM = 'mcx_widget_bg.wasm';
const MCX_TAG = 'mcx-verify';
// The verifier site the dialog links to, unless the `site` attribute says otherwise.
const MCX_SITE = 'https://verify.microcredx.eu/';
const MCX_INLINE_TYPES = [
  'application/vc+ld+json',
  'application/vp+ld+json',
  'application/ld+json',
  'application/json',
  'application/vc+jwt',
  'application/vc',
  'application/vp',
  'application/jwt',
];

let mcxReady = null;

/**
 * Loads and starts the WebAssembly module (once). `wasmUrl` overrides where
 * it is loaded from; by default it sits next to this script.
 */
function init(wasmUrl) {
  if (!mcxReady) {
    const url = wasmUrl || new URL(MCX_WASM, MCX_BASE);
    mcxReady = __wbg_init({ module_or_path: url }).then(() => undefined);
    mcxReady.catch(() => {
      mcxReady = null;
    });
  }
  return mcxReady;
}

function mcxOptions(options) {
  const o = Object.assign({}, options || {});
  // The demo network's addresses (https://demo.microcredx.eu/…) are served
  // from the demo/ folder next to the widget's folder unless told otherwise.
  if (o.demoBase === undefined) o.demoBase = new URL('../demo/', MCX_BASE).href;
  return o;
}

async function mcxInput(input) {
  if (typeof input === 'string' || input instanceof Uint8Array || input instanceof ArrayBuffer) return input;
  if (input instanceof URL) return input.href;
  if (typeof Blob !== 'undefined' && input instanceof Blob) return new Uint8Array(await input.arrayBuffer());
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError('verify(input): input must be a string, Uint8Array, ArrayBuffer, Blob or URL');
}

// The first verification loads the network registry; later ones (other
// elements on the page) wait for it, so that a cacheable registry is
// downloaded once and the others read it from the browser's HTTP cache.
let mcxFirst = null;

async function mcxVerifyJson(input, options) {
  const bytes = await mcxInput(input);
  await init();
  const run = () => verifyReport(bytes, mcxOptions(options));
  if (!mcxFirst) {
    mcxFirst = run();
    return mcxFirst;
  }
  await mcxFirst.catch(() => undefined);
  return run();
}

/**
 * Verifies a credential and resolves to its report (the shape the README documents,
 * the same as `mcx verify --json`).
 */
async function verify(input, options) {
  return JSON.parse(await mcxVerifyJson(input, options));
}

function mcxLanguages(lang) {
  const list = Array.isArray(lang) ? lang.slice() : lang ? [lang] : [];
  if (typeof navigator !== 'undefined') list.push(...(navigator.languages || [navigator.language]));
  return list.filter(Boolean).join(',');
}

/**
 * What to show for a report, in a language (`'de'`, `['de-AT', 'en']`;
 * the browser's languages after it, English last): every string ready to
 * display as text.
 */
async function view(report, lang) {
  await init();
  const json = typeof report === 'string' ? report : JSON.stringify(report);
  return JSON.parse(reportView(json, mcxLanguages(lang)));
}

/**
 * The verifier site's page (`site`: its address) for what was verified:
 * `?url=` for a hosted credential (the core's rule), else `#vc=1.` and the
 * credential's text (decoded by the core) compressed with the browser's
 * `CompressionStream`: raw DEFLATE that uses none of the version 1
 * dictionary, which the core reads like any version 1 payload. The core's
 * own compressor would cost the size budget 8 KB. '' when there is no link.
 */
async function mcxLink(input, site) {
  const hosted = hostedLink(input, site);
  const text = hosted ? '' : credentialText(input);
  if (hosted || !text || typeof CompressionStream === 'undefined') return hosted;
  const zipped = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  let bin = '';
  for (const b of new Uint8Array(await new Response(zipped).arrayBuffer())) bin += String.fromCharCode(b);
  return `${site}#vc=1.${btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

// The stylesheet is element.css beside this file: `cargo xtask build` puts
// it here as one string literal, so the shipped script carries it.
const MCX_CSS = '/* element.css */';

let mcxSheet = null;
function mcxStyles() {
  if (!mcxSheet) {
    mcxSheet = new CSSStyleSheet();
    mcxSheet.replaceSync(MCX_CSS);
  }
  return mcxSheet;
}

/** An element with a class and text (set as textContent: never HTML). */
function mcxEl(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

const MCX_ICONS = { valid: '✓', invalid: '✕', unverifiable: '?', pass: '✓', fail: '✕', unknown: '?', warn: '!', skip: '–' };

function mcxIcon(key) {
  const i = mcxEl('span', 'icon', MCX_ICONS[key] || '…');
  i.setAttribute('aria-hidden', 'true');
  return i;
}

function mcxRows(rows, className) {
  const dl = mcxEl('dl', className);
  for (const row of rows) {
    const dt = mcxEl('dt', null, row.label);
    const dd = mcxEl('dd', null, row.value);
    dt.dataset.key = row.key;
    dl.append(dt, dd);
  }
  return dl;
}

function mcxBanner(v) {
  const banner = mcxEl('div', 'banner');
  banner.dataset.verdict = v.verdict;
  const text = mcxEl('div');
  text.append(mcxEl('p', 'title', v.title));
  if (v.sentence) text.append(mcxEl('p', 'sentence', v.sentence));
  banner.append(mcxIcon(v.verdict), text);
  return banner;
}

function mcxChecks(v) {
  const list = mcxEl('ul', 'checks');
  for (const c of v.checks) {
    const li = mcxEl('li', 'check');
    li.dataset.check = c.check;
    li.dataset.outcome = c.outcome;
    li.dataset.mark = c.mark;
    if (c.code) li.dataset.code = c.code;
    const body = mcxEl('div');
    body.append(mcxEl('span', 'name', c.name), mcxEl('span', 'sr', `: ${c.markLabel}. `), mcxEl('p', 'text', c.text));
    li.append(mcxIcon(c.mark), body);
    list.append(li);
  }
  return list;
}

function mcxEu(v, labels) {
  const d = mcxEl('details', 'eu');
  if (!v.eu.complete) d.open = true;
  const summary = mcxEl('summary', null, `${labels.euHeading} — ${v.eu.summary}`);
  const table = mcxEl('table');
  const head = mcxEl('tr');
  for (const h of [labels.euColElement, labels.euColRequired, labels.euColValue]) {
    const th = mcxEl('th', null, h);
    th.scope = 'col';
    head.append(th);
  }
  const thead = mcxEl('thead');
  thead.append(head);
  const tbody = mcxEl('tbody');
  for (const r of v.eu.rows) {
    const tr = mcxEl('tr');
    tr.dataset.element = r.key;
    tr.dataset.present = String(r.present);
    tr.dataset.mandatory = String(r.mandatory);
    const th = mcxEl('th', null, r.name);
    th.scope = 'row';
    tr.append(th, mcxEl('td', null, r.required), mcxEl('td', null, (r.present ? '✓ ' : '✕ ') + r.value));
    tbody.append(tr);
  }
  table.append(thead, tbody);
  d.append(summary, mcxEl('p', 'muted', labels.euIntro), table);
  return d;
}

function mcxResult(v, labels, nested, link) {
  const part = document.createDocumentFragment();
  part.append(mcxBanner(v));
  if (link) {
    // The neutral page, not the one making the claim; a new tab, no opener, no referrer.
    const a = mcxEl('a', null, `${labels.openOnSite} ↗`);
    a.href = link;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.append(mcxEl('span', 'sr', ` (${labels.newTab})`));
    const p = mcxEl('p', 'site');
    p.append(a);
    part.append(p);
  }
  const h = nested ? 'h4' : 'h3';
  part.append(mcxEl(h, null, labels.checksHeading), mcxChecks(v));
  if (v.fields.length) {
    const heading = v.kind === 'presentation' ? labels.presentationHeading : labels.credentialHeading;
    part.append(mcxEl(h, null, heading));
    if (v.contentWarning) part.append(mcxEl('p', 'content-warning', v.contentWarning));
    part.append(mcxRows(v.fields, 'fields'));
  }
  if (v.eu) part.append(mcxEu(v, labels));
  if (v.credentials.length) {
    part.append(mcxEl('h3', null, labels.credentialsHeading));
    for (const c of v.credentials) {
      const sub = mcxEl('section', 'sub');
      sub.append(mcxResult(c, labels, true));
      part.append(sub);
    }
  }
  if (!nested) {
    const tech = mcxEl('details', 'tech');
    tech.append(mcxEl('summary', null, labels.technicalDetails), mcxRows(v.technical));
    part.append(tech);
  }
  return part;
}

let mcxIds = 0;

/**
 * <mcx-verify>: verifies the credential it is given — a child
 * <script type="application/vc+ld+json"> (or a JWT as its text), `src`, or
 * the page's URL fragment (`fragment` attribute) — and shows a compact
 * badge (or, with mode="button", a Verify button) that opens the full
 * result in a dialog.
 */
class MicroCredXVerify extends HTMLElement {
  static get observedAttributes() {
    return ['src', 'fragment', 'lang', 'mode', 'demo-base', 'registry', 'network-key', 'now', 'site'];
  }

  constructor() {
    super();
    this._shadow = this.attachShadow({ mode: 'open' });
    this._shadow.adoptedStyleSheets = [mcxStyles()];
    this._id = `mcx-${++mcxIds}`;
    this._json = null;
    this._state = 'loading';
    this._run = 0;
    this._dialog = null;
    this._trigger = null;
    this._link = '';
    // mode="input": what the visitor pasted or chose (text or bytes).
    this._given = '';
    this._box = null;
    this._onHash = () => {
      if (this.hasAttribute('fragment')) this.refresh();
    };
    this._observer = new MutationObserver(() => this.refresh());
  }

  connectedCallback() {
    this._observer.observe(this, { childList: true, subtree: true, characterData: true });
    window.addEventListener('hashchange', this._onHash);
    this.refresh();
  }

  disconnectedCallback() {
    this._observer.disconnect();
    window.removeEventListener('hashchange', this._onHash);
    this._run += 1;
  }

  attributeChangedCallback(name, before, after) {
    if (!this.isConnected || before === after) return;
    if (name === 'lang' || (name === 'mode' && before !== 'input' && after !== 'input')) this._render();
    else if (name === 'site' && this._state === 'done') this._relink(this._run).then(() => this._render());
    else this.refresh();
  }

  /** The verifier site's page for the last result ('' when there is none). */
  get link() {
    return this._state === 'done' ? this._link : '';
  }

  _site() {
    const site = (this.getAttribute('site') || '').trim();
    try {
      return new URL(site || MCX_SITE, document.baseURI).href;
    } catch {
      return MCX_SITE;
    }
  }

  async _relink(run) {
    let link = '';
    try {
      link = await mcxLink(this._verified, this._site());
    } catch {
      // No link rather than no result.
    }
    if (run === this._run) this._link = link;
  }

  /** The report of the last verification (a fresh copy), or null. */
  get report() {
    return this._json ? JSON.parse(this._json) : null;
  }

  /** 'valid' | 'invalid' | 'unverifiable', or null before a result. */
  get verdict() {
    return this.getAttribute('data-verdict');
  }

  _input() {
    if (this.getAttribute('mode') === 'input') return this._given;
    const src = this.getAttribute('src');
    if (src) {
      try {
        return new URL(src, document.baseURI).href;
      } catch {
        return src;
      }
    }
    if (this.hasAttribute('fragment')) return location.hash.length > 1 ? location.hash : '';
    const selector = MCX_INLINE_TYPES.map((t) => `script[type="${t}"]`).join(',');
    const script = this.querySelector(selector);
    if (script) return script.textContent.trim();
    return this.textContent.trim();
  }

  _options() {
    const attr = (name) => {
      const v = this.getAttribute(name);
      return v === null || v.trim() === '' ? undefined : v.trim();
    };
    const options = {};
    const demo = attr('demo-base');
    if (demo) options.demoBase = new URL(demo, document.baseURI).href;
    const registry = attr('registry');
    if (registry === 'none') options.registry = false;
    else if (registry) options.registry = new URL(registry, document.baseURI).href;
    if (attr('network-key')) options.networkKey = attr('network-key');
    if (attr('now')) options.now = attr('now');
    return options;
  }

  /** Verifies again (e.g. after the credential changed). */
  async refresh() {
    const run = ++this._run;
    const input = this._input();
    this.removeAttribute('data-verdict');
    this._json = null;
    this._link = '';
    if (!input) {
      this._state = 'empty';
      this.removeAttribute('aria-busy');
      await this._render();
      return;
    }
    this._state = 'verifying';
    this.setAttribute('aria-busy', 'true');
    this._render();
    let json;
    try {
      json = await mcxVerifyJson(input, this._options());
    } catch (error) {
      if (run !== this._run) return;
      this._state = 'error';
      this.removeAttribute('aria-busy');
      this._error = error;
      this._render();
      this.dispatchEvent(new CustomEvent('mcx-error', { detail: { error }, bubbles: true, composed: true }));
      return;
    }
    if (run !== this._run) return;
    this._verified = input;
    await this._relink(run);
    if (run !== this._run) return;
    this._json = json;
    this._state = 'done';
    await this._render();
    if (run !== this._run) return;
    const report = JSON.parse(json);
    this.removeAttribute('aria-busy');
    this.setAttribute('data-verdict', report.verdict);
    this.dispatchEvent(
      new CustomEvent('mcx-verified', { detail: { verdict: report.verdict, report }, bubbles: true, composed: true }),
    );
  }

  _languages() {
    const own = this.closest('[lang]');
    return mcxLanguages(own ? own.getAttribute('lang') : undefined);
  }

  async _render() {
    if (this._state === 'error') {
      this._paintError();
      return;
    }
    try {
      await init();
    } catch (error) {
      this._state = 'error';
      this._error = error;
      this._paintError();
      return;
    }
    this._paint();
  }

  _paintError() {
    const wrap = mcxEl('div', 'mcx');
    wrap.dataset.state = 'error';
    const box = mcxEl('span', 'trigger');
    // The texts live in the WebAssembly module, which did not start: only
    // the brand and a sign are shown; the reason is in the console/event.
    box.append(mcxIcon('invalid'), mcxEl('span', 'line', 'MicroCredX ⚠'));
    box.title = String(this._error && this._error.message ? this._error.message : this._error);
    wrap.append(box);
    this._shadow.replaceChildren(wrap);
    this._wrap = null;
    this.setAttribute('data-state', 'error');
  }

  _paint() {
    const wasOpen = this._dialog && this._dialog.open;
    const langs = this._languages();
    // Without a report, reportView gives just the labels.
    const v = JSON.parse(reportView(this._json || '', langs));
    const L = v.labels;
    const mode = this.getAttribute('mode');
    // The wrapper and the input area stay (a visitor's text, the focus);
    // only the badge and the dialog are made anew.
    if (!this._wrap) {
      this._wrap = mcxEl('div', 'mcx');
      this._out = mcxEl('div', 'out');
      this._wrap.append(this._out);
      this._shadow.replaceChildren(this._wrap);
    }
    const wrap = this._wrap;
    wrap.lang = v.lang;
    wrap.dataset.state = this._state;
    wrap.dataset.mode = mode || 'badge';
    this.setAttribute('data-state', this._state);
    if (mode === 'input') {
      this._inputBox(L);
      // A screen reader hears the badge that answers a visitor's check.
      this._out.setAttribute('aria-live', 'polite');
    } else {
      if (this._box) this._box.remove();
      this._out.removeAttribute('aria-live');
    }
    if (mode === 'input' && this._state === 'empty') {
      this._out.replaceChildren();
      this._trigger = this._dialog = null;
      return;
    }
    const trigger = mcxEl('button', 'trigger');
    trigger.type = 'button';
    if (v.verdict) trigger.dataset.verdict = v.verdict;
    const button = mode === 'button';
    if (button) {
      trigger.classList.add('button');
      trigger.append(mcxIcon(v.verdict), mcxEl('span', 'line', L.verify));
      if (v.title) trigger.append(mcxEl('span', 'sr', ` (${v.title})`));
    } else {
      const line = mcxEl('span', 'line');
      if (this._state === 'done') {
        // The verdict, then what and who: on one line where it fits, else
        // the verdict above the rest, which is cut short with an ellipsis
        // (the achievement's name on its own too, when long). The whole
        // text stays in the button's accessible name and its tooltip.
        // The verdict leads; why (for a bad one) and the achievement follow,
        // cut short only when they alone do not fit; the rest (issuer,
        // ECTS) takes what room is left. In a narrow column all but the
        // verdict go to a second line, whose separator is then clipped.
        const parts = v.badgeParts;
        const at = parts.indexOf(v.achievement, 1);
        const flow = mcxEl('span', 'flow');
        flow.append(mcxEl('span', 'part lead', parts[0]));
        if (parts.length > 1) {
          const more = mcxEl('span', 'rest');
          more.append(mcxEl('span', 'sep', ' · '));
          if (at > 0) more.append(mcxEl('span', 'cut what', parts.slice(1, at + 1).join(' · ')));
          const tail = parts.slice(at > 0 ? at + 1 : 1);
          if (tail.length) more.append(mcxEl('span', 'cut tail', (at > 0 ? ' · ' : '') + tail.join(' · ')));
          flow.append(more);
        }
        line.append(flow);
        trigger.title = v.badge;
      } else {
        line.append(mcxEl('span', 'part', this._state === 'empty' ? L.nothingToVerify : L.verifying));
      }
      trigger.append(mcxIcon(v.verdict), line);
      if (this._state === 'done') trigger.append(mcxEl('span', 'sr', ` — ${L.showResult}`));
    }
    if (this._state === 'verifying') trigger.setAttribute('aria-busy', 'true');
    if (this._state === 'empty' || this._state === 'verifying') trigger.disabled = !button || this._state === 'empty';
    trigger.setAttribute('aria-haspopup', 'dialog');
    trigger.addEventListener('click', () => this.open());
    const dialog = this._makeDialog(v, L);
    this._out.replaceChildren(trigger, dialog);
    this._trigger = trigger;
    this._dialog = dialog;
    if (wasOpen) this.open();
  }

  /**
   * mode="input": a paste area, a file chooser and a drop zone, made once
   * (what a visitor typed survives a new result); its words follow `lang`.
   */
  _inputBox(L) {
    if (!this._box) {
      const box = mcxEl('div', 'input');
      const area = mcxEl('textarea');
      area.id = `${this._id}-paste`;
      area.rows = 3;
      area.spellcheck = false;
      area.autocomplete = 'off';
      const label = mcxEl('label');
      label.htmlFor = area.id;
      const file = mcxEl('input');
      file.type = 'file';
      file.accept = '.json,.jsonld,.jwt,.txt,.png,.svg,application/json,application/ld+json,text/plain,image/png,image/svg+xml';
      file.hidden = true;
      const go = mcxEl('button', 'go');
      go.type = 'button';
      const choose = mcxEl('button', 'choose');
      choose.type = 'button';
      const hint = mcxEl('span', 'hint');
      const row = mcxEl('div', 'actions');
      row.append(go, choose, hint);
      box.append(label, area, row, file);
      const check = (given) => {
        this._given = given;
        this.refresh();
      };
      const checkText = () => check(area.value.trim());
      const checkFile = async (f) => {
        area.value = '';
        check(new Uint8Array(await f.arrayBuffer()));
      };
      go.addEventListener('click', checkText);
      area.addEventListener('paste', () => setTimeout(checkText));
      area.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) checkText();
      });
      choose.addEventListener('click', () => file.click());
      file.addEventListener('change', () => {
        if (file.files && file.files[0]) checkFile(file.files[0]);
        file.value = '';
      });
      box.addEventListener('dragover', (e) => {
        e.preventDefault();
        box.classList.add('over');
      });
      box.addEventListener('dragleave', () => box.classList.remove('over'));
      box.addEventListener('drop', (e) => {
        e.preventDefault();
        box.classList.remove('over');
        const f = e.dataTransfer && e.dataTransfer.files[0];
        if (f) checkFile(f);
        else if (e.dataTransfer) {
          area.value = e.dataTransfer.getData('text');
          checkText();
        }
      });
      this._box = box;
      this._boxParts = { label, go, choose, hint };
    }
    const { label, go, choose, hint } = this._boxParts;
    label.textContent = L.inputPaste;
    go.textContent = L.verify;
    choose.textContent = L.inputFile;
    hint.textContent = L.inputHint;
    if (!this._box.isConnected) this._wrap.prepend(this._box);
  }

  _makeDialog(v, L) {
    const dialog = mcxEl('dialog');
    const titleId = `${this._id}-title`;
    dialog.setAttribute('aria-labelledby', titleId);
    const head = mcxEl('div', 'head');
    const h2 = mcxEl('h2', null, L.dialogTitle);
    h2.id = titleId;
    const close = mcxEl('button', 'close', L.close);
    close.type = 'button';
    close.autofocus = true;
    close.addEventListener('click', () => this.close());
    head.append(h2, close);
    const body = mcxEl('div', 'body');
    if (this._state === 'done') body.append(mcxResult(v, L, false, this._link));
    else body.append(mcxEl('p', null, this._state === 'empty' ? L.nothingToVerify : L.verifying));
    dialog.append(head, body);
    // A click on the backdrop (outside the box) closes, like Escape.
    dialog.addEventListener('click', (event) => {
      if (event.target !== dialog) return;
      const r = dialog.getBoundingClientRect();
      const inside = event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom;
      if (!inside) this.close();
    });
    dialog.addEventListener('close', () => {
      if (this._trigger && this._trigger.isConnected) this._trigger.focus();
    });
    return dialog;
  }

  /** Opens the result dialog. */
  open() {
    if (this._dialog && !this._dialog.open) this._dialog.showModal();
  }

  /** Closes the result dialog. */
  close() {
    if (this._dialog && this._dialog.open) this._dialog.close();
  }
}

if (typeof customElements !== 'undefined' && !customElements.get(MCX_TAG)) {
  customElements.define(MCX_TAG, MicroCredXVerify);
}
