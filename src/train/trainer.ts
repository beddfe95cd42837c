// What the training loop drives: one step (gradients, clipping, update), evaluation, the
// weights and optimizer state for checkpoints, the lanes' carried state. Two kinds: on wasm the
// lanes are shared among worker threads and the update is done on arrays here (pool.ts,
// optimizer.ts); on any other backend (tfjs-node, tfjs-node-gpu, tfjs's cpu or webgl) one
// in-process unit keeps everything on the backend (tensor-trainer.ts).
import type { ModelConfig, RunConfig } from '../model/config.js';
import type { EvalTotals } from '../model/evaluate.js';
import type { Params } from '../model/params.js';
import { type OptimizerState, applyUpdate, clipGradients } from './optimizer.js';
import { ComputePool } from './pool.js';
import type { Batch } from './stream.js';
import { TensorTrainer } from './tensor-trainer.js';

/** One step's inputs: lanes [start, end) of the batch are read on demand. */
export interface StepInput {
  batch: number;
  read: (start: number, end: number) => Batch;
  dropout: number;
  seed: number;
  /** Start the lanes from a zero state. */
  reset: boolean;
  lr: number;
  clipNorm: number;
}

export interface Trainer {
  /** Compute units the lanes are split among (carried state fits the same split only). */
  readonly units: number;
  /** One optimisation step; resolves to the batch's mean loss in nats/char. */
  step(input: StepInput): Promise<number>;
  evaluate(tunes: Int32Array[]): Promise<EvalTotals>;
  /** The current weights as arrays (for a checkpoint or a sample). */
  weights(): Params;
  /** The optimizer's state as arrays (for a checkpoint). */
  optimizer(): OptimizerState;
  getState(): Promise<Float32Array[] | null>;
  setState(arrays: Float32Array[], batch: number): Promise<void>;
  close(): Promise<void>;
}

/** The wasm path: worker threads compute gradients, clipping and the update run here on arrays. */
class PoolTrainer implements Trainer {
  constructor(private readonly pool: ComputePool, private readonly params: Params, private readonly opt: OptimizerState) {}

  get units(): number {
    return this.pool.size;
  }

  async step(s: StepInput): Promise<number> {
    const r = await this.pool.step(this.params, s.batch, s.read, s.dropout, s.seed, s.reset);
    clipGradients(r.grads, s.clipNorm);
    applyUpdate(this.opt, this.params, r.grads, s.lr);
    return r.loss;
  }

  evaluate = (tunes: Int32Array[]) => this.pool.evaluate(this.params, tunes);
  weights = () => this.params;
  optimizer = () => this.opt;
  getState = () => this.pool.getState();
  setState = (arrays: Float32Array[], batch: number) => this.pool.setState(arrays, batch);
  close = () => this.pool.close();
}

/** Whether training on `backend` keeps the whole step on the backend (every backend but wasm). */
export function usesTensorPath(backend: string): boolean {
  return backend !== 'wasm';
}

/** `config` as it trains on the active backend: on a GPU the batch is `train.gpuBatch` when set. */
export function configForBackend(config: RunConfig, active: string): RunConfig {
  if (active !== 'gpu' || config.train.gpuBatch <= 0) return config;
  return { ...config, train: { ...config.train, batch: config.train.gpuBatch } };
}

/**
 * The trainer for `backend` (the active one: 'wasm', 'gpu', 'cpu', or a tfjs backend name in
 * tests), starting from `params` and `opt`, which the wasm path updates in place.
 */
export async function createTrainer(backend: string, model: ModelConfig, vocabSize: number, params: Params, opt: OptimizerState, workers: number): Promise<Trainer> {
  if (usesTensorPath(backend)) return new TensorTrainer(model, vocabSize, params, opt);
  return new PoolTrainer(await ComputePool.create(model, vocabSize, params, workers, backend), params, opt);
}
