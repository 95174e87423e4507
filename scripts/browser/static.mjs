// Opens a notebook's nbconvert HTML export in headless Chromium, screenshots
// it and checks its figures: every <img> loaded with a non-zero size, there
// are at least MIN_IMAGES of them, and the screenshot crops of the first
// figures are not blank (their pixels vary).
//
//   node static.mjs NOTEBOOK.html OUT_DIR [MIN_IMAGES]
import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fail, imageReport, launch, pixelStats, report } from './common.mjs';

const [htmlPath, outDir, minArg] = process.argv.slice(2);
if (!htmlPath || !outDir) {
  console.error('usage: node static.mjs NOTEBOOK.html OUT_DIR [MIN_IMAGES]');
  process.exit(2);
}
const minImages = Number(minArg || 1);
mkdirSync(outDir, { recursive: true });
const name = basename(htmlPath, '.html');

const { context, close } = await launch();
try {
  const page = await context.newPage();
  // The export must work offline: refuse every http(s) request it makes.
  const remote = [];
  await page.route(/^https?:/, (route) => { remote.push(route.request().url()); route.abort(); });
  const started = Date.now();
  await page.goto(pathToFileURL(resolve(htmlPath)).href, { waitUntil: 'load' });
  const loadMs = Date.now() - started;

  const images = await imageReport(page);
  const broken = images.filter((im) => !im.complete || im.naturalWidth === 0 || im.naturalHeight === 0);
  const full = join(outDir, `${name}-static.png`);
  await page.screenshot({ path: full, fullPage: true });
  console.log(`screenshot: ${full}`);

  // The first three figures, cropped from the rendered page.
  const figs = page.locator('.jp-RenderedImage img, .output_png img');
  const count = await figs.count();
  const checked = [];
  for (let i = 0; i < Math.min(3, count); i++) {
    const fig = figs.nth(i);
    await fig.scrollIntoViewIfNeeded();
    const crop = join(outDir, `${name}-static-figure${i + 1}.png`);
    const png = await fig.screenshot({ path: crop });
    const stats = await pixelStats(page, png);
    checked.push({ crop, ...stats });
    console.log(`figure ${i + 1}: ${stats.width}x${stats.height}, luminance variance ${stats.variance.toFixed(1)}, ink ${(100 * stats.ink).toFixed(1)}%: ${crop}`);
  }

  console.log(`${htmlPath}: loaded in ${loadMs} ms, ${images.length} images (${count} figure outputs), ${broken.length} broken, ${remote.length} remote requests`);
  if (remote.length) fail(`the export requests remote resources: ${remote.slice(0, 5).join(', ')}`);
  if (broken.length) fail(`broken images: ${JSON.stringify(broken.slice(0, 5))}`);
  if (images.length < minImages) fail(`${images.length} images, want at least ${minImages}`);
  if (count === 0) fail('no figure outputs found');
  for (const c of checked) {
    if (c.variance < 50 || c.ink < 0.005) fail(`figure crop ${c.crop} looks blank (variance ${c.variance}, ink ${c.ink})`);
  }
  console.log('ok');
} catch (err) {
  report(err);
} finally {
  await close();
}
