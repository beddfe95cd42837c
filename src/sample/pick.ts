// Choosing the next character from logits: temperature, top-k, top-p (nucleus) and greedy.
// Pure arithmetic on one row of logits; the random draw comes from a seeded Rng.
import type { Rng } from '../model/rng.js';

export interface PickOptions {
  /** Softmax temperature (> 0); ignored when greedy. */
  temperature: number;
  /** Keep only the k most likely characters (0 = all). */
  topK: number;
  /** Keep the smallest set of most likely characters whose probability reaches p (1 = all). */
  topP: number;
  /** Always take the most likely character. */
  greedy: boolean;
}

export const DEFAULT_PICK: PickOptions = { temperature: 1, topK: 0, topP: 1, greedy: false };

/**
 * Log-softmax of logits[offset .. offset+n) at temperature t, as a new array. The maximum is
 * taken off before dividing by t, so a tiny t (1e-300) gives 0 for the top logit and -Infinity
 * or a large negative number for the rest, never NaN.
 */
export function logSoftmax(logits: ArrayLike<number>, offset: number, n: number, t = 1): Float64Array {
  const out = new Float64Array(n);
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logits[offset + i]);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    out[i] = (logits[offset + i] - max) / t;
    sum += Math.exp(out[i]);
  }
  const log = Math.log(sum);
  for (let i = 0; i < n; i++) out[i] -= log;
  return out;
}

/** Picks an index from row `row` of a [rows, n] logits array; `banned` indices are never picked (-1 when all are). */
export function pick(logits: ArrayLike<number>, row: number, n: number, opts: PickOptions, rng: Rng, banned: number[] = []): number {
  const logp = logSoftmax(logits, row * n, n, opts.greedy ? 1 : opts.temperature);
  for (const b of banned) logp[b] = -Infinity;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => logp[b] - logp[a]);
  if (opts.greedy) return logp[order[0]] === -Infinity ? -1 : order[0];
  let keep = opts.topK > 0 ? Math.min(opts.topK, n) : n;
  if (opts.topP < 1) {
    let mass = 0;
    for (let i = 0; i < keep; i++) {
      mass += Math.exp(logp[order[i]]);
      if (mass >= opts.topP) {
        keep = i + 1;
        break;
      }
    }
  }
  // Weights relative to the best allowed id: at a tiny temperature the others underflow to 0,
  // but the best keeps weight 1 (taking it is then greedy, never "nothing allowed").
  const top = logp[order[0]];
  if (top === -Infinity) return -1; // every index is banned
  let total = 0;
  for (let i = 0; i < keep; i++) total += Math.exp(logp[order[i]] - top);
  let r = rng.next() * total;
  for (let i = 0; i < keep; i++) {
    r -= Math.exp(logp[order[i]] - top);
    if (r <= 0) return order[i];
  }
  return order[keep - 1];
}
