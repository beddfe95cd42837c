// Title words: accents folded to ASCII, runs of a-z, shares of known words and of copied titles.
import { describe, expect, it } from 'vitest';
import { foldToAscii, knownWordShare, titleCopyShare, titleWords, wordsOfTitles } from '../../src/music/titles.js';

describe('titleWords', () => {
  it('splits into lower-case runs of letters, apostrophes and digits breaking words', () => {
    expect(titleWords("O'Neill's Jig No. 2")).toEqual(['o', 'neill', 's', 'jig', 'no']);
    expect(titleWords('Quick Step. 25th Regt')).toEqual(['quick', 'step', 'th', 'regt']);
    expect(titleWords('')).toEqual([]);
  });

  it('folds accented letters to ASCII before splitting', () => {
    expect(foldToAscii('Éamonn Ó Dónaill')).toBe('eamonn o donaill');
    expect(titleWords('Café Größe Søren Æther')).toEqual(['cafe', 'grosse', 'soren', 'aether']);
    expect(titleWords('Ceòl Mór')).toEqual(['ceol', 'mor']);
  });
});

describe('knownWordShare', () => {
  const english = new Set(['the', 'lark', 'in', 'morning']);
  it('pools words over titles and accepts a word the lookup knows', () => {
    expect(knownWordShare(['The Lark', 'in the Mórning', 'Xyzzy'], (w) => english.has(w))).toBeCloseTo(5 / 6, 12);
    const reference = wordsOfTitles(['Xyzzy Reel']);
    expect(knownWordShare(['The Lark', 'Xyzzy'], (w) => english.has(w) || reference.has(w))).toBe(1);
    expect(knownWordShare(['', '42'], () => true)).toBe(0);
  });
});

describe('titleCopyShare', () => {
  it('matches titles trimmed and case-folded; untitled tunes are left out', () => {
    expect(titleCopyShare(['  the KESH ', 'The Kesh Jig', ''], ['The Kesh', 'Morrison'])).toBe(0.5);
    expect(titleCopyShare([], ['The Kesh'])).toBe(0);
  });
});
