// The composer: a loaded model, its network and novelty index, reused across requests; and
// composeTunes, which generates (sampling or beam search), validates with the ABC layer's
// validator, drops duplicates and copies of training tunes, and retries until it has the
// tunes asked for or a budget (attempts, seconds) runs out. Used by the CLI and the server.
import { loadModel } from '../model/model-dir.js';
import { selectBackend } from '../model/backend.js';
import { createNetwork, disposeNetwork, type Network } from '../model/network.js';
import { charTable, type CharTable } from '../sample/choose.js';
import { buildNovelty, readNoveltyFile } from './novelty-file.js';
import { loadLexicon } from './lexicon-file.js';
import type { Lexicon } from '../sample/title-lexicon.js';
import { AS_WRITTEN, type TextFormat } from '../abc/text-format.js';
import { existsSync } from 'node:fs';
import type { NoveltyIndex } from './novelty.js';
import type { ComposeOptions } from './options.js';
import { runCompose } from './run.js';

export { checkComposeOptions, DEFAULT_OPTIONS, type ComposeOptions } from './options.js';
export { fitConditions, OptionError } from './conditions.js';
export { composeCost, MAX_TUNE_LENGTH } from './run.js';

/** A loaded model ready to compose; reusable across requests (one request at a time). */
export interface Composer {
  /** Model directory. */
  dir: string;
  /** A one-line description: directory, shape and training step. */
  model: string;
  network: Network;
  table: CharTable;
  /** Undefined when the model directory has no novelty.bin (copies then go unchecked). */
  novelty?: NoveltyIndex;
  /** Active backend ('wasm', 'cpu' or 'gpu'). */
  backend: string;
  /** Words the titles the model writes are made of (training title words and English). */
  lexicon?: Lexicon;
  /** The form of text the model writes (tonic C or as written): keys are planned from it. */
  format: TextFormat;
}

export interface ComposedTune {
  title: string;
  meter: string;
  key: string;
  bars: number;
  /** The full tune with its X: line (numbered in book order). */
  abc: string;
  /** Mean model log-probability per generated character (temperature 1, EOS included). */
  logProbPerChar: number;
  /** Copies 4+ consecutive bars of a training tune (kept only with allowCopies). */
  copied?: boolean;
}

export interface ComposeResult {
  tunes: ComposedTune[];
  /** Tunes generated, valid or not. */
  attempts: number;
  /** Valid tunes / attempts (before duplicate and copy checks). */
  validRate: number;
  copiesRejected: number;
  /** Valid tunes that copy training bars / valid tunes (reported even when copies are kept). */
  copyRate: number;
  duplicatesDropped: number;
  /** Why invalid attempts failed: first problem message -> count. */
  failures: Record<string, number>;
  seconds: number;
  tokensPerSec: number;
  model: string;
  seed: number;
  /** False when a budget ran out before all tunes were found; `reason` says which. */
  complete: boolean;
  reason?: string;
  noveltyChecked: boolean;
  /** Mean over all attempts (valid or not) of their log-probability per generated character. */
  attemptLogProbPerChar: number;
}

/**
 * Progress: 'attempt' when a generated tune finishes (index = attempts so far, text = its model
 * text, valid or not); 'tune' when one is accepted (index = its number in the book); 'text'
 * every 32 steps for each busy sampler row (index = row, text = unfinished text; sampling only).
 */
export type ComposeEvent = { type: 'attempt' | 'tune' | 'text'; index?: number; text?: string; tune?: ComposedTune };

/**
 * Loads a model directory and its novelty index (novelty.bin; when that is missing and
 * `trainFile` exists, the index is built from it in memory). Selects the backend if not done yet.
 */
export async function loadComposer(modelDir: string, backend?: string, trainFile?: string): Promise<Composer> {
  const info = await selectBackend(backend);
  const model = await loadModel(modelDir);
  const { layers, hidden, cell } = model.manifest.model;
  const step = (model.manifest.training?.step ?? model.manifest.metrics?.step) as number | undefined;
  const network = createNetwork(model.manifest.model, model.manifest.vocabSize, model.params);
  let novelty = await readNoveltyFile(modelDir);
  if (!novelty && trainFile && existsSync(trainFile)) novelty = await buildNovelty(trainFile);
  const lexicon = await loadLexicon(modelDir);
  return {
    dir: modelDir, network, table: charTable(model.vocab), novelty, backend: info.active, lexicon,
    format: model.manifest.text ?? AS_WRITTEN,
    model: `${modelDir} (${layers}x${hidden} ${cell}${step !== undefined ? `, step ${step}` : ''})`,
  };
}

export function disposeComposer(c: Composer): void {
  disposeNetwork(c.network);
}

/**
 * Composes `opts.tunes` valid tunes (or as many as the budget allows). `cancelled` is asked
 * before every step: once true, the tunes finished so far come back at once. Throws an
 * OptionError when a condition cannot be written in the model's vocabulary.
 */
export async function composeTunes(composer: Composer, opts: ComposeOptions, onProgress?: (e: ComposeEvent) => void, cancelled?: () => boolean): Promise<ComposeResult> {
  return runCompose(composer, opts, onProgress, cancelled);
}
