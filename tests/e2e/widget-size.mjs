// Size budget of the <mcx-verify> widget (run by `cargo xtask test`, or
// alone: `node tests/e2e/widget-size.mjs` after `cargo xtask build`).
//
// Everything the widget transfers on first use, gzipped (level 9), must stay
// at most 200 KB (200,000 bytes): its script and its WebAssembly module. The
// JSON-LD contexts are bundled inside the module (never fetched; the e2e
// test checks that nothing else is requested), so they are counted with it.
// Both distributions are measured: the single script (mcx-verify.js) and the
// npm ES module (index.js), each with the same .wasm.
//
// With `--by-crate` (or MCX_SIZE_BY_CRATE=1) it also attributes the wasm to
// crates with twiggy (`cargo install twiggy`), from the cargo build output
// optimised with names kept. That part informs; only the budget fails.
//
// Environment: MCX_WIDGET_DIST (default dist/widget).

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { byCrate, gz, kb, sections } from './wasm-size.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const DIST = path.resolve(process.env.MCX_WIDGET_DIST || path.join(ROOT, 'dist', 'widget'));
const BUDGET = 200_000;
const WASM = 'mcx_widget_bg.wasm';

function sizes(file) {
  const bytes = readFileSync(path.join(DIST, file));
  return { file, raw: bytes.length, gzip: gz(bytes) };
}

for (const f of ['mcx-verify.js', 'index.js', WASM]) {
  if (!existsSync(path.join(DIST, f))) {
    console.error(`widget size: ${path.join(DIST, f)} is missing (run \`cargo xtask build\` first)`);
    process.exit(1);
  }
}

const wasm = sizes(WASM);
const rows = [
  { name: 'single script', files: [sizes('mcx-verify.js'), wasm] },
  { name: 'npm ES module', files: [sizes('index.js'), wasm] },
];
console.log(`widget size budget: at most ${kb(BUDGET)} gzipped on first use (${DIST})`);
let worst = 0;
for (const r of rows) {
  const total = r.files.reduce((a, f) => a + f.gzip, 0);
  worst = Math.max(worst, total);
  const parts = r.files.map((f) => `${f.file} ${kb(f.raw)} -> ${kb(f.gzip)}`).join(' + ');
  console.log(`  ${r.name.padEnd(14)} ${kb(total).padStart(9)} gzipped  (${parts})`);
}
const secs = sections(readFileSync(path.join(DIST, WASM)));
console.log(
  `  wasm sections: code ${kb(secs.code?.length ?? 0)} -> ${kb(gz(secs.code ?? Buffer.alloc(0)))}, ` +
    `data (texts, bundled JSON-LD contexts, tables) ${kb(secs.data?.length ?? 0)} -> ${kb(gz(secs.data ?? Buffer.alloc(0)))}`,
);

if (process.argv.includes('--by-crate') || process.env.MCX_SIZE_BY_CRATE) byCrate('mcx_widget.wasm', 'widget');

if (worst > BUDGET) {
  console.log(`widget size: FAIL: ${kb(worst)} is over the budget of ${kb(BUDGET)} by ${kb(worst - BUDGET)}`);
  process.exit(1);
}
console.log(`widget size: ok, ${kb(worst)} of ${kb(BUDGET)} (${kb(BUDGET - worst)} to spare)`);
