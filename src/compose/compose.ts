// The Node side of composing: loads a model directory, its novelty index and title lexicon from
// files and chooses the tfjs backend, then makes a Composer (composer.ts, which the page shares).
// Used by the CLI and the server; everything else is re-exported from composer.ts.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { loadModel } from '../model/model-dir.js';
import { selectBackend } from '../model/backend.js';
import { buildNovelty, readNoveltyFile } from './novelty-file.js';
import { loadLexicon } from './lexicon-file.js';
import { type Composer, makeComposer } from './composer.js';

export * from './composer.js';

/**
 * Loads a model directory and its novelty index (novelty.bin; when that is missing and
 * `trainFile` exists, the index is built from it in memory). Selects the backend if not done yet.
 */
export async function loadComposer(modelDir: string, backend?: string, trainFile?: string): Promise<Composer> {
  const info = await selectBackend(backend);
  const model = await loadModel(modelDir);
  let novelty = await readNoveltyFile(modelDir);
  if (!novelty && trainFile && existsSync(trainFile)) novelty = await buildNovelty(trainFile);
  const lexicon = await loadLexicon(modelDir);
  return makeComposer(model, { name: basename(modelDir), backend: info.active, novelty, lexicon });
}
