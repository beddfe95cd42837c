// Checks the page in headless Chromium without a trained model: serves the built page with a
// stand-in composer that "composes" two corpus tunes, then runs the same journey as the e2e
// test (compose, score drawn, play + highlight, stop, PDF) and writes screenshots to
// test-output/. Usage: npm run build:web && npx tsx scripts/page-preview.ts [--keep]
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { splitTunes } from '../src/abc/read.js';
import { runMain } from '../src/cli/args.js';
import type { ComposeResult } from '../src/compose/compose.js';
import { type Composing, createApp } from '../src/server/app.js';
import type { ComposeJob } from '../src/server/compose-pool.js';
import { resolveConfig } from '../src/server/config.js';
import { checkPage, launchChromium } from '../test/helpers/page-checks.js';

function corpusPool(): Composing {
  const corpus = splitTunes(readFileSync('corpus-abc/train.abc', 'utf8')).map((t) => t.text);
  const field = (abc: string, k: string) => new RegExp(`^${k}:(.*)$`, 'm').exec(abc)?.[1].trim() ?? '';
  return {
    busy: () => false,
    compose: async (job: ComposeJob) => {
      const picked = [0, 1].map((i) => corpus[(job.options.seed * 31 + i * 997) % corpus.length]);
      const tunes = picked.map((abc) => ({ title: field(abc, 'T'), meter: field(abc, 'M'), key: field(abc, 'K'), bars: 16, abc, logProbPerChar: 0 }));
      for (const [i, tune] of tunes.entries()) {
        job.onEvent?.({ type: 'attempt', index: i + 1, text: tune.abc });
        await new Promise((r) => setTimeout(r, 300));
        job.onEvent?.({ type: 'tune', index: i + 1, tune });
      }
      return { tunes, attempts: 2, validRate: 1, seconds: 0.6, model: 'corpus stand-in', seed: job.options.seed, complete: true } as unknown as ComposeResult;
    },
  };
}

runMain('page-preview', async () => {
  const server = createServer(createApp(resolveConfig({}, { modelsDir: 'test/fixtures/models' }), corpusPool()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await launchChromium();
  try {
    console.log(JSON.stringify(await checkPage(browser, url, 'test-output'), null, 1));
  } finally {
    await browser.close();
  }
  if (process.argv.includes('--keep')) {
    console.log(`serving ${url} (Ctrl-C to stop)`);
    await new Promise(() => {});
  }
  server.close();
});
