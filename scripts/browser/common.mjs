// Shared helpers of the browser tests: Debian's Chromium through
// playwright-core (which never downloads a browser), with a fresh profile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// The flags the project runs Chromium with: headless, no sandbox (root in
// containers), no GPU, and nothing that phones home.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// launch starts Chromium with a fresh --user-data-dir (playwright passes it
// for launchPersistentContext) and returns the context and a close function
// that also removes the profile.
export async function launch({ width = 1280, height = 900 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'werkbank-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width, height },
  });
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

// pixelStats decodes a PNG (a Buffer, e.g. a screenshot) in the page and
// returns its size, the variance of its luminance (0 for a blank image) and
// the fraction of pixels that are not (near) white.
export async function pixelStats(page, png) {
  const b64 = png.toString('base64');
  return page.evaluate(async (data) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + data;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0, sum = 0, sum2 = 0, ink = 0;
    for (let i = 0; i < px.length; i += 4) {
      const y = 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
      sum += y; sum2 += y * y; n++;
      if (y < 240) ink++;
    }
    const mean = sum / n;
    return { width: canvas.width, height: canvas.height, variance: sum2 / n - mean * mean, ink: ink / n };
  }, b64);
}

// imageReport returns, for every <img> of the page, whether it loaded and
// its natural size.
export async function imageReport(page, selector = 'img') {
  return page.$$eval(selector, (imgs) => imgs.map((img, i) => ({
    index: i,
    complete: img.complete,
    naturalWidth: img.naturalWidth,
    naturalHeight: img.naturalHeight,
    src: (img.getAttribute('src') || '').slice(0, 40),
  })));
}

// Failure is a failed check; fail throws one. The scripts catch it, close
// the browser, print the message and exit with status 1.
export class Failure extends Error {}

export function fail(msg) {
  throw new Failure(msg);
}

// report prints an error the way the scripts end with it and sets the exit status.
export function report(err) {
  console.error('FAIL: ' + (err instanceof Failure ? err.message : (err && err.stack) || String(err)));
  process.exitCode = 1;
}
