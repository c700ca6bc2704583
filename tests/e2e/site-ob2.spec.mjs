// End-to-end tests of Open Badges 2.0 in the site (issue 12): a signed
// assertion (RS256, checked by the browser's WebCrypto) and a hosted one,
// with the badge class, issuer profile, key and revocation list served by
// the issuer (verifier-core/tests/vectors/ob2; here answered by the test
// itself, so nothing leaves the machine), and the recipient check of a
// hashed email address.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertAccessible, assertClean, paste, screenshot, verdict, openSite as open } from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OB2 = path.resolve(HERE, '..', '..', 'verifier-core', 'tests', 'vectors', 'ob2');
const ORIGIN = 'https://badges.th-nordstadt.example';
const read = (f) => readFileSync(path.join(OB2, f), 'utf8');

/** Opens the site with the issuer's server answered from the fixtures. */
async function openWithIssuer(env) {
  const page = await open(env, { origins: [...env.origins, ORIGIN] });
  const served = {};
  for (const f of ['issuer.json', 'key.json', 'badge.json', 'revoked.json', 'hosted-1.json', 'hosted-2-revoked.json']) {
    served[JSON.parse(read(f)).id] = read(f);
  }
  await page.route(`${ORIGIN}/**`, (route) => {
    const body = served[route.request().url()];
    return route.fulfill(
      body === undefined
        ? { status: 404, body: '' }
        : { status: 200, body, headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' } },
    );
  });
  return page;
}

export function register({ test }) {
  test('Open Badges 2.0: a signed badge (RS256 by WebCrypto) checks out and its hashed recipient can be checked', async (env) => {
    const page = await openWithIssuer(env);
    await paste(page, read('signed-1.jws').trim());
    // Genuine, unchanged, the issuer's key, in date, not revoked; its
    // issuer is simply not a member of the network this site trusts.
    const checks = await page.$$eval('[data-check]', (els) => els.map((e) => `${e.dataset.check}:${e.dataset.outcome}:${e.dataset.code ?? ''}`));
    assert.deepEqual(checks, ['signature:pass:', 'key:pass:', 'validity:pass:', 'status:pass:', 'issuer:fail:untrusted_issuer']);
    const card = await page.textContent('.credential-section');
    assert.match(card, /PLC Programming/);
    assert.match(card, /TH Nordstadt/);
    assert.match(await page.textContent('.technical'), /JWS \(RS256\)/);
    assert.match(await page.textContent('[data-check="status"]'), /not revoked/);
    for (const [address, matches] of [['alex@example.org', 'true'], ['sam@example.org', 'false']]) {
      await page.fill('#recipient-address', address);
      await page.click('.recipient-check button');
      await page.waitForSelector(`[data-recipient="${matches}"]`);
    }
    await screenshot(page, 'ob2-signed-recipient-check');
    await assertAccessible(page, 'OB 2.0 result');
    await assertClean(page);
    await page.close_all();
  });

  test('Open Badges 2.0: a hosted badge the issuer has revoked is not valid', async (env) => {
    const page = await openWithIssuer(env);
    await paste(page, read('hosted-2-revoked.json'));
    assert.equal(await verdict(page), 'invalid');
    assert.equal(await page.getAttribute('[data-verdict]', 'data-code'), 'revoked');
    await assertClean(page);
    await page.close_all();
  });
}
