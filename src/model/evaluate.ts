// Held-out evaluation: each tune is read from a fresh state, starting at BOS, and every next
// character is scored, the closing EOS included (it stands for the line that ends a tune).
// Tunes are batched by similar length and run in chunks so that memory stays bounded.
import { disposeState, type LayerState, zeroState } from './cells.js';
import { type Network, evaluateChunk } from './network.js';

export interface EvalTotals {
  /** Summed cross-entropy in nats. */
  sumLoss: number;
  /** Scored characters. */
  count: number;
  /** Characters whose most likely prediction was right. */
  correct: number;
}

export function addTotals(a: EvalTotals, b: EvalTotals): EvalTotals {
  return { sumLoss: a.sumLoss + b.sumLoss, count: a.count + b.count, correct: a.correct + b.correct };
}

/** Scores one group of encoded tunes (each [BOS ... EOS]) side by side, padded to the longest. */
function evaluateGroup(net: Network, tunes: Int32Array[], chunk: number): EvalTotals {
  const batch = tunes.length;
  const steps = Math.max(...tunes.map((t) => t.length)) - 1;
  let state = zeroState(net.config.cell, net.config.layers, batch, net.config.hidden);
  let totals: EvalTotals = { sumLoss: 0, count: 0, correct: 0 };
  for (let start = 0; start < steps; start += chunk) {
    const len = Math.min(chunk, steps - start);
    const inputs = new Int32Array(len * batch);
    const targets = new Int32Array(len * batch);
    const mask = new Float32Array(len * batch);
    for (let t = 0; t < len; t++) {
      tunes.forEach((tune, b) => {
        const at = start + t;
        if (at + 1 >= tune.length) return;
        inputs[t * batch + b] = tune[at];
        targets[t * batch + b] = tune[at + 1];
        mask[t * batch + b] = 1;
      });
    }
    const out = evaluateChunk(net, inputs, targets, mask, batch, state);
    disposeState(state);
    state = out.state;
    totals = addTotals(totals, out);
  }
  disposeState(state);
  return totals;
}

/** Scores every tune; `groupSize` tunes of similar length run together. */
export function evaluateTunes(net: Network, tunes: Int32Array[], groupSize = 32, chunk = 128): EvalTotals {
  const order = tunes.map((_, i) => i).sort((a, b) => tunes[a].length - tunes[b].length);
  let totals: EvalTotals = { sumLoss: 0, count: 0, correct: 0 };
  for (let i = 0; i < order.length; i += groupSize) {
    const group = order.slice(i, i + groupSize).map((j) => tunes[j]);
    totals = addTotals(totals, evaluateGroup(net, group, chunk));
  }
  return totals;
}

/** Bits per character, perplexity per character and accuracy from totals. */
export function summarise(t: EvalTotals) {
  const nats = t.count ? t.sumLoss / t.count : NaN;
  return { bitsPerChar: nats / Math.LN2, perplexity: Math.exp(nats), accuracy: t.count ? t.correct / t.count : NaN };
}
