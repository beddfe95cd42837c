// The character tokenizer: vocabulary building and loading, encoding and decoding.
// Import from here rather than from the files behind it.

export { BOS, EOS, UNK, buildVocab, vocabFromJson, type Vocab } from './vocab.js';
export { decode, encodeText, encodeTune } from './codec.js';
