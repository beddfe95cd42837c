// Batched sampling and beam search on a tiny random model: determinism by seed, the kept state
// (reset rows equal a fresh start), beam width 1 equal to greedy decoding, beam search scoring
// at least as well as sampling, and no tensors leaked.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend.js';
import { disposeNetwork, type Network } from '../../src/model/network.js';
import { Stepper } from '../../src/model/stepper.js';
import { beamSearch, bestAttempt } from '../../src/sample/beam-search.js';
import { DEFAULT_PICK } from '../../src/sample/pick.js';
import { type Attempt, sampleAttempts } from '../../src/sample/sampler.js';
import { BOS } from '../../src/tokenizer/index.js';
import { table, tinyNet } from './tiny-net.js';

let net: Network;
beforeAll(async () => {
  await selectBackend('wasm');
  net = tinyNet();
  return () => disposeNetwork(net);
});

async function sample(seed: number, count = 4, pick = DEFAULT_PICK, conditions = {}, maxLength = 60): Promise<Attempt[]> {
  const out: Attempt[] = [];
  let started = 0;
  await sampleAttempts(net, table, {
    batch: 3, maxLength, pick, seed, conditions,
    canStart: () => started++ < count, onAttempt: (a) => out.push({ ...a }) > 0,
  });
  return out;
}

const beam = (seed: number, width: number, extra = {}) =>
  beamSearch(net, table, { tunes: 2, width, maxLength: 60, seed, pick: DEFAULT_PICK, stochastic: false, guard: true, conditions: {}, ...extra });

describe('sampleAttempts', () => {
  it('gives the same tunes for the same seed and others for another', async () => {
    const a = await sample(1);
    expect(a).toHaveLength(4);
    expect(await sample(1)).toEqual(a);
    expect((await sample(2)).map((t) => t.text)).not.toEqual(a.map((t) => t.text));
  });
  it('honours the conditions', async () => {
    const [t] = await sample(1, 1, DEFAULT_PICK, { title: 'Jig', meter: '6/8', key: 'Ador' }, 400);
    expect(t.text).toMatch(/^T:Jig\nM:6\/8\nL:1\/\d+\nK:Ador\n/);
  });
  it('leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    await sample(3);
    await beam(3, 3);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('Stepper.reset', () => {
  it('makes a row start afresh while the others keep their state', () => {
    const fresh = new Stepper(net, 1);
    const expected = fresh.step(Int32Array.from([BOS]));
    fresh.dispose();
    const s = new Stepper(net, 2);
    s.step(Int32Array.from([BOS, BOS]));
    const kept = s.step(Int32Array.from([5, 6]));
    s.reset([0]);
    const after = s.step(Int32Array.from([BOS, 6]));
    s.dispose();
    const v = table.size;
    for (let i = 0; i < v; i++) expect(after[i]).toBeCloseTo(expected[i], 5);
    expect(Array.from(after.slice(v))).not.toEqual(Array.from(kept.slice(v)));
  });
});

describe('beamSearch', () => {
  it('keeps the finished tune with the best mean log-probability per character, not the best sum', () => {
    const short = { text: 'a', ended: true, logProb: -3, chosen: 2 };
    const long = { text: 'abcdef', ended: true, logProb: -6, chosen: 8 };
    expect(bestAttempt([short, long])).toBe(long);
  });
  it('is deterministic by seed', async () => {
    expect((await beam(4, 3)).attempts).toEqual((await beam(4, 3)).attempts);
  });
  it('stochastic: the same tunes for the same seed, others for another', async () => {
    const s = (seed: number) => beam(seed, 3, { stochastic: true, maxLength: 150, conditions: { title: 'a', meter: '4/4', key: 'Gmaj' } });
    const a = (await s(8)).attempts;
    expect(a).toHaveLength(2);
    expect((await s(8)).attempts).toEqual(a);
    expect((await s(9)).attempts.map((t) => t.text)).not.toEqual(a.map((t) => t.text));
  });
  it('with width 1 and greedy picks is greedy decoding', async () => {
    const greedy = { ...DEFAULT_PICK, greedy: true };
    const [g] = await sample(1, 1, greedy);
    const b = await beamSearch(net, table, { tunes: 1, width: 1, maxLength: 60, seed: 1, pick: greedy, stochastic: false, guard: false, conditions: {} });
    expect(b.attempts[0].text).toBe(g.text);
  });
  it('scores a higher mean log-probability per character than sampling', async () => {
    const mean = (as: Attempt[]) => as.reduce((s, a) => s + a.logProb / a.chosen, 0) / as.length;
    const conditions = { title: 'a', meter: '4/4', key: 'Gmaj' };
    const sampled = await sample(5, 6, DEFAULT_PICK, conditions, 150);
    const extra = { conditions, maxLength: 150 };
    const searched = [...(await beam(5, 4, extra)).attempts, ...(await beam(6, 4, extra)).attempts, ...(await beam(7, 4, { ...extra, stochastic: true })).attempts];
    expect(mean(searched)).toBeGreaterThan(mean(sampled));
  });
});

describe('stopping inside a search (deadlines and cancelled requests)', () => {
  it('beam search asks `stop` before every step and returns only the tunes that finished', async () => {
    let asked = 0;
    const r = await beam(4, 3, { maxLength: 400, stop: () => ++asked > 5 });
    expect(r.stopped).toBe(true);
    expect(asked).toBe(6);
    expect(r.attempts.every((a) => a.ended)).toBe(true);
    expect((await beam(4, 3)).stopped).toBe(false);
  });
  it('sampling asks `stop` before every step', async () => {
    let asked = 0;
    let started = 0;
    const got: Attempt[] = [];
    await sampleAttempts(net, table, {
      batch: 3, maxLength: 400, pick: DEFAULT_PICK, seed: 1, conditions: {}, stop: () => ++asked > 7,
      canStart: () => started++ < 100, onAttempt: (a) => got.push(a) > 0,
    });
    expect(asked).toBe(8);
  });
});
