// The composer, made from a loaded model (not a path, so the page builds one from fetched bytes
// as the command line does from a directory), and composeTunes, which generates (sampling or
// beam search), validates with the ABC layer's validator, drops duplicates and copies of training
// tunes, and retries until it has the tunes asked for or a budget (attempts, seconds) runs out.
// Browser-safe: no fs, no process, no backend choice (the caller has made it).
import { AS_WRITTEN, type TextFormat } from '../abc/text-format.js';
import { describeModel, type LoadedModel } from '../model/model-bytes.js';
import { createNetwork, disposeNetwork, type Network } from '../model/network.js';
import type { StepperFactory } from '../model/stepper.js';
import { charTable, type CharTable } from '../sample/choose.js';
import { Lexicon } from '../sample/title-lexicon.js';
import type { NoveltyIndex } from './novelty.js';
import type { ComposeOptions } from './options.js';
import { runCompose } from './run.js';

export { checkComposeOptions, DEFAULT_OPTIONS, type ComposeOptions } from './options.js';
export { fitConditions, OptionError } from './conditions.js';
export { composeCost, MAX_TUNE_LENGTH, threadsFor } from './run.js';

/** A loaded model ready to compose; reusable across requests (one request at a time). */
export interface Composer {
  /** Where the model was read from (a directory or a URL). */
  dir: string;
  /** A one-line description: name, shape and training step (`default, 2x384 lstm, step 4750`). */
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
  /** Makes steppers over the network cut among threads (Node, wasm); absent: one thread. */
  stepper?: StepperFactory;
  /** Frees what the composer holds besides its network (helper threads). */
  release?: () => Promise<void>;
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

/** What a composer is made of besides the model: the name it goes by, its checks and its backend. */
export interface ComposerParts {
  /** The model's short name (`default`): N: lines say `default, 2x384 lstm, step N`, never a path. */
  name: string;
  backend: string;
  novelty?: NoveltyIndex;
  lexicon?: Lexicon;
}

/** The title lexicon from the model's title-words.txt and the English list, each as text (a word a line). */
export function lexiconOf(titleWords: string, english: string): Lexicon {
  // The English list leaves out one-letter words.
  return new Lexicon(`${titleWords}\n${english}\na\ni\no`);
}

/** A composer for a loaded model, its network made on the current tfjs backend. */
export function makeComposer(model: LoadedModel, parts: ComposerParts): Composer {
  const network = createNetwork(model.manifest.model, model.manifest.vocabSize, model.params);
  return {
    dir: model.dir, network, table: charTable(model.vocab), novelty: parts.novelty, backend: parts.backend,
    lexicon: parts.lexicon, format: model.manifest.text ?? AS_WRITTEN, model: describeModel(parts.name, model.manifest),
  };
}

export async function disposeComposer(c: Composer): Promise<void> {
  disposeNetwork(c.network);
  await c.release?.();
}

/**
 * Composes `opts.tunes` valid tunes (or as many as the budget allows). `cancelled` is asked
 * before every step: once true, the tunes finished so far come back at once. Throws an
 * OptionError when a condition cannot be written in the model's vocabulary.
 */
export async function composeTunes(composer: Composer, opts: ComposeOptions, onProgress?: (e: ComposeEvent) => void, cancelled?: () => boolean): Promise<ComposeResult> {
  return runCompose(composer, opts, onProgress, cancelled);
}
