// End-to-end tests of the verifier site for the people who use it: whoever
// opened a candidate's link sees the result first (the holder's share panel
// waits below, collapsed); the address bar follows the page (a result is at
// its verification link, Back returns to the empty input, Forward to the
// result); countries, languages and credential types read as names.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { assertAccessible, assertClean, DEMO, demoPath, demoText, openPage, paste, ROOT, screenshot, verdict, waitDone, openSite as open } from './lib.mjs';

const VALID = 'credentials/valid-robotics-valfiume.json';
const PHONE = { width: 390, height: 844 };

/** A `#vc=` payload as the README specifies it (raw DEFLATE, base64url). */
const payload = (text) => zlib.deflateRawSync(Buffer.from(text, 'utf8')).toString('base64url');

const state = (page) => page.getAttribute('html', 'data-state');
const noOverflow = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** True when `first` comes before `second` in the document. */
const before = (page, first, second) =>
  page.evaluate(
    ([a, b]) => {
      const x = document.querySelector(a);
      const y = document.querySelector(b);
      return Boolean(x && y && x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING);
    },
    [first, second],
  );

/** Asserts the page as someone who was sent a link sees it. */
async function assertVisitorLayout(page) {
  assert.equal(await verdict(page), 'valid');
  // The answer on the first screen, the share panel nowhere near it.
  const banner = await page.locator('[data-verdict]').boundingBox();
  const viewport = page.viewportSize();
  assert.ok(banner.y + banner.height <= viewport.height, 'the verdict is on the first screen');
  assert.equal(await page.locator('[data-share-collapsed]').count(), 1, 'the share panel is collapsed');
  assert.equal(await page.locator('[data-share-collapsed][open]').count(), 0);
  assert.equal(await page.locator('[data-action="linkedin"]').isVisible(), false, 'no LinkedIn button in sight');
  assert.equal(await page.locator('.share h3').count(), 0, 'no "Share this credential" heading');
  assert.ok(await before(page, '.checks-section', '[data-share-collapsed]'), 'checks before sharing');
  assert.ok(await before(page, '.credential-section', '[data-share-collapsed]'), 'contents before sharing');
  assert.ok(await page.locator('[data-action="download-report"]').isVisible(), 'the report download stays at hand');
}

