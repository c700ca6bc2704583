// The size budget and the speed measurement of bench.mjs, as part of the suite.

import assert from 'node:assert/strict';
import { BUDGET, measure } from './bench.mjs';

export function register({ test }) {
  test('bench: first load under 500 KB gzipped; fragment link to verdict timed', async (env) => {
    const { load, speed } = await measure(env.browser, env.base);
    assert.ok(load.total < BUDGET, `first load ${load.total} bytes gzipped, budget ${BUDGET}`);
    assert.ok(speed.median < 10_000, `median ${speed.median} ms`);
  }, { slow: true });
}
