// The server against hostile input: 200 bad requests of many kinds sent at once all get a 4xx
// JSON error with a message, the server stays up, and the next good request succeeds; two
// dropped requests of the most expensive kind it admits (on a model trained one step, whose
// jobs run long) do not keep the next normal request waiting. The rate limit is raised for
// this test (RATE_LIMIT; 60 a minute by default) so the good request is not refused for the
// flood before it; the limit itself is tested in app.test.ts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/server/config.js';
import { type RunningServer, startServer } from '../../src/server/server.js';
import { modelsDirForTests } from '../helpers/test-model.js';
import { TWO_TUNES, tinyConfig, trainOn } from '../train/helpers.js';

let server: RunningServer;

beforeAll(async () => {
  const models = await modelsDirForTests();
  mkdirSync(join(models.dir, 'untrained'));
  await trainOn(TWO_TUNES, tinyConfig(), join(models.dir, 'untrained'), { maxSteps: 1 });
  server = await startServer(resolveConfig({}, { port: 0, modelsDir: models.dir, workers: 1, rateLimit: 100_000, composeSeconds: 60 }));
});
afterAll(() => server?.close());

type Bad = { method?: string; path?: string; body?: string; type?: string };
const json = (o: unknown): Bad => ({ body: JSON.stringify(o) });

const KINDS: Bad[] = [
  { body: '{"tunes": 1,' }, { body: '{tunes: 1}' }, { body: 'not json' }, { body: '[1, 2' }, { body: '"' },
  json([1, 2]), json(null), json('tunes'), json(42),
  json({ tunes: 'two' }), json({ tunes: 0 }), json({ tunes: 21 }), json({ tunes: 1.5 }), json({ tunes: -3 }), json({ tunes: true }),
  json({ temperature: 0 }), json({ temperature: -1 }), json({ temperature: 'hot' }), json({ temperature: [1] }),
  json({ topK: -1 }), json({ topK: 2.5 }), json({ topP: 0 }), json({ topP: 1.5 }), json({ beam: 99 }), json({ beam: -2 }),
  json({ seed: -1 }), json({ seed: 2 ** 40 }), json({ seed: 'abc' }), json({ seed: { a: 1 } }),
  json({ title: 5 }), json({ title: 'a%b' }), json({ title: '\u2603' }), json({ title: '' }), json({ key: '' }),
  json({ prime: '{' }), json({ prime: '@' }), json({ prime: '[[[[' }), json({ meter: '99/99' }), json({ meter: '3/3' }),
  json({ tunes: 20, beam: 32 }), json({ title: 'x'.repeat(300) }), json({ meter: 'x/y' }), json({ meter: 7 }),
  json({ key: 'H#' }), json({ key: false }), json({ prime: 'K:G\nabc' }), json({ prime: 9 }), json({ stochasticBeam: 'yes' }),
  json({ model: '../../etc' }), json({ model: 'no-such-model' }), json({ model: 3 }), json({ tunes: 1, bogus: 1 }),
  json({ __proto__: { polluted: 1 }, tunes: 1, constructor: 1 }), json({ maxSeconds: 1e9 }),
  { body: JSON.stringify({ tunes: 1, title: 'x'.repeat(40_000) }) }, { body: `{"a":"${'y'.repeat(100_000)}"}` },
  { type: 'text/plain', body: '{"tunes":1}' }, { type: 'application/x-www-form-urlencoded', body: 'tunes=1' }, { type: '', body: '{"tunes":1}' },
  { method: 'GET', path: '/api/compose' }, { method: 'PUT', path: '/api/compose', body: '{}' }, { method: 'DELETE', path: '/api/models' },
  { method: 'GET', path: '/api/nothing' }, { method: 'POST', path: '/api/models', body: '{}' }, { method: 'GET', path: '/api/%ff' },
  { method: 'GET', path: '/../../etc/passwd' }, { method: 'POST', path: '/', body: '{}' }, { method: 'GET', path: '/nope.js' },
  { type: 'application/json; charset=latin1', body: '{"tunes":1}' },
];

async function send(bad: Bad): Promise<{ status: number; error: unknown }> {
  const type = bad.type ?? 'application/json';
  const res = await fetch(server.url + (bad.path ?? '/api/compose'), {
    method: bad.method ?? 'POST', body: bad.body, headers: type ? { 'Content-Type': type } : {},
  });
  const text = await res.text();
  let error: unknown;
  try {
    error = JSON.parse(text).error;
  } catch {
    error = undefined;
  }
  return { status: res.status, error };
}

describe('bad requests', () => {
  it('answers 200 bad requests sent at once with 4xx JSON errors, then serves a good one', async () => {
    const requests = Array.from({ length: 200 }, (_, i) => KINDS[i % KINDS.length]);
    const replies = await Promise.all(requests.map(send));
    const wrong = replies.map((r, i) => ({ ...r, req: requests[i] }))
      .filter((r) => r.status < 400 || r.status >= 500 || typeof r.error !== 'string' || r.error === '');
    expect(wrong.map((w) => `${w.status} ${JSON.stringify(w.req).slice(0, 80)}`)).toEqual([]);
    const good = await fetch(`${server.url}/api/compose`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ tunes: 1, seed: 5, temperature: 1 }),
    });
    expect(good.status).toBe(200);
    const result = await good.json();
    expect(result.attempts).toBeGreaterThan(0);
    expect(result.tunes.length).toBeGreaterThan(0); // the over-fitted model composes; an empty answer is a failure
    expect(result.tunes[0].abc).toMatch(/^X:1\n[\s\S]*\nK:/);
  });
});

describe('dropped requests', () => {
  const post = (body: unknown, accept = 'application/json', signal?: AbortSignal) => fetch(`${server.url}/api/compose`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: accept }, body: JSON.stringify(body), signal,
  });

  it('two dropped requests of the most expensive kind leave the next normal one to be answered within 15 s', async () => {
    const costly = { model: 'untrained', tunes: 20, beam: 4 }; // 20 x 4 x 1,000 = 80,000: the most admitted by default
    const drops = [new AbortController(), new AbortController()];
    const streams = drops.map((d) => post(costly, 'text/event-stream', d.signal));
    expect((await streams[0]).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1000));
    drops.forEach((d) => d.abort());
    await Promise.allSettled(streams);
    const at = performance.now();
    const res = await post({ tunes: 1, seed: 1 });
    expect(res.status).toBe(200);
    expect((await res.json()).attempts).toBeGreaterThan(0);
    expect(performance.now() - at).toBeLessThan(15_000);
  });

  it('folds a title to the characters the model knows (Sàmple Reél -> Sample Reel)', async () => {
    const res = await post({ tunes: 1, seed: 2, title: 'Sàmple Reél' });
    expect(res.status).toBe(200);
    expect((await res.json()).options.title).toBe('Sample Reel');
  });
});
