// Encoding text to token ids and back with a character vocabulary. Lookups go through a Map
// cached per vocabulary object, so encoding the whole corpus is one pass over its characters.

import { BOS, EOS, UNK, type Vocab } from './vocab.js';

const indexes = new WeakMap<Vocab, Map<string, number>>();

function indexOf(vocab: Vocab): Map<string, number> {
  let index = indexes.get(vocab);
  if (!index) {
    index = new Map();
    for (let i = 3; i < vocab.tokens.length; i++) index.set(vocab.tokens[i], i);
    indexes.set(vocab, index);
  }
  return index;
}

/** Token ids of the characters of `text`; characters not in the vocabulary become UNK. */
export function encodeText(vocab: Vocab, text: string): Int32Array {
  const index = indexOf(vocab);
  const chars = Array.from(text);
  const ids = new Int32Array(chars.length);
  for (let i = 0; i < chars.length; i++) ids[i] = index.get(chars[i]) ?? UNK;
  return ids;
}

/** Token ids of a whole tune: BOS, its characters, EOS. */
export function encodeTune(vocab: Vocab, text: string): Int32Array {
  const body = encodeText(vocab, text);
  const ids = new Int32Array(body.length + 2);
  ids[0] = BOS;
  ids.set(body, 1);
  ids[ids.length - 1] = EOS;
  return ids;
}

/** The text of token ids; special tokens (BOS, EOS, UNK) and ids out of range are dropped. */
export function decode(vocab: Vocab, ids: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id > UNK && id < vocab.tokens.length && Number.isInteger(id)) out += vocab.tokens[id];
  }
  return out;
}
