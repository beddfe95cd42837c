// The work of one compute unit: a network on its own backend that turns a batch of lanes
// into a loss and gradients (keeping its lanes' recurrent state between steps), or scores
// held-out tunes. Runs in-process or inside a worker thread (worker.ts) unchanged; on a
// native backend it runs alone and hands its gradients over as tensors (tensor-trainer.ts).
import * as tf from '@tensorflow/tfjs-core';
import { type LayerState, zeroState } from '../model/cells.js';
import type { ModelConfig } from '../model/config.js';
import { type EvalTotals, evaluateTunes } from '../model/evaluate.js';
import { type Network, createNetwork, disposeNetwork, readWeights, setWeights } from '../model/network.js';
import { lossAndGradTensors, lossAndGrads } from '../model/network-grads.js';
import type { Params } from '../model/params.js';

export interface StepRequest {
  /** New weights, or null when unchanged since the last call. */
  params: Params | null;
  inputs: Int32Array;
  targets: Int32Array;
  /** Lanes in this unit's share of the batch. */
  lanes: number;
  dropout: number;
  seed: number;
  /** Start the lanes from a zero state (a new epoch). */
  reset: boolean;
}

export interface StepResult {
  loss: number;
  grads: Params;
}

export class ComputeUnit {
  private net: Network;
  private state: LayerState[] | null = null;

  constructor(private model: ModelConfig, vocabSize: number, params: Params) {
    this.net = createNetwork(model, vocabSize, params);
  }

  step(req: StepRequest): StepResult {
    this.prepare(req);
    const out = lossAndGrads(this.net, req.inputs, req.targets, req.lanes, this.state!, req.dropout, req.seed);
    this.dropState();
    this.state = out.state;
    return { loss: out.loss, grads: out.grads };
  }

  /** As step, but the loss and gradients stay tensors on the backend; the caller disposes them. */
  stepTensors(req: StepRequest): { loss: tf.Scalar; grads: Record<string, tf.Tensor> } {
    this.prepare(req);
    const out = lossAndGradTensors(this.net, req.inputs, req.targets, req.lanes, this.state!, req.dropout, req.seed);
    this.dropState();
    this.state = out.state;
    return { loss: out.loss, grads: out.grads };
  }

  /** The weights as variables by name, for an optimizer that updates them in place. */
  get variables(): Record<string, tf.Variable> {
    return this.net.weights;
  }

  /** The weights read back as arrays. */
  weights(): Params {
    // copies: a backend may hand back its own storage
    return Object.fromEntries(Object.entries(readWeights(this.net)).map(([k, a]) => [k, a.slice()]));
  }

  private prepare(req: StepRequest): void {
    if (req.params) setWeights(this.net, req.params);
    if (req.reset || !this.state || this.state[0].h.shape[0] !== req.lanes) {
      this.dropState();
      this.state = zeroState(this.model.cell, this.model.layers, req.lanes, this.model.hidden);
    }
  }

  /** The lanes' carried state as flat arrays (h and, for the LSTM, c per layer), or null before the first step. */
  getState(): Float32Array[] | null {
    return this.state?.flatMap((s) => [s.h.dataSync() as Float32Array, ...(s.c ? [s.c.dataSync() as Float32Array] : [])]) ?? null;
  }

  /** Restores carried state saved by getState for `lanes` lanes. */
  setState(arrays: Float32Array[], lanes: number): void {
    this.dropState();
    const { hidden } = this.model;
    const per = this.model.cell === 'lstm' ? 2 : 1;
    this.state = Array.from({ length: this.model.layers }, (_, l) => ({
      h: tf.tensor2d(arrays[l * per], [lanes, hidden]),
      ...(per === 2 ? { c: tf.tensor2d(arrays[l * per + 1], [lanes, hidden]) } : {}),
    }));
  }

  evaluate(params: Params | null, tunes: Int32Array[]): EvalTotals {
    if (params) setWeights(this.net, params);
    return evaluateTunes(this.net, tunes);
  }

  /** Bytes held by the backend (tf.memory), for the benchmark's report. */
  memoryBytes(): number {
    return tf.memory().numBytes;
  }

  dispose(): void {
    this.dropState();
    disposeNetwork(this.net);
  }

  private dropState(): void {
    for (const s of this.state ?? []) {
      s.h.dispose();
      s.c?.dispose();
    }
    this.state = null;
  }
}
