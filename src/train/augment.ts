// Key transposition as data augmentation: each epoch every training tune is played in a key
// drawn at random among those within `augment` semitones of its own that keep it on the
// fiddle (FIDDLE_RANGE) and can be spelt. The variants are encoded once, up front.
import { inRange, transposeTune } from '../abc/transpose.js';
import type { Rng } from '../model/rng.js';
import { type Vocab, encodeTune } from '../tokenizer/index.js';

/** Every playable transposition (the original first) of each tune, encoded. */
export function transpositions(vocab: Vocab, texts: string[], augment: number): Int32Array[][] {
  return texts.map((text) => {
    const variants = [encodeTune(vocab, text)];
    for (let s = -augment; s <= augment; s++) {
      if (s === 0) continue;
      const t = transposeTune(text, s);
      if (t && inRange(t)) variants.push(encodeTune(vocab, t.text));
    }
    return variants;
  });
}

/** The epoch stream's transform: tune i in one of its variants, chosen with the epoch's rng. */
export function randomKey(variants: Int32Array[][]): (tune: number, rng: Rng) => Int32Array {
  return (tune, rng) => variants[tune][rng.int(variants[tune].length)];
}
