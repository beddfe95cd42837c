// Building a loaded model from the bytes of its files, wherever they come from: the Node loader
// reads them from a directory (model-dir.ts), the page fetches them. The manifest, vocabulary and
// weights must agree; a missing, truncated or mismatched file gives an error that names it.
// Weights may be float32 or stored smaller (quantize.ts); they are float32 once loaded.
import type { TextFormat } from '../abc/text-format.js';
import { type Vocab, vocabFromJson } from '../tokenizer/index.js';
import type { ModelConfig } from './config.js';
import { type Params, paramShapes, sizeOf } from './params.js';
import { bytesPer, dequantize, type Quantization } from './quantize.js';

export const FORMAT = 'folk-lstm-model';
export const FORMAT_VERSION = 1;

export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: 'float32';
  /** How the values are stored in the file when not as float32 (the page's smaller copy). */
  quantization?: Quantization;
}

export interface ModelManifest {
  format: typeof FORMAT;
  formatVersion: number;
  model: ModelConfig;
  vocabSize: number;
  weightsManifest: { paths: string[]; weights: WeightEntry[] }[];
  /** Present in training checkpoints: whatever the trainer needs to resume. */
  training?: Record<string, unknown> & { files?: Record<string, string> };
  /** Latest evaluation figures. */
  metrics?: Record<string, unknown>;
  /** The form of text the model reads and writes; absent: each tune in its own key. */
  text?: TextFormat;
}

export interface LoadedModel {
  /** Where it was read from (a directory, a URL). */
  dir: string;
  manifest: ModelManifest;
  vocab: Vocab;
  params: Params;
}

/** Reads one file of a model by name; undefined when it does not exist. `where` names it in errors. */
export interface ModelSource {
  where(name: string): string;
  read(name: string): Promise<Uint8Array | undefined>;
}

async function readJson(source: ModelSource, name: string, what: string): Promise<unknown> {
  const bytes = await source.read(name);
  if (!bytes) throw new Error(`model: ${source.where(name)} is missing (${what})`);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error(`model: ${source.where(name)} is not valid JSON (truncated or corrupt ${what})`);
  }
}

function checkManifest(m: ModelManifest, path: string): void {
  if (m?.format !== FORMAT) throw new Error(`model: ${path} is not a ${FORMAT} manifest`);
  if (m.formatVersion !== FORMAT_VERSION) throw new Error(`model: ${path} has format version ${m.formatVersion}; this program reads ${FORMAT_VERSION}`);
  if (!m.weightsManifest?.[0]?.paths?.[0]) throw new Error(`model: ${path} names no weights file`);
}

/** The weights of one file, split by the manifest's entries (decoded to float32). */
function splitWeights(bytes: Uint8Array, entries: WeightEntry[], path: string): Params {
  const expected = entries.reduce((n, e) => n + sizeOf(e.shape) * bytesPer(e.quantization), 0);
  if (bytes.length !== expected) {
    throw new Error(`model: ${path} holds ${bytes.length} bytes but the manifest needs ${expected} (truncated or mismatched)`);
  }
  const params: Params = {};
  let at = 0;
  for (const e of entries) {
    params[e.name] = dequantize(bytes, at, sizeOf(e.shape), e.quantization);
    at += sizeOf(e.shape) * bytesPer(e.quantization);
  }
  return params;
}

/** Reads and checks a model's manifest, vocabulary and weights from `source`. */
export async function readModel(source: ModelSource, dir: string): Promise<LoadedModel> {
  const manifest = (await readJson(source, 'model.json', 'model manifest')) as ModelManifest;
  checkManifest(manifest, source.where('model.json'));
  const vocab = vocabFromJson(await readJson(source, 'vocab.json', 'vocabulary'));
  if (vocab.tokens.length !== manifest.vocabSize) {
    throw new Error(`model: ${source.where('vocab.json')} has ${vocab.tokens.length} tokens but model.json says ${manifest.vocabSize}`);
  }
  const listed = manifest.weightsManifest[0].weights;
  paramShapes(manifest.model, manifest.vocabSize).forEach((s, i) => {
    if (listed[i]?.name !== s.name || listed[i].shape.join('x') !== s.shape.join('x')) {
      throw new Error(`model: ${source.where('model.json')} lists weight ${listed[i]?.name ?? '(none)'} where ${s.name} [${s.shape}] belongs`);
    }
  });
  const file = manifest.weightsManifest[0].paths[0];
  const bytes = await source.read(file);
  if (!bytes) throw new Error(`model: ${source.where(file)} is missing`);
  return { dir, manifest, vocab, params: splitWeights(bytes, listed, source.where(file)) };
}

/** The training step a model was written at: from its training record, its metrics, or its weights file's name (`weights-S.bin`). */
export function modelStep(manifest: ModelManifest): number | undefined {
  const step = (manifest.training?.step ?? manifest.metrics?.step) as number | undefined;
  if (step !== undefined) return step;
  const written = /weights-(\d+)/.exec(manifest.weightsManifest[0]?.paths[0] ?? '')?.[1];
  return written ? Number(written) : undefined;
}

/** A short name for what a model is: `default, 2x384 lstm, step 4750` (never a path). */
export function describeModel(name: string, manifest: ModelManifest): string {
  const { layers, hidden, cell } = manifest.model;
  const step = modelStep(manifest);
  return `${name}, ${layers}x${hidden} ${cell}${step !== undefined ? `, step ${step}` : ''}`;
}
