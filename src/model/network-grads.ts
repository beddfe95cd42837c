// Gradients of the network's loss, for training only. tfjs-core registers no gradients of its
// own; in Node only the union package's bundle does (it also registers tfjs's cpu and webgl
// backends). It is imported here, not by the forward code, so composing (command line and page)
// loads neither: about 0.9 s of start-up in Node and most of the page worker's script.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs';
import { keepState, type LayerState } from './cells.js';
import { BOS } from '../tokenizer/index.js';
import { crossEntropy } from './ops.js';
import { type Network, forwardSequence, resetMasks } from './network.js';
import type { Params } from './params.js';

/**
 * The mean loss (nats/char) and gradients by weight name as tensors, and the carried state
 * (all kept: the caller disposes them). Nothing is read back to JS: the native training path
 * clips and applies them on the backend.
 */
export function lossAndGradTensors(net: Network, inputs: Int32Array, targets: Int32Array, batch: number, state: LayerState[], dropoutRate: number, seed: number) {
  let next: LayerState[] = [];
  const kept: tf.Tensor[] = [];
  const { value, grads } = tf.variableGrads(() => {
    const x = tf.tensor1d(inputs, 'int32');
    const resets = resetMasks(inputs, batch, BOS);
    const out = forwardSequence(net, x, batch, state, { dropout: dropoutRate, seed, train: true, resets, kept });
    next = out.state.map(keepState);
    return crossEntropy(out.logits, targets);
  }, Object.values(net.weights));
  kept.forEach((t) => t.dispose());
  const byName: Record<string, tf.Tensor> = {};
  for (const [name, v] of Object.entries(net.weights)) byName[name] = grads[v.name];
  return { loss: value, grads: byName, state: next };
}

/** Mean loss (nats/char), gradients by weight name as arrays, and the carried state (kept, caller disposes). */
export function lossAndGrads(net: Network, inputs: Int32Array, targets: Int32Array, batch: number, state: LayerState[], dropoutRate: number, seed: number) {
  const t = lossAndGradTensors(net, inputs, targets, batch, state, dropoutRate, seed);
  const loss = t.loss.dataSync()[0];
  t.loss.dispose();
  const out: Params = {};
  for (const [name, g] of Object.entries(t.grads)) {
    out[name] = g.dataSync() as Float32Array;
    g.dispose();
  }
  return { loss, grads: out, state: t.state };
}
