// The page's small faults, in headless Chromium against the built page composing through the
// server (engine=server) with the API answered by the test (no server, no model): it opens with
// a random seed unless the URL gives one; the ABC download carries the tune book's N: line, which
// names the model (never a path); a tempo out of range gets a message and neither plays nor
// downloads; a long title wraps inside its card; and the MIDI download is the tune book's file
// for the same tune, byte for byte, at the default tempo. Skipped without /usr/bin/chromium.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComposedTune } from '../../src/compose/compose.js';
import { bookTune } from '../../src/tunebook/format.js';
import { tuneMidi } from '../../src/tunebook/midi.js';
import { readMidiMeta } from '../helpers/midi-read.js';
import { hasChromium, launchChromium } from '../helpers/page-checks.js';

const ORIGIN = 'http://page.test';
const LONG_TITLE = 'The Extraordinarily Long Title of a Tune the Model Wrote When It Could Not Stop Naming Things, Reel';
const tune = (title: string, body: string): ComposedTune => ({
  title, meter: '4/4', key: 'Dmaj', bars: 4, logProbPerChar: -0.5,
  abc: `X:1\nT:${title}\nM:4/4\nL:1/8\nK:Dmaj\n${body}\n`,
});
const TUNES = [tune('The Kitchen Girl', '|:DEFGABcd|edcBAGFE:|DEFGABcd|e2d2d4|]'), tune(LONG_TITLE, 'DEFGABcd|edcBAGFE|DEFGABcd|e2d2d4|]')];
const MODEL = 'default, 2x384 lstm, step 4750';

/** Answers /api/* as the server would (the compose stream ends with `done`); serves the built page otherwise. */
function serve(root: string, sent: Record<string, unknown>[]) {
  return async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.pathname.endsWith('/api/models')) return route.fulfill({ json: { models: [{ name: 'default', step: 4750 }] } });
    if (url.pathname.endsWith('/api/compose')) {
      const body = JSON.parse(route.request().postData() ?? '{}');
      sent.push(body);
      const options = { tunes: body.tunes, temperature: body.temperature, topK: 0, topP: 1, beam: 0, seed: body.seed };
      const frames = [['started', {}], ...TUNES.map((t, i) => ['tune', { type: 'tune', index: i + 1, tune: t }]),
        ['done', { tunes: TUNES, attempts: 2, validRate: 1, seconds: 0.1, model: MODEL, seed: body.seed, complete: true, options }]];
      return route.fulfill({ contentType: 'text/event-stream', body: frames.map(([e, d]) => `event: ${e}\ndata: ${JSON.stringify(d)}\n\n`).join('') });
    }
    const file = normalize(join(root, url.pathname === '/' ? 'index.html' : url.pathname));
    if (!file.startsWith(root) || !extname(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ path: file });
  };
}

