#!/usr/bin/env bash
# Side-by-side speed: our native verifier against @digitalbazaar/vc in Node,
# on the same credentials (signed by the JS library), in one run.
# Prints both medians and the ratio. A benchmark, not a test: machines are noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
runs_rs=${RUNS_RS:-300}
runs_js=${RUNS_JS:-300}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if [ ! -d tests/interop/node_modules/@digitalbazaar/vc ]; then
  echo "installing tests/interop npm packages (npm ci)" >&2
  (cd tests/interop && npm ci --no-audit --no-fund >&2)
fi
echo "building the native timing example (release)" >&2
cargo build -q --release -p mcx-verifier-core --example verify_file
node tests/interop/interop.mjs sign "$out" >/dev/null
printf '%-24s %12s %12s %8s\n' suite "rust ms" "js ms" "js/rust"
for suite in eddsa-rdfc-2022 ed25519-signature-2020 eddsa-jcs-2022; do
  f="$out/js-$suite.json"
  rs=$(target/release/examples/verify_file "$f" "$runs_rs" | sed -E 's/.*"median_ms":([0-9.]+).*/\1/')
  js=$(node tests/interop/interop.mjs bench "$f" "$runs_js" | sed -E 's/.*"median_ms":([0-9.]+).*/\1/')
  ratio=$(python3 -c "print(f'{$js/$rs:.1f}x')")
  printf '%-24s %12s %12s %8s\n' "$suite" "$rs" "$js" "$ratio"
done
