// The generation path (Stepper: one character at a time, state kept) must compute exactly what
// the training forward pass computes over the same characters, for every cell, and must not
// leak tensors.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend.js';
import { zeroState } from '../../src/model/cells.js';
import type { CellType } from '../../src/model/config.js';
import { createNetwork, disposeNetwork, forwardSequence } from '../../src/model/network.js';
import { initParams } from '../../src/model/params.js';
import { Stepper } from '../../src/model/stepper.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

it.each<CellType>(['lstm', 'gru', 'rnn'])('%s: stepped logits equal the training forward pass', (cell) => {
  const model = { cell, layers: 2, hidden: 8, dropout: 0 };
  const vocab = 7;
  const net = createNetwork(model, vocab, initParams(model, vocab, 5));
  const batch = 2;
  const steps = 6;
  const ids = Int32Array.from({ length: steps * batch }, (_, i) => (i * 5 + 3) % vocab); // time-major
  const expected = tf.tidy(() => {
    const out = forwardSequence(net, tf.tensor1d(ids, 'int32'), batch, zeroState(cell, 2, batch, 8), { dropout: 0, seed: 0, train: false });
    return out.logits.dataSync();
  });
  const before = tf.memory().numTensors;
  const stepper = new Stepper(net, batch);
  for (let t = 0; t < steps; t++) {
    const got = stepper.step(ids.subarray(t * batch, t * batch + batch));
    for (let i = 0; i < batch * vocab; i++) expect(got[i]).toBeCloseTo(expected[t * batch * vocab + i], 4);
  }
  stepper.dispose();
  expect(tf.memory().numTensors).toBe(before);
  disposeNetwork(net);
});
