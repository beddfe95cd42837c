// The native training path (tfjs-node, tfjs-node-gpu; tfjs's cpu backend in tests): one
// TensorFlow context in this thread, no worker threads (TensorFlow has its own thread pool),
// and a step that stays on the backend: gradients, clipping and the Adam/RMSprop update are
// tensor operations on the network's own variables; only the scalar loss is read, after the update.
import type { ModelConfig } from '../model/config.js';
import type { EvalTotals } from '../model/evaluate.js';
import type { Params } from '../model/params.js';
import { ComputeUnit } from './compute.js';
import type { OptimizerState } from './optimizer.js';
import { TensorOptimizer } from './tensor-optimizer.js';
import type { StepInput, Trainer } from './trainer.js';

export class TensorTrainer implements Trainer {
  readonly units = 1;
  private readonly unit: ComputeUnit;
  private readonly opt: TensorOptimizer;

  constructor(model: ModelConfig, vocabSize: number, params: Params, opt: OptimizerState) {
    this.unit = new ComputeUnit(model, vocabSize, params);
    this.opt = new TensorOptimizer(opt, this.unit.variables);
  }

  async step(s: StepInput): Promise<number> {
    const b = s.read(0, s.batch);
    const { loss, grads } = this.unit.stepTensors({
      params: null, inputs: b.inputs, targets: b.targets, lanes: s.batch, dropout: s.dropout, seed: s.seed, reset: s.reset,
    });
    this.opt.apply(grads, s.lr, s.clipNorm);
    try {
      return (await loss.data())[0];
    } finally {
      loss.dispose();
    }
  }

  async evaluate(tunes: Int32Array[]): Promise<EvalTotals> {
    return this.unit.evaluate(null, tunes);
  }

  weights(): Params {
    return this.unit.weights();
  }

  optimizer(): OptimizerState {
    return this.opt.read();
  }

  async getState(): Promise<Float32Array[] | null> {
    return this.unit.getState()?.map((a) => a.slice()) ?? null;
  }

  async setState(arrays: Float32Array[], batch: number): Promise<void> {
    this.unit.setState(arrays, batch);
  }

  async close(): Promise<void> {
    this.opt.dispose();
    this.unit.dispose();
  }
}