export function register({ test }) {
  test('a link opened by someone else: the result first, sharing collapsed below (desktop)', async (env) => {
    const url = `${env.base}#vc=${payload(demoText(VALID))}`;
    const page = await open(env, { url });
    await waitDone(page);
    await assertVisitorLayout(page);
    // Opening a link adds no history entry: the address is the link.
    assert.equal(page.url(), url);
    // (The fresh tab was at about:blank, then at the link: two entries.)
    assert.equal(await page.evaluate(() => history.length), 2);
    assert.match(await page.evaluate(() => String(history.state)), /^mcx:/);
    await screenshot(page, 'link-visitor-desktop');
    await screenshot(page, 'link-visitor-desktop-first-screen', { fullPage: false });
    await assertAccessible(page, 'link visitor');
    // On paper (the record an HR file keeps) the QR code prints, the holder's summary does not.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.qr-code').isVisible(), true, 'the QR code of the verification link');
    assert.equal(await page.locator('[data-share-collapsed] > summary').isVisible(), false);
    assert.equal(await page.locator('[data-action="download-report"]').isVisible(), false, 'no buttons on paper');
    await screenshot(page, 'link-visitor-print');
    await page.emulateMedia({ media: 'screen' });
    // The holder, who opened their own link, finds everything one click away.
    await page.click('[data-share-collapsed] > summary');
    assert.ok(await page.locator('[data-action="linkedin"]').isVisible());
    assert.ok((await page.inputValue('[data-share-link]')).startsWith(`${env.base}#vc=`));
    await screenshot(page, 'link-visitor-share-opened');
    await assertAccessible(page, 'link visitor, share opened');
    await assertClean(page);
    await page.close_all();
  });

  test('a link opened by someone else on a phone (390×844): the verdict first', async (env) => {
    const url = `${env.base}?url=${encodeURIComponent(`demo/${VALID}`)}`;
    const page = await open(env, { url, viewport: PHONE });
    await waitDone(page);
    await assertVisitorLayout(page);
    // A hosted credential: its short link is the page address, and what the panel offers.
    assert.equal(await page.inputValue('[data-share-link]'), url);
    assert.ok(await noOverflow(page), 'no horizontal scrolling on a phone');
    await screenshot(page, 'link-visitor-phone');
    await screenshot(page, 'link-visitor-phone-first-screen', { fullPage: false });
    await page.click('[data-share-collapsed] > summary');
    assert.ok(await noOverflow(page), 'no horizontal scrolling with the share panel open');
    await page.locator('[data-share-collapsed]').screenshot({ path: path.join(ROOT, 'artifacts', 'screenshots', 'link-visitor-phone-share.png') });
    await assertClean(page);
    await page.close_all();
  });

  test('the holder who pasted their credential: the share panel open, after the result', async (env) => {
    for (const viewport of [undefined, PHONE]) {
      const page = await open(env, { viewport });
      await paste(page, demoText(VALID));
      assert.equal(await verdict(page), 'valid');
      assert.equal(await page.locator('[data-share-collapsed]').count(), 0);
      assert.ok(await page.locator('.share h3').isVisible(), 'Share this credential');
      assert.ok(await page.locator('[data-action="linkedin"]').isVisible());
      assert.ok(await before(page, '.credential-section', '.share'), 'the result before sharing');
      if (viewport) {
        assert.ok(await noOverflow(page), 'no horizontal scrolling on a phone');
        await screenshot(page, 'holder-phone');
      }
      await page.close_all();
    }
  });

  test('the address bar follows: a result is at its link, Back returns to the empty input, Forward to it', async (env) => {
    const page = await open(env);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await paste(page, demoText(VALID));
    assert.equal(await verdict(page), 'valid');
    const link = await page.inputValue('[data-share-link]');
    assert.ok(link.startsWith(`${env.base}#vc=`), link);
    assert.equal(page.url(), link, 'the address is the link to forward');
    assert.equal(new URL(page.url()).search, '', 'never the credential in the query string');
    assert.equal(await page.inputValue('#paste'), '', 'a new check starts from an empty box');
    await screenshot(page, 'history-result', { fullPage: false });

    // A second credential, from the result: its own entry.
    await paste(page, demoText('credentials/revoked-twin-thn.json'));
    assert.equal(await verdict(page), 'invalid');
    const second = page.url();
    assert.ok(second.startsWith(`${env.base}#vc=`) && second !== link, second);
    assert.equal(await page.inputValue('#paste'), '');

    await page.goBack();
    await page.waitForFunction((l) => location.href === l && document.querySelector('[data-verdict="valid"]'), link);
    assert.equal(await state(page), 'done');

    await page.goBack();
    await page.waitForSelector('html[data-state="idle"]');
    assert.equal(page.url(), env.base);
    assert.equal(await page.locator('[data-verdict]').count(), 0, 'the result is gone');
    assert.equal(await page.inputValue('#paste'), '', 'the box is empty');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'paste', 'the box has the focus');
    await screenshot(page, 'history-back-to-input', { fullPage: false });

    await page.goForward();
    await page.waitForSelector('html[data-state="done"]');
    assert.equal(page.url(), link);
    assert.equal(await verdict(page), 'valid');
    // The holder's own result, back again: still the holder's view.
    assert.equal(await page.locator('[data-share-collapsed]').count(), 0);
    await page.goForward();
    await page.waitForFunction(() => document.querySelector('[data-verdict="invalid"]'));
    assert.equal(page.url(), second);

    // Reloaded, the address checks the credential again, as for anyone it is sent to.
    await page.reload();
    await waitDone(page);
    assert.equal(await verdict(page), 'invalid');
    assert.equal(await page.locator('[data-share-collapsed]').count(), 0, 'no share panel for a revoked credential');
    await page.goBack();
    await page.waitForFunction((l) => location.href === l && document.querySelector('[data-verdict="valid"]'), link);

    // The credential in the fragment never left the browser.
    assert.deepEqual(requests.filter((u) => u.includes('vc=')), [], 'no request carries the credential');
    await assertClean(page);
    await page.close_all();
  });

  test('the address bar follows a hosted credential by its short ?url= link, and a portfolio', async (env) => {
    const page = await open(env);
    const hosted = `${env.base}?url=${encodeURIComponent('demo/credentials/valid-plc-thn.json')}`;
    await paste(page, hosted);
    assert.equal(await verdict(page), 'valid');
    assert.equal(page.url(), await page.inputValue('[data-share-link]'));
    assert.match(page.url(), /\?url=demo%2Fcredentials%2Fvalid-plc-thn\.json$/);

    // Several files have no one link: the page address, but Back still returns to the input.
    await page.setInputFiles('[data-file-input]', [demoPath('credentials/valid-plc-thn.json'), demoPath(VALID)]);
    await page.waitForFunction(() => document.querySelectorAll('[data-verdict]').length === 2);
    assert.equal(page.url(), env.base);
    await page.goBack();
    await page.waitForFunction((u) => location.href === u && document.querySelectorAll('[data-verdict]').length === 1, hosted);
    await page.goBack();
    await page.waitForSelector('html[data-state="idle"]');
    assert.equal(page.url(), env.base);
    await page.goForward();
    await page.goForward();
    await page.waitForFunction(() => document.querySelectorAll('[data-verdict]').length === 2);
    await assertClean(page);
    await page.close_all();
  });

  test('countries, languages and credential types read as names, in English and German', async (env) => {
    const page = await open(env, { locale: 'de-DE' });
    await paste(page, demoText(VALID));
    const field = (key) => page.textContent(`.result [data-field="${key}"]`);
    assert.equal(await field('country'), 'Italien');
    assert.equal(await field('language'), 'Italienisch');
    assert.equal(await field('type'), 'Micro-Credential (Open Badge 3.0)');
    assert.match(await page.textContent('[data-element="country"] td'), /Italien/);
    await page.locator('.credential-section').screenshot({ path: path.join(ROOT, 'artifacts', 'screenshots', 'names-german.png') });
    await page.selectOption('[data-action="language"]', 'en');
    assert.equal(await field('country'), 'Italy');
    assert.equal(await field('language'), 'Italian');
    assert.equal(await field('type'), 'Micro-credential (Open Badge 3.0)');

    await paste(page, demoText('credentials/valid-plc-thn.json'));
    assert.equal(await field('country'), 'Germany');
    assert.equal(await field('language'), 'German');

    // A presentation says what it is; its credentials too.
    await page.setInputFiles('[data-file-input]', demoPath('credentials/presentation-two-members.json'));
    await waitDone(page);
    assert.equal(await page.textContent('.result > .result-body > .credential-section [data-field="type"]'), 'Verifiable presentation (W3C)');
    assert.equal(await page.textContent('.embedded [data-field="type"]'), 'Micro-credential (Open Badge 3.0)');
    assert.ok(['Germany', 'Italy', 'Spain'].includes(await page.textContent('.embedded [data-field="country"]')));
    await page.setViewportSize(PHONE);
    await page.locator('.embedded').first().screenshot({ path: path.join(ROOT, 'artifacts', 'screenshots', 'names-presentation-phone.png') });
    await assertClean(page);
    await page.close_all();
  });
}
