// End-to-end tests of the verifier site (site/): every input path, every
// verdict of the demo network, portfolios and combined offers, the share
// round trip, hostile content, languages, accessibility.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { assertAccessible, assertClean, DEMO, demoPath, demoText, fixture, fixturePath, NOW, openPage, paste, ROOT, screenshot, SHOTS, verdict, waitDone, openSite as open } from './lib.mjs';

const manifest = JSON.parse(readFileSync(path.join(DEMO, 'manifest.json'), 'utf8'));
const VALID = 'credentials/valid-robotics-valfiume.json';

async function upload(page, ...files) {
  await page.setInputFiles('[data-file-input]', files);
  await waitDone(page);
}

/**
 * A one-frame Y4M video (what Chromium's fake camera plays in a loop) of the
 * QR code drawn on the page: its SVG path is "M{x} {y}h1v1h-1z" per module.
 */
function qrVideo(svgPath, size) {
  const scale = 4;
  const side = size * scale;
  const luma = Buffer.alloc(side * side, 255);
  for (const m of svgPath.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    const [x, y] = [Number(m[1]), Number(m[2])];
    for (let dy = 0; dy < scale; dy++) luma.fill(0, (y * scale + dy) * side + x * scale, (y * scale + dy) * side + (x + 1) * scale);
  }
  const chroma = Buffer.alloc((side / 2) * (side / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${side} H${side} F10:1 Ip A1:1 C420jpeg\nFRAME\n`);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'mcx-camera-')), 'qr.y4m');
  writeFileSync(file, Buffer.concat([header, luma, chroma]));
  return file;
}

const code = (page) => page.getAttribute('[data-verdict]', 'data-code');
const noOverflow = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

export function register({ test }) {
  test('idle page: state, samples of the demo network, no errors, accessible', async (env) => {
    const page = await open(env);
    assert.equal(await page.getAttribute('html', 'data-state'), 'idle');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    await page.waitForSelector('[data-sample]');
    assert.equal(await page.locator('[data-sample]').count(), manifest.samples.length);
    await screenshot(page, 'idle-desktop');
    await assertAccessible(page, 'idle');
    await assertClean(page);
    await page.close_all();
  });

  test('idle page on a phone', async (env) => {
    const page = await open(env, { viewport: { width: 390, height: 844 } });
    await page.waitForSelector('[data-sample]');
    await screenshot(page, 'idle-phone');
    assert.ok(await noOverflow(page), 'no horizontal scrolling on a phone');
    await page.close_all();
  });

  test('paste JSON: valid, network member, explained, accessible', async (env) => {
    const page = await open(env);
    await paste(page, demoText(VALID));
    assert.equal(await verdict(page), 'valid');
    const banner = await page.textContent('[data-verdict]');
    assert.match(banner, /Genuine and valid/);
    assert.match(banner, /Politecnico di Valfiume/);
    for (const check of ['signature', 'key', 'validity', 'status', 'issuer']) {
      assert.equal(await page.getAttribute(`.result [data-check="${check}"]`, 'data-outcome'), 'pass', check);
    }
    assert.match(await page.textContent('[data-check="signature"]'), /nobody has changed this credential/);
    const credential = await page.textContent('.credential-section');
    assert.match(credential, /Industrial Robotics/);
    assert.match(credential, /5 ECTS/);
    assert.equal(await page.$('.content-warning'), null, 'a verified credential carries no warning');
    assert.match(await page.textContent('[data-field="membership"]'), /active/);
    assert.match(await page.textContent('.eu-elements'), /mandatory elements are stated/);
    await screenshot(page, 'valid-desktop');
    await screenshot(page, 'valid-desktop-first-screen', { fullPage: false });
    await assertAccessible(page, 'valid');
    await assertClean(page);
    await page.close_all();
  });

  test('valid result on a phone', async (env) => {
    const page = await open(env, { viewport: { width: 390, height: 844 } });
    await paste(page, demoText(VALID));
    assert.equal(await verdict(page), 'valid');
    await screenshot(page, 'valid-phone');
    await screenshot(page, 'valid-phone-first-screen', { fullPage: false });
    assert.ok(await noOverflow(page), 'no horizontal scrolling on a phone');
    await page.close_all();
  });

  test('paste JWT (did:web issuer): valid', async (env) => {
    const page = await open(env);
    await paste(page, demoText('credentials/valid-plc-thn.jwt'));
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

  test('every sample of the demo network gives its expected verdict and reason', async (env) => {
    const page = await openPage(env.browser, { origins: env.origins });
    for (const sample of manifest.samples) {
      await page.goto(`${env.base}?url=${encodeURIComponent(`demo/${sample.file}`)}`);
      await waitDone(page);
      assert.equal(await verdict(page), sample.verdict, sample.file);
      assert.equal(await code(page), sample.code, `${sample.file} headline code`);
    }
    await assertClean(page);
    await page.close_all();
  });

  test('a sample link on the page opens and verifies', async (env) => {
    const page = await open(env);
    await page.click('[data-sample-code="revoked"]');
    await waitDone(page);
    assert.equal(await verdict(page), 'invalid');
    assert.equal(await code(page), 'revoked');
    assert.match(await page.textContent('[data-verdict]'), /revoked/);
    await screenshot(page, 'invalid-revoked');
    await assertAccessible(page, 'revoked');
    await page.close_all();
  });

  test('file picker: JSON, baked PNG, baked SVG', async (env) => {
    const page = await open(env);
    for (const file of [demoPath(VALID), fixturePath('baked.png'), fixturePath('baked.svg')]) {
      await upload(page, file);
      assert.equal(await verdict(page), 'valid', file);
    }
    assert.match(await page.textContent('.technical'), /baked SVG/);
    await assertClean(page);
    await page.close_all();
  });

  test('drag and drop a file', async (env) => {
    const page = await open(env);
    await page.evaluate((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'dropped.json', { type: 'application/json' }));
      const zone = document.querySelector('[data-dropzone]');
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, demoText(VALID));
    await waitDone(page);
    assert.equal(await verdict(page), 'valid');
    await page.close_all();
  });

  test('tampered credential: invalid signature, explained', async (env) => {
    const page = await open(env);
    await upload(page, demoPath('credentials/tampered-robotics-valfiume.json'));
    assert.equal(await verdict(page), 'invalid');
    assert.equal(await code(page), 'invalid_signature');
    assert.match(await page.textContent('[data-verdict]'), /changed after it was signed/);
    // The changed contents are shown, but under a warning not to rely on them.
    assert.match(await page.textContent('.credential-section .content-warning'), /Do not rely on it/);
    await screenshot(page, 'invalid-tampered');
    await assertAccessible(page, 'invalid');
    await page.close_all();
  });

  test('expired credential: says when', async (env) => {
    const page = await open(env);
    await upload(page, demoPath('credentials/expired-pm-valfiume.json'));
    assert.equal(await code(page), 'expired');
    assert.match(await page.textContent('[data-verdict]'), /expired on \d+ \w+ \d{4}/);
    await page.close_all();
  });

  test('status list unreachable: could not be fully checked', async (env) => {
    const page = await open(env);
    await upload(page, demoPath('credentials/status-unavailable-castelmar.json'));
    assert.equal(await verdict(page), 'unverifiable');
    assert.match(await page.textContent('[data-verdict]'), /Could not be fully checked/);
    await screenshot(page, 'unverifiable-status');
    await assertAccessible(page, 'unverifiable');
    await page.close_all();
  });

  test('W3C vector signed by a key its issuer does not control: wrong key', async (env) => {
    const page = await open(env);
    await upload(page, fixturePath('w3c-signedJCS.json'));
    assert.equal(await verdict(page), 'invalid');
    assert.equal(await code(page), 'wrong_key');
    await page.close_all();
  });

  test('picture without credential or QR code: explained', async (env) => {
    const page = await open(env);
    await upload(page, fixturePath('plain.png'));
    assert.match(await page.textContent('.problems'), /no QR code was found/);
    await page.close_all();
  });

  test('hostile credential: HTML and script shown as text, no remote image', async (env) => {
    const page = await open(env);
    await paste(page, fixture('hostile.json'));
    assert.equal(await code(page), 'untrusted_issuer');
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

  test('badge image: a data: image inside the credential is shown', async (env) => {
    const page = await open(env);
    await paste(page, fixture('image.json'));
    await page.waitForSelector('.badge-image');
    const src = await page.getAttribute('.badge-image', 'src');
    assert.ok(src.startsWith('data:image/png;base64,'));
    assert.match(await page.getAttribute('.badge-image', 'alt'), /Embedded Badge Image/);
    assert.ok(await page.evaluate(() => document.querySelector('.badge-image').naturalWidth > 0), 'image decoded');
    await assertClean(page);
    await page.close_all();
  });

  test('share link round trip, LinkedIn link, report download, QR picture', async (env) => {
    const credential = JSON.parse(demoText(VALID));
    // A sharp picture of the QR code, as a phone camera would take it.
    const page = await open(env, { scale: 3 });
    await paste(page, demoText(VALID));
    assert.equal(await verdict(page), 'valid');
    const link = await page.inputValue('[data-share-link]');
    assert.ok(link.startsWith(env.base + '#vc='), link);
    // Version 1: DEFLATE with the preset dictionary, base64url (README: the verification-link payload).
    assert.match(link, /#vc=1\.[A-Za-z0-9_-]+$/);
    assert.ok(link.length < env.base.length + 940, `${link.length} characters`);
    // Its QR code holds the same link in base32, at level M and at most version 25.
    assert.equal(await page.getAttribute('.qr-code', 'data-qr-level'), 'M');
    assert.ok(Number(await page.getAttribute('.qr-code', 'data-qr-version')) <= 25);
    const linkedin = new URL(await page.getAttribute('[data-action="linkedin"]', 'href'));
    assert.equal(linkedin.origin + linkedin.pathname, 'https://www.linkedin.com/profile/add');
    const params = linkedin.searchParams;
    assert.equal(params.get('startTask'), 'CERTIFICATION_NAME');
    assert.equal(params.get('certUrl'), link);
    assert.equal(params.get('name'), credential.credentialSubject.achievement.name);
    assert.equal(params.get('organizationName'), credential.issuer.name);
    assert.equal(params.get('issueYear'), credential.validFrom.slice(0, 4));
    assert.equal(params.get('issueMonth'), String(Number(credential.validFrom.slice(5, 7))));
    assert.equal(params.get('expirationYear'), credential.validUntil.slice(0, 4));
    assert.equal(params.get('certId'), credential.id);
    await screenshot(page, 'share-panel');
    await page.locator('.share').screenshot({ path: path.join(SHOTS, 'share-panel-qr.png') });

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base });
    await page.click('[data-action="copy-link"]');
    await page.waitForSelector('.copy-status:has-text("Copied")');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

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

  test('version 1 links written by another zlib open, in base64url and in the QR form (base32)', async (env) => {
    // Node's zlib with the preset dictionary, as the README says any zlib can.
    const dictionary = readFileSync(path.join(ROOT, 'verifier-core/src/input/dictionary_v1.txt'));
    const bytes = zlib.deflateRawSync(Buffer.from(demoText(VALID), 'utf8'), { level: 9, dictionary });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let bits = '';
    for (const b of bytes) bits += b.toString(2).padStart(8, '0');
    bits = bits.padEnd(Math.ceil(bits.length / 5) * 5, '0');
    const base32 = bits.match(/.{5}/g).map((c) => alphabet[parseInt(c, 2)]).join('');
    for (const payload of [`1.${bytes.toString('base64url')}`, `1:${base32}`]) {
      const page = await open(env, { url: `${env.base}#vc=${payload}` });
      await waitDone(page);
      assert.equal(await verdict(page), 'valid', payload.slice(0, 2));
      assert.match(await page.textContent('.technical'), /verification link/);
      await assertClean(page);
      await page.close_all();
    }
  });

  test('?url= to another origin: explained in plain words', async (env) => {
    const target = `${env.other}demo/${VALID}`;
    const page = await open(env, {
      url: `${env.base}?url=${encodeURIComponent(target)}`,
      allowed: ['connect-src', 'Content Security Policy', 'Failed to fetch', 'net::ERR'],
    });
    await waitDone(page);
    assert.equal(await verdict(page), 'unverifiable');
    const banner = await page.textContent('[data-verdict]');
    assert.match(banner, /CORS/);
    assert.ok(banner.includes(target), 'names the address');
    await screenshot(page, 'unverifiable-url');
    await page.close_all();
  });

  test('portfolio of files: ECTS per issuer, a completed combined offer', async (env) => {
    const page = await open(env);
    await upload(
      page,
      demoPath('credentials/valid-plc-thn.json'),
      demoPath('credentials/valid-robotics-valfiume.json'),
      demoPath('credentials/valid-iot-castelmar.json'),
      demoPath('credentials/expired-pm-valfiume.json'),
    );
    assert.equal(await page.locator('[data-verdict]').count(), 4);
    assert.equal(await page.getAttribute('[data-portfolio]', 'data-valid-count'), '3');
    assert.equal(await page.getAttribute('[data-portfolio]', 'data-total-ects'), '15');
    await page.waitForSelector('[data-offer]');
    assert.equal(
      await page.getAttribute('[data-offer$="industry-4-automation-specialist"]', 'data-completion'),
      'complete',
    );
    await screenshot(page, 'portfolio');
    await screenshot(page, 'portfolio-first-screen', { fullPage: false });
    await assertAccessible(page, 'portfolio');
    await assertClean(page);
    await page.close_all();
  });

  test('an RDF-signed credential rewritten to show another achievement shows what was signed (#vc= link)', async (env) => {
    // The demo's eddsa-rdfc-2022 credential, rewritten so that its JSON says
    // "Quantum Surgery" while its quads, and so its signature, are unchanged.
    const text = fixture('fake-name-rdfc.json');
    const payload = zlib.deflateRawSync(Buffer.from(text, 'utf8')).toString('base64url');
    const page = await open(env, { url: `${env.base}#vc=${payload}` });
    await waitDone(page);
    assert.equal(await verdict(page), 'valid');
    const shown = await page.textContent('#main');
    assert.ok(shown.includes('IoT Sensor Networks for Industry 4.0'), 'the signed name');
    assert.ok(!shown.includes('Quantum'), 'never the unsigned one');
    await screenshot(page, 'rdfc-rewritten-link');
    await page.close_all();
  });

  test('a credential opened from its hosted address is shared by that short address', async (env) => {
    const page = await open(env, { url: `${env.base}?url=${encodeURIComponent('demo/credentials/valid-plc-thn.json')}` });
    await waitDone(page);
    assert.equal(await verdict(page), 'valid');
    const link = await page.inputValue('[data-share-link]');
    assert.equal(link, `${env.base}?url=demo%2Fcredentials%2Fvalid-plc-thn.json`);
    const linkedin = new URL(await page.getAttribute('[data-action="linkedin"]', 'href'));
    assert.equal(linkedin.searchParams.get('certUrl'), link);
    // The panel says where this link leads, not that the credential rides in it.
    const body = await page.textContent('body');
    assert.match(body, /where its issuer publishes it/);
    assert.doesNotMatch(body, /after the # sign/);
    await page.close_all();
  });

  test('printing a result gives a verification record: verdict, checks, check time, QR code', async (env) => {
    const page = await open(env);
    await paste(page, demoText(VALID));
    assert.equal(await verdict(page), 'valid');
    await page.emulateMedia({ media: 'print' });
    const shown = (selector) => page.locator(selector).first().isVisible();
    assert.equal(await shown('.input-panel'), false, 'no input box on paper');
    assert.equal(await shown('[data-action="copy-link"]'), false, 'no buttons on paper');
    assert.equal(await shown('[data-verdict]'), true);
    assert.equal(await shown('.checks-section'), true);
    assert.equal(await shown('.qr-code'), true, 'the QR code of the verification link');
    // The technical details (with the check time: the pages' pinned clock) print although collapsed.
    const record = await page.locator('.result').first().innerText();
    assert.match(record, new RegExp(`Checked at\\s+${NOW}`));
    await screenshot(page, 'print-record');
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10_000, 'a PDF record');
    await page.close_all();
  });

  test('portfolio of two learners: kept apart, no combined total, no borrowed offer', async (env) => {
    const page = await open(env);
    await upload(
      page,
      demoPath('credentials/valid-plc-thn.json'),
      demoPath('credentials/valid-iot-castelmar.json'),
      fixturePath('other-learner.json'),
    );
    assert.equal(await page.locator('[data-verdict]').count(), 3);
    assert.equal(await page.getAttribute('[data-portfolio]', 'data-valid-count'), '3');
    assert.equal(await page.getAttribute('[data-portfolio]', 'data-learners'), '2');
    assert.equal(await page.getAttribute('[data-portfolio]', 'data-total-ects'), null, 'no total over two people');
    assert.match(await page.textContent('[data-mixed]'), /2 different learners/);
    const parts = page.locator('[data-learner]');
    assert.equal(await parts.count(), 2);
    assert.match(await parts.nth(0).textContent(), /Issued to Alex Example/);
    assert.equal(await parts.nth(0).getAttribute('data-learner-ects'), '10');
    assert.match(await parts.nth(1).textContent(), /Issued to Sam Sample/);
    assert.equal(await parts.nth(1).getAttribute('data-learner-ects'), '5');
    // Each credential says whose it is.
    assert.match(await page.locator('[data-item-learner]').nth(2).textContent(), /Sam Sample/);
    // The three together would complete the offer; no learner holds all three.
    await page.waitForSelector('[data-offer]');
    assert.equal(await page.locator('[data-offer][data-completion="complete"]').count(), 0);
    await screenshot(page, 'portfolio-two-learners');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('[data-portfolio]').screenshot({ path: path.join(SHOTS, 'portfolio-two-learners-phone.png') });
    await assertAccessible(page, 'portfolio-two-learners');
    await assertClean(page);
    await page.close_all();
  });

  test('presentation: credentials inside, nearly completed offer', async (env) => {
    const page = await open(env);
    await upload(page, demoPath('credentials/presentation-two-members.json'));
    assert.equal(await verdict(page), 'valid');
    assert.ok((await page.locator('[data-embedded-verdict="valid"]').count()) >= 2);
    await page.waitForSelector('[data-offer]');
    assert.equal(
      await page.getAttribute('[data-offer$="industry-4-automation-specialist"]', 'data-completion'),
      'nearly_complete',
    );
    await screenshot(page, 'presentation');
    await assertAccessible(page, 'presentation');
    await page.close_all();
  });

  test('German from the browser language, switchable to English', async (env) => {
    const page = await open(env, { locale: 'de-DE' });
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    await paste(page, demoText(VALID));
    assert.match(await page.textContent('[data-verdict]'), /Echt und gültig/);
    assert.match(await page.textContent('.input-panel'), /Weiteren Nachweis prüfen/);
    await screenshot(page, 'valid-german');
    await assertAccessible(page, 'german');
    await page.selectOption('[data-action="language"]', 'en');
    assert.match(await page.textContent('[data-verdict]'), /Genuine and valid/);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.close_all();
  });

  test('camera: a QR code in front of the (fake) camera is read and verified', async (env) => {
    const first = await open(env);
    await paste(first, demoText(VALID));
    const svgPath = await first.getAttribute('.qr-code path', 'd');
    const size = Number((await first.getAttribute('.qr-code', 'viewBox')).split(' ')[2]);
    await first.close_all();
    const video = qrVideo(svgPath, size);
    const browser = await env.launch([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    try {
      const page = await openPage(browser, { origins: env.origins });
      await page.context().grantPermissions(['camera'], { origin: env.base });
      await page.goto(env.base);
      await page.click('[data-action="camera"]');
      await waitDone(page, 30_000);
      assert.equal(await verdict(page), 'valid');
      assert.match(await page.textContent('.technical'), /verification link/);
      await assertClean(page);
      await page.close_all();
    } finally {
      await browser.close();
    }
  });

  test('offline once loaded: the page starts and verifies without network', async (env) => {
    const page = await open(env);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.waitForSelector('#main');
    await page.context().setOffline(true);
    await page.reload();
    await page.waitForSelector('#main');
    await paste(page, fixture('w3c-signedJCS.json'));
    assert.equal(await verdict(page), 'invalid');
    assert.equal(await code(page), 'wrong_key');
    // The member list is cached too: a credential without status list
    // from a network member is fully checked offline.
    await paste(page, demoText('credentials/valid-iot-castelmar.json'));
    assert.ok(['valid', 'unverifiable'].includes(await verdict(page)));
    assert.equal(await page.getAttribute('.result [data-check="issuer"]', 'data-outcome'), 'pass');
    await page.close_all();
  });

  test('camera: no camera is explained', async (env) => {
    const page = await open(env);
    await page.click('[data-action="camera"]');
    await page.waitForSelector('.camera-message.problem');
    assert.match(await page.textContent('.camera-message'), /camera/);
    await page.close_all();
  });

  test('keyboard: paste box, Ctrl+Enter, focus moves to the verdict', async (env) => {
    const page = await open(env);
    await page.focus('#paste');
    await page.keyboard.insertText(demoText(VALID));
    await page.keyboard.press('Control+Enter');
    await waitDone(page);
    assert.equal(await verdict(page), 'valid');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-verdict'));
    assert.equal(focused, 'valid', 'focus moves to the verdict');
    await page.close_all();
  });
}
