// The repetition guard and the one-bar-loop check on literal bodies.
import { describe, expect, it } from 'vitest';
import { isOneBarLoop, splitBars } from '../../src/abc/bar-text.js';
import { wouldLoop } from '../../src/sample/repetition.js';

describe('splitBars', () => {
  it('cuts at every kind of bar line and ending', () => {
    expect(splitBars('|:GAB|cde:|\n|1fga:|2gab||c2|]')).toEqual(['GAB', 'cde', 'fga', 'gab', 'c2']);
    expect(splitBars('[ceg]2d|[K:Dmaj]fed::e')).toEqual(['[ceg]2d', '[K:Dmaj]fed', 'e']);
  });
});

describe('wouldLoop', () => {
  it('refuses a third identical bar in a row', () => {
    expect(wouldLoop('GABc|GABc|GABc', '|')).toBe(true);
    expect(wouldLoop('GABc|GABc|GABd', '|')).toBe(false);
    expect(wouldLoop('GABc|GABc', '|')).toBe(false);
    expect(wouldLoop('GABc|GABc|GABc', 'd')).toBe(false);
  });
  it('refuses a third bar line in a row and short runs', () => {
    expect(wouldLoop('ab||', '|')).toBe(true);
    expect(wouldLoop('ab|', '|')).toBe(false);
    expect(wouldLoop('d'.repeat(11), 'd')).toBe(true);
    expect(wouldLoop('d'.repeat(10), 'd')).toBe(false);
    expect(wouldLoop('dBdBdBdBdB', 'd')).toBe(false);
    expect(wouldLoop('dBdBdBdBdBd', 'B')).toBe(true);
    expect(wouldLoop('GABc|GABc|GAB', 'c')).toBe(false);
    expect(wouldLoop('d||e||d||e||d||e|', '|')).toBe(true);
    expect(wouldLoop('B2B2B2AG|B2B2B2g2|B2B2B2AG|', 'A')).toBe(false);
    expect(wouldLoop('ABcd|\nABcd|\nABcd|', 'A')).toBe(false);
  });
  it('refuses a body line written a third time', () => {
    expect(wouldLoop('ab|cd|\nab|cd|\nab|cd|', '\n')).toBe(true);
    expect(wouldLoop('ab|cd|\nab|cd|', '\n')).toBe(false);
  });
});

describe('isOneBarLoop', () => {
  it('spots 4 identical bars in a row', () => {
    expect(isOneBarLoop('a|b|b|b|b|')).toBe(true);
    expect(isOneBarLoop('a|b|b|b|a|b|')).toBe(false);
  });
});
