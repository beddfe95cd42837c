// Tokenizer tests: vocabulary order and shape, encode/decode round trips, and the whole kept
// corpus (train + valid + test, when imported) round-tripping exactly and passing validateTune.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitTunes } from '../../src/abc/read.js';
import { validateTune } from '../../src/abc/validate.js';
import { BOS, EOS, UNK, buildVocab, decode, encodeText, encodeTune, vocabFromJson } from '../../src/tokenizer/index.js';

const TUNE = 'X:1\nT:The Test Jig\nM:6/8\nL:1/8\nR:jig\nK:Dmaj\nA|:d2e fed|B2A AFA|1A3 A2:|2A3 A2||\n';

describe('buildVocab', () => {
  it('puts the specials first, then characters sorted by code point', () => {
    const vocab = buildVocab(['cab', 'b\u00e9😀a']);
    expect(vocab).toEqual({ version: 1, tokens: ['<s>', '</s>', '<unk>', 'a', 'b', 'c', '\u00e9', '😀'] });
  });
  it('is the same whatever the order of the texts', () => {
    expect(buildVocab(['xy', 'ab'])).toEqual(buildVocab(['ab', 'xy']));
  });
});

describe('encode and decode', () => {
  const vocab = buildVocab([TUNE]);
  it('round-trips a tune', () => {
    const ids = encodeTune(vocab, TUNE);
    expect(ids[0]).toBe(BOS);
    expect(ids[ids.length - 1]).toBe(EOS);
    expect(ids.length).toBe(Array.from(TUNE).length + 2);
    expect(decode(vocab, ids)).toBe(TUNE);
  });
  it('maps unknown characters to UNK and drops specials when decoding', () => {
    const ids = encodeText(vocab, 'AQ');
    expect(ids[1]).toBe(UNK);
    expect(decode(vocab, ids)).toBe('A');
    expect(decode(vocab, [BOS, EOS, UNK, 9999, -1])).toBe('');
  });
  it('treats characters outside the BMP as one token', () => {
    const v = buildVocab(['a😀']);
    expect(Array.from(encodeText(v, '😀a'))).toEqual([4, 3]);
  });
});

describe('vocabFromJson', () => {
  it('accepts a saved vocabulary', () => {
    const vocab = buildVocab([TUNE]);
    expect(vocabFromJson(JSON.parse(JSON.stringify(vocab)))).toEqual(vocab);
  });
  it.each([
    [null, /expected an object/],
    [{ version: 2, tokens: [] }, /unsupported version/],
    [{ version: 1, tokens: 'abc' }, /array/],
    [{ version: 1, tokens: ['<s>', '</s>'] }, /tokens\[2\]/],
    [{ version: 1, tokens: ['<s>', '</s>', '<unk>', 'ab'] }, /single character/],
    [{ version: 1, tokens: ['<s>', '</s>', '<unk>', 'a', 'a'] }, /twice/],
  ])('rejects %j', (json, message) => {
    expect(() => vocabFromJson(json)).toThrow(message);
  });
});

const SPLITS = ['train', 'valid', 'test'].map((s) => new URL(`../../corpus-abc/${s}.abc`, import.meta.url));
describe.skipIf(!SPLITS.every((u) => existsSync(u)))('the kept corpus', () => {
  it('round-trips exactly and every tune passes validateTune', () => {
    const tunes = SPLITS.flatMap((u) => splitTunes(readFileSync(u, 'utf8')).map((t) => t.text));
    const vocab = buildVocab(tunes);
    const invalid: string[] = [];
    for (const text of tunes) {
      expect(decode(vocab, encodeTune(vocab, text))).toBe(text);
      const result = validateTune(text);
      if (!result.valid) invalid.push(`${text.split('\n')[1]}: ${result.problems[0].message}`);
    }
    expect(invalid).toEqual([]);
  });
});
