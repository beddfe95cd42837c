// The native training path (one unit, gradients, clipping and Adam as tensor operations),
// tested on tfjs's cpu backend as tfjs-node would run it: the same loss curve as the wasm path
// (worker pool, update on arrays) within float tolerance, with clipping engaged; nothing read
// back inside a step but the loss; no tensors leaked; and its checkpoints resume exactly, on
// either path.
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend.js';
import { loadModel } from '../../src/model/model-dir.js';
import { initParams } from '../../src/model/params.js';
import { buildVocab, encodeTune } from '../../src/tokenizer/index.js';
import { createOptimizer, globalNorm } from '../../src/train/optimizer.js';
import { epochStream, readBatch } from '../../src/train/stream.js';
import { type Trainer, createTrainer } from '../../src/train/trainer.js';
import { TWO_TUNES, tempDir, tinyConfig, trainOn } from './helpers.js';

const config = tinyConfig({ model: { dropout: 0.1 }, train: { batch: 2, seq: 16, epochs: 100, evalEvery: 10, patience: 0, clipNorm: 1 } });
const vocab = buildVocab(TWO_TUNES);
const tunes = TWO_TUNES.map((t) => encodeTune(vocab, t));
const STEPS = 40;

/** Losses of STEPS steps over the same stream, and the weights after, on `backend`'s trainer. */
async function curve(backend: 'wasm' | 'cpu', onStep?: (t: Trainer) => void) {
  if (backend === 'wasm') await selectBackend('wasm');
  else await tf.setBackend('cpu');
  const params = initParams(config.model, vocab.tokens.length, 1);
  const trainer = await createTrainer(backend, config.model, vocab.tokens.length, params, createOptimizer('adam', params), 1);
  const stream = epochStream(tunes, 1, 0);
  const losses: number[] = [];
  const { batch, seq } = config.train;
  const perEpoch = Math.floor((stream.length - 1) / (batch * seq));
  for (let s = 0; s < STEPS; s++) {
    const at = s % perEpoch;
    losses.push(await trainer.step({
      batch, read: (a, b) => readBatch(stream, batch, seq, at, a, b), dropout: config.model.dropout, seed: 7 + s, reset: at === 0, lr: 0.02, clipNorm: 1,
    }));
    onStep?.(trainer);
  }
  const weights = trainer.weights();
  await trainer.close();
  return { losses, weights };
}

describe('the tensor-side training path (tfjs cpu backend)', () => {
  it('follows the wasm path\'s loss curve within float tolerance', async () => {
    const wasm = await curve('wasm');
    const tensor = await curve('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(wasm.losses[STEPS - 1]).toBeLessThan(wasm.losses[0] - 0.5); // it learns: the curve is not flat
    tensor.losses.forEach((l, i) => expect(Math.abs(l - wasm.losses[i]), `step ${i}: ${l} vs ${wasm.losses[i]}`).toBeLessThan(2e-3));
    for (const [name, w] of Object.entries(wasm.weights)) {
      const diff = Float32Array.from(w, (x, i) => x - tensor.weights[name][i]);
      expect(globalNorm({ diff }) / globalNorm({ w }), name).toBeLessThan(1e-3);
    }
  }, 120_000);

  it('reads back nothing inside a step but the loss, and leaks no tensors', async () => {
    await tf.setBackend('cpu');
    const backend = tf.backend() as unknown as { readSync: (id: unknown) => unknown };
    const readSync = backend.readSync.bind(backend);
    let reads = 0;
    backend.readSync = (id) => ((reads += 1), readSync(id));
    const counts: number[] = [];
    const tensors: number[] = [];
    try {
      await curve('cpu', () => {
        counts.push(reads);
        reads = 0;
        tensors.push(tf.memory().numTensors);
      });
    } finally {
      backend.readSync = readSync;
    }
    expect(new Set(counts)).toEqual(new Set([1])); // the scalar loss, after the update
    expect(new Set(tensors.slice(1)).size).toBe(1);
  }, 120_000);
});

describe('the training loop on the tensor path', () => {
  const weightsOf = (dir: string) => readFileSync(join(dir, readdirSync(dir).find((f) => f.startsWith('weights-'))!));

  it('writes checkpoints that resume exactly, and that the wasm path resumes', async () => {
    await tf.setBackend('cpu');
    const whole = tempDir('tensor-whole');
    const split = tempDir('tensor-split');
    const a = await trainOn(TWO_TUNES, config, whole, { maxSteps: 30, backend: 'cpu' });
    await trainOn(TWO_TUNES, config, split, { maxSteps: 14, backend: 'cpu' });
    const b = await trainOn(TWO_TUNES, config, split, { maxSteps: 16, resume: true, backend: 'cpu' });
    expect(b.step).toBe(30);
    expect(b.bestValidBpc).toBe(a.bestValidBpc);
    expect(weightsOf(split).equals(weightsOf(whole))).toBe(true);
    const saved = (await loadModel(whole)).manifest.training as { units: number; optimizerT: number };
    expect(saved).toMatchObject({ units: 1, optimizerT: 30 });

    await selectBackend('wasm');
    const onWasm = await trainOn(TWO_TUNES, config, whole, { maxSteps: 10, resume: true });
    expect(onWasm.step).toBe(40);
    expect(onWasm.bestValidBpc).toBeLessThanOrEqual(a.bestValidBpc!);
  }, 180_000);
});
