// Size and speed of the verifier site, measured in headless Chromium:
// - the gzipped size of everything the first page load transfers;
// - the time from navigation to verdict for a fragment link (#vc=…) on
//   localhost, median of 20 cold loads.
//
// Run alone after `cargo xtask build`: `node tests/e2e/bench.mjs` (starts
// its own server); the e2e suite runs it too (bench.spec.mjs) and checks
// the size budget.

import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './lib.mjs';

/** The first-load size goal, gzipped. */
export const BUDGET = 500 * 1024;
const RUNS = 20;

async function freshPage(browser) {
  // No service worker and an empty cache: a first visit.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    // Runs before <html> exists: watch the whole document.
    new MutationObserver(() => {
      if (document.documentElement?.dataset.state === 'done' && window.__doneAt === undefined) {
        window.__doneAt = performance.now();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-state'] });
  });
  return { page, close: () => context.close() };
}

/** Bytes and gzipped bytes of every response of the first load of `base`. */
export async function firstLoad(browser, base) {
  const { page, close } = await freshPage(browser);
  const responses = [];
  page.on('response', (r) => responses.push(r));
  await page.goto(base, { waitUntil: 'networkidle' });
  await page.waitForSelector('html[data-state="idle"]');
  const files = [];
  for (const r of responses) {
    const body = await r.body().catch(() => Buffer.alloc(0));
    files.push({ url: r.url().replace(base, '/'), bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  await close();
  files.sort((a, b) => b.gzip - a.gzip);
  return { files, total: files.reduce((n, f) => n + f.gzip, 0), raw: files.reduce((n, f) => n + f.bytes, 0) };
}

/** Median and spread of navigation-to-verdict times for `link`. */
export async function timeToVerdict(browser, link, runs = RUNS) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const { page, close } = await freshPage(browser);
    await page.goto(link);
    await page.waitForSelector('html[data-state="done"]');
    const verdict = await page.getAttribute('[data-verdict]', 'data-verdict');
    if (verdict !== 'valid') throw new Error(`expected a valid verdict, got ${verdict}`);
    times.push(await page.evaluate(() => window.__doneAt));
    await close();
  }
  times.sort((a, b) => a - b);
  const median = (times[(runs - 1) >> 1] + times[runs >> 1]) / 2;
  return { median, min: times[0], max: times[times.length - 1], runs };
}

/** A verification link for a demo credential, made by the site itself. */
export async function fragmentLink(browser, base, credential) {
  const { page, close } = await freshPage(browser);
  await page.goto(base);
  await page.fill('#paste', credential);
  await page.click('[data-action="verify"]');
  await page.waitForSelector('[data-share-link]');
  const link = await page.inputValue('[data-share-link]');
  await close();
  return link;
}

/** Runs both measurements and prints them. */
export async function measure(browser, base) {
  const load = await firstLoad(browser, base);
  const credential = readFileSync(path.join(ROOT, 'demo/credentials/valid-robotics-valfiume.json'), 'utf8');
  const link = await fragmentLink(browser, base, credential);
  const speed = await timeToVerdict(browser, link);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log('bench: first page load (gzip -9 of every response):');
  for (const f of load.files) console.log(`bench:   ${kb(f.gzip).padStart(9)}  ${kb(f.bytes).padStart(9)} raw  ${f.url}`);
  console.log(`bench:   total ${kb(load.total)} gzipped (${kb(load.raw)} raw); goal < ${kb(BUDGET)}`);
  console.log(
    `bench: fragment link to verdict, ${speed.runs} cold loads: median ${speed.median.toFixed(0)} ms ` +
      `(min ${speed.min.toFixed(0)}, max ${speed.max.toFixed(0)}); link ${link.length} characters`,
  );
  return { load, speed };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { chromium } = await import('playwright-core');
  const { startServer } = await import('./lib.mjs');
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.MCX_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  try {
    const { load } = await measure(browser, server.url);
    process.exitCode = load.total < BUDGET ? 0 : 1;
  } finally {
    await browser.close();
    server.stop();
  }
}
