// Shared helpers of the browser end-to-end tests: starting the xtask static
// server, pages that record CSP violations, console errors and requests to
// other origins, screenshots, and the axe-core accessibility check.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const FIXTURES = path.join(HERE, 'fixtures');
export const SHOTS = path.join(ROOT, 'artifacts', 'screenshots');

/**
 * The time pages run at: the demo network's reference time (`now` of
 * demo/manifest.json, which the widget's tests pass as its `now` attribute
 * and the CLI's as `--now`). The site verifies at the browser's clock, so
 * with the real one the demo samples would change their verdicts once
 * their documents expire (2031).
 */
export const NOW = JSON.parse(readFileSync(path.join(ROOT, 'demo', 'manifest.json'), 'utf8')).now;

const require = createRequire(import.meta.url);

/** Starts `xtask serve --no-build` on a free port and resolves to { url, stop }. */
export function startServer(extraArgs = []) {
  const args = ['serve', '--no-build', '--quiet', '--port', '0', ...extraArgs];
  const xtask = process.env.MCX_XTASK;
  const child = xtask
    ? spawn(xtask, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn('cargo', ['run', '-q', '-p', 'xtask', '--', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start in 120 s:\n' + out)), 120_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /Serving the verifier on (http:\/\/[^\s]+\/)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${out}`));
    });
  });
}

/** The text of a fixture file. */
export function fixture(name) {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** The absolute path of a fixture file. */
export function fixturePath(name) {
  return path.join(FIXTURES, name);
}

/**
 * Opens a page in a fresh context whose clock stands at `now` (default
 * NOW; timers still run) and records what must not happen: CSP
 * violations, uncaught errors, console errors and requests leaving the
 * served origins. `page.problems()` returns them. `serviceWorkers: 'block'`
 * keeps the site's worker out (so that `page.route` sees every request).
 */
export async function openPage(browser, { origins, locale = 'en-US', viewport, allowed = [], scale = 1, now = NOW, serviceWorkers = 'allow' } = {}) {
  const context = await browser.newContext({
    serviceWorkers,
    locale,
    viewport: viewport ?? { width: 1100, height: 900 },
    deviceScaleFactor: scale,
    acceptDownloads: true,
  });
  await context.clock.setFixedTime(now);
  const page = await context.newPage();
  const problems = [];
  const external = [];
  page.on('console', (msg) => {
    // A missing demo network (no demo/ folder) is not an error of the page.
    if (msg.type() === 'error' && /\/demo\//.test(msg.location()?.url ?? '')) return;
    if (msg.type() === 'error' && !allowed.some((a) => msg.text().includes(a))) {
      problems.push(`console error: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (!origins.some((o) => url.startsWith(o))) external.push(url);
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.problems = async () => {
    const csp = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
    return {
      errors: [...problems],
      csp: csp.filter((v) => !allowed.some((a) => v.includes(a))),
      external: [...external],
    };
  };
  page.close_all = () => context.close();
  return page;
}

/** Saves a full-page screenshot to artifacts/screenshots/<name>.png. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

let axeSource;
/** Runs axe-core in the page; resolves to the serious and critical violations. */
export async function axe(page) {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Waits until the page has finished a check (data-state="done"). */
export async function waitDone(page, timeout = 20_000) {
  await page.waitForSelector('html[data-state="done"]', { timeout });
}

/** The page verdict (data-verdict of the first main banner). */
export async function verdict(page) {
  return page.getAttribute('[data-verdict]', 'data-verdict');
}

/** The demo network's files (demo/). */
export const DEMO = path.join(ROOT, 'demo');
/** The text of a demo file. */
export const demoText = (file) => readFileSync(path.join(DEMO, file), 'utf8');
/** The path of a demo file. */
export const demoPath = (file) => path.join(DEMO, file);

/** Asserts that nothing forbidden happened on the page. */
export async function assertClean(page) {
  const p = await page.problems();
  assert.deepEqual(p.errors, [], 'console or page errors');
  assert.deepEqual(p.csp, [], 'CSP violations');
  assert.deepEqual(p.external, [], 'requests to other origins');
}

/** Asserts zero serious or critical axe violations. */
export async function assertAccessible(page, label) {
  const violations = await axe(page);
  assert.deepEqual(violations, [], `axe violations (${label}): ${JSON.stringify(violations, null, 1)}`);
}

/** Opens the site (or `options.url`) in a fresh page. */
export async function openSite(env, options = {}) {
  const page = await openPage(env.browser, { origins: env.origins, ...options });
  await page.goto(options.url ?? env.base);
  await page.waitForSelector('#main');
  return page;
}

/** Pastes `text` into the site's box and waits for the result. */
export async function paste(page, text) {
  await page.fill('#paste', text);
  await page.click('[data-action="verify"]');
  await waitDone(page);
}
