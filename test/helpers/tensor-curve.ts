// A short loss curve on the tensor-side training path (TensorTrainer: gradients, clipping and
// Adam as tensor operations), stepped as test/train/tensor-path.test.ts steps it, on a named tfjs
// backend. Browser-safe (no node: imports, plain data in and out), so the Node side of a test and
// a page in Chromium run the same code and their curves can be compared number for number.
import * as tf from '@tensorflow/tfjs-core';
import type { ModelConfig } from '../../src/model/config.js';
import { initParams } from '../../src/model/params.js';
import { createOptimizer } from '../../src/train/optimizer.js';
import { epochStream, readBatch } from '../../src/train/stream.js';
import { TensorTrainer } from '../../src/train/tensor-trainer.js';

/** What one curve is run on, as plain data (it crosses into the page through page.evaluate). */
export interface CurveRun {
  model: ModelConfig;
  vocabSize: number;
  /** Encoded tunes, as plain arrays. */
  tunes: number[][];
  steps: number;
  batch: number;
  seq: number;
  lr: number;
  clipNorm: number;
}

export interface Curve {
  /** The backend that ran it, as tfjs reports it. */
  backend: string;
  /** Each step's mean loss (nats/char). */
  losses: number[];
  /** The weights after the last step, by name. */
  weights: Record<string, number[]>;
}

/** Makes `backend` current, refusing to run on any other (tfjs falls back quietly when one fails). */
async function useBackend(backend: string): Promise<void> {
  const ok = await tf.setBackend(backend);
  await tf.ready();
  if (!ok || tf.getBackend() !== backend) throw new Error(`backend ${backend} is not active (${tf.getBackend()} is)`);
}

/** `run.steps` steps from weights seeded 1 over epoch 0's stream: the losses and the weights after. */
export async function runCurve(backend: string, run: CurveRun): Promise<Curve> {
  await useBackend(backend);
  const params = initParams(run.model, run.vocabSize, 1);
  const trainer = new TensorTrainer(run.model, run.vocabSize, params, createOptimizer('adam', params));
  const stream = epochStream(run.tunes.map((t) => Int32Array.from(t)), 1, 0);
  const { batch, seq } = run;
  const perEpoch = Math.floor((stream.length - 1) / (batch * seq));
  const losses: number[] = [];
  try {
    for (let s = 0; s < run.steps; s++) {
      const at = s % perEpoch;
      losses.push(await trainer.step({
        batch, read: (a, b) => readBatch(stream, batch, seq, at, a, b), dropout: run.model.dropout, seed: 7 + s, reset: at === 0,
        lr: run.lr, clipNorm: run.clipNorm,
      }));
    }
    const weights = Object.fromEntries(Object.entries(trainer.weights()).map(([k, w]) => [k, Array.from(w)]));
    return { backend: tf.getBackend(), losses, weights };
  } finally {
    await trainer.close();
  }
}
