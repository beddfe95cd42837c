// Node I/O for the music report (tier 3): reads a file's tunes as written (tune books and corpus
// splits are normal form already; measure.ts normalises only a tune abcjs misreads), loads the
// English word list of the `word-list` package (MIT). Errors are one-line messages for the user.
import { readFile, stat } from 'node:fs/promises';
import wordListPath from 'word-list';
import { cleanText, splitTunes } from '../abc/read.js';
import { looksBinary } from '../corpus/build.js';
import { measureSet, type SetStats } from './measure.js';

const MAX_BYTES = 200 * 1024 * 1024;

/** The text of each tune in an ABC file; throws a one-line error for a non-ABC or empty file. */
export async function readTuneTexts(path: string): Promise<string[]> {
  const info = await stat(path);
  if (info.isDirectory()) throw new Error(`${path} is a directory, not an ABC file`);
  if (info.size > MAX_BYTES) throw new Error(`${path} is larger than ${MAX_BYTES / 1024 / 1024} MB`);
  const text = await readFile(path, 'utf8');
  if (looksBinary(text)) throw new Error(`${path} looks like a binary file, not ABC text`);
  const tunes = splitTunes(cleanText(text)).map((t) => t.text);
  if (tunes.length === 0) throw new Error(`${path} holds no tune (no line starting "X:")`);
  return tunes;
}

/** Measures every tune of an ABC file. */
export async function measureFile(path: string): Promise<SetStats> {
  return measureSet(await readTuneTexts(path));
}

/** The English word list (about 274,000 lower-case words) as a lookup. */
export async function loadEnglishWords(): Promise<(word: string) => boolean> {
  const words = new Set((await readFile(wordListPath, 'utf8')).split('\n').map((w) => w.trim()).filter(Boolean));
  for (const w of ['a', 'i', 'o']) words.add(w); // the list omits one-letter words
  return (word) => words.has(word);
}
