// End-to-end tests of the share panel's QR code (issue 15, "Links and QR
// codes that survive a CV"): its SVG and PNG downloads and the print size
// stated next to them, and the camera reading our own share codes small and
// turned, as a laptop or phone camera sees a printed CV.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertAccessible, assertClean, demoText, openPage, paste, screenshot, SHOTS, verdict, waitDone, openSite as open } from './lib.mjs';

const VALID = 'credentials/valid-robotics-valfiume.json';
/** The largest QR code of the demo network's single credentials (version 25). */
const LARGEST = 'credentials/valid-iot-castelmar.json';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** The modules of the QR code on the page: its view-box side and its dark modules "M{x} {y}h1v1h-1z". */
async function pageQr(page) {
  const d = await page.getAttribute('.qr-code path', 'd');
  const size = Number((await page.getAttribute('.qr-code', 'viewBox')).split(' ')[2]);
  const dark = new Uint8Array(size * size);
  for (const m of d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) dark[Number(m[2]) * size + Number(m[1])] = 1;
  return { size, dark };
}

/**
 * A one-frame Y4M video (Chromium's fake camera plays it in a loop) of a
 * `width`×`height` photo: a grey desk, on it the QR code on white paper,
 * `codePx` pixels wide (quiet zone included), turned by `degrees` about the
 * middle; each pixel averages 2×2 samples, as a camera sensor does.
 */
function photoVideo({ size, dark }, { width = 1920, height = 1080, codePx, degrees }) {
  const luma = Buffer.alloc(width * height);
  const rad = (degrees * Math.PI) / 180;
  const [sin, cos] = [Math.sin(rad), Math.cos(rad)];
  const module = codePx / size;
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      let sum = 0;
      for (let s = 0; s < 4; s++) {
        const x = px + ((s & 1) + 0.5) / 2 - width / 2;
        const y = py + ((s >> 1) + 0.5) / 2 - height / 2;
        const u = (x * cos + y * sin) / module + size / 2;
        const v = (-x * sin + y * cos) / module + size / 2;
        if (u < 0 || v < 0 || u >= size || v >= size) sum += 110;
        else sum += dark[Math.floor(v) * size + Math.floor(u)] ? 35 : 235;
      }
      luma[py * width + px] = sum / 4;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'mcx-camera-')), `qr-${degrees}.y4m`);
  writeFileSync(file, Buffer.concat([header, luma, chroma]));
  return file;
}

/** Records the constraints the page asks getUserMedia for (window.__gum). */
async function recordCameraRequests(page) {
  await page.addInitScript(() => {
    window.__gum = [];
    const devices = navigator.mediaDevices;
    if (!devices) return;
    const original = devices.getUserMedia.bind(devices);
    devices.getUserMedia = (constraints) => {
      window.__gum.push(JSON.parse(JSON.stringify(constraints)));
      return original(constraints);
    };
  });
}

/** Opens the site with a fake camera (`video`: a Y4M file, or Chromium's own test pattern). */
async function withCamera(env, video, viewport, fn, options = {}) {
  const args = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
  if (video) args.push(`--use-file-for-fake-video-capture=${video}`);
  const browser = await env.launch(args);
  try {
    const page = await openPage(browser, { origins: env.origins, viewport, ...options });
    await page.context().grantPermissions(['camera'], { origin: env.base });
    await recordCameraRequests(page);
    await page.goto(env.base);
    await page.waitForSelector('#main');
    await fn(page);
    await page.close_all();
  } finally {
    await browser.close();
  }
}

/** The QR code reader's files (site-qr/), which the page loads only when used. */
const QR_READER = /\/pkg\/mcx_site_qr(?:_bg\.wasm|\.js)$/;

/** Records the URLs `page` requests of the QR reader (page.qrRequests()). */
function recordQrRequests(page) {
  const seen = [];
  page.on('request', (request) => {
    if (QR_READER.test(new URL(request.url()).pathname)) seen.push(new URL(request.url()).pathname);
  });
  page.qrRequests = () => [...new Set(seen)].sort();
  return page;
}

/** The smallest print width of a code of `version`: (17 + 4v + 8 modules) × 0.5 mm, rounded up. */
const minPrintMm = (version) => Math.ceil(((17 + 4 * version + 8) * 0.5));

