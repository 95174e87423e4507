// Plays with notebook 01 in a live Jupyter Notebook server (classic Notebook
// 6) in headless Chromium, as a participant would: Cell > Run All, then, when
// the run reaches the play cells, moves the slider of PickImage (the figure
// must change to the next test image) and ends it with Done, draws on the
// canvas of Draw with the mouse (a vertical line must be read as a 1; after
// Clear, a closed loop as a 0), ends it with Done, and checks that no cell
// failed and no drawing box or script is left in the saved outputs.
//
//   node play.mjs BASE_URL TOKEN NOTEBOOK OUT_DIR [TIMEOUT_S]
//
// PLAY_LABELS is the JSON of the play cells' texts in the notebook's
// language ({"ready": ..., "done": ...}; internal/nbcheck -live-expect
// prints it): what the page says once the drawing box is connected, and the
// Done button of the slider. What the net reads and which image the slider
// shows are read from data attributes, not from prose.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fail, launch, report } from './common.mjs';

const [base, token, notebook, outDir, timeoutArg] = process.argv.slice(2);
if (!base || !token || !notebook || !outDir) {
  console.error('usage: node play.mjs BASE_URL TOKEN NOTEBOOK OUT_DIR [TIMEOUT_S]');
  process.exit(2);
}
const labels = JSON.parse(process.env.PLAY_LABELS || '{}');
if (!labels.ready || !labels.done) {
  console.error('play.mjs: PLAY_LABELS must give "ready" and "done"');
  process.exit(2);
}
const timeoutMs = 1000 * Number(timeoutArg || 600);
mkdirSync(outDir, { recursive: true });
const name = basename(notebook, '.ipynb');
const started = Date.now();
const log = (m) => console.log(`${((Date.now() - started) / 1000).toFixed(1)} s: ${m}`);

