// Typed model and training configuration, resolved as defaults -> preset/config file -> flags.
// Every field is documented here; unknown keys and wrong types are errors, never ignored.

export type CellType = 'lstm' | 'gru' | 'rnn';
export type OptimizerName = 'adam' | 'rmsprop';

export interface ModelConfig {
  /** Recurrent cell: LSTM (default), GRU, or vanilla tanh RNN. */
  cell: CellType;
  /** Number of stacked recurrent layers. */
  layers: number;
  /** Hidden units per layer. */
  hidden: number;
  /** Dropout rate after each recurrent layer during training (0 disables). */
  dropout: number;
}

export interface TrainConfig {
  /** Sequences per batch (streams of the concatenated corpus). */
  batch: number;
  /** Sequences per batch when training runs on a GPU (tfjs-node-gpu), which wants wide batches; 0 keeps `batch`. */
  gpuBatch: number;
  /** Truncated back-propagation length in characters. */
  seq: number;
  /** Optimizer: Adam or RMSprop. */
  optimizer: OptimizerName;
  /** Initial learning rate. */
  learningRate: number;
  /** Learning rate is multiplied by this after every epoch past `decayAfter`. */
  decay: number;
  /** First epoch after which decay applies. */
  decayAfter: number;
  /** Clip the global gradient norm to this value. */
  clipNorm: number;
  /** Stop after this many epochs (fractional allowed). */
  epochs: number;
  /** Compute validation loss every this many steps. */
  evalEvery: number;
  /** Print a sampled tune every this many steps (0 disables). */
  sampleEvery: number;
  /** Write a checkpoint every this many seconds (and at every evaluation). */
  checkpointSeconds: number;
  /** Stop early after this many evaluations without a better validation loss. */
  patience: number;
  /** Transpose each tune by a random number of semitones in [-augment, augment] per epoch (0 disables). */
  augment: number;
  /** 'C': train on every tune moved to the tonic C (src/abc/text-format.ts); '': each in its own key. */
  tonic: string;
  /** Data-parallel worker threads on wasm (each runs one single-threaded backend); native backends use none. */
  workers: number;
  /** Seed for initialisation, data order and dropout. */
  seed: number;
}

export interface RunConfig {
  model: ModelConfig;
  train: TrainConfig;
}

export const DEFAULT_CONFIG: RunConfig = {
  model: { cell: 'lstm', layers: 2, hidden: 256, dropout: 0.2 },
  train: {
    batch: 64, gpuBatch: 0, seq: 64, optimizer: 'adam', learningRate: 0.002, decay: 0.95, decayAfter: 5,
    clipNorm: 5, epochs: 50, evalEvery: 200, sampleEvery: 1000, checkpointSeconds: 300,
    patience: 10, augment: 0, tonic: '', workers: 2, seed: 1,
  },
};

const CHOICES: Record<string, readonly string[]> = {
  cell: ['lstm', 'gru', 'rnn'],
  optimizer: ['adam', 'rmsprop'],
  tonic: ['', 'C'],
};
const INTEGERS = new Set(['layers', 'hidden', 'batch', 'gpuBatch', 'seq', 'evalEvery', 'sampleEvery', 'patience', 'augment', 'workers', 'seed', 'decayAfter']);

/** Checks one section of a partial config against its defaults; returns the merged section. */
function mergeSection<T extends object>(name: string, base: T, patch: unknown): T {
  if (patch === undefined) return { ...base };
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new Error(`config: "${name}" must be an object`);
  }
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in base)) throw new Error(`config: unknown key "${name}.${key}"`);
    const expected = typeof (base as Record<string, unknown>)[key];
    if (typeof value !== expected) throw new Error(`config: "${name}.${key}" must be a ${expected}`);
    if (CHOICES[key] && !CHOICES[key].includes(value as string)) {
      throw new Error(`config: "${name}.${key}" must be one of ${CHOICES[key].join(', ')}`);
    }
    if (typeof value === 'number' && (!Number.isFinite(value) || value < 0 || (INTEGERS.has(key) && !Number.isInteger(value)))) {
      throw new Error(`config: "${name}.${key}" must be a ${INTEGERS.has(key) ? 'non-negative integer' : 'non-negative number'}`);
    }
    out[key] = value;
  }
  return out as T;
}

/** Merges a partial config (from a preset, a file or flags) over a base config, checking every key. */
export function resolveConfig(base: RunConfig, patch: unknown): RunConfig {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new Error('config: must be a JSON object');
  for (const key of Object.keys(patch)) {
    if (key !== 'model' && key !== 'train') throw new Error(`config: unknown key "${key}"`);
  }
  const p = patch as { model?: unknown; train?: unknown };
  const config = { model: mergeSection('model', base.model, p.model), train: mergeSection('train', base.train, p.train) };
  if (config.model.layers < 1 || config.model.hidden < 1) throw new Error('config: model needs at least 1 layer of 1 unit');
  if (config.model.dropout >= 1) throw new Error('config: "model.dropout" must be below 1');
  if (config.train.batch < config.train.workers || config.train.workers < 1) throw new Error('config: "train.batch" must be at least "train.workers" (>= 1)');
  if (config.train.seq < 1) throw new Error('config: "train.seq" must be at least 1');
  if (config.train.tonic && config.train.augment) throw new Error('config: "train.augment" and "train.tonic" exclude each other');
  return config;
}
