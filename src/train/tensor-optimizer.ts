// Adam and RMSprop with global-norm gradient clipping as tensor operations, for the native
// training path: the moments live on the backend beside the weights, so a step reads nothing
// back. The same formulas and constants as optimizer.ts (which works on arrays); the state
// converts to and from its OptimizerState, so checkpoints are the same files either way.
import * as tf from '@tensorflow/tfjs-core';
import type { Params } from '../model/params.js';
import { ADAM_BETA1, ADAM_BETA2, EPSILON, type OptimizerState, RMS_DECAY } from './optimizer.js';

export class TensorOptimizer {
  private readonly m: Record<string, tf.Variable> = {};
  private readonly v: Record<string, tf.Variable> = {};
  private t: number;

  /** Takes over `state` (its moments are uploaded) for the variables `vars`, updated in place. */
  constructor(private readonly state: OptimizerState, private readonly vars: Record<string, tf.Variable>) {
    this.t = state.t;
    for (const [name, w] of Object.entries(vars)) {
      this.v[name] = tf.variable(tf.tensor(state.v[name], w.shape), false);
      if (state.name === 'adam') this.m[name] = tf.variable(tf.tensor(state.m[name], w.shape), false);
    }
  }

  /**
   * Scales `grads` so their global L2 norm is at most `clipNorm` (0: no clipping), then applies
   * one update at learning rate `lr`. Disposes the gradients.
   */
  apply(grads: Record<string, tf.Tensor>, lr: number, clipNorm: number): void {
    this.t += 1;
    const c1 = 1 - ADAM_BETA1 ** this.t;
    const c2 = 1 - ADAM_BETA2 ** this.t;
    tf.tidy(() => {
      const names = Object.keys(this.vars);
      const norm = tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n])))));
      // min(1, clip / norm): 1 when the norm is within the limit (or zero: clip / 0 is infinite)
      const scale = clipNorm > 0 ? tf.minimum(1, tf.div(clipNorm, norm)) : tf.scalar(1);
      for (const name of names) {
        const g = tf.mul(grads[name], scale);
        const w = this.vars[name];
        const v = this.v[name];
        if (this.state.name === 'adam') {
          const m = this.m[name];
          m.assign(tf.add(tf.mul(m, ADAM_BETA1), tf.mul(g, 1 - ADAM_BETA1)));
          v.assign(tf.add(tf.mul(v, ADAM_BETA2), tf.mul(tf.square(g), 1 - ADAM_BETA2)));
          const denom = tf.add(tf.sqrt(tf.div(v, c2)), EPSILON);
          w.assign(tf.sub(w, tf.div(tf.mul(tf.div(m, c1), lr), denom)));
        } else {
          v.assign(tf.add(tf.mul(v, RMS_DECAY), tf.mul(tf.square(g), 1 - RMS_DECAY)));
          w.assign(tf.sub(w, tf.div(tf.mul(g, lr), tf.add(tf.sqrt(v), EPSILON))));
        }
      }
    });
    Object.values(grads).forEach((g) => g.dispose());
  }

  /** The state as arrays (for a checkpoint), in the form optimizer.ts keeps it. */
  read(): OptimizerState {
    const arrays = (vars: Record<string, tf.Variable>): Params =>
      Object.fromEntries(Object.entries(vars).map(([k, x]) => [k, (x.dataSync() as Float32Array).slice()]));
    return { name: this.state.name, t: this.t, m: arrays(this.m), v: arrays(this.v) };
  }

  dispose(): void {
    [...Object.values(this.m), ...Object.values(this.v)].forEach((x) => x.dispose());
  }
}
