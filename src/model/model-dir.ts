// Reading and writing a model directory (the Node I/O edge of the model tier):
//   model.json      format version, model config, vocabulary size, tfjs weights manifest,
//                   and (for a training checkpoint) the training state and optimizer file
//   vocab.json      the tokenizer's vocabulary
//   weights-S.bin   float32 weights in manifest order (S = the step it was written at)
//   optimizer-S.bin optimizer moments (training checkpoints only)
// A checkpoint writes its new data files first and then replaces model.json by rename, so
// model.json always names complete files: a kill at any moment leaves a loadable directory.
// Reading goes through model-bytes.ts, which the page shares (it fetches the same files).
import type { TextFormat } from '../abc/text-format.js';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { writeAtomic } from '../io/atomic.js';
import { join } from 'node:path';
import type { Vocab } from '../tokenizer/index.js';
import type { ModelConfig } from './config.js';
import { FORMAT, FORMAT_VERSION, type LoadedModel, type ModelManifest, type ModelSource, readModel } from './model-bytes.js';
import { type Params, paramShapes } from './params.js';

export { FORMAT, FORMAT_VERSION, type LoadedModel, type ModelManifest, type WeightEntry } from './model-bytes.js';

function concatFloats(arrays: Float32Array[]): Uint8Array {
  const total = arrays.reduce((n, a) => n + a.length, 0);
  const out = new Float32Array(total);
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return new Uint8Array(out.buffer);
}

export interface SaveRequest {
  dir: string;
  model: ModelConfig;
  vocab: Vocab;
  params: Params;
  step: number;
  training?: Record<string, unknown>;
  /** Training data files to store beside the weights (e.g. optimizer moments, carried state), by kind. */
  trainingArrays?: Record<string, Float32Array[]>;
  metrics?: Record<string, unknown>;
  text?: TextFormat;
}

/** Writes a complete model (or checkpoint) and then removes data files model.json no longer names. */
export async function saveModel(req: SaveRequest): Promise<void> {
  await mkdir(req.dir, { recursive: true });
  const specs = paramShapes(req.model, req.vocab.tokens.length);
  const tag = String(req.step).padStart(8, '0');
  const weightsFile = `weights-${tag}.bin`;
  await writeAtomic(join(req.dir, weightsFile), concatFloats(specs.map((s) => req.params[s.name])));
  let training = req.training;
  const files: Record<string, string> = {};
  for (const [kind, arrays] of Object.entries(req.trainingArrays ?? {})) {
    files[kind] = `${kind}-${tag}.bin`;
    await writeAtomic(join(req.dir, files[kind]), concatFloats(arrays));
  }
  if (req.trainingArrays) training = { ...training, files };
  await writeAtomic(join(req.dir, 'vocab.json'), JSON.stringify(req.vocab));
  const manifest: ModelManifest = {
    format: FORMAT, formatVersion: FORMAT_VERSION, model: req.model, vocabSize: req.vocab.tokens.length,
    weightsManifest: [{ paths: [weightsFile], weights: specs.map((s) => ({ name: s.name, shape: s.shape, dtype: 'float32' })) }],
    ...(training ? { training } : {}), ...(req.metrics ? { metrics: req.metrics } : {}),
    ...(req.text?.tonic ? { text: req.text } : {}),
  };
  await writeAtomic(join(req.dir, 'model.json'), JSON.stringify(manifest, null, 2) + '\n');
  const keep = new Set([weightsFile, ...Object.values(files)]);
  for (const f of await readdir(req.dir)) {
    if (/^[a-z]+-\d{8}\.bin$/.test(f) && !keep.has(f)) await rm(join(req.dir, f), { force: true });
  }
}

/** Reads float32 data of a known length, with a clear error naming the file when it is short or long. */
export async function readFloats(path: string, expected: number): Promise<Float32Array> {
  if (!existsSync(path)) throw new Error(`model: ${path} is missing`);
  const bytes = await readFile(path);
  if (bytes.length !== expected * 4) {
    throw new Error(`model: ${path} holds ${bytes.length} bytes but the manifest needs ${expected * 4} (truncated or mismatched)`);
  }
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

/** A model directory as a source of file bytes. */
export function dirSource(dir: string): ModelSource {
  return {
    where: (name) => join(dir, name),
    read: async (name) => (existsSync(join(dir, name)) ? new Uint8Array(await readFile(join(dir, name))) : undefined),
  };
}

/** Loads and checks a model directory: manifest, vocabulary and weights must agree. */
export async function loadModel(dir: string): Promise<LoadedModel> {
  if (!existsSync(dir)) throw new Error(`model: directory ${dir} does not exist`);
  return readModel(dirSource(dir), dir);
}
