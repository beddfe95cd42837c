// The novelty index: 4-bar windows, sorted unique hashes, binary search and the file form.
import { describe, expect, it } from 'vitest';
import { buildIndex, contains, copiedWindows, decodeIndex, encodeIndex, windowHashes } from '../../src/compose/novelty.js';
import { noveltyBody, tuneBody } from '../../src/compose/novelty-file.js';
import { duplicateKey, tuneInfo } from '../../src/compose/tune-info.js';

const train = ['|:GABc|dedB|cBAG|FGAF|\nGABc|dedB|cBAF|G4:|', 'EFGA|B2e2|dBAF|E4|\nEFGA|B2e2|dBAF|E4|]'];

describe('novelty index', () => {
  const index = { window: 4, tunes: 2, hashes: buildIndex(train) };
  it('hashes every window of 4 consecutive bars', () => {
    expect(windowHashes(train[0])).toHaveLength(5);
    expect(windowHashes('a|b|c|')).toHaveLength(0);
  });
  it('is sorted and unique (the second tune repeats its own windows)', () => {
    expect(index.hashes.length).toBe(5 + 4); // windows 1 and 5 of the second tune are the same
    for (let i = 1; i < index.hashes.length; i++) expect(index.hashes[i]).toBeGreaterThan(index.hashes[i - 1]);
    for (const h of index.hashes) expect(contains(index.hashes, h)).toBe(true);
    expect(contains(index.hashes, 12345)).toBe(false);
  });
  it('flags a tune copying 4 consecutive bars, across line breaks and bar-line kinds', () => {
    expect(copiedWindows(index, 'c2c2|cBAG|FGAF|\nGABc|dedB|f4|]')).toBe(1);
    expect(copiedWindows(index, 'GABc|dedB|cBAG|c4|dedB|]')).toBe(0);
  });
  it('survives the file form', () => {
    const back = decodeIndex(encodeIndex(index));
    expect(back.window).toBe(4);
    expect(Array.from(back.hashes)).toEqual(Array.from(index.hashes));
    expect(() => decodeIndex(new Uint8Array(8))).toThrow(/novelty/);
  });
});

describe('tune info', () => {
  const text = 'T:The Lark\nM:6/8\nL:1/8\nR:jig\nK:Ador\nA|ABc d2e|[K:Gmaj]fed c2B:|\n';
  it('reads the header and counts bars with notes', () => {
    expect(tuneInfo(text)).toMatchObject({ title: 'The Lark', meter: '6/8', key: 'Ador', bars: 3 });
    expect(tuneBody(`X:3\n${text}`)).toBe('A|ABc d2e|[K:Gmaj]fed c2B:|\n');
  });
  it('judges novelty in one key and octave, so a transposed copy is still a copy', () => {
    const inG = 'T:a\nM:4/4\nL:1/8\nK:Gmaj\nGABc dedB|cBAG FGAF|]\n';
    const inD = 'T:b\nM:4/4\nL:1/8\nK:Dmaj\nDEFG ABAF|GFED CDEC|]\n';
    const inDHigh = 'T:c\nM:4/4\nL:1/8\nK:Dmaj\ndefg abaf|gfed cdec|]\n';
    expect(noveltyBody(inD)).toBe(noveltyBody(inG));
    expect(noveltyBody(inDHigh)).toBe(noveltyBody(inG));
    expect(noveltyBody(inG)).toBe('cdefgage|fedcbcdb|]\n');
  });
  it('keys duplicates by body', () => {
    expect(duplicateKey('ab|\ncd|')).toBe(duplicateKey('ab|cd|\n'));
  });
});
