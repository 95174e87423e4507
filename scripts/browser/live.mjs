// Drives a live Jupyter Notebook server (classic Notebook 6) in headless
// Chromium: opens a notebook, waits for the GoNB kernel, runs Cell > Run
// All, waits until every code cell has run and the kernel is idle, then
// checks that no cell failed and that the figures appear in the page, and
// takes screenshots.
//
//   node live.mjs BASE_URL TOKEN NOTEBOOK OUT_DIR [TIMEOUT_S]
//
// BASE_URL is e.g. http://127.0.0.1:8888, NOTEBOOK a path relative to the
// server's notebook directory (01-ki-werkstatt-cnn.ipynb).
//
// LIVE_EXPECT_TEXT (lines separated by "|") must each appear in the cells'
// text output, and LIVE_EXPECT_SELECTOR must match an element in the page:
// test-browser.sh uses them to see a participant's edited model train.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fail, imageReport, launch, pixelStats, report } from './common.mjs';

const [base, token, notebook, outDir, timeoutArg] = process.argv.slice(2);
if (!base || !token || !notebook || !outDir) {
  console.error('usage: node live.mjs BASE_URL TOKEN NOTEBOOK OUT_DIR [TIMEOUT_S]');
  process.exit(2);
}
const timeoutMs = 1000 * Number(timeoutArg || 1200);
// The play cells (nb's PickImage and Draw) wait for a participant until
// Done; this test ends them (PLAY_LABELS: see play.mjs, which plays).
const playLabels = JSON.parse(process.env.PLAY_LABELS || '{}');
mkdirSync(outDir, { recursive: true });
const name = basename(notebook, '.ipynb');
const started = Date.now();
const elapsed = () => ((Date.now() - started) / 1000).toFixed(1) + ' s';

