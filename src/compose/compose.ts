// The Node side of composing: loads a model directory, its novelty index and title lexicon from
// files and chooses the tfjs backend, then makes a Composer (composer.ts, which the page shares).
// On wasm, which runs on one core under Node, it can cut the network among threads
// (step-helper.ts): the helpers are started first, so that their start-up and model reading
// overlap the loading here. Used by the CLI and the server; the rest is re-exported from composer.ts.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { loadModel } from '../model/model-dir.js';
import { selectBackend } from '../model/backend.js';
import { ShardCore, shardWeights } from '../model/shard.js';
import { ShardedStepper, StepHelper } from '../model/step-helper.js';
import { Stepper, type StepperFactory } from '../model/stepper.js';
import type { Network } from '../model/network.js';
import { buildNovelty, readNoveltyFile } from './novelty-file.js';
import { loadLexicon } from './lexicon-file.js';
import { type Composer, makeComposer } from './composer.js';

export * from './composer.js';

export interface LoadOptions {
  /** tfjs backend name (default: TFJS_BACKEND or auto). */
  backend?: string;
  /** Where to build the novelty index from when the model directory has no novelty.bin. */
  trainFile?: string;
  /** Threads that step the network on wasm (default 1: this thread alone). */
  threads?: number;
  /** Told once when the helper threads cannot be used (composing goes on, on one thread). */
  warn?: (line: string) => void;
}

/**
 * Loads a model directory and its novelty index (novelty.bin; when that is missing and
 * `trainFile` exists, the index is built from it in memory). Selects the backend if not done yet.
 */
export async function loadComposer(modelDir: string, opts: LoadOptions = {}): Promise<Composer> {
  const parts = Math.max(1, Math.floor(opts.threads ?? 1));
  const helpers = Array.from({ length: parts - 1 }, (_, k) => new StepHelper(modelDir, opts.backend, k + 1, parts));
  const stopHelpers = () => Promise.all(helpers.splice(0).map((h) => h.terminate())).then(() => undefined);
  try {
    const info = await selectBackend(opts.backend);
    const model = await loadModel(modelDir);
    let novelty = await readNoveltyFile(modelDir);
    if (!novelty && opts.trainFile && existsSync(opts.trainFile)) novelty = await buildNovelty(opts.trainFile);
    const lexicon = await loadLexicon(modelDir);
    const composer = makeComposer(model, { name: basename(modelDir), backend: info.active, novelty, lexicon });
    // native backends use every core themselves
    if (info.active !== 'wasm' || helpers.length === 0) {
      await stopHelpers();
      return composer;
    }
    const { model: config, vocabSize } = model.manifest;
    const core = new ShardCore(config, shardWeights(config, vocabSize, model.params, parts, 0));
    const weights = model.manifest.weightsManifest[0].paths[0];
    const loaded = Promise.all(helpers.map((h) => h.load(weights, info.active)));
    loaded.catch(() => undefined); // awaited by the first stepper made
    const release = async () => {
      core.dispose();
      await stopHelpers();
    };
    return { ...composer, stepper: shardedSteppers(composer.network, core, [...helpers], loaded, opts.warn), release };
  } catch (err) {
    await stopHelpers();
    throw err;
  }
}

/**
 * Steppers over the network cut among this thread and the helpers, one at a time (they share
 * the parts); a plain Stepper while one is open, and once the helpers have failed to start.
 */
export function shardedSteppers(net: Network, core: ShardCore, helpers: StepHelper[], loaded: Promise<unknown>, warn?: (line: string) => void): StepperFactory {
  let failed = false;
  return async (batch) => {
    if (!failed && !core.inUse) {
      try {
        await loaded;
        return new ShardedStepper(net, core, helpers, batch);
      } catch (err) {
        failed = true;
        warn?.(`${err instanceof Error ? err.message : String(err)}; composing on one thread`);
      }
    }
    return new Stepper(net, batch);
  };
}
