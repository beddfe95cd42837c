// The network's weights, addressed by name, and their initialisation.
// Layer l has one fused input matrix `l{l}.wx` [D, G*H], one fused recurrent matrix `l{l}.wh`
// [H, G*H] and a bias `l{l}.b` [G*H], with G gates (LSTM 4: i f o g; GRU 3: r z n; RNN 1).
// The output layer is `out.w` [H, V] and `out.b` [V]. Inputs are one-hot, so row v of `l0.wx`
// is the projection of character v.
import type { CellType, ModelConfig } from './config.js';
import { Rng } from './rng.js';

/** Weights as flat float arrays, by name. The shape of each is given by `paramShapes`. */
export type Params = Record<string, Float32Array>;
export interface ParamSpec {
  name: string;
  shape: number[];
}

export const GATES: Record<CellType, number> = { lstm: 4, gru: 3, rnn: 1 };

/** Names and shapes of every weight, in a fixed order (the order of the weights file). */
export function paramShapes(model: ModelConfig, vocabSize: number): ParamSpec[] {
  const gh = GATES[model.cell] * model.hidden;
  const specs: ParamSpec[] = [];
  for (let l = 0; l < model.layers; l++) {
    const inputs = l === 0 ? vocabSize : model.hidden;
    specs.push({ name: `l${l}.wx`, shape: [inputs, gh] }, { name: `l${l}.wh`, shape: [model.hidden, gh] }, { name: `l${l}.b`, shape: [gh] });
  }
  specs.push({ name: 'out.w', shape: [model.hidden, vocabSize] }, { name: 'out.b', shape: [vocabSize] });
  return specs;
}

export function sizeOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Uniform(-1/sqrt(H), 1/sqrt(H)) weights, zero biases, and an LSTM forget-gate bias of 1. The
 * first layer's input rows are one-hot projections, so they start at Uniform(-1, 1) (std 0.58,
 * what an N(0, 1) embedding times a standard input matrix gives): at 1/sqrt(H) the input signal
 * is so faint that Adam, moving each weight about `lr` a step, needs hundreds of steps to grow it.
 */
export function initParams(model: ModelConfig, vocabSize: number, seed: number): Params {
  const rng = new Rng(seed);
  const params: Params = {};
  for (const { name, shape } of paramShapes(model, vocabSize)) {
    const data = new Float32Array(sizeOf(shape));
    const bound = name === 'l0.wx' ? 1 : 1 / Math.sqrt(model.hidden);
    if (!name.endsWith('.b')) for (let i = 0; i < data.length; i++) data[i] = (2 * rng.next() - 1) * bound;
    if (model.cell === 'lstm' && /^l\d+\.b$/.test(name)) data.fill(1, model.hidden, 2 * model.hidden);
    params[name] = data;
  }
  return params;
}

/** Total number of weights. */
export function countParams(params: Params): number {
  return Object.values(params).reduce((n, p) => n + p.length, 0);
}
