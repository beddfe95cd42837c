// The app with a stand-in composer (no model needed): security headers, the rate limit,
// server-sent progress, a full queue answered 503, work over the cost budget answered 429, and
// the model list.
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { ComposeResult } from '../../src/compose/compose.js';
import { type Composing, createApp } from '../../src/server/app.js';
import type { ComposeJob } from '../../src/server/compose-pool.js';
import { resolveConfig, type ServerConfig } from '../../src/server/config.js';
import { takeFrames } from '../../web/src/api.js';

const TUNE = { title: 'T', meter: '6/8', key: 'Dmaj', bars: 8, abc: 'X:1\nT:T\nM:6/8\nL:1/8\nK:Dmaj\nABc|]', logProbPerChar: -0.5 };

function stubPool(busy = false, overBudget = false): Composing {
  return {
    busy: () => busy,
    overBudget: () => overBudget,
    compose: async (job: ComposeJob) => {
      job.onEvent?.({ type: 'attempt', index: 1, text: TUNE.abc });
      job.onEvent?.({ type: 'tune', index: 1, tune: TUNE });
      return { tunes: [TUNE], attempts: 1, validRate: 1, seconds: 0.1, tokensPerSec: 100, model: 'stub', seed: job.options.seed, complete: true } as unknown as ComposeResult;
    },
  };
}

let server: Server | undefined;
afterEach(() => server?.close());

async function serve(patch: Partial<ServerConfig>, pool = stubPool()): Promise<string> {
  const config = resolveConfig({}, { modelsDir: 'test/fixtures/models', webDir: 'test/fixtures/no-web', ...patch });
  server = createServer(createApp(config, pool));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const post = (url: string, body: unknown, accept = 'application/json') =>
  fetch(`${url}/api/compose`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: accept }, body: JSON.stringify(body) });

describe('server app', () => {
  it('sends security headers with a CSP that allows wasm and nothing from elsewhere', async () => {
    const res = await fetch(`${await serve({})}/api/models`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('http');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(await res.json()).toEqual({ models: [expect.objectContaining({ name: 'default', step: 7 })] });
  });

  it('limits each address to RATE_LIMIT API requests a minute', async () => {
    const url = await serve({ rateLimit: 3 });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await fetch(`${url}/api/models`)).status);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
  });

  it('streams progress as server-sent events, ending with the result', async () => {
    const res = await post(await serve({}), { tunes: 1, seed: 9 }, 'text/event-stream');
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const types: string[] = [];
    let done: Record<string, unknown> = {};
    takeFrames(await res.text(), (type, data) => {
      types.push(type);
      if (type === 'done') done = data;
    });
    expect(types).toEqual(['attempt', 'tune', 'done']);
    expect(done).toMatchObject({ seed: 9, modelName: 'default', tunes: [TUNE] });
  });

  it('answers 429 with Retry-After when the work admitted would pass the cost budget', async () => {
    const res = await post(await serve({}, stubPool(false, true)), { tunes: 2, beam: 4 });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect((await res.json()).error).toMatch(/too much work admitted \(budget 320000, this request 8000\)/);
  });

  it('answers 503 when the queue is full and 404 JSON for unknown paths', async () => {
    const url = await serve({}, stubPool(true));
    const busy = await post(url, { tunes: 1 });
    expect(busy.status).toBe(503);
    expect((await busy.json()).error).toMatch(/busy/);
    const missing = await fetch(`${url}/api/none`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatch(/no API endpoint/);
  });
});
