// The network cut by hidden units for stepping on several threads at once (tensor parallel).
// Part k of P holds, for every layer, the gate columns of its own units (each gate's block of
// H columns contributes the same slice), so the P parts together hold the weights once: two
// threads each reading their own full copy fight over the memory bus and gain little (measured:
// an 8-row step took 14 ms beside another, 8 ms alone). A step runs layer by layer: each part
// computes its units' new h from the full h below and its own previous full h, the parts
// exchange their slices (`exchange`), and every part goes on with the whole layer.
import * as tf from '@tensorflow/tfjs-core';
import { disposeState, keepState, type LayerState, stepCell, zeroState } from './cells.js';
import type { ModelConfig } from './config.js';
import { GATES, type Params } from './params.js';
import { tableRows } from './stepper.js';

/** The hidden units [start, end) of part k of `parts`. */
export function unitRange(hidden: number, parts: number, k: number): [number, number] {
  return [Math.floor((k * hidden) / parts), Math.floor(((k + 1) * hidden) / parts)];
}

/** One part's weights: per layer the input and recurrent matrices and the bias, its units' gate columns only. */
export interface ShardWeights {
  units: [number, number];
  layers: { wx: Float32Array; wh: Float32Array; b: Float32Array }[];
}

/** The gate columns of units [u0, u1) from a [rows, G*H] matrix (G gates of H columns each). */
function gateColumns(m: Float32Array, rows: number, gates: number, hidden: number, [u0, u1]: [number, number]): Float32Array {
  const width = u1 - u0;
  const out = new Float32Array(rows * gates * width);
  for (let r = 0; r < rows; r++) {
    for (let g = 0; g < gates; g++) {
      const from = r * gates * hidden + g * hidden + u0;
      out.set(m.subarray(from, from + width), (r * gates + g) * width);
    }
  }
  return out;
}

/** Part k of `parts` of the recurrent layers' weights. */
export function shardWeights(config: ModelConfig, vocabSize: number, params: Params, parts: number, k: number): ShardWeights {
  const { hidden, layers } = config;
  const gates = GATES[config.cell];
  const units = unitRange(hidden, parts, k);
  return {
    units,
    layers: Array.from({ length: layers }, (_, l) => ({
      wx: gateColumns(params[`l${l}.wx`], l === 0 ? vocabSize : hidden, gates, hidden, units),
      wh: gateColumns(params[`l${l}.wh`], hidden, gates, hidden, units),
      b: gateColumns(params[`l${l}.b`], 1, gates, hidden, units),
    })),
  };
}

/**
 * Sends this part's slice of layer `layer`'s new h ([batch, its units], row-major) and returns
 * the whole layer's new h [batch, H] once every part has sent its slice.
 */
export type Exchange = (layer: number, slice: Float32Array) => Float32Array;

/** One part's weights as tensors and its rows' state: the full h of every layer, its own units' c. */
export class ShardCore {
  private wx: tf.Tensor2D[] = [];
  private wh: tf.Tensor2D[] = [];
  private b: tf.Tensor1D[] = [];
  /** The first layer's input rows of this part (a row per character), copied in JS as Stepper does. */
  private table: Float32Array;
  private width: number;
  /** This part's hidden units [start, end). */
  readonly units: [number, number];
  private state: LayerState[] = [];
  /** Each layer's full h, as read back (the rows a reset or select keeps are cut from it). */
  private full: Float32Array[] = [];
  batch = 0;

  constructor(private config: ModelConfig, weights: ShardWeights) {
    const gates = GATES[config.cell];
    this.units = weights.units;
    this.width = weights.units[1] - weights.units[0];
    weights.layers.forEach((w, l) => {
      const rows = l === 0 ? w.wx.length / (gates * this.width) : config.hidden;
      if (l > 0) this.wx.push(tf.keep(tf.tensor2d(w.wx, [rows, gates * this.width])));
      this.wh.push(tf.keep(tf.tensor2d(w.wh, [config.hidden, gates * this.width])));
      this.b.push(tf.keep(tf.tensor1d(w.b)));
    });
    this.table = weights.layers[0].wx;
  }

  /** Whether a batch is open (its state not yet freed by close): the parts serve one at a time. */
  get inUse(): boolean {
    return this.state.length > 0;
  }

  /** Starts `batch` rows from a zero state. */
  open(batch: number): void {
    this.close();
    const { cell, layers, hidden } = this.config;
    this.batch = batch;
    this.full = Array.from({ length: layers }, () => new Float32Array(batch * hidden));
    this.state = zeroState(cell, layers, batch, this.width);
  }

  /** One step of every row; returns the last layer's full h [batch, H]. */
  step(ids: Int32Array, exchange: Exchange): Float32Array {
    const { hidden, cell, layers } = this.config;
    const g = GATES[cell] * this.width;
    for (let l = 0; l < layers; l++) {
      const old = this.state[l];
      let next!: LayerState;
      tf.tidy(() => {
        const hFull = tf.tensor2d(this.full[l], [this.batch, hidden]);
        let xg: tf.Tensor2D;
        if (l === 0) {
          xg = tf.add(tableRows(this.table, g, ids), this.b[0]) as tf.Tensor2D;
        } else {
          const below = tf.tensor2d(this.full[l - 1], [this.batch, hidden]);
          xg = tf.add(tf.matMul(below, this.wx[l - 1]), this.b[l]) as tf.Tensor2D;
        }
        const s = stepCell(cell, xg, old, () => tf.matMul(hFull, this.wh[l]));
        next = keepState(s);
      });
      disposeState([old]);
      this.state[l] = next;
      this.full[l] = exchange(l, next.h.dataSync() as Float32Array);
    }
    return this.full[layers - 1];
  }

  /** Zeroes the given rows (a new sequence starts there). */
  reset(rows: number[]): void {
    const keep = Array.from({ length: this.batch }, (_, r) => r);
    for (const r of rows) keep[r] = -1;
    this.remap(keep);
  }

  /** Keeps only the given rows, in that order (beam search). */
  select(rows: number[]): void {
    this.remap(rows);
  }

  /** Row i of the new state is old row from[i] (a zero row where it is -1). */
  private remap(from: number[]): void {
    const H = this.config.hidden;
    const w = this.width;
    const batch = from.length;
    const pick = (src: Float32Array, width: number) => {
      const out = new Float32Array(batch * width);
      from.forEach((r, i) => r >= 0 && out.set(src.subarray(r * width, (r + 1) * width), i * width));
      return out;
    };
    this.full = this.full.map((f) => pick(f, H));
    const state = this.state.map((s) => ({
      h: tf.tensor2d(pick(s.h.dataSync() as Float32Array, w), [batch, w]),
      ...(s.c ? { c: tf.tensor2d(pick(s.c.dataSync() as Float32Array, w), [batch, w]) } : {}),
    }));
    disposeState(this.state);
    this.state = state;
    this.batch = batch;
  }

  /** Frees the rows' state (the weights stay, for the next batch). */
  close(): void {
    disposeState(this.state);
    this.state = [];
  }

  dispose(): void {
    this.close();
    for (const t of [...this.wx, ...this.wh, ...this.b]) t.dispose();
  }
}
