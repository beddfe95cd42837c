// Dynamic evaluation (Krause, Kahembwe, Murray and Renals, 2018): the model reads a collection
// the way PPMd does, learning from what it has read. The tunes are laid end to end, in the
// collection's order, in `lanes` streams (each a contiguous run of whole tunes). Every step
// scores the next `segment` characters of each stream with the current weights, then takes one
// gradient step on exactly those characters:
//   w <- w - lr * clip(grad) + decay * (w0 - w)
// so no character is ever scored by weights that have learnt from it. Each tune still starts
// from a zero state at its BOS, and the scored characters are those of static evaluation (every
// character after BOS, EOS included). Needs gradients, so it imports the tfjs union package.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs';
import { BOS } from '../tokenizer/index.js';
import { disposeState, keepState, type LayerState, zeroState } from './cells.js';
import type { EvalTotals } from './evaluate.js';
import { type Network, forwardSequence, resetMasks } from './network.js';

export interface AdaptOptions {
  /** Streams read side by side. */
  lanes: number;
  /** Characters of each stream per step. */
  segment: number;
  /** Step size of plain gradient descent on the mean loss (nats/char). */
  lr: number;
  /** Pull back toward the shipped weights per step (0: none). */
  decay: number;
  /** Gradients are scaled down to this global norm. */
  clipNorm: number;
}

export const DEFAULT_ADAPT: AdaptOptions = { lanes: 16, segment: 64, lr: 0.3, decay: 0.01, clipNorm: 1 };

/** The tunes split, in order, into `lanes` contiguous runs of roughly equal length, each run laid end to end. */
export function laneStreams(tunes: Int32Array[], lanes: number): Int32Array[] {
  const total = tunes.reduce((n, t) => n + t.length, 0);
  const runs: Int32Array[][] = [[]];
  let filled = 0;
  for (const t of tunes) {
    if (filled >= (total * runs.length) / lanes && runs.length < lanes) runs.push([]);
    runs[runs.length - 1].push(t);
    filled += t.length;
  }
  return runs.map((run) => {
    const out = new Int32Array(run.reduce((n, t) => n + t.length, 0));
    let at = 0;
    for (const t of run) {
      out.set(t, at);
      at += t.length;
    }
    return out;
  });
}

/** Mean cross-entropy over the masked rows, with its gradient; `seen` receives each masked row's -log p(target). */
function maskedCrossEntropy(logits: tf.Tensor2D, targets: Int32Array, mask: Uint8Array, seen: (nll: number, correct: boolean) => void): tf.Scalar {
  const [rows, vocab] = logits.shape;
  const count = mask.reduce((n, m) => n + m, 0);
  // Made in the backward pass: tensors made here would be gone by then (the forward pass is tidied).
  const weights = () => tf.tensor2d(Float32Array.from(mask, (m) => m / count), [rows, 1]);
  const onehot = () => tf.oneHot(tf.tensor1d(targets, 'int32'), vocab);
  const fn = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
    const probs = tf.softmax(x as tf.Tensor2D);
    save([probs]);
    const p = probs.dataSync();
    let total = 0;
    for (let i = 0; i < rows; i++) {
      if (!mask[i]) continue;
      const nll = -Math.log(Math.max(p[i * vocab + targets[i]], 1e-30));
      let best = 0;
      for (let v = 1; v < vocab; v++) if (p[i * vocab + v] > p[i * vocab + best]) best = v;
      seen(nll, best === targets[i]);
      total += nll;
    }
    return {
      value: tf.scalar(total / count),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(tf.mul(tf.sub(saved[0], onehot()), weights()), dy),
    };
  }) as never) as (x: tf.Tensor2D) => tf.Scalar;
  return fn(logits);
}

/**
 * Scores every tune while adapting the network's weights to them as above (the network's
 * weights are changed: pass one made for this). Totals as evaluateTunes gives them.
 */
export function adaptiveEvaluate(net: Network, tunes: Int32Array[], opts: AdaptOptions = DEFAULT_ADAPT): EvalTotals {
  const streams = laneStreams(tunes, Math.max(1, Math.min(opts.lanes, tunes.length)));
  const lanes = streams.length;
  const vars = Object.values(net.weights) as tf.Variable[];
  const start = vars.map((v) => tf.keep(v.clone()));
  const totals: EvalTotals = { sumLoss: 0, count: 0, correct: 0 };
  let state: LayerState[] = zeroState(net.config.cell, net.config.layers, lanes, net.config.hidden);
  const longest = Math.max(...streams.map((s) => s.length));
  try {
    for (let at = 0; at < longest - 1; at += opts.segment) {
      const len = Math.min(opts.segment, longest - 1 - at);
      const inputs = new Int32Array(len * lanes).fill(BOS);
      const targets = new Int32Array(len * lanes).fill(BOS);
      const mask = new Uint8Array(len * lanes);
      for (let t = 0; t < len; t++) {
        streams.forEach((s, b) => {
          if (at + t + 1 >= s.length) return;
          inputs[t * lanes + b] = s[at + t];
          targets[t * lanes + b] = s[at + t + 1];
          mask[t * lanes + b] = s[at + t + 1] === BOS ? 0 : 1; // EOS -> next tune's BOS is not scored
        });
      }
      if (!mask.some((m) => m)) continue;
      state = step(net, vars, start, state, inputs, targets, mask, lanes, opts, totals);
    }
  } finally {
    disposeState(state);
    start.forEach((t) => t.dispose());
  }
  return totals;
}

function step(net: Network, vars: tf.Variable[], start: tf.Tensor[], state: LayerState[], inputs: Int32Array, targets: Int32Array,
  mask: Uint8Array, lanes: number, opts: AdaptOptions, totals: EvalTotals): LayerState[] {
  let next: LayerState[] = [];
  const kept: tf.Tensor[] = [];
  const seen = (nll: number, correct: boolean) => {
    totals.sumLoss += nll;
    totals.count += 1;
    if (correct) totals.correct += 1;
  };
  const { value, grads } = tf.variableGrads(() => {
    const resets = resetMasks(inputs, lanes, BOS);
    const out = forwardSequence(net, tf.tensor1d(inputs, 'int32'), lanes, state, { dropout: 0, seed: 0, train: true, resets, kept });
    next = out.state.map(keepState);
    return maskedCrossEntropy(out.logits, targets, mask, seen);
  }, vars);
  kept.forEach((t) => t.dispose());
  value.dispose();
  tf.tidy(() => {
    const gs = vars.map((v) => grads[v.name]);
    const norm = Math.sqrt(gs.reduce((s, g) => s + tf.sum(tf.square(g)).dataSync()[0], 0));
    const scale = norm > opts.clipNorm ? opts.clipNorm / norm : 1;
    vars.forEach((v, i) => {
      let w = tf.sub(v, tf.mul(gs[i], opts.lr * scale));
      if (opts.decay > 0) w = tf.add(w, tf.mul(tf.sub(start[i], v), opts.decay));
      v.assign(w);
    });
  });
  Object.values(grads).forEach((g) => g.dispose());
  disposeState(state);
  return next;
}