export function register({ test }) {
  test('QR code: SVG and PNG downloads, print size stated, PNG read back', async (env) => {
    const page = await open(env, { viewport: DESKTOP });
    await paste(page, demoText(VALID));
    assert.equal(await verdict(page), 'valid');
    const version = Number(await page.getAttribute('.qr-code', 'data-qr-version'));
    const mm = minPrintMm(version);
    assert.equal(Number(await page.getAttribute('[data-qr-print-mm]', 'data-qr-print-mm')), mm);
    const cm = `${Math.floor(mm / 10)}.${mm % 10} cm`;
    assert.ok((await page.textContent('.qr-print')).includes(`at least ${cm} wide`), cm);
    // Printing the page prints the code at that size too.
    assert.equal(await page.getAttribute('.qr-code', 'width'), `${mm}mm`);
    const { size } = await pageQr(page);

    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-qr-svg"]')]);
    assert.equal(svgDownload.suggestedFilename(), 'microcredx-credential-qr.svg');
    const svg = readFileSync(await svgDownload.path(), 'utf8');
    assert.ok(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"'), svg.slice(0, 80));
    assert.ok(svg.includes(`width="${mm}mm" height="${mm}mm" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"`));
    assert.ok(svg.includes(`<rect width="${size}" height="${size}" fill="#fff"/>`));
    assert.doesNotMatch(svg, /script|href|on\w+=|<image|<text/i);
    // The quiet zone: no dark module starts left of or above module 4.
    for (const m of svg.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
      assert.ok(Number(m[1]) >= 4 && Number(m[2]) >= 4 && Number(m[1]) + Number(m[3]) <= size - 4, m[0]);
    }

    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-qr-png"]')]);
    assert.equal(pngDownload.suggestedFilename(), 'microcredx-credential-qr.png');
    const png = readFileSync(await pngDownload.path());
    assert.equal(png.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'a PNG file');
    // IHDR: 12 pixels a module, the quiet zone included.
    assert.equal(png.readUInt32BE(16), size * 12);
    assert.equal(png.readUInt32BE(20), size * 12);
    // Kept to look at, next to the screenshots.
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(path.join(SHOTS, 'qr-download.svg'), svg);
    writeFileSync(path.join(SHOTS, 'qr-download.png'), png);
    await assertClean(page);
    await page.close_all();

    // The downloaded PNG, uploaded, is the same credential.
    const again = await open(env);
    await again.setInputFiles('[data-file-input]', { name: 'credential-qr.png', mimeType: 'image/png', buffer: png });
    await waitDone(again);
    assert.equal(await verdict(again), 'valid');
    assert.match(await again.textContent('.technical'), /verification link/);
    assert.match(await again.textContent('.credential-section'), /Industrial Robotics/);
    await assertClean(again);
    await again.close_all();
  });

  test('QR code: share panel on desktop and phone, German, screenshots', async (env) => {
    for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      const page = await open(env, { viewport });
      await paste(page, demoText(LARGEST));
      assert.equal(await verdict(page), 'valid');
      assert.equal(await page.getAttribute('.qr-code', 'data-qr-version'), '25');
      // Version 25: 117 modules, 125 with the quiet zone, 62.5 mm.
      assert.equal(await page.getAttribute('[data-qr-print-mm]', 'data-qr-print-mm'), '63');
      await page.locator('.share').scrollIntoViewIfNeeded();
      await page.locator('.share').screenshot({ path: path.join(path.dirname(await screenshot(page, `qr-share-${name}`)), `qr-share-panel-${name}.png`) });
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scrolling');
      for (const action of ['download-qr-svg', 'download-qr-png']) {
        const box = await page.locator(`[data-action="${action}"]`).boundingBox();
        assert.ok(box.width >= 44 && box.height >= 44, `${action}: a target large enough to tap`);
      }
      if (name === 'desktop') await assertAccessible(page, 'share panel with QR downloads');
      await page.close_all();
    }
    const de = await open(env, { viewport: PHONE, locale: 'de-DE' });
    await paste(de, demoText(VALID));
    assert.equal(await de.textContent('[data-action="download-qr-png"]'), 'QR-Code herunterladen (PNG)');
    assert.match(await de.textContent('.qr-print'), /mindestens 5,9 cm breit/);
    await de.locator('.share').screenshot({ path: path.join(path.dirname(await screenshot(de, 'qr-share-phone-de')), 'qr-share-panel-phone-de.png') });
    await de.close_all();
  });

  test('camera: high resolution asked for, the preview in sight on a phone and a desktop', async (env) => {
    for (const [name, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
      // Chromium's own test pattern: no QR code, the camera keeps looking.
      await withCamera(env, null, viewport, async (page) => {
        await page.click('[data-action="camera"]');
        await page.waitForSelector('.camera-video:not(.hidden)');
        await page.waitForFunction(() => document.querySelector('.camera-video').readyState >= 2);
        const [request] = await page.evaluate(() => window.__gum);
        assert.deepEqual(request.video, { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1080 } });
        // The stop button, the whole preview and the hint are on the
        // screen, without scrolling by hand.
        await page.waitForTimeout(300);
        for (const selector of ['[data-action="camera-stop"]', '.camera-video', '[data-camera-message]']) {
          const box = await page.locator(selector).boundingBox();
          assert.ok(box.y >= 0 && box.y + box.height <= viewport.height, `${name}: ${selector} at ${box.y}..${box.y + box.height}`);
        }
        const video = await page.locator('.camera-video').boundingBox();
        assert.ok(video.height > 120, `${name}: preview ${video.height} px high`);
        await screenshot(page, `camera-${name}`, { fullPage: false });
        await page.click('[data-action="camera-stop"]');
        await page.waitForSelector('.camera-video.hidden', { state: 'attached' });
      });
    }
  });

  test('QR reader: not loaded to verify a #vc= link or pasted text; loaded when a picture is opened', async (env) => {
    const first = await open(env);
    await paste(first, demoText(VALID));
    const link = await first.inputValue('[data-share-link]');
    await first.close_all();

    const page = recordQrRequests(await openPage(env.browser, { origins: env.origins }));
    await page.goto(link);
    await waitDone(page);
    assert.equal(await verdict(page), 'valid');
    await paste(page, demoText(LARGEST));
    assert.equal(await verdict(page), 'valid');
    // Time for anything the page would load after the fact.
    await page.waitForTimeout(500);
    assert.deepEqual(page.qrRequests(), [], 'the first load and a verification need no QR reader');

    // A picture of the share code: the reader is loaded and reads it.
    const png = await (async () => {
      const share = await open(env);
      await paste(share, demoText(VALID));
      const [download] = await Promise.all([share.waitForEvent('download'), share.click('[data-action="download-qr-png"]')]);
      const bytes = readFileSync(await download.path());
      await share.close_all();
      return bytes;
    })();
    await page.setInputFiles('[data-file-input]', { name: 'code.png', mimeType: 'image/png', buffer: png });
    await waitDone(page);
    assert.equal(await verdict(page), 'valid');
    assert.deepEqual(page.qrRequests(), ['/pkg/mcx_site_qr.js', '/pkg/mcx_site_qr_bg.wasm']);
    await assertClean(page);
    await page.close_all();
  });

  test('QR reader: loaded when the camera starts, a slow load is shown, then the code is read', async (env) => {
    const first = await open(env);
    await paste(first, demoText(VALID));
    const qr = await pageQr(first);
    await first.close_all();
    const video = photoVideo(qr, { width: 1280, height: 720, codePx: 1280 / 2.5, degrees: 0 });
    await withCamera(env, video, DESKTOP, async (page) => {
      recordQrRequests(page);
      assert.deepEqual(page.qrRequests(), []);
      // The reader's wasm arrives 1.5 s late, as on a slow connection.
      await page.route(/mcx_site_qr_bg\.wasm$/, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.continue();
      });
      await page.click('[data-action="camera"]');
      await page.waitForSelector('[data-camera-message]:has-text("Loading the QR code reader")', { timeout: 10_000 });
      assert.ok(await page.isVisible('[data-action="camera-stop"]'), 'the camera can be stopped while the reader loads');
      await waitDone(page, 40_000);
      assert.equal(await verdict(page), 'valid');
      assert.deepEqual(page.qrRequests(), ['/pkg/mcx_site_qr.js', '/pkg/mcx_site_qr_bg.wasm']);
      await assertClean(page);
      // No service worker: it would fetch the reader past the delay.
    }, { serviceWorkers: 'block' });
  });

  // Our own share codes, a fifth of a 1920×1080 frame wide (version 23:
  // 3.3 pixels a module) and turned, in front of the fake camera.
  for (const degrees of [15, 40]) {
    test(`camera: a small share code turned by ${degrees}° is read to the right credential`, async (env) => {
      const first = await open(env);
      await paste(first, demoText(VALID));
      const qr = await pageQr(first);
      const link = await first.inputValue('[data-share-link]');
      await first.close_all();
      const video = photoVideo(qr, { codePx: 1920 / 5, degrees });
      await withCamera(env, video, PHONE, async (page) => {
        await page.click('[data-action="camera"]');
        await waitDone(page, 40_000);
        assert.equal(await verdict(page), 'valid');
        assert.match(await page.textContent('.technical'), /verification link/);
        // The same credential: its share link is the one we photographed.
        assert.equal(await page.inputValue('[data-share-link]'), link);
        assert.match(await page.textContent('.credential-section'), /Industrial Robotics/);
        await assertClean(page);
      });
    });
  }
}
