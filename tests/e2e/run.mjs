// Browser end-to-end test runner (started by `cargo xtask test`, or alone:
// `node tests/e2e/run.mjs [name-filter]` after `cargo xtask build`).
//
// Serves dist/ with the xtask server on a free port (plus demo/ and the test
// fixtures), drives /usr/bin/chromium headless with playwright-core, and runs
// every test registered by the *.spec.mjs files of this folder. Ends with
// "N passed, N failed".

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { HERE, FIXTURES, startServer } from './lib.mjs';

const filter = process.argv[2] ?? '';
const executablePath = process.env.MCX_CHROMIUM || '/usr/bin/chromium';
const TEST_TIMEOUT = 60_000;

const tests = [];
function test(name, fn, options = {}) {
  tests.push({ name, fn, options });
}

for (const file of readdirSync(HERE).filter((f) => f.endsWith('.spec.mjs')).sort()) {
  const spec = await import(pathToFileURL(path.join(HERE, file)).href);
  spec.register({ test });
}

const selected = tests.filter((t) => t.name.includes(filter));
console.log(`e2e: ${selected.length} tests, chromium at ${executablePath}`);

const main = await startServer(['--mount', `/fixtures/=${FIXTURES}`]);
// A second origin (another port), for cross-origin cases.
const other = await startServer(['--mount', `/fixtures/=${FIXTURES}`]);
console.log(`e2e: site at ${main.url}, second origin at ${other.url}`);

const launchArgs = ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'];
const browser = await chromium.launch({ executablePath, headless: true, args: launchArgs });
const env = {
  browser,
  base: main.url,
  other: other.url,
  origins: [main.url.replace(/\/$/, ''), other.url.replace(/\/$/, '')],
  launch: (args) => chromium.launch({ executablePath, headless: true, args: [...launchArgs, ...args] }),
};

let passed = 0;
let failed = 0;
const failures = [];
for (const t of selected) {
  const started = Date.now();
  let timer;
  try {
    await Promise.race([
      t.fn(env),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${TEST_TIMEOUT} ms`)), TEST_TIMEOUT);
      }),
    ]);
    passed += 1;
    console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
  } catch (error) {
    failed += 1;
    failures.push(t.name);
    console.log(`FAIL ${t.name} (${Date.now() - started} ms)\n     ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n     ')}`);
  } finally {
    clearTimeout(timer);
  }
}

await browser.close();
main.stop();
other.stop();

if (failures.length) console.log(`\nfailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
