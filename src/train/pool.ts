// Data-parallel compute: the batch's lanes are shared among units (worker threads, each with
// its own single-threaded backend, or one in-process unit), their gradients averaged by lane
// count. Each unit keeps the recurrent state of its own lanes between steps.
import { startWorker } from '../model/start-worker.js';
import type { ModelConfig } from '../model/config.js';
import { type EvalTotals, addTotals } from '../model/evaluate.js';
import type { Params } from '../model/params.js';
import type { Batch } from './stream.js';
import { ComputeUnit, type StepRequest, type StepResult } from './compute.js';

interface Unit {
  step(req: StepRequest): Promise<StepResult & { memory: number }>;
  evaluate(params: Params | null, tunes: Int32Array[]): Promise<EvalTotals>;
  getState(): Promise<Float32Array[] | null>;
  setState(arrays: Float32Array[], lanes: number): Promise<void>;
  close(): Promise<void>;
}

function inProcessUnit(model: ModelConfig, vocabSize: number, params: Params): Unit {
  const unit = new ComputeUnit(model, vocabSize, params);
  return {
    step: async (req) => ({ ...unit.step(req), memory: unit.memoryBytes() }),
    evaluate: async (p, tunes) => unit.evaluate(p, tunes),
    getState: async () => unit.getState(),
    setState: async (arrays, lanes) => unit.setState(arrays, lanes),
    close: async () => unit.dispose(),
  };
}


async function workerUnit(model: ModelConfig, vocabSize: number, params: Params, backend: string): Promise<Unit> {
  const worker = startWorker('./worker.ts', import.meta.url, { model, vocabSize, params, backend });
  const pending: ((msg: { type: string; out?: unknown; memory?: number; message?: string }) => void)[] = [];
  let failure: Error | null = null;
  worker.on('message', (msg) => pending.shift()?.(msg));
  worker.on('error', (err) => {
    failure = err;
    pending.splice(0).forEach((resolve) => resolve({ type: 'error', message: err.message }));
  });
  const call = (msg: object): Promise<{ type: string; out?: unknown; memory?: number }> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      pending.push((reply) => (reply.type === 'error' ? reject(new Error(`worker: ${reply.message}`)) : resolve(reply)));
      worker.postMessage(msg);
    });
  await new Promise<void>((resolve, reject) => {
    pending.push((reply) => (reply.type === 'ready' ? resolve() : reject(new Error(`worker: ${reply.message}`))));
  });
  return {
    step: async (req) => {
      const reply = await call({ type: 'step', req });
      return { ...(reply.out as StepResult), memory: reply.memory ?? 0 };
    },
    evaluate: async (p, tunes) => (await call({ type: 'eval', params: p, tunes })).out as EvalTotals,
    getState: async () => (await call({ type: 'getState' })).out as Float32Array[] | null,
    setState: async (arrays, lanes) => void (await call({ type: 'setState', arrays, lanes })),
    close: async () => void (await worker.terminate()),
  };
}

/** The lanes [start, end) of a batch of `batch` lanes that unit k of `units` computes. */
export function laneRange(k: number, batch: number, units: number): [number, number] {
  return [Math.floor((k * batch) / units), Math.floor(((k + 1) * batch) / units)];
}

export class ComputePool {
  private constructor(private units: Unit[]) {}

  /** One in-process unit when `workers` is 1, else that many worker threads. */
  static async create(model: ModelConfig, vocabSize: number, params: Params, workers: number, backend: string): Promise<ComputePool> {
    if (workers <= 1) return new ComputePool([inProcessUnit(model, vocabSize, params)]);
    const units = await Promise.all(Array.from({ length: workers }, () => workerUnit(model, vocabSize, params, backend)));
    return new ComputePool(units);
  }

  get size(): number {
    return this.units.length;
  }

  /** The lanes [start, end) of a batch that unit k computes. */
  lanesOf(k: number, batch: number): [number, number] {
    return laneRange(k, batch, this.units.length);
  }

  /** One training step over all lanes; loss and gradients are lane-weighted means. */
  async step(params: Params | null, batch: number, read: (start: number, end: number) => Batch, dropout: number, seed: number, reset: boolean) {
    const results = await Promise.all(this.units.map((unit, k) => {
      const [start, end] = this.lanesOf(k, batch);
      const b = read(start, end);
      return unit.step({ params, inputs: b.inputs, targets: b.targets, lanes: end - start, dropout, seed: seed + 1000 * k, reset });
    }));
    const grads: Params = {};
    let loss = 0;
    results.forEach((r, k) => {
      const [start, end] = this.lanesOf(k, batch);
      const w = (end - start) / batch;
      loss += w * r.loss;
      for (const [name, g] of Object.entries(r.grads)) {
        const acc = (grads[name] ??= new Float32Array(g.length));
        for (let i = 0; i < g.length; i++) acc[i] += w * g[i];
      }
    });
    return { loss, grads, memory: results.reduce((m, r) => m + r.memory, 0) };
  }

  /** Scores tunes, shared among the units. */
  async evaluate(params: Params | null, tunes: Int32Array[]): Promise<EvalTotals> {
    const n = this.units.length;
    const shares = this.units.map((_, k) => tunes.filter((_, i) => i % n === k));
    const totals = await Promise.all(this.units.map((u, k) => u.evaluate(params, shares[k])));
    return totals.reduce(addTotals, { sumLoss: 0, count: 0, correct: 0 });
  }

  /**
   * The carried state of every lane, unit by unit, as one flat array per layer tensor in unit
   * order (h, c for each layer), or null before the first step.
   */
  async getState(): Promise<Float32Array[] | null> {
    const parts = await Promise.all(this.units.map((u) => u.getState()));
    if (parts.some((p) => p === null)) return null;
    return (parts as Float32Array[][]).flat();
  }

  /** Restores what getState returned, for the same batch and number of units. */
  async setState(arrays: Float32Array[], batch: number): Promise<void> {
    const per = arrays.length / this.units.length;
    await Promise.all(this.units.map((u, k) => {
      const [start, end] = this.lanesOf(k, batch);
      return u.setState(arrays.slice(k * per, (k + 1) * per), end - start);
    }));
  }

  async close(): Promise<void> {
    await Promise.all(this.units.map((u) => u.close()));
  }
}
