// The tensor-side training path on WebGL: a page bundled from the real training code
// (test/web/fixtures/tensor-train.ts over test/helpers/tensor-curve.ts: TensorTrainer, the epoch
// stream, initParams, Adam) trains tensor-path.test.ts's tiny model in headless Chromium on
// tfjs's webgl backend (SwiftShader); the curve learns and follows the same code's curve on
// tfjs's cpu backend in Node, step for step, to close final weights. Skipped without /usr/bin/chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildVocab, encodeTune } from '../../src/tokenizer/index.js';
import { globalNorm } from '../../src/train/optimizer.js';
import { hasChromium, launchChromium } from '../helpers/page-checks.js';
import { type StaticServer, serveStatic } from '../helpers/static-server.js';
import { type Curve, type CurveRun, runCurve } from '../helpers/tensor-curve.js';
import { TWO_TUNES, tinyConfig } from '../train/helpers.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const config = tinyConfig({ model: { dropout: 0.1 } });
const vocab = buildVocab(TWO_TUNES);
/** tensor-path.test.ts's curve: 40 steps of 2 lanes x 16 characters, dropout 0.1, lr 0.02, clipping engaged. */
const RUN: CurveRun = {
  model: config.model, vocabSize: vocab.tokens.length, tunes: TWO_TUNES.map((t) => Array.from(encodeTune(vocab, t))),
  steps: 40, batch: 2, seq: 16, lr: 0.02, clipNorm: 1,
};
// SwiftShader computes in IEEE float32 on the CPU, as tfjs's cpu backend does; the two differ only
// in the order of sums and in exp/log/tanh to a few ulps. Measured: losses within 3.4e-6 of each
// other over the 40 steps, weights within 2.4e-6 (relative norm). 1e-4 leaves a margin of 30; a
// learning rate 0.5% off moves the curve past it by step 3 (and by 6e-2 at most).
const LOSS_TOLERANCE = 1e-4;
const WEIGHT_TOLERANCE = 1e-4;

const chromium = hasChromium();
if (!chromium) console.warn('tensor-train e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

describe.skipIf(!chromium)('the tensor-side training path on WebGL (SwiftShader)', () => {
  const site = mkdtempSync(join(tmpdir(), 'tensor-train-'));
  let server: StaticServer;
  beforeAll(async () => {
    // the page's own imports only: tfjs-core and the union package (cpu, webgl); no wasm files, no model
    await build({
      configFile: false, root: FIXTURES, base: './', publicDir: false, logLevel: 'warn',
      build: {
        outDir: site, emptyOutDir: true, chunkSizeWarningLimit: 4000,
        rolldownOptions: { input: join(FIXTURES, 'tensor-train.html') },
      },
    });
    server = await serveStatic(site);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    rmSync(site, { recursive: true, force: true });
  });

  /** The curve as the page runs it on `backend`, and the page's uncaught errors. */
  async function curveInPage(backend: string, run: CurveRun): Promise<{ curve: Curve; errors: string[] }> {
    const browser = await launchChromium({ webgl: true });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}/tensor-train.html`);
      type TrainPage = { __trainCurve?: typeof runCurve };
      await page.waitForFunction(() => typeof (window as TrainPage).__trainCurve === 'function');
      const curve = await page.evaluate(([b, r]) => (window as TrainPage).__trainCurve!(b, r), [backend, run] as const);
      return { curve, errors };
    } finally {
      await browser.close();
    }
  }

  it('learns, and follows the cpu backend\'s loss curve within float tolerance to close weights', async () => {
    const cpu = await runCurve('cpu', RUN);
    const { curve: webgl, errors } = await curveInPage('webgl', RUN);
    expect(cpu.backend).toBe('cpu');
    expect(webgl.backend).toBe('webgl');
    expect(errors).toEqual([]);
    expect(webgl.losses[RUN.steps - 1]).toBeLessThan(webgl.losses[0] - 0.5); // it learns: the curve is not flat
    webgl.losses.forEach((l, i) => expect(Math.abs(l - cpu.losses[i]), `step ${i}: ${l} vs ${cpu.losses[i]}`).toBeLessThan(LOSS_TOLERANCE));
    for (const [name, w] of Object.entries(cpu.weights)) {
      const diff = Float32Array.from(w, (x, i) => x - webgl.weights[name][i]);
      expect(globalNorm({ diff }) / globalNorm({ w: Float32Array.from(w) }), name).toBeLessThan(WEIGHT_TOLERANCE);
    }
  }, 240_000);
});
