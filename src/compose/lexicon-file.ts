// The title lexicon a model composes with: the training titles' words, written beside the model
// as title-words.txt by `npm run -s novelty -- build` (so compose needs no corpus), and the
// English word list of the `word-list` package.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import wordListPath from 'word-list';
import { splitTunes } from '../abc/read.js';
import { writeAtomic } from '../io/atomic.js';
import type { Lexicon } from '../sample/title-lexicon.js';
import { titleRuns } from '../sample/title-lexicon.js';
import { lexiconOf } from './composer.js';

export const TITLE_WORDS_FILE = 'title-words.txt';

/** The distinct words of the training tunes' titles, sorted. */
export async function trainingTitleWords(trainFile: string): Promise<string[]> {
  const tunes = splitTunes(await readFile(trainFile, 'utf8'));
  const titles = tunes.map((t) => /^T:(.*)$/m.exec(t.text)?.[1] ?? '');
  return [...new Set(titleRuns(titles))].sort();
}

/** Writes the training title words into the model directory; returns how many. */
export async function buildTitleWordsFile(trainFile: string, modelDir: string): Promise<number> {
  const words = await trainingTitleWords(trainFile);
  await writeAtomic(join(modelDir, TITLE_WORDS_FILE), words.join('\n') + '\n');
  return words.length;
}

/** The lexicon of a model directory: its title words (if the file is there) and the English list. */
export async function loadLexicon(modelDir: string): Promise<Lexicon> {
  const path = join(modelDir, TITLE_WORDS_FILE);
  return lexiconOf(existsSync(path) ? await readFile(path, 'utf8') : '', await readFile(wordListPath, 'utf8'));
}
