// Analytic gradients of each cell (through the wasm-friendly custom ops) against central
// finite differences of the loss, on a tiny two-layer model.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend.js';
import { zeroState } from '../../src/model/cells.js';
import type { CellType, ModelConfig } from '../../src/model/config.js';
import { createNetwork, disposeNetwork } from '../../src/model/network.js';
import { lossAndGrads } from '../../src/model/network-grads.js';
import { type Params, initParams } from '../../src/model/params.js';

const VOCAB = 6;
const BATCH = 2;
const STEPS = 4;
const inputs = Int32Array.from([0, 1, 2, 3, 4, 5, 1, 2]);
const targets = Int32Array.from([1, 2, 3, 4, 5, 0, 2, 3]);

function loss(model: ModelConfig, params: Params): number {
  const net = createNetwork(model, VOCAB, params);
  const out = lossAndGrads(net, inputs, targets, BATCH, zeroState(model.cell, model.layers, BATCH, model.hidden), 0, 0);
  disposeNetwork(net);
  return out.loss;
}

beforeAll(async () => {
  await selectBackend('wasm');
});

describe.each<CellType>(['lstm', 'gru', 'rnn'])('%s gradients', (cell) => {
  it('match finite differences', () => {
    const model: ModelConfig = { cell, layers: 2, hidden: 3, dropout: 0 };
    const params = initParams(model, VOCAB, 3);
    // larger weights than the default init, so every gate is exercised away from zero
    for (const p of Object.values(params)) for (let i = 0; i < p.length; i++) p[i] = p[i] * 2 + 0.05 * Math.sin(i);
    const net = createNetwork(model, VOCAB, params);
    const { grads } = lossAndGrads(net, inputs, targets, BATCH, zeroState(cell, 2, BATCH, 3), 0, 0);
    disposeNetwork(net);
    const eps = 1e-2;
    let checked = 0;
    for (const [name, p] of Object.entries(params)) {
      for (let i = 0; i < p.length; i += Math.max(1, Math.floor(p.length / 7))) {
        const keep = p[i];
        p[i] = keep + eps;
        const up = loss(model, params);
        p[i] = keep - eps;
        const down = loss(model, params);
        p[i] = keep;
        const numeric = (up - down) / (2 * eps);
        const analytic = grads[name][i];
        expect(Math.abs(numeric - analytic), `${name}[${i}] numeric ${numeric} analytic ${analytic}`).toBeLessThan(2e-3 + 0.03 * Math.abs(numeric));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });
});
