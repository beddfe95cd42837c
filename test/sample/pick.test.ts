// Sampling maths: log-softmax, temperature, top-k, top-p (nucleus) and greedy on literal logits.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/model/rng.js';
import { DEFAULT_PICK, logSoftmax, pick } from '../../src/sample/pick.js';

const logits = Float32Array.from([2, 1, 0, -1, 0.5]); // order by probability: 0, 1, 4, 2, 3

function histogram(opts: Partial<typeof DEFAULT_PICK>, draws = 4000, banned: number[] = []): number[] {
  const rng = new Rng(5);
  const counts = new Array(logits.length).fill(0);
  for (let i = 0; i < draws; i++) counts[pick(logits, 0, logits.length, { ...DEFAULT_PICK, ...opts }, rng, banned)]++;
  return counts.map((c) => c / draws);
}

describe('logSoftmax', () => {
  it('gives log-probabilities that sum to 1 and keep the order', () => {
    const lp = logSoftmax(logits, 0, 5);
    expect(Array.from(lp).reduce((s, v) => s + Math.exp(v), 0)).toBeCloseTo(1, 10);
    expect(lp[0] - lp[1]).toBeCloseTo(1, 6);
  });
  it('divides logits by the temperature', () => {
    const hot = logSoftmax(logits, 0, 5, 2);
    expect(hot[0] - hot[1]).toBeCloseTo(0.5, 6);
  });
});

describe('pick', () => {
  it('samples in proportion to the softmax at T = 1', () => {
    const p = Array.from(logSoftmax(logits, 0, 5)).map(Math.exp);
    histogram({}).forEach((f, i) => expect(f).toBeCloseTo(p[i], 1));
  });
  it('greedy always takes the argmax', () => {
    expect(histogram({ greedy: true }, 50)).toEqual([1, 0, 0, 0, 0]);
  });
  it('low temperature approaches greedy, high flattens', () => {
    expect(histogram({ temperature: 0.05 })[0]).toBeGreaterThan(0.99);
    expect(histogram({ temperature: 50 })[3]).toBeGreaterThan(0.15);
  });
  it('top-k never picks outside the k most likely', () => {
    const h = histogram({ topK: 2 });
    expect(h[2] + h[3] + h[4]).toBe(0);
    expect(h[0]).toBeCloseTo(Math.E / (Math.E + 1), 1);
  });
  it('top-p keeps the smallest set reaching the mass', () => {
    // p(0) = 0.53, p(0) + p(1) = 0.73: top-p 0.6 keeps two characters
    const h = histogram({ topP: 0.6 });
    expect(h[2] + h[3] + h[4]).toBe(0);
    expect(h[1]).toBeGreaterThan(0.2);
    expect(histogram({ topP: 0.5 })[0]).toBe(1);
  });
  it('never picks a banned index', () => {
    expect(histogram({ greedy: true }, 10, [0])[1]).toBe(1);
    expect(histogram({}, 500, [0, 1])[0] + histogram({}, 500, [0, 1])[1]).toBe(0);
  });
  it('returns -1 when every index is banned', () => {
    expect(pick(logits, 0, 5, DEFAULT_PICK, new Rng(1), [0, 1, 2, 3, 4])).toBe(-1);
    expect(pick(logits, 0, 5, { ...DEFAULT_PICK, greedy: true }, new Rng(1), [0, 1, 2, 3, 4])).toBe(-1);
  });
  it('reads the given row of a [rows, n] array', () => {
    const two = Float32Array.from([0, 0, 9, 9, 0, 0]);
    expect(pick(two, 1, 3, { ...DEFAULT_PICK, greedy: true }, new Rng(1))).toBe(0);
  });
});

describe('tiny temperatures', () => {
  it('act as greedy: no NaN, and a banned best id gives the next best, not "nothing allowed"', () => {
    const logits = Float32Array.from([0.5, 3, 1, 2.5, -1]);
    const lp = logSoftmax(logits, 0, 5, 1e-310);
    expect(Array.from(lp).some(Number.isNaN)).toBe(false);
    expect(lp[1]).toBe(0);
    const cold = { ...DEFAULT_PICK, temperature: 1e-300 };
    expect(pick(logits, 0, 5, cold, new Rng(1))).toBe(1);
    expect(pick(logits, 0, 5, cold, new Rng(1), [1])).toBe(3);
    expect(pick(logits, 0, 5, cold, new Rng(1), [0, 1, 2, 3, 4])).toBe(-1);
  });
});
