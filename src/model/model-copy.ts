// A copy of a loaded model for serving: the manifest without the trainer's resume state (the
// step kept, so the copy still says what it is) and the weights stored as float32, float16 or
// 8-bit (quantize.ts), as the bytes of each file. The build writes the page's model with it, and
// scripts/model-copy.ts a directory to measure a stored form with `evaluate`. Pure.
import { type LoadedModel, type ModelManifest, modelStep } from './model-bytes.js';
import { paramShapes } from './params.js';
import { quantize, type StoredDtype } from './quantize.js';

/** File name -> bytes: model.json, vocab.json and the weights file. */
export type ModelFiles = Record<string, Uint8Array>;

export function modelCopy(model: LoadedModel, dtype: StoredDtype): ModelFiles {
  const { manifest } = model;
  const step = modelStep(manifest);
  const weightsFile = `weights${step !== undefined ? `-${String(step).padStart(8, '0')}` : ''}${dtype === 'float32' ? '' : `-${dtype}`}.bin`;
  const parts = paramShapes(manifest.model, manifest.vocabSize).map((s) => ({ ...s, ...quantize(model.params[s.name], dtype) }));
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.bytes.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p.bytes, at);
    at += p.bytes.length;
  }
  const copy: ModelManifest = {
    format: manifest.format, formatVersion: manifest.formatVersion, model: manifest.model, vocabSize: manifest.vocabSize,
    weightsManifest: [{
      paths: [weightsFile],
      weights: parts.map((p) => ({ name: p.name, shape: p.shape, dtype: 'float32', ...(p.quantization ? { quantization: p.quantization } : {}) })),
    }],
    ...(step !== undefined ? { training: { step } } : {}), ...(manifest.metrics ? { metrics: manifest.metrics } : {}),
    ...(manifest.text ? { text: manifest.text } : {}),
  };
  const utf8 = (s: string) => new TextEncoder().encode(s);
  return { 'model.json': utf8(JSON.stringify(copy, null, 2) + '\n'), 'vocab.json': utf8(JSON.stringify(model.vocab)), [weightsFile]: bytes };
}
