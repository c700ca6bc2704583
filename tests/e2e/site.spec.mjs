// End-to-end tests of the verifier site (site/): every input path, the
// verdicts, the share round trip, hostile content, languages, accessibility.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { axe, fixture, fixturePath, openPage, screenshot, verdict, waitDone } from './lib.mjs';

/** Asserts that nothing forbidden happened on the page. */
async function assertClean(page, { external = [] } = {}) {
  const p = await page.problems();
  assert.deepEqual(p.errors, [], 'console or page errors');
  assert.deepEqual(p.csp, [], 'CSP violations');
  assert.deepEqual(p.external.filter((u) => !external.some((e) => u.startsWith(e))), [], 'requests to other origins');
}

/** Asserts zero serious or critical axe violations. */
async function assertAccessible(page, label) {
  const violations = await axe(page);
  assert.deepEqual(violations, [], `axe violations (${label}): ${JSON.stringify(violations, null, 1)}`);
}

async function open(env, options = {}) {
  const page = await openPage(env.browser, { origins: env.origins, ...options });
  await page.goto(options.url ?? env.base);
  await page.waitForSelector('#main');
  return page;
}

async function paste(page, text) {
  await page.fill('#paste', text);
  await page.click('[data-action="verify"]');
  await waitDone(page);
}

async function upload(page, ...names) {
  await page.setInputFiles('[data-file-input]', names.map(fixturePath));
  await waitDone(page);
}

async function headlineCode(page) {
  return page.getAttribute('.result .check-fail', 'data-code');
}

