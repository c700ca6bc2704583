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

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const DIST = path.resolve(process.env.MCX_WIDGET_DIST || path.join(ROOT, 'dist', 'widget'));
const BUDGET = 200_000;
const WASM = 'mcx_widget_bg.wasm';

const gz = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

function sizes(file) {
  const bytes = readFileSync(path.join(DIST, file));
  return { file, raw: bytes.length, gzip: gz(bytes) };
}

/** The sections of a wasm module (id -> bytes), to show code versus data. */
function sections(bytes) {
  const names = { 0: 'custom', 1: 'type', 2: 'import', 3: 'function', 7: 'export', 9: 'element', 10: 'code', 11: 'data' };
  const out = {};
  let i = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[i++];
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) return result;
    }
  };
  while (i < bytes.length) {
    const id = bytes[i++];
    const len = leb();
    const name = names[id] ?? 'other';
    out[name] = Buffer.concat([out[name] ?? Buffer.alloc(0), bytes.subarray(i, i + len)]);
    i += len;
  }
  return out;
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

if (process.argv.includes('--by-crate') || process.env.MCX_SIZE_BY_CRATE) byCrate();

if (worst > BUDGET) {
  console.log(`widget size: FAIL: ${kb(worst)} is over the budget of ${kb(BUDGET)} by ${kb(worst - BUDGET)}`);
  process.exit(1);
}
console.log(`widget size: ok, ${kb(worst)} of ${kb(BUDGET)} (${kb(BUDGET - worst)} to spare)`);

/** Attributes the optimised wasm to crates (twiggy over a copy that keeps names). */
function byCrate() {
  const target = process.env.CARGO_TARGET_DIR ? path.resolve(ROOT, process.env.CARGO_TARGET_DIR) : path.join(ROOT, 'target');
  const raw = path.join(target, 'wasm32-unknown-unknown', 'wasm-release', 'mcx_widget.wasm');
  const wasmOpt = path.join(HERE, 'node_modules', '.bin', 'wasm-opt');
  if (!existsSync(raw) || !existsSync(wasmOpt)) {
    console.log(`  by crate: skipped (needs ${raw} and ${wasmOpt})`);
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mcx-size-'));
  try {
    execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-debug', '--out-name', 'w', '--out-dir', dir, raw]);
    const named = path.join(dir, 'named.wasm');
    const features = ['bulk-memory', 'bulk-memory-opt', 'mutable-globals', 'nontrapping-float-to-int', 'sign-ext', 'reference-types', 'multivalue'];
    execFileSync(wasmOpt, ['-Oz', '-g', ...features.map((f) => `--enable-${f}`), path.join(dir, 'w_bg.wasm'), '-o', named]);
    const csv = execFileSync('twiggy', ['top', '-n', '1000000', '-f', 'csv', named], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const totals = new Map();
    for (const line of csv.split('\n').slice(1)) {
      const m = /^("(?:[^"]|"")*"|[^,]*),(\d+),/.exec(line);
      if (!m) continue;
      const name = m[1].replace(/^"|"$/g, '').replace(/""/g, '"');
      const size = Number(m[2]);
      let crate;
      if (/subsection|custom section|^producers/.test(name)) continue; // names etc.: not in dist
      else if (/^data segment/.test(name)) crate = 'data (texts, bundled contexts, tables)';
      else {
        const first = /^[<&*( ]*(?:impl )?([A-Za-z_][A-Za-z0-9_]*)/.exec(name)?.[1] ?? '?';
        crate = ['core', 'alloc', 'std'].includes(first) ? 'core/alloc (generics instantiated for the crates below)' : first;
      }
      totals.set(crate, (totals.get(crate) ?? 0) + size);
    }
    const all = [...totals.values()].reduce((a, b) => a + b, 0);
    console.log(`  wasm by crate (optimised, before gzip; ${kb(all)} counted):`);
    for (const [crate, size] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 16)) {
      console.log(`    ${kb(size).padStart(9)} ${((100 * size) / all).toFixed(1).padStart(5)}%  ${crate}`);
    }
  } catch (e) {
    console.log(`  by crate: skipped (${String(e.message).split('\n')[0]}; \`cargo install twiggy\` for it)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
