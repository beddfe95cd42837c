// The page composes by itself: the built site, served by a plain static file server that refuses
// every /api request, composes tunes in headless Chromium and draws them with abcjs, on wasm and
// on WebGL (SwiftShader); on wasm the tunes of one seed are the command line's, tune for tune.
// The site's model is replaced by a tiny model over-fitted on two tunes (stored as float16, as
// the build stores the shipped one), so the test does not depend on the shipped model's training.
// Skipped without /usr/bin/chromium.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComposeDone } from '../../web/src/api.js';
import { encodeIndex } from '../../src/compose/novelty.js';
import { modelCopy } from '../../src/model/model-copy.js';
import { loadModel } from '../../src/model/model-dir.js';
import { hasChromium, launchChromium } from '../helpers/page-checks.js';
import { type StaticServer, serveStatic } from '../helpers/static-server.js';
import { trainOverfitModel } from '../helpers/test-model.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SETTINGS = 'tunes=2&temperature=0.9&seed=11&run=1';
const chromium = hasChromium();
if (!chromium) console.warn('in-page e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

/** The command line's tunes for the page's settings, from the model files the page was served. */
function commandLine(modelDir: string, out: string): { tunes: { abc: string }[]; attempts: number } {
  const args = ['--import', 'tsx', join(ROOT, 'src/cli/compose.ts'), '--model', modelDir, '--tunes', '2', '--temperature', '0.9',
    '--seed', '11', '--backend', 'wasm', '--json', '--out', out];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`compose failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe.skipIf(!chromium)('the page composing by itself', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'in-page-'));
  const site = join(tmp, 'site');
  let server: StaticServer;
  beforeAll(async () => {
    const trained = await trainOverfitModel(join(tmp, 'overfit'));
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: site, emptyOutDir: true } });
    const model = join(site, 'models', 'default');
    expect(readdirSync(model).sort()).toEqual(expect.arrayContaining(['model.json', 'vocab.json', 'novelty.bin', 'title-words.txt']));
    rmSync(model, { recursive: true });
    mkdirSync(model);
    for (const [name, bytes] of Object.entries(modelCopy(await loadModel(trained), 'float16'))) writeFileSync(join(model, name), bytes);
    // An empty novelty index: the command line would otherwise build one from the corpus, and judge differently.
    writeFileSync(join(model, 'novelty.bin'), encodeIndex({ window: 4, tunes: 0, hashes: new Uint32Array() }));
    server = await serveStatic(site);
  }, 600_000);
  afterAll(async () => {
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  async function composeIn(browser: Browser, engine: string): Promise<{ result: ComposeDone; svgs: number; notes: number; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${server.url}/?${SETTINGS}&engine=${engine}`);
    await page.waitForFunction(() => (window as any).__composed || document.querySelector('#status.error'), null, { timeout: 400_000 });
    const result = await page.evaluate(() => (window as any).__composed);
    if (!result) throw new Error(`page: ${await page.textContent('#status')}`);
    await page.waitForSelector('#tune-1 .music svg');
    const svgs = await page.locator('#tunes .music svg').count();
    const notes = await page.locator('#tunes svg .abcjs-note').count();
    await page.screenshot({ path: join(ROOT, 'test-output', `in-page-${engine}.png`), fullPage: true });
    await page.close();
    return { result, svgs, notes, errors };
  }

  it('composes on wasm with no /api, draws the tunes, and gives the command line\'s tunes for the seed', async () => {
    const browser = await launchChromium();
    try {
      const page = await composeIn(browser, 'wasm');
      expect(page.result.backend).toBe('wasm');
      expect(page.result.tunes).toHaveLength(2);
      expect(page.svgs).toBe(2);
      expect(page.notes).toBeGreaterThan(10);
      expect(page.errors).toEqual([]);
      expect(server.apiRequests).toEqual([]);
      const cli = commandLine(join(site, 'models', 'default'), join(tmp, 'book'));
      expect(page.result.tunes.map((t) => t.abc)).toEqual(cli.tunes.map((t) => t.abc));
      expect(page.result.attempts).toBe(cli.attempts);
      expect(page.result.model).toMatch(/^default, \d+x\d+ lstm, step \d+$/);
    } finally {
      await browser.close();
    }
  }, 900_000);

  it('composes on WebGL (SwiftShader) with no /api and draws the tunes', async () => {
    const browser = await launchChromium({ webgl: true });
    try {
      const page = await composeIn(browser, 'webgl');
      expect(page.result.backend).toBe('webgl');
      expect(page.result.tunes.length).toBeGreaterThanOrEqual(1);
      expect(page.svgs).toBe(page.result.tunes.length);
      expect(page.errors.filter((e) => !/GPU stall|WebGL/i.test(e))).toEqual([]);
      expect(server.apiRequests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 900_000);
});
