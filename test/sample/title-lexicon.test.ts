// The title lexicon: prefix and word look-ups, and which characters a title may take next.
import { describe, expect, it } from 'vitest';
import { Lexicon, titleAllows, titleRuns, trailingWord } from '../../src/sample/title-lexicon.js';

const lexicon = new Lexicon(['the', 'there', 'lark', 'in', 'morning', 'Mrs', ...titleRuns(["O'Neill's Reel"])]);

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
  it('lets a word grow only into a lexicon word, in either case', () => {
    expect(titleAllows(lexicon, 'The La', 'r')).toBe(true);
    expect(titleAllows(lexicon, 'The La', 'R')).toBe(true);
    expect(titleAllows(lexicon, 'The La', 'x')).toBe(false);
    expect(titleAllows(lexicon, '', 'Q')).toBe(false);
  });
  it('ends a word only where it is whole', () => {
    expect(titleAllows(lexicon, 'The Lark', ' ')).toBe(true);
    expect(titleAllows(lexicon, 'The Lar', ' ')).toBe(false);
    expect(titleAllows(lexicon, 'The Lar', '\n')).toBe(false);
    expect(titleAllows(lexicon, "O'Neill", "'")).toBe(true);
    expect(titleAllows(lexicon, 'The ', '2')).toBe(true);
  });
  it('reads the word being written', () => {
    expect(trailingWord("O'Neill")).toBe('neill');
    expect(trailingWord('The ')).toBe('');
  });
});
