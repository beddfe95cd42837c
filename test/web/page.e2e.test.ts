// End to end in real headless Chromium, composing on the server (engine=server): build the page,
// start the real server (with a tiny model over-fitted on two tunes, so the test does not hang on
// the shipped model's training) on a free port of 127.0.0.1, compose 2 tunes, see staves and
// notes and the ABC shown grouped by beat, play (Tone.js transport started, a note highlighted),
// stop, print to PDF with pages, and save screenshots in test-output/. Skipped only when
// /usr/bin/chromium is missing. test/web/in-page.e2e.test.ts composes without the server.
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/server/config.js';
import { type RunningServer, startServer } from '../../src/server/server.js';
import { groupBeats } from '../../src/abc/beaming.js';
import { checkPage, hasChromium, launchChromium } from '../helpers/page-checks.js';
import { modelsDirForTests } from '../helpers/test-model.js';

const chromium = hasChromium();
if (!chromium) console.warn('page e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

describe.skipIf(!chromium)('the page in Chromium', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const models = await modelsDirForTests();
    await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
    server = await startServer(resolveConfig({}, { port: 0, workers: 1, rateLimit: 0, composeSeconds: 150, modelsDir: models.dir }));
  }, 200_000);
  afterAll(() => server?.close());

  it('composes, shows, plays and prints two tunes', async () => {
    const browser = await launchChromium();
    try {
      const report = await checkPage(browser, `${server.url}/?engine=server`, 'test-output', 240_000);
      console.log('page e2e:', JSON.stringify({ ...report, abc: undefined }));
      expect(report.tunes).toBe(2);
      expect(report.staffLines).toBeGreaterThan(0);
      expect(report.notes).toBeGreaterThan(10);
      expect(report.transport).toBe('started');
      expect(report.highlighted).toBeGreaterThan(0);
      expect(report.afterStop).toBe('stopped');
      expect(report.pdfPages).toBeGreaterThanOrEqual(1);
      expect(report.consoleErrors).toEqual([]);
      expect(report.abc).toMatch(/^K:.*\n.*[^ ] [^ ]/m); // shown grouped by beat, as the book writes it
      expect(groupBeats(report.abc)).toBe(report.abc);
    } finally {
      await browser.close();
    }
  }, 300_000);
});
