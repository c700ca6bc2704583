// What the size budgets of the widget (widget-size.mjs) and the site
// (site-size.mjs) share: gzip and KB as they count them, a wasm module's
// sections, and the attribution of a module to crates with twiggy.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');

/** Gzipped size (level 9), as the budgets count it. */
export const gz = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;
/** Bytes as KB (1,000 bytes) with one decimal. */
export const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

/** The sections of a wasm module (id -> bytes), to show code versus data. */
export function sections(bytes) {
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

/** Attributes an optimised wasm to crates (twiggy over a copy that keeps names). */
export function byCrate(artifact, label) {
  const target = process.env.CARGO_TARGET_DIR ? path.resolve(ROOT, process.env.CARGO_TARGET_DIR) : path.join(ROOT, 'target');
  const raw = path.join(target, 'wasm32-unknown-unknown', 'wasm-release', artifact);
  const wasmOpt = path.join(HERE, 'node_modules', '.bin', 'wasm-opt');
  if (!existsSync(raw) || !existsSync(wasmOpt)) {
    console.log(`  ${label} by crate: skipped (needs ${raw} and ${wasmOpt})`);
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
    console.log(`  ${label} wasm by crate (optimised, before gzip; ${kb(all)} counted):`);
    for (const [crate, size] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
      console.log(`    ${kb(size).padStart(9)} ${((100 * size) / all).toFixed(1).padStart(5)}%  ${crate}`);
    }
  } catch (e) {
    console.log(`  ${label} by crate: skipped (${String(e.message).split('\n')[0]}; \`cargo install twiggy\` for it)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
