// The network as named tfjs variables, its training forward pass over a time-major batch, and
// the evaluation of held-out text (the loss with gradients is in network-grads.ts). Layer l's
// input projection for all T steps is one matMul [T*B, D] x [D, G*H]; only the recurrent
// product runs step by step.
import * as tf from '@tensorflow/tfjs-core';
import type { ModelConfig } from './config.js';
import { keepState, type LayerState, stepCell } from './cells.js';
import { linear, matMul, oneHotRows } from './ops.js';
import { type Params, paramShapes } from './params.js';

export interface Network {
  config: ModelConfig;
  vocabSize: number;
  weights: Record<string, tf.Variable>;
}

export function createNetwork(config: ModelConfig, vocabSize: number, params: Params): Network {
  const weights: Record<string, tf.Variable> = {};
  for (const { name, shape } of paramShapes(config, vocabSize)) {
    if (!params[name]) throw new Error(`model: weight "${name}" is missing`);
    // unnamed: several networks may share a process; tidy drops the initial tensor (the variable keeps its data)
    weights[name] = tf.tidy(() => tf.variable(tf.tensor(params[name], shape), true));
  }
  return { config, vocabSize, weights };
}

export function setWeights(net: Network, params: Params): void {
  for (const [name, v] of Object.entries(net.weights)) tf.tidy(() => v.assign(tf.tensor(params[name], v.shape)));
}

export function readWeights(net: Network): Params {
  const out: Params = {};
  for (const [name, v] of Object.entries(net.weights)) out[name] = v.dataSync() as Float32Array;
  return out;
}

export function disposeNetwork(net: Network): void {
  for (const v of Object.values(net.weights)) v.dispose();
}

export interface ForwardOptions {
  /** Dropout rate applied to each layer's outputs (0 at evaluation). */
  dropout: number;
  /** Seed for this batch's dropout masks. */
  seed: number;
  /** True when gradients will be taken (uses the wasm-friendly differentiable matMul). */
  train: boolean;
  /**
   * Per step, a [B, 1] mask that is 0 for lanes whose input at that step is BOS (or null when
   * no lane starts a tune there): a tune always starts from a zero state, in training as in
   * generation, even though the state is otherwise carried from one tune to the next.
   */
  resets?: (tf.Tensor2D | null)[];
  /** Collects tensors kept for the backward pass, to dispose once gradients are taken. */
  kept?: tf.Tensor[];
}

/** The reset masks for a time-major batch of token ids (see ForwardOptions.resets). */
export function resetMasks(inputs: Int32Array, batch: number, bos: number): (tf.Tensor2D | null)[] {
  const steps = inputs.length / batch;
  return Array.from({ length: steps }, (_, t) => {
    const row = inputs.subarray(t * batch, t * batch + batch);
    if (!row.includes(bos)) return null;
    return tf.tensor2d(Float32Array.from(row, (id) => (id === bos ? 0 : 1)), [batch, 1]);
  });
}

function applyReset(s: LayerState, mask: tf.Tensor2D | null | undefined): LayerState {
  if (!mask) return s;
  return { h: tf.mul(s.h, mask) as tf.Tensor2D, ...(s.c ? { c: tf.mul(s.c, mask) as tf.Tensor2D } : {}) };
}

function dropout(x: tf.Tensor2D, rate: number, seed: number): tf.Tensor2D {
  if (rate <= 0) return x;
  const keep = tf.cast(tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', seed), rate), 'float32');
  return tf.mul(x, tf.mul(keep, 1 / (1 - rate))) as tf.Tensor2D;
}

/**
 * Runs the network over `inputs` (length T*B, time-major: step t is entries t*B..t*B+B-1)
 * from `state`. Returns logits [T*B, V] and the state after the last step.
 */
export function forwardSequence(net: Network, inputs: tf.Tensor1D, batch: number, state: LayerState[], opts: ForwardOptions) {
  const { cell, layers } = net.config;
  const steps = inputs.shape[0] / batch;
  const w = net.weights;
  const mm = opts.train ? matMul : (a: tf.Tensor2D, b: tf.Tensor2D) => tf.matMul(a, b);
  const lin = opts.train ? linear : (a: tf.Tensor2D, m: tf.Tensor2D, b: tf.Tensor1D) => tf.add(tf.matMul(a, m), b) as tf.Tensor2D;
  let x: tf.Tensor2D | null = null;
  const finalState: LayerState[] = [];
  for (let l = 0; l < layers; l++) {
    const wx = w[`l${l}.wx`] as unknown as tf.Tensor2D;
    // [T*B, G*H]
    const wh = w[`l${l}.wh`] as unknown as tf.Tensor2D;
    const input = l === 0 ? oneHotRows(inputs, net.vocabSize) : x!;
    const perStep = tf.split(lin(input, wx, w[`l${l}.b`] as unknown as tf.Tensor1D), steps, 0) as tf.Tensor2D[];
    // Kept past the forward pass for the gradient (see ops.matMul); the caller disposes it.
    const whT = opts.train ? tf.keep(tf.transpose(wh)) : undefined;
    if (whT) opts.kept?.push(whT);
    const recur = (h: tf.Tensor2D) => mm(h, wh, whT) as tf.Tensor2D;
    let s = state[l];
    const outputs: tf.Tensor2D[] = [];
    for (let t = 0; t < steps; t++) {
      s = stepCell(cell, perStep[t], applyReset(s, opts.resets?.[t]), recur);
      outputs.push(s.h);
    }
    finalState.push(s);
    // [T*B, H]
    x = dropout(tf.concat(outputs, 0), opts.dropout, opts.seed + l);
  }
  const logits = lin(x!, w['out.w'] as unknown as tf.Tensor2D, w['out.b'] as unknown as tf.Tensor1D);
  return { logits, state: finalState };
}

/** Summed loss (nats), counted characters and correct next-character guesses over masked positions, and the state after. */
export function evaluateChunk(net: Network, inputs: Int32Array, targets: Int32Array, mask: Float32Array, batch: number, state: LayerState[]) {
  let next: LayerState[] = [];
  const sums = tf.tidy(() => {
    const out = forwardSequence(net, tf.tensor1d(inputs, 'int32'), batch, state, { dropout: 0, seed: 0, train: false });
    next = out.state.map(keepState);
    const probs = tf.softmax(out.logits).dataSync();
    const best = tf.argMax(out.logits, 1).dataSync();
    return { probs, best };
  });
  const vocab = net.vocabSize;
  let sumLoss = 0;
  let count = 0;
  let correct = 0;
  for (let i = 0; i < targets.length; i++) {
    if (!mask[i]) continue;
    sumLoss -= Math.log(Math.max(sums.probs[i * vocab + targets[i]], 1e-30));
    count += 1;
    if (sums.best[i] === targets[i]) correct += 1;
  }
  return { sumLoss, count, correct, state: next };
}