const chromium = hasChromium();
if (!chromium) console.warn('page faults e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

describe.skipIf(!chromium)('the page\'s small faults', () => {
  const root = mkdtempSync(join(tmpdir(), 'page-build-'));
  const sent: Record<string, unknown>[] = [];
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  beforeAll(async () => {
    await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir: root, emptyOutDir: true } });
    browser = await launchChromium();
  }, 200_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function open(query = '', width = 1100): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
    await page.route(`${ORIGIN}/**`, serve(root, sent));
    await page.goto(`${ORIGIN}/${query}${query ? '&' : '?'}engine=server`);
    await page.waitForSelector('#model option', { state: 'attached' });
    return page;
  }

  async function composeTwo(page: Page): Promise<void> {
    await page.fill('input[name=temperature]', '0.8');
    await page.click('#compose');
    await page.waitForSelector('#tune-2 .music svg');
    await page.waitForFunction(() => !(document.querySelector('#compose') as HTMLButtonElement).disabled);
  }

  async function downloaded(page: Page, selector: string): Promise<Buffer> {
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.click(selector)]);
    return readFileSync((await file.path())!);
  }

  it('opens with a random seed, unless the link gives one, and sends and shares it', async () => {
    const seeds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const page = await open();
      seeds.push(await page.inputValue('input[name=seed]'));
      await page.close();
    }
    expect(seeds.every((s) => /^\d+$/.test(s))).toBe(true);
    expect(seeds[0]).not.toBe(seeds[1]);
    const page = await open('?seed=42&tunes=2');
    expect(await page.inputValue('input[name=seed]')).toBe('42');
    await composeTwo(page);
    expect(sent.at(-1)?.seed).toBe(42);
    expect(await page.getAttribute('#share', 'href')).toMatch(/[?&]seed=42(&|$)/);
    await page.close();
  }, 120_000);

  it('downloads the ABC with the tune book\'s N: line, and the tune book\'s MIDI file', async () => {
    const page = await open();
    await composeTwo(page);
    const seed = sent.at(-1)?.seed;
    const abc = (await downloaded(page, '#tune-1 button.abc')).toString('utf8');
    expect(abc).toBe(bookTune(TUNES[0], 1, `composed by folk-lstm: model ${MODEL}, seed ${seed}, temperature 0.8`));
    expect(abc).toMatch(/^X:1\nT:The Kitchen Girl\nN:composed by folk-lstm: model .*, seed \d+, temperature 0\.8\n/);
    const midi = await downloaded(page, '#tune-1 button.midi');
    expect(new Uint8Array(midi)).toEqual(tuneMidi(bookTune(TUNES[0], 1)));
    await page.close();
  }, 120_000);

  it('says so when the tempo is out of range, and then neither plays nor downloads', async () => {
    const page = await open();
    await composeTwo(page);
    const message = page.locator('#tune-1 .tempo-error');
    expect(await message.isVisible()).toBe(false);
    for (const bad of ['5', '1000', '']) {
      await page.fill('#tune-1 input.bpm', bad);
      expect(await message.isVisible(), `tempo "${bad}"`).toBe(true);
      expect(await message.textContent()).toMatch(/Tempo must be a number of beats per minute from 30 to 300/);
    }
    await page.locator('#tune-1').screenshot({ path: 'test-output/bad-tempo.png' });
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.click('#tune-1 button.midi');
    await page.click('#tune-1 button.play');
    await page.waitForTimeout(500);
    expect(downloads).toBe(0);
    expect(await page.evaluate(() => (window as any).__player.transportState())).not.toBe('started');
    await page.fill('#tune-1 input.bpm', '120');
    expect(await message.isVisible()).toBe(false);
    const tempo = readMidiMeta(new Uint8Array(await downloaded(page, '#tune-1 button.midi'))).find((m) => m.type === 0x51)!.data;
    expect(tempo).toEqual([0x07, 0xa1, 0x20]); // 120 quarter-note beats a minute: 500,000 us a quarter
    await page.close();
  }, 120_000);

  it('wraps a long title inside its card', async () => {
    for (const width of [1100, 420]) {
      const page = await open('', width);
      await composeTwo(page);
      const box = await page.evaluate(() => {
        const card = document.querySelector('#tune-2')!;
        const title = card.querySelector('.tune-title')!;
        const [c, t] = [card.getBoundingClientRect(), title.getBoundingClientRect()];
        const range = document.createRange();
        range.selectNodeContents(title);
        const text = range.getBoundingClientRect();
        const lineHeight = parseFloat(getComputedStyle(title).lineHeight);
        return { inside: text.left >= c.left && text.right <= c.right && t.right <= c.right, lines: Math.round(text.height / lineHeight),
          overflow: card.scrollWidth - card.clientWidth, content: title.textContent };
      });
      expect(box.content).toBe(LONG_TITLE);
      expect(box.inside, `width ${width}`).toBe(true);
      expect(box.overflow).toBeLessThanOrEqual(0);
      expect(box.lines, `width ${width}`).toBeGreaterThanOrEqual(width < 600 ? 3 : 2);
      if (width < 600) await page.locator('#tune-2').screenshot({ path: 'test-output/long-title.png' });
      await page.close();
    }
  }, 120_000);
});
