// Loads the imported corpus splits (corpus-abc/*.abc) as model texts and token ids, in the
// text format the run trains on (each tune in its own key, or moved to the tonic C).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { splitTunes } from '../abc/read.js';
import { type TextFormat, countTonics, toModelForm } from '../abc/text-format.js';
import { modelText } from '../abc/tune-text.js';
import { type Vocab, buildVocab, encodeTune } from '../tokenizer/index.js';

/** The model texts of every tune in one split file. */
export async function readSplit(dir: string, split: 'train' | 'valid' | 'test'): Promise<string[]> {
  const path = join(dir, `${split}.abc`);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run corpus -- import\` first`);
  return splitTunes(await readFile(path, 'utf8')).map((t) => modelText(t.text));
}

/** Texts in the model's form; tunes that cannot be moved there are left out. */
export function inModelForm(texts: string[], format: TextFormat): string[] {
  return texts.flatMap((t) => toModelForm(t, format) ?? []);
}

/**
 * Training and validation tunes encoded with a vocabulary built from the training text, and the
 * text format (with the training tunes' tonics counted when they are moved to C).
 */
export async function loadCorpus(dir: string, tonic: 'C' | null, vocab?: Vocab) {
  const written = await readSplit(dir, 'train');
  const format: TextFormat = tonic ? { tonic, tonics: countTonics(written) } : { tonic: null };
  const train = inModelForm(written, format);
  const valid = inModelForm(await readSplit(dir, 'valid'), format);
  const v = vocab ?? buildVocab(train);
  return { vocab: v, format, trainTexts: train, train: train.map((t) => encodeTune(v, t)), valid: valid.map((t) => encodeTune(v, t)) };
}
