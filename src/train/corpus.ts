// Loads the imported corpus splits (corpus-abc/*.abc) as model texts and token ids.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { splitTunes } from '../abc/read.js';
import { modelText } from '../abc/tune-text.js';
import { type Vocab, buildVocab, encodeTune } from '../tokenizer/index.js';

/** The model texts of every tune in one split file. */
export async function readSplit(dir: string, split: 'train' | 'valid' | 'test'): Promise<string[]> {
  const path = join(dir, `${split}.abc`);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run corpus -- import\` first`);
  return splitTunes(await readFile(path, 'utf8')).map((t) => modelText(t.text));
}

/** Training and validation tunes encoded with a vocabulary built from the training text. */
export async function loadCorpus(dir: string, vocab?: Vocab) {
  const train = await readSplit(dir, 'train');
  const valid = await readSplit(dir, 'valid');
  const v = vocab ?? buildVocab(train);
  return { vocab: v, train: train.map((t) => encodeTune(v, t)), valid: valid.map((t) => encodeTune(v, t)) };
}
