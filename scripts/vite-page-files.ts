// The build's files besides the bundle, so the page composes from any static file server:
// the model in models/NAME/ (manifest, vocabulary, weights in the stored form chosen, novelty
// index, title words), the English word list of the title lexicon (words/english.txt) and
// tfjs's wasm binaries (tfjs/). Whatever the model directory holds when the build runs is
// what the page gets; its optimizer and lane files are left out.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import wordListPath from 'word-list';
import { modelCopy } from '../src/model/model-copy.js';
import { loadModel } from '../src/model/model-dir.js';
import type { StoredDtype } from '../src/model/quantize.js';

export interface PageFilesOptions {
  /** The model directory to ship (its folder name is the name the page gives it). */
  modelDir: string;
  /** How the weights are stored for the page: float16 or uint8 only once measured to cost < 0.01 bits/char (README). */
  weights: StoredDtype;
}

const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

export function pageFiles(opts: PageFilesOptions): Plugin {
  return {
    name: 'folk-lstm-page-files',
    apply: 'build',
    async generateBundle() {
      const name = basename(opts.modelDir);
      const emit = (fileName: string, source: Uint8Array | string) => this.emitFile({ type: 'asset', fileName, source });
      if (!existsSync(join(opts.modelDir, 'model.json'))) this.error(`page files: no model in ${opts.modelDir} (model.json missing)`);
      const files = modelCopy(await loadModel(opts.modelDir), opts.weights);
      for (const [file, bytes] of Object.entries(files)) emit(`models/${name}/${file}`, bytes);
      for (const extra of ['novelty.bin', 'title-words.txt']) {
        const path = join(opts.modelDir, extra);
        if (existsSync(path)) emit(`models/${name}/${extra}`, new Uint8Array(readFileSync(path)));
      }
      emit('words/english.txt', readFileSync(wordListPath, 'utf8'));
      const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
      for (const file of WASM_FILES) emit(`tfjs/${file}`, new Uint8Array(readFileSync(join(wasmDir, file))));
    },
  };
}
