// Measures how fast the built page composes on each backend: serves dist/web with a plain static
// file server, opens it in headless Chromium (WebGL through SwiftShader, as a machine without a
// GPU has it) and composes the same tunes on wasm and on WebGL, printing characters a second.
//   npm run build:web && npx tsx scripts/page-speed.ts [--tunes 4] [--seed 1]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../test/helpers/page-checks.js';
import { serveStatic } from '../test/helpers/static-server.js';

const { values } = parseArgs({ options: { tunes: { type: 'string', default: '4' }, seed: { type: 'string', default: '1' } } });
const server = await serveStatic(join(import.meta.dirname, '..', 'dist', 'web'));
const browser = await launchChromium({ webgl: true });
try {
  for (const engine of ['wasm', 'webgl', 'wasm']) {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?tunes=${values.tunes}&seed=${values.seed}&engine=${engine}&run=1`);
    await page.waitForFunction(() => (window as any).__composed || document.querySelector('#status.error'), null, { timeout: 1_800_000 });
    const r = await page.evaluate(() => (window as any).__composed);
    if (!r) throw new Error(`${engine}: ${await page.textContent('#status')}`);
    console.log(JSON.stringify({ engine, backend: r.backend, tunes: r.tunes.length, attempts: r.attempts, seconds: r.seconds, charsPerSec: r.tokensPerSec }));
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
