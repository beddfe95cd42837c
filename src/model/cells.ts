// One time step of each recurrent cell, given the input projection already computed for all
// steps. The recurrent product is one fused matMul per step for all gates.
// LSTM gate order i, f, o, g (sigmoid on the first 3H in one op); GRU r, z, n as in PyTorch
// but with the candidate's recurrent bias folded away; RNN is h' = tanh(x + h Wh).
import * as tf from '@tensorflow/tfjs-core';
import type { CellType } from './config.js';

/** Per-layer recurrent state: h [B, H] and, for the LSTM, the cell c [B, H]. */
export interface LayerState {
  h: tf.Tensor2D;
  c?: tf.Tensor2D;
}

/** The recurrent product h [B, H] x Wh [H, G*H] -> [B, G*H]. */
export type Recurrence = (h: tf.Tensor2D) => tf.Tensor2D;

/**
 * Advances one layer by one step. `xg` [B, G*H] is the input projection plus bias for this step;
 * `recur` multiplies the previous h by the fused recurrent weights (differentiably in training).
 */
export function stepCell(cell: CellType, xg: tf.Tensor2D, state: LayerState, recur: Recurrence): LayerState {
  const hidden = state.h.shape[1];
  const batch = state.h.shape[0];
  if (cell === 'lstm') {
    const gates = tf.add(xg, recur(state.h));
    const sig = tf.sigmoid(tf.slice(gates, [0, 0], [batch, 3 * hidden]));
    const [i, f, o] = tf.split(sig, 3, 1);
    const g = tf.tanh(tf.slice(gates, [0, 3 * hidden], [batch, hidden]));
    const c = tf.add(tf.mul(f, state.c!), tf.mul(i, g)) as tf.Tensor2D;
    return { h: tf.mul(o, tf.tanh(c)) as tf.Tensor2D, c };
  }
  if (cell === 'gru') {
    const hg = recur(state.h);
    const rz = tf.sigmoid(tf.add(tf.slice(xg, [0, 0], [batch, 2 * hidden]), tf.slice(hg, [0, 0], [batch, 2 * hidden])));
    const [r, z] = tf.split(rz, 2, 1);
    const n = tf.tanh(tf.add(tf.slice(xg, [0, 2 * hidden], [batch, hidden]), tf.mul(r, tf.slice(hg, [0, 2 * hidden], [batch, hidden]))));
    return { h: tf.add(n, tf.mul(z, tf.sub(state.h, n))) as tf.Tensor2D };
  }
  return { h: tf.tanh(tf.add(xg, recur(state.h))) as tf.Tensor2D };
}

/** A zero state for a batch. */
export function zeroState(cell: CellType, layers: number, batch: number, hidden: number): LayerState[] {
  return Array.from({ length: layers }, () => ({
    h: tf.zeros([batch, hidden]) as tf.Tensor2D,
    ...(cell === 'lstm' ? { c: tf.zeros([batch, hidden]) as tf.Tensor2D } : {}),
  }));
}

/** A layer's state kept past the tidy scope it was made in. */
export function keepState(s: LayerState): LayerState {
  return { h: tf.keep(s.h), ...(s.c ? { c: tf.keep(s.c) } : {}) };
}

export function disposeState(state: LayerState[]): void {
  for (const s of state) {
    s.h.dispose();
    s.c?.dispose();
  }
}