const { context, close } = await launch({ width: 1280, height: 1400 });
let page;
try {
  page = await context.newPage();
  const origin = new URL(base).origin;
  await page.route((url) => url.origin !== origin && /^https?:/.test(url.href), (route) => route.abort());
  page.on('pageerror', (err) => log(`page error: ${err.message}`));
  await page.goto(`${base}/notebooks/${encodeURIComponent(notebook)}?token=${encodeURIComponent(token)}`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded
    && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()
    && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null, null, { timeout: 120000, polling: 500 });
  log('notebook open, kernel idle');
  await page.evaluate(() => Jupyter.notebook.clear_all_output());

  // The play cells, found by their code.
  const cellOf = (code) => page.evaluate((code) => Jupyter.notebook.get_cells().findIndex((c) => c.cell_type === 'code' && c.get_text().includes(code)), code);
  const pickIndex = await cellOf('book.PickImage()');
  const drawIndex = await cellOf('book.Draw()');
  if (pickIndex < 0 || drawIndex < 0) fail(`the notebook lacks the play cells (PickImage at ${pickIndex}, Draw at ${drawIndex})`);
  // nth-child counts the cells from 1.
  const pick = page.locator(`#notebook-container > .cell:nth-child(${pickIndex + 1})`);
  const draw = page.locator(`#notebook-container > .cell:nth-child(${drawIndex + 1})`);

  await page.click('#menus a.dropdown-toggle:text-is("Cell")');
  await page.click('#run_all_cells > a');
  log('Cell > Run All clicked');

  // --- PickImage: the slider moves to the next test image ---
  const slider = pick.locator('input[type=range]');
  await slider.waitFor({ timeout: timeoutMs });
  const caption = pick.locator('.werkbank-pick-caption');
  await caption.waitFor({ timeout: 60000 });
  const first = Number(await caption.getAttribute('data-index'));
  const firstSrc = await pick.locator('img.werkbank-pick-figure').getAttribute('src');
  log(`slider shown at test image ${first}`);
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(([sel, want]) => {
    const c = document.querySelector(sel);
    return c && Number(c.getAttribute('data-index')) === want;
  }, [`#notebook-container > .cell:nth-child(${pickIndex + 1}) .werkbank-pick-caption`, first + 1], { timeout: 60000 });
  if (await pick.locator('img.werkbank-pick-figure').getAttribute('src') === firstSrc) fail('the slider moved, the figure did not change');
  log(`slider moved to test image ${first + 1}: the figure changed`);
  await page.screenshot({ path: join(outDir, `${name}-play-pick.png`), fullPage: true });
  await pick.locator('button', { hasText: labels.done }).click();

  // --- Draw: a vertical line is a 1; after Clear, a closed loop is a 0 ---
  const canvas = draw.locator('canvas');
  await canvas.waitFor({ timeout: 120000 });
  await draw.locator('.werkbank-play-note', { hasText: labels.ready }).waitFor({ timeout: 60000 });
  log('drawing box connected');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const stroke = async (points) => {
    await page.mouse.move(box.x + points[0][0], box.y + points[0][1]);
    await page.mouse.down();
    for (const [x, y] of points.slice(1)) await page.mouse.move(box.x + x, box.y + y);
    await page.mouse.up();
  };
  const reads = async (want, what) => {
    const sel = `#notebook-container > .cell:nth-child(${drawIndex + 1}) .werkbank-draw-reads`;
    await page.waitForFunction(([sel, want]) => {
      const r = document.querySelector(sel);
      return r && r.getAttribute('data-class') === String(want);
    }, [sel, want], { timeout: 60000 }).catch(async () => {
      const got = await page.locator(sel).getAttribute('data-class').catch(() => 'nothing');
      fail(`${what}: the net reads ${got}, want ${want}`);
    });
    const images = await draw.locator('.werkbank-draw-result img').evaluateAll((els) => els.map((e) => e.complete && e.naturalWidth > 0));
    if (images.length !== 3 || images.includes(false)) fail(`${what}: the result shows ${images.length} images (want the net's view, the bars and the maps)`);
    log(`${what}: the net reads a ${want}; its view, bars and maps are shown`);
  };
  const line = [];
  for (let y = 50; y <= 230; y += 10) line.push([140, y]);
  await stroke(line);
  await reads(1, 'a vertical line');
  await page.screenshot({ path: join(outDir, `${name}-play-draw-one.png`), fullPage: true });

  await draw.locator('button.werkbank-draw-clear').click();
  await draw.locator('.werkbank-play-note', { hasText: labels.ready }).waitFor({ timeout: 30000 });
  const loop = [];
  for (let a = 0; a <= 2 * Math.PI + 0.3; a += 0.15) loop.push([140 + 55 * Math.sin(a), 140 - 85 * Math.cos(a)]);
  await stroke(loop);
  await reads(0, 'a closed loop');
  await draw.screenshot({ path: join(outDir, `${name}-play-draw-zero.png`) });
  log(`screenshot: ${join(outDir, `${name}-play-draw-zero.png`)}`);
  await draw.locator('button.werkbank-draw-done').click();

  // The run goes on to the end; nothing failed, nothing live is left.
  for (;;) {
    const state = await page.evaluate(() => {
      const cells = Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code');
      return {
        done: cells.filter((c) => typeof c.input_prompt_number === 'number').length, total: cells.length,
        idle: document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null,
      };
    });
    if (state.done === state.total && state.idle) break;
    if (Date.now() - started > timeoutMs) fail(`timed out: ${JSON.stringify(state)}`);
    await page.waitForTimeout(500);
  }
  const problems = await page.evaluate(([p, d]) => {
    const out = [];
    Jupyter.notebook.get_cells().forEach((c, i) => {
      if (c.cell_type !== 'code') return;
      for (const o of c.output_area.outputs) {
        if (o.output_type === 'error') out.push(`cell ${i}: error ${o.ename}: ${o.evalue}`);
        if (o.output_type === 'stream' && o.name === 'stderr' && /^(panic: |fatal error: |error: )/m.test(o.text)) out.push(`cell ${i}: stderr: ${o.text.slice(0, 200)}`);
      }
    });
    for (const i of [p, d]) {
      const saved = JSON.stringify(Jupyter.notebook.get_cell(i).output_area.toJSON());
      if (saved.includes('<canvas') || saved.includes('<script')) out.push(`cell ${i}: a drawing box or script is left in the saved outputs`);
    }
    return out;
  }, [pickIndex, drawIndex]);
  if (problems.length) fail(problems.join('\n  '));
  console.log(`ok: played with ${notebook} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  if (page) await page.screenshot({ path: join(outDir, `${name}-play-error.png`), fullPage: true }).catch(() => {});
  report(err);
} finally {
  await close();
}
