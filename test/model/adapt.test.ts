// Dynamic evaluation (src/model/adapt.ts): with no learning it scores exactly as static evaluation;
// it never scores a character with weights that have learnt from it; reading a collection that
// repeats itself, it learns the repeats (fewer bits than static); the lanes keep the order.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { adaptiveEvaluate, DEFAULT_ADAPT, laneStreams } from '../../src/model/adapt.js';
import { selectBackend } from '../../src/model/backend.js';
import { evaluateTunes } from '../../src/model/evaluate.js';
import { disposeNetwork } from '../../src/model/network.js';
import { encodeTune } from '../../src/tokenizer/index.js';
import { tinyNet, vocab } from '../sample/tiny-net.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const tunes = ['T:Reel\nM:4/4\nL:1/8\nK:D\n|:ABcd efge|dcBA G2FE:|', 'T:Jig\nM:6/8\nL:1/8\nK:G\nGAB AGE|DED D2:|', 'T:Air\nM:3/4\nL:1/4\nK:A\nA2B|c3|]']
  .map((t) => encodeTune(vocab, t));

function score(run: (net: ReturnType<typeof tinyNet>) => { sumLoss: number; count: number; correct: number }) {
  const net = tinyNet();
  try {
    return run(net);
  } finally {
    disposeNetwork(net);
  }
}

describe('adaptiveEvaluate', () => {
  it('with no learning scores as static evaluation does, character for character', () => {
    const still = score((net) => adaptiveEvaluate(net, tunes, { ...DEFAULT_ADAPT, lr: 0, lanes: 2, segment: 7 }));
    const fixed = score((net) => evaluateTunes(net, tunes));
    expect(still.count).toBe(fixed.count);
    expect(still.correct).toBe(fixed.correct);
    expect(still.sumLoss).toBeCloseTo(fixed.sumLoss, 3);
  });

  it('scores the first segment before learning from it', () => {
    const one = [tunes[2]]; // shorter than a segment: scored before the one update
    const adapted = score((net) => adaptiveEvaluate(net, one, { ...DEFAULT_ADAPT, lr: 5, lanes: 1, segment: 64 }));
    expect(adapted.sumLoss).toBeCloseTo(score((net) => evaluateTunes(net, one)).sumLoss, 3);
  });

  it('learns a collection that repeats one tune: fewer bits than static evaluation', () => {
    const repeated = Array.from({ length: 12 }, () => tunes[0]);
    const adapted = score((net) => adaptiveEvaluate(net, repeated, { ...DEFAULT_ADAPT, lr: 0.5, lanes: 1, segment: 16 }));
    const fixed = score((net) => evaluateTunes(net, repeated));
    expect(adapted.count).toBe(fixed.count);
    expect(adapted.sumLoss).toBeLessThan(0.8 * fixed.sumLoss);
  });

  it('leaks no tensors', () => {
    const before = tf.memory().numTensors;
    score((net) => {
      const made = tf.memory().numTensors;
      const totals = adaptiveEvaluate(net, tunes, { ...DEFAULT_ADAPT, lanes: 2, segment: 9 });
      expect(tf.memory().numTensors).toBe(made);
      return totals;
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('laneStreams', () => {
  it('splits the tunes in order into contiguous runs of about equal length', () => {
    const t = (n: number) => new Int32Array(n).fill(n);
    const streams = laneStreams([t(5), t(5), t(5), t(5), t(10)], 2);
    expect(streams.map((s) => Array.from(new Set(s)))).toEqual([[5], [5, 10]]);
    expect(streams.map((s) => s.length)).toEqual([15, 15]);
    expect(laneStreams([t(3)], 4)).toHaveLength(1);
  });
});