const { context, close } = await launch({ width: 1280, height: 1000 });
let page;
try {
  page = await context.newPage();
  // Only the local server may be reached (the notebook page itself loads no
  // CDN resources in Debian's notebook package; anything else is refused).
  const origin = new URL(base).origin;
  const refused = [];
  await page.route((url) => url.origin !== origin && /^https?:/.test(url.href), (route) => {
    refused.push(route.request().url());
    route.abort();
  });
  page.on('pageerror', (err) => console.log(`page error: ${err.message}`));

  await page.goto(`${base}/notebooks/${encodeURIComponent(notebook)}?token=${encodeURIComponent(token)}`, { waitUntil: 'load' });
  // The notebook is loaded and its kernel (gonb) started and idle.
  await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded
    && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()
    && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null, null, { timeout: 120000, polling: 500 });
  const kernel = await page.evaluate(() => Jupyter.notebook.kernel.name);
  console.log(`${elapsed()}: notebook open, kernel ${kernel} idle`);
  if (kernel !== 'gonb') fail(`kernel ${kernel}, want gonb`);
  await page.screenshot({ path: join(outDir, `${name}-live-opened.png`) });

  // The copy carries the outputs of the committed run: clear them, so that
  // only what this run shows is checked.
  await page.evaluate(() => Jupyter.notebook.clear_all_output());
  const stale = await page.locator('.output_png img').count();
  if (stale) fail(`${stale} images left after clearing the outputs`);

  // Cell > Run All, through the menu as a reader would.
  await page.click('#menus a.dropdown-toggle:text-is("Cell")');
  await page.click('#run_all_cells > a');
  console.log(`${elapsed()}: Cell > Run All clicked`);
  // Run All marks every code cell as queued ('*') at once.
  await page.waitForFunction(() => Jupyter.notebook.get_cells().some((c) => c.input_prompt_number === '*'), null, { timeout: 10000 });

  // Wait until every code cell has an execution count (not '*') and the
  // kernel is idle; report progress every 30 s.
  let lastReport = 0;
  for (;;) {
    const state = await page.evaluate(() => {
      const cells = Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code');
      const done = cells.filter((c) => typeof c.input_prompt_number === 'number').length;
      const running = cells.filter((c) => c.input_prompt_number === '*').length;
      const idle = document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;
      return { total: cells.length, done, running, idle };
    });
    if (state.done === state.total && state.running === 0 && state.idle) break;
    for (const done of await page.locator('.output_area button.werkbank-draw-done').all()) await done.click().catch(() => {});
    if (playLabels.done) {
      for (const done of await page.locator('.output_area button', { hasText: playLabels.done }).all()) await done.click().catch(() => {});
    }
    if (Date.now() - started > timeoutMs) {
      await page.screenshot({ path: join(outDir, `${name}-live-timeout.png`), fullPage: true });
      fail(`timed out after ${elapsed()}: ${JSON.stringify(state)}`);
    }
    if (Date.now() - lastReport > 30000) {
      console.log(`${elapsed()}: ${state.done}/${state.total} code cells done, ${state.running} running`);
      lastReport = Date.now();
    }
    await page.waitForTimeout(1000);
  }
  console.log(`${elapsed()}: all code cells ran, kernel idle`);

  // Failures: error outputs, and failure lines on stderr (as test-notebooks.sh).
  const report = await page.evaluate(() => {
    const failure = /^(panic: |fatal error: |error: )|exit status [1-9]/m;
    const problems = [];
    let figureCells = 0, figureCellsWithPng = 0;
    Jupyter.notebook.get_cells().forEach((c, i) => {
      if (c.cell_type !== 'code') return;
      const outputs = c.output_area.outputs;
      const tags = (c.metadata && c.metadata.tags) || [];
      const pngs = outputs.filter((o) => o.data && o.data['image/png']).length;
      if (tags.includes('figure')) {
        figureCells++;
        if (pngs > 0) figureCellsWithPng++;
        else problems.push(`cell ${i}: tagged figure but shows no PNG`);
      }
      for (const o of outputs) {
        if (o.output_type === 'error') problems.push(`cell ${i}: error ${o.ename}: ${o.evalue}`);
        if (o.output_type === 'stream' && o.name === 'stderr' && failure.test(o.text)) {
          problems.push(`cell ${i}: stderr: ${o.text.split('\n').filter((l) => failure.test(l))[0]}`);
        }
      }
    });
    return { problems, figureCells, figureCellsWithPng };
  });
  const images = await imageReport(page, '.output_png img');
  const broken = images.filter((im) => !im.complete || im.naturalWidth === 0);
  console.log(`${images.length} images in the page (${broken.length} broken); ${report.figureCellsWithPng}/${report.figureCells} figure cells show a PNG`);

  // The notebook scrolls inside #site, not the document: let it grow, so that
  // a full-page screenshot shows the whole notebook.
  await page.evaluate(() => {
    for (const el of [document.documentElement, document.body, document.querySelector('#site')]) {
      if (el) { el.style.height = 'auto'; el.style.overflow = 'visible'; }
    }
  });
  const full = join(outDir, `${name}-live.png`);
  await page.screenshot({ path: full, fullPage: true });
  console.log(`screenshot: ${full}`);
  const first = page.locator('.output_png img').first();
  if (await first.count()) {
    await first.scrollIntoViewIfNeeded();
    const crop = join(outDir, `${name}-live-figure1.png`);
    const stats = await pixelStats(page, await first.screenshot({ path: crop }));
    console.log(`first figure: ${stats.width}x${stats.height}, luminance variance ${stats.variance.toFixed(1)}: ${crop}`);
    if (stats.variance < 50) fail(`the first figure looks blank: ${crop}`);
  }
  const outputText = await page.evaluate(() => Array.from(document.querySelectorAll('.output_area')).map((e) => e.innerText).join('\n'));
  for (const want of (process.env.LIVE_EXPECT_TEXT || '').split('|').filter(Boolean)) {
    if (outputText.includes(want)) console.log(`page shows: ${want}`);
    else report.problems.push(`the page does not show ${JSON.stringify(want)}`);
  }
  const selector = process.env.LIVE_EXPECT_SELECTOR;
  if (selector) {
    const found = await page.locator(selector).count();
    if (found) console.log(`page has ${found} x ${selector}`);
    else report.problems.push(`nothing in the page matches ${selector}`);
  }
  if (refused.length) console.log(`refused remote requests: ${refused.slice(0, 5).join(', ')}`);
  if (report.problems.length) fail(`failed cells:\n  ${report.problems.join('\n  ')}`);
  if (broken.length) fail(`broken images: ${JSON.stringify(broken.slice(0, 5))}`);
  if (images.length < report.figureCells || images.length === 0) fail(`${images.length} images for ${report.figureCells} figure cells`);
  console.log(`ok: ${notebook} ran in ${elapsed()}`);
} catch (err) {
  if (page) {
    const shot = join(outDir, `${name}-live-error.png`);
    await page.screenshot({ path: shot, fullPage: true }).then(() => console.log(`screenshot: ${shot}`), () => {});
  }
  report(err);
} finally {
  await close();
}
