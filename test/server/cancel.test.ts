// Work a client drops is cancelled, so no request can hold the workers (issue 11): a running
// job stops within a second of its client going away, and a request over the cost limit is
// refused before it is queued. The model is trained one step only, so its jobs run long (its
// tunes fail validation until the budget runs out). bad-requests.test.ts drops two requests on
// a server and times the next one.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkComposeOptions } from '../../src/compose/compose.js';
import { CANCEL_GRACE_MS, ComposePool } from '../../src/server/compose-pool.js';
import { DEFAULT_CONFIG, resolveConfig } from '../../src/server/config.js';
import { type RunningServer, startServer } from '../../src/server/server.js';
import { TWO_TUNES, tempDir, tinyConfig, trainOn } from '../train/helpers.js';

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = tempDir('cancel-models');
  mkdirSync(join(dir, 'default'));
  await trainOn(TWO_TUNES, tinyConfig(), join(dir, 'default'), { maxSteps: 1 });
  server = await startServer(resolveConfig({}, { port: 0, modelsDir: dir, workers: 1, rateLimit: 100_000, composeSeconds: 60 }));
});
afterAll(() => server?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('cancelling', () => {
  it('stops a running job within a second of its client going away', async () => {
    const pool = new ComposePool({ modelsDir: dir, workers: 1, queueLimit: 2, jobSeconds: 60, costBudget: DEFAULT_CONFIG.costBudget, warm: 'default' });
    try {
      const abort = new AbortController();
      let composing: () => void = () => undefined;
      const running = new Promise<void>((r) => (composing = r));
      const options = checkComposeOptions({ tunes: 20, maxSeconds: 60 });
      const job = pool.compose({ model: 'default', options, cost: 20_000, signal: abort.signal, onEvent: (e) => e.type === 'text' && composing() });
      job.catch(() => undefined);
      await running; // the worker is stepping the network (not still starting up)
      expect(pool.load).toMatchObject({ running: 1, cost: 20_000 });
      expect(pool.overBudget(DEFAULT_CONFIG.costBudget - 20_000)).toBe(false);
      expect(pool.overBudget(DEFAULT_CONFIG.costBudget - 19_999)).toBe(true); // would be a 429
      abort.abort();
      await expect(job).rejects.toThrow('cancelled');
      const at = performance.now();
      while (pool.load.running > 0 && performance.now() - at < 5000) await sleep(10);
      expect(pool.load).toMatchObject({ running: 0, cost: 0 });
      expect(pool.overBudget(10 * DEFAULT_CONFIG.costBudget)).toBe(false); // an idle pool takes any one job
      expect(performance.now() - at).toBeLessThan(CANCEL_GRACE_MS); // stopped by its flag, not replaced
    } finally {
      await pool.close();
    }
  });

  it('refuses a request over the cost limit with a 400 that says why', async () => {
    const res = await fetch(`${server.url}/api/compose`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ tunes: 20, beam: 5 }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/costs 100000 \(tunes 20 x beam width 5 x length cap 1000\), over the server's limit of 80000/);
  });
});
