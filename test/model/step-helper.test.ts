// The network cut by hidden units among threads (shard.ts, shard-link.ts, step-helper.ts): the
// parts hold every gate column once; a part that holds all units steps exactly as Stepper does;
// and a real helper thread stepping half the units with this thread gives logits identical to
// one thread's, through resets and beam-search selects, for every cell type, without leaking
// tensors. A helper whose model directory changed under it is refused, and composing goes on
// on one thread with one warning; composing on two threads writes the same attempts by seed.
import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend.js';
import type { CellType, ModelConfig } from '../../src/model/config.js';
import { saveModel } from '../../src/model/model-dir.js';
import { createNetwork, disposeNetwork } from '../../src/model/network.js';
import { GATES, initParams } from '../../src/model/params.js';
import { ShardCore, shardWeights, unitRange } from '../../src/model/shard.js';
import { Stepper } from '../../src/model/stepper.js';
import { checkComposeOptions, composeTunes, disposeComposer, loadComposer, shardedSteppers } from '../../src/compose/compose.js';
import { StepHelper } from '../../src/model/step-helper.js';
import { vocab } from '../sample/tiny-net.js';

const tmp = mkdtempSync(join(tmpdir(), 'step-helper-'));
beforeAll(async () => {
  await selectBackend('wasm');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Ids for step t of a batch: every row a different character. */
const idsAt = (t: number, batch: number, v: number) => Int32Array.from({ length: batch }, (_, r) => (t * 7 + r * 13 + 1) % v);

describe('cutting the weights', () => {
  it('gives every unit to exactly one part, as evenly as it goes', () => {
    for (const [hidden, parts] of [[512, 2], [7, 3], [16, 4], [5, 1]]) {
      const ranges = Array.from({ length: parts }, (_, k) => unitRange(hidden, parts, k));
      expect(ranges[0][0]).toBe(0);
      expect(ranges[parts - 1][1]).toBe(hidden);
      ranges.slice(1).forEach((r, k) => expect(r[0]).toBe(ranges[k][1]));
      const sizes = ranges.map(([a, b]) => b - a);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('takes each gate block\'s columns of the part\'s units', () => {
    const model: ModelConfig = { cell: 'gru', layers: 1, hidden: 4, dropout: 0 };
    const params = initParams(model, 3, 1);
    const part = shardWeights(model, 3, params, 2, 1); // units 2 and 3 of each of the 3 gates
    const G = GATES.gru;
    for (let r = 0; r < 3; r++) {
      for (let g = 0; g < G; g++) {
        for (let j = 0; j < 2; j++) expect(part.layers[0].wx[(r * G + g) * 2 + j]).toBe(params['l0.wx'][r * G * 4 + g * 4 + 2 + j]);
      }
    }
    expect(Array.from(part.layers[0].b)).toEqual([2, 3, 6, 7, 10, 11].map((i) => params['l0.b'][i]));
  });
});

it.each<CellType>(['lstm', 'gru', 'rnn'])('%s: one part holding every unit steps as Stepper does, and leaks nothing', (cell) => {
  const model = { cell, layers: 2, hidden: 8, dropout: 0 };
  const v = 7;
  const params = initParams(model, v, 3);
  const net = createNetwork(model, v, params);
  const before = tf.memory().numTensors;
  const core = new ShardCore(model, shardWeights(model, v, params, 1, 0));
  const stepper = new Stepper(net, 3);
  core.open(3);
  for (let t = 0; t < 6; t++) {
    const ids = idsAt(t, 3, v);
    const want = stepper.step(ids);
    const top = core.step(ids, (_, slice) => slice);
    const got = tf.tidy(() => tf.add(tf.matMul(tf.tensor2d(top, [3, 8]), net.weights['out.w'] as tf.Tensor2D), net.weights['out.b']).dataSync());
    expect(Array.from(got)).toEqual(Array.from(want));
    if (t === 2) {
      stepper.reset([1]);
      core.reset([1]);
    }
    if (t === 4) {
      stepper.select([2, 2, 0]);
      core.select([2, 2, 0]);
    }
  }
  stepper.dispose();
  core.dispose();
  expect(tf.memory().numTensors).toBe(before);
  disposeNetwork(net);
});

describe('a helper thread', () => {
  it.each<CellType>(['lstm', 'gru', 'rnn'])('%s: half the units there give the same logits as one thread, through resets and selects', async (cell) => {
    const model = { cell, layers: 2, hidden: 12, dropout: 0 };
    const dir = join(tmp, cell);
    await saveModel({ dir, model, vocab, params: initParams(model, vocab.tokens.length, 9), step: 1 });
    const composer = await loadComposer(dir, { backend: 'wasm', threads: 2 });
    try {
      const v = vocab.tokens.length;
      const plain = new Stepper(composer.network, 5);
      const sharded = await composer.stepper!(5);
      expect(sharded).not.toBeInstanceOf(Stepper);
      for (let t = 0; t < 12; t++) {
        const ids = idsAt(t, plain.batch, v);
        expect(Array.from(await sharded.stepAsync(ids))).toEqual(Array.from(await plain.stepAsync(ids)));
        if (t === 3) [plain, sharded].forEach((s) => s.reset([0, 4]));
        if (t === 7) [plain, sharded].forEach((s) => s.select([4, 4, 1, 0]));
      }
      // the parts serve one stepper at a time: a second one while the first is open runs here alone
      expect(await composer.stepper!(2)).toBeInstanceOf(Stepper);
      plain.dispose();
      sharded.dispose();
      const again = await composer.stepper!(2);
      expect(again).not.toBeInstanceOf(Stepper);
      again.dispose();
    } finally {
      await disposeComposer(composer);
    }
  }, 60_000);

  it('refuses a model directory whose weights are not the ones this thread loaded', async () => {
    const model = { cell: 'lstm' as const, layers: 1, hidden: 8, dropout: 0 };
    const dir = join(tmp, 'changed');
    await saveModel({ dir, model, vocab, params: initParams(model, vocab.tokens.length, 1), step: 1 });
    const helper = new StepHelper(dir, 'wasm', 1, 2);
    try {
      await expect(helper.load('weights-00000002.bin', 'wasm')).rejects.toThrow(/now holds weights-00000001\.bin, not weights-00000002\.bin/);
    } finally {
      await helper.terminate();
    }
  }, 60_000);

  it('once the helpers failed to start, steppers run on this thread alone, with one warning', async () => {
    const model = { cell: 'lstm' as const, layers: 1, hidden: 8, dropout: 0 };
    const net = createNetwork(model, 5, initParams(model, 5, 1));
    const core = new ShardCore(model, shardWeights(model, 5, initParams(model, 5, 1), 2, 0));
    const warnings: string[] = [];
    const failed = Promise.reject(new Error('step helper: it could not start'));
    const make = shardedSteppers(net, core, [], failed, (l) => warnings.push(l));
    for (let i = 0; i < 2; i++) {
      const s = await make(3);
      expect(s).toBeInstanceOf(Stepper);
      s.dispose();
    }
    expect(warnings).toEqual(['step helper: it could not start; composing on one thread']);
    core.dispose();
    disposeNetwork(net);
  });
});

describe('composing on two threads', () => {
  it('writes the same attempts, sampling and beam search, as on one', async () => {
    const model = { cell: 'lstm' as const, layers: 2, hidden: 16, dropout: 0 };
    const dir = join(tmp, 'book');
    await saveModel({ dir, model, vocab, params: initParams(model, vocab.tokens.length, 4), step: 1 });
    const attempts = async (threads: number, beam: number) => {
      const composer = await loadComposer(dir, { backend: 'wasm', threads });
      const texts: string[] = [];
      try {
        await composeTunes(composer, checkComposeOptions({ tunes: 3, seed: 11, beam, maxAttempts: 6, title: 'a', meter: '4/4', key: 'G' }), (e) => {
          if (e.type === 'attempt') texts.push(e.text!);
        });
      } finally {
        await disposeComposer(composer);
      }
      return texts;
    };
    for (const beam of [1, 2]) {
      const one = await attempts(1, beam);
      expect(one.length).toBeGreaterThan(0);
      expect(await attempts(2, beam)).toEqual(one);
    }
  }, 120_000);
});
