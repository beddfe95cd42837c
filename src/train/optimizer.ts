// Adam and RMSprop over named weight arrays, with global-norm gradient clipping.
// Plain typed-array arithmetic: the update is a small part of a step, and keeping the
// optimizer state as Float32Arrays makes it trivial to checkpoint and resume exactly.
// (tensor-optimizer.ts is the same update as tensor operations, for native backends.)
import type { OptimizerName } from '../model/config.js';
import type { Params } from '../model/params.js';

export interface OptimizerState {
  name: OptimizerName;
  /** Number of updates applied so far (Adam's bias correction uses it). */
  t: number;
  /** First moments (Adam) by weight name; empty for RMSprop. */
  m: Params;
  /** Second moments (mean squares) by weight name. */
  v: Params;
}

export function createOptimizer(name: OptimizerName, params: Params): OptimizerState {
  const zeros = (): Params => Object.fromEntries(Object.entries(params).map(([k, p]) => [k, new Float32Array(p.length)]));
  return { name, t: 0, m: name === 'adam' ? zeros() : {}, v: zeros() };
}

/** The moment arrays the optimizer keeps, in checkpoint order: Adam's m and v, RMSprop's v. */
export function momentsOf(state: OptimizerState): Params[] {
  return state.name === 'adam' ? [state.m, state.v] : [state.v];
}

/** The global L2 norm of all gradients. */
export function globalNorm(grads: Params): number {
  let sum = 0;
  for (const g of Object.values(grads)) for (let i = 0; i < g.length; i++) sum += g[i] * g[i];
  return Math.sqrt(sum);
}

/** Scales gradients in place so their global norm is at most `maxNorm`; returns the norm before. */
export function clipGradients(grads: Params, maxNorm: number): number {
  const norm = globalNorm(grads);
  if (maxNorm > 0 && norm > maxNorm) {
    const scale = maxNorm / norm;
    for (const g of Object.values(grads)) for (let i = 0; i < g.length; i++) g[i] *= scale;
  }
  return norm;
}

export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const RMS_DECAY = 0.95;
export const EPSILON = 1e-8;
const BETA1 = ADAM_BETA1;
const BETA2 = ADAM_BETA2;
const EPS = EPSILON;

/** Applies one update in place to `params`. */
export function applyUpdate(state: OptimizerState, params: Params, grads: Params, lr: number): void {
  state.t += 1;
  const c1 = 1 - BETA1 ** state.t;
  const c2 = 1 - BETA2 ** state.t;
  for (const [name, p] of Object.entries(params)) {
    const g = grads[name];
    const v = state.v[name];
    if (state.name === 'adam') {
      const m = state.m[name];
      for (let i = 0; i < p.length; i++) {
        m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
        v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
        p[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + EPS);
      }
    } else {
      for (let i = 0; i < p.length; i++) {
        v[i] = RMS_DECAY * v[i] + (1 - RMS_DECAY) * g[i] * g[i];
        p[i] -= (lr * g[i]) / (Math.sqrt(v[i]) + EPS);
      }
    }
  }
}
