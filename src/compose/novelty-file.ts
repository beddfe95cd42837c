// Reading and building a model directory's novelty index (novelty.bin) from a training file of
// normal-form tunes. Compose works on a fresh clone without the corpus because of this file.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { splitTunes } from '../abc/read.js';
import { writeAtomic } from '../io/atomic.js';
import { buildIndex, decodeIndex, encodeIndex, type NoveltyIndex, noveltyBody, WINDOW } from './novelty.js';

export { noveltyBody, tuneBody } from './novelty.js';

export const NOVELTY_FILE = 'novelty.bin';

/** The index of a training .abc file, built in memory. */
export async function buildNovelty(trainFile: string): Promise<NoveltyIndex> {
  if (!existsSync(trainFile)) throw new Error(`novelty: training file ${trainFile} does not exist`);
  const tunes = splitTunes(await readFile(trainFile, 'utf8'));
  return { window: WINDOW, tunes: tunes.length, hashes: buildIndex(tunes.map((t) => noveltyBody(t.text))) };
}

/** Builds the index of a training .abc file and writes it into the model directory. */
export async function buildNoveltyFile(trainFile: string, modelDir: string): Promise<NoveltyIndex> {
  const index = await buildNovelty(trainFile);
  await writeAtomic(join(modelDir, NOVELTY_FILE), encodeIndex(index));
  return index;
}

/** The model directory's index, or undefined when it has none. */
export async function readNoveltyFile(modelDir: string): Promise<NoveltyIndex | undefined> {
  const path = join(modelDir, NOVELTY_FILE);
  if (!existsSync(path)) return undefined;
  return decodeIndex(new Uint8Array(await readFile(path)));
}
