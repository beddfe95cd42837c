// The title lexicon: prefix and word look-ups, and which characters a title may take next.
import { describe, expect, it } from 'vitest';
import { Lexicon, titleAllows, titleRuns } from '../../src/sample/title-lexicon.js';

const lexicon = new Lexicon(['the', 'there', 'lark', 'in', 'morning', 'Mrs', 'hair', 'mcdonald', 'macdonald', ...titleRuns(["O'Neill's Reel"])]);

describe('Lexicon', () => {
  it('looks up words and prefixes in lower case', () => {
    expect(lexicon.has('the')).toBe(true);
    expect(lexicon.has('mrs')).toBe(true);
    expect(lexicon.has('ther')).toBe(false);
    expect(lexicon.hasPrefix('ther')).toBe(true);
    expect(lexicon.hasPrefix('thx')).toBe(false);
    expect(lexicon.has('neill') && lexicon.has('s') && lexicon.has('o')).toBe(true);
    expect(new Lexicon(['a1', 'b-c', 'ok']).size).toBe(1);
  });
});

describe('titleAllows', () => {
  it('lets a word grow only into a lexicon word', () => {
    expect(titleAllows(lexicon, 'The La', 'r')).toBe(true);
    expect(titleAllows(lexicon, 'The La', 'x')).toBe(false);
    expect(titleAllows(lexicon, '', 'Q')).toBe(false);
  });
  it('keeps each word Capitalised, lower case or ALL CAPS, with a capital after Mc or Mac', () => {
    expect(titleAllows(lexicon, 'The LA', 'R')).toBe(true);
    expect(titleAllows(lexicon, 'the la', 'r')).toBe(true);
    expect(titleAllows(lexicon, 'The La', 'R')).toBe(false);
    expect(titleAllows(lexicon, 'The H', 'A')).toBe(true);
    expect(titleAllows(lexicon, 'The HA', 'i')).toBe(false);
    expect(titleAllows(lexicon, 'Mc', 'D')).toBe(true);
    expect(titleAllows(lexicon, 'Mac', 'D')).toBe(true);
    expect(titleAllows(lexicon, 'MacD', 'o')).toBe(true);
    expect(titleAllows(lexicon, 'MC', 'd')).toBe(false);
    expect(titleAllows(lexicon, 'T', 'H')).toBe(true);
  });
  it('takes between words only the marks titles use', () => {
    for (const ch of ["'", '.', ',', '-', '?', '!', '(', ')', '&', '3', ' ']) expect(titleAllows(lexicon, 'The Lark', ch)).toBe(true);
    for (const ch of ['"', ':', ';', '\\', '=', '[', '/', '~']) expect(titleAllows(lexicon, 'The Lark', ch)).toBe(false);
    expect(titleAllows(lexicon, 'The ', ':')).toBe(false);
  });
  it('ends a word only where it is whole', () => {
    expect(titleAllows(lexicon, 'The Lark', ' ')).toBe(true);
    expect(titleAllows(lexicon, 'The Lar', ' ')).toBe(false);
    expect(titleAllows(lexicon, 'The Lar', '\n')).toBe(false);
    expect(titleAllows(lexicon, "O'Neill", "'")).toBe(true);
    expect(titleAllows(lexicon, 'The ', '2')).toBe(true);
  });
});
