// Steps the network one character at a time for generation, keeping its state between steps
// (the prefix is never re-run). All sequences of one request share one batched state.
// State is explicit, as in magenta-js: {h, c} per layer, disposed when replaced.
import * as tf from '@tensorflow/tfjs-core';
import { disposeState, keepState, type LayerState, stepCell, zeroState } from './cells.js';
import type { Network } from './network.js';

/** What generation needs of a stepper: Stepper here, or ShardedStepper over helper threads (Node). */
export interface RowStepper {
  readonly batch: number;
  /** Feeds one character per row; resolves with logits [batch * V] for the next one. */
  stepAsync(ids: Int32Array): Promise<Float32Array>;
  /** Zeroes the state of the given rows (continuous batching). */
  reset(rows: number[]): void;
  /** Keeps only the given rows of the state, in that order (beam search). */
  select(rows: number[]): void;
  dispose(): void;
}

/** Makes a stepper of `batch` rows. */
export type StepperFactory = (batch: number) => Promise<RowStepper>;

/** Rows `ids` of a [V, width] table held in JS, as a tensor [ids.length, width]. */
export function tableRows(table: Float32Array, width: number, ids: Int32Array): tf.Tensor2D {
  const out = new Float32Array(ids.length * width);
  ids.forEach((id, r) => out.set(table.subarray(id * width, (id + 1) * width), r * width));
  return tf.tensor2d(out, [ids.length, width]);
}

export class Stepper implements RowStepper {
  private state: LayerState[];
  /** The input embedding as read back on wasm (see embed). */
  private rows?: Float32Array;

  constructor(private net: Network, public batch: number) {
    this.state = zeroState(net.config.cell, net.config.layers, batch, net.config.hidden);
  }

  /** Feeds one character per sequence; returns logits [batch * V] for the next one. */
  step(ids: Int32Array): Float32Array {
    const old = this.state;
    const logits = this.stepPlain(ids);
    disposeState(old);
    const out = logits.dataSync() as Float32Array;
    logits.dispose();
    return out;
  }

  /** As `step`, reading the logits back with `await data()`: on WebGL the thread is not blocked meanwhile. */
  async stepAsync(ids: Int32Array): Promise<Float32Array> {
    const old = this.state;
    const logits = this.stepPlain(ids);
    disposeState(old);
    try {
      return (await logits.data()) as Float32Array;
    } finally {
      logits.dispose();
    }
  }

  /**
   * The first layer's input rows for `ids`. On wasm they are copied in JS from a copy of the
   * table read once per stepper: the backend's gather is generic and took 10% of composing.
   */
  private embed(ids: Int32Array): tf.Tensor2D {
    const table = this.net.weights['l0.wx'] as tf.Tensor2D;
    if (tf.getBackend() !== 'wasm') return tf.gather(table, tf.tensor1d(ids, 'int32'));
    this.rows ??= table.dataSync() as Float32Array;
    return tableRows(this.rows, table.shape[1], ids);
  }

  /** One step through stepCell (any cell, any backend). */
  private stepPlain(ids: Int32Array): tf.Tensor {
    const { cell, layers } = this.net.config;
    const w = this.net.weights;
    const old = this.state;
    return tf.tidy(() => {
      let x = this.embed(ids);
      const next: LayerState[] = [];
      for (let l = 0; l < layers; l++) {
        const xg = (l === 0 ? tf.add(x, w['l0.b']) : tf.add(tf.matMul(x, w[`l${l}.wx`] as tf.Tensor2D), w[`l${l}.b`])) as tf.Tensor2D;
        const s = stepCell(cell, xg, old[l], (h) => tf.matMul(h, w[`l${l}.wh`] as tf.Tensor2D));
        next.push(keepState(s));
        x = s.h;
      }
      this.state = next;
      return tf.add(tf.matMul(x, w['out.w'] as tf.Tensor2D), w['out.b']);
    });
  }

  /** Keeps only the given rows of the state, in that order (beam search reorders beams). */
  select(rows: number[]): void {
    const idx = tf.tensor1d(Int32Array.from(rows), 'int32');
    const old = this.state;
    this.state = old.map((s) => ({ h: tf.gather(s.h, idx), ...(s.c ? { c: tf.gather(s.c, idx) } : {}) }));
    disposeState(old);
    idx.dispose();
    this.batch = rows.length;
  }

  /** Zeroes the state of the given rows, so each starts a new sequence (continuous batching). */
  reset(rows: number[]): void {
    if (rows.length === 0) return;
    const keep = new Float32Array(this.batch).fill(1);
    for (const r of rows) keep[r] = 0;
    const mask = tf.tensor2d(keep, [this.batch, 1]);
    const old = this.state;
    this.state = old.map((s) => ({ h: tf.mul(s.h, mask) as tf.Tensor2D, ...(s.c ? { c: tf.mul(s.c, mask) as tf.Tensor2D } : {}) }));
    disposeState(old);
    mask.dispose();
  }

  dispose(): void {
    disposeState(this.state);
    this.state = [];
  }
}