export function register({ test }) {
  test('idle page: state, no errors, accessible', async (env) => {
    const page = await open(env);
    assert.equal(await page.getAttribute('html', 'data-state'), 'idle');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    await screenshot(page, 'idle-desktop');
    await assertAccessible(page, 'idle');
    await assertClean(page);
    await page.close_all();
  });

  test('idle page on a phone', async (env) => {
    const page = await open(env, { viewport: { width: 390, height: 844 } });
    await screenshot(page, 'idle-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, 'no horizontal scrolling on a phone');
    await page.close_all();
  });

  test('paste JSON: valid, explained, accessible', async (env) => {
    const page = await open(env);
    await paste(page, fixture('valid.json'));
    assert.equal(await verdict(page), 'valid');
    const banner = await page.textContent('[data-verdict]');
    assert.match(banner, /Genuine and valid/);
    assert.match(banner, /Technische Hochschule Demo/);
    assert.equal(await page.getAttribute('[data-check="signature"]', 'data-outcome'), 'pass');
    assert.match(await page.textContent('[data-check="signature"]'), /nobody has changed this credential/);
    assert.match(await page.textContent('.credential-section'), /Predictive Maintenance with Machine Learning/);
    assert.match(await page.textContent('.credential-section'), /5 ECTS/);
    assert.match(await page.textContent('.eu-elements'), /mandatory elements are stated/);
    await screenshot(page, 'valid-desktop');
    await assertAccessible(page, 'valid');
    await assertClean(page);
    await page.close_all();
  });

  test('valid result on a phone', async (env) => {
    const page = await open(env, { viewport: { width: 390, height: 844 } });
    await paste(page, fixture('valid.json'));
    assert.equal(await verdict(page), 'valid');
    await screenshot(page, 'valid-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, 'no horizontal scrolling on a phone');
    await page.close_all();
  });

  test('paste JWT: valid', async (env) => {
    const page = await open(env);
    await paste(page, fixture('valid.jwt'));
    assert.equal(await verdict(page), 'valid');
    assert.match(await page.textContent('.technical'), /JWT/);
    await assertClean(page);
    await page.close_all();
  });

  test('empty paste: message, stays idle', async (env) => {
    const page = await open(env);
    await page.click('[data-action="verify"]');
    await page.waitForSelector('.input-message');
    assert.equal(await page.getAttribute('html', 'data-state'), 'idle');
    await page.close_all();
  });

  test('file picker: JSON, baked PNG, baked SVG', async (env) => {
    const page = await open(env);
    for (const name of ['valid.json', 'baked.png', 'baked.svg']) {
      await upload(page, name);
      assert.equal(await verdict(page), 'valid', name);
    }
    assert.match(await page.textContent('.technical'), /baked SVG/);
    await assertClean(page);
    await page.close_all();
  });

  test('drag and drop a file', async (env) => {
    const page = await open(env);
    const text = fixture('valid.json');
    await page.evaluate((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'dropped.json', { type: 'application/json' }));
      const zone = document.querySelector('[data-dropzone]');
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, text);
    await waitDone(page);
    assert.equal(await verdict(page), 'valid');
    await page.close_all();
  });

  test('tampered credential: invalid signature', async (env) => {
    const page = await open(env);
    await upload(page, 'tampered.json');
    assert.equal(await verdict(page), 'invalid');
    assert.equal(await headlineCode(page), 'invalid_signature');
    assert.match(await page.textContent('[data-verdict]'), /changed after it was signed/);
    await screenshot(page, 'invalid-tampered');
    await assertAccessible(page, 'invalid');
    await page.close_all();
  });

  test('expired credential: invalid, says when', async (env) => {
    const page = await open(env);
    await upload(page, 'expired.json');
    assert.equal(await verdict(page), 'invalid');
    assert.equal(await headlineCode(page), 'expired');
    assert.match(await page.textContent('[data-verdict]'), /expired on 15 January 2022/);
    await page.close_all();
  });

  test('W3C vector signed by a key its issuer does not control: wrong key', async (env) => {
    const page = await open(env);
    await upload(page, 'w3c-signedJCS.json');
    assert.equal(await verdict(page), 'invalid');
    assert.equal(await headlineCode(page), 'wrong_key');
    await page.close_all();
  });

  test('picture without credential or QR code: explained', async (env) => {
    const page = await open(env);
    await upload(page, 'plain.png');
    assert.match(await page.textContent('.problems'), /no QR code was found/);
    await page.close_all();
  });

  test('hostile credential: HTML and script shown as text, no remote image', async (env) => {
    const page = await open(env);
    await paste(page, fixture('hostile.json'));
    assert.equal(await verdict(page), 'valid');
    const text = await page.textContent('.credential-section');
    assert.ok(text.includes('<img src=x onerror="window.__pwned=3">Robotics'), 'achievement name as text');
    assert.ok(text.includes('<b>Evil</b> University'), 'issuer name as text');
    assert.ok(text.includes('<script>window.__pwned=4</script>'), 'description as text');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no injected script ran');
    assert.equal(await page.locator('#main script, #main b, #main a[href^="javascript"]').count(), 0, 'no injected elements');
    assert.equal(await page.locator('#main img').count(), 0, 'remote badge image not shown');
    await screenshot(page, 'hostile');
    await assertClean(page);
    await page.close_all();
  });

  test('share link round trip, LinkedIn link, report download, QR picture', async (env) => {
    // A sharp picture of the QR code, as a phone camera would take it.
    const page = await open(env, { scale: 3 });
    await paste(page, fixture('valid.json'));
    assert.equal(await verdict(page), 'valid');
    const link = await page.inputValue('[data-share-link]');
    assert.ok(link.startsWith(env.base + '#vc='), link);
    const linkedin = await page.getAttribute('[data-action="linkedin"]', 'href');
    const params = new URL(linkedin).searchParams;
    assert.equal(new URL(linkedin).origin + new URL(linkedin).pathname, 'https://www.linkedin.com/profile/add');
    assert.equal(params.get('certUrl'), link);
    assert.equal(params.get('name'), 'Predictive Maintenance with Machine Learning');
    assert.equal(params.get('organizationName'), 'Technische Hochschule Demo');
    assert.equal(params.get('issueYear'), '2026');
    assert.equal(params.get('expirationYear'), '2031');
    await screenshot(page, 'share-panel');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-report"]')]);
    const report = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(report.verdict, 'valid');
    assert.ok(Array.isArray(report.checks));

    const qr = await page.locator('.qr-code').screenshot();
    await page.close_all();

    // The link opened fresh gives the same verdict.
    const again = await open(env, { url: link });
    await waitDone(again);
    assert.equal(await verdict(again), 'valid');
    assert.match(await again.textContent('.technical'), /verification link/);
    await assertClean(again);
    await again.close_all();

    // A picture of the QR code, uploaded, gives the same verdict.
    const third = await open(env);
    await third.setInputFiles('[data-file-input]', { name: 'qr.png', mimeType: 'image/png', buffer: qr });
    await waitDone(third);
    assert.equal(await verdict(third), 'valid');
    await third.close_all();
  });

  test('?url= to a same-origin credential', async (env) => {
    const page = await open(env, { url: `${env.base}?url=${encodeURIComponent('fixtures/valid.json')}` });
    await waitDone(page);
    assert.equal(await verdict(page), 'valid');
    assert.match(await page.textContent('.technical'), /hosted credential/);
    await page.close_all();
  });

  test('?url= to another origin: explained in plain words', async (env) => {
    const target = `${env.other}fixtures/valid.json`;
    const page = await open(env, {
      url: `${env.base}?url=${encodeURIComponent(target)}`,
      allowed: ['connect-src', 'Content Security Policy', 'Failed to fetch', 'net::ERR'],
    });
    await waitDone(page);
    assert.equal(await verdict(page), 'unverifiable');
    assert.match(await page.textContent('[data-verdict]'), /CORS/);
    await screenshot(page, 'unverifiable-url');
    await assertAccessible(page, 'unverifiable');
    await page.close_all();
  });

  test('portfolio: several files, ECTS of the valid ones', async (env) => {
    const page = await open(env);
    await upload(page, 'valid.json', 'valid.jwt', 'expired.json');
    assert.equal(await page.locator('[data-verdict]').count(), 3);
    assert.equal(await page.getAttribute('[data-portfolio]', 'data-valid-count'), '2');
    assert.equal(await page.getAttribute('[data-portfolio]', 'data-total-ects'), '10');
    await screenshot(page, 'portfolio');
    await assertAccessible(page, 'portfolio');
    await page.close_all();
  });

  test('German from the browser language, switchable to English', async (env) => {
    const page = await open(env, { locale: 'de-DE' });
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    await paste(page, fixture('valid.json'));
    assert.match(await page.textContent('[data-verdict]'), /Echt und gültig/);
    await screenshot(page, 'valid-german');
    await assertAccessible(page, 'german');
    await page.selectOption('[data-action="language"]', 'en');
    assert.match(await page.textContent('[data-verdict]'), /Genuine and valid/);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.close_all();
  });

  test('camera: no camera is explained', async (env) => {
    const page = await open(env);
    await page.click('[data-action="camera"]');
    await page.waitForSelector('.camera-message.problem');
    assert.match(await page.textContent('.camera-message'), /camera/);
    await page.close_all();
  });

  test('keyboard: the paste box and the check button are reachable', async (env) => {
    const page = await open(env);
    await page.focus('#paste');
    await page.keyboard.insertText(fixture('valid.json'));
    await page.keyboard.press('Control+Enter');
    await waitDone(page);
    assert.equal(await verdict(page), 'valid');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-verdict'));
    assert.equal(focused, 'valid', 'focus moves to the verdict');
    await page.close_all();
  });
}
