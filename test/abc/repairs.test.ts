// Unit tests of the bar-length repairs of the normaliser, one rule at a time, on small
// hand-written tunes: each repair only moves bar lines or changes what no longer fits.
import { describe, expect, it } from 'vitest';
import { formatTune, normalizeTune } from '../../src/abc/normalize.js';

function body(head: string, music: string): string {
  const r = normalizeTune(`X:1\nT:t\n${head}\n${music}\n`);
  if (!r.ok) throw new Error(`dropped: ${r.reason}`);
  expect(r.tune.barProblems).toEqual([]);
  const text = formatTune(1, r.tune);
  const again = normalizeTune(text);
  expect(again.ok && formatTune(1, again.tune)).toBe(text); // idempotent
  return text.split('\n').filter((l) => l !== '' && !/^[A-Z]:/.test(l)).join('\n');
}

const REEL = 'M:4/4\nL:1/8\nK:G';
const JIG = 'M:6/8\nL:1/8\nK:G';
const WALTZ = 'M:3/4\nL:1/8\nK:G';

describe('tuplet ratios', () => {
  it('reads (5 of sixteenths in 3/4 as 5 in the time of 4 when that fills the bar', () => {
    expect(body(WALTZ, '|d4 (5A/B/c/d/e/|f2 f2 e2|d2 B2 G2|A6|]')).toContain('|d4(5:4A/B/c/d/e/|');
  });
  it('gives every (p of the tune the same ratio, a pickup included', () => {
    const out = body('M:2/4\nL:1/16\nK:D', '(5DEFGA|B3dc2B2|A3GABcA|D4:|(5FGABc|d3ef2g2|a3gf2a2|d8|]');
    expect(out).toContain('(5:4DEFGA|');
    expect(out).toContain('(5:4FGABc|');
  });
  it('leaves (3 and written ratios alone', () => {
    expect(body(REEL, '|(3GAB (5:4cdedc d2|GABc dedB|GABc dedB|A2G2 G4|]')).toContain('(3GAB(5:4cdedcd2|');
  });
});

describe('re-barring', () => {
  it('adds a bar line left out', () => {
    expect(body(REEL, '|GABc dedB|e2d>c B2G2 F6 (3DEF|GABc dedB|A2G2 G4|]')).toContain('|e2d>cB2G2|F6(3DEF|');
  });
  it('removes a bar line too many', () => {
    expect(body(REEL, '|GABc dedB|G2Bd|gdBG|GABc dedB|A2G2 G4|]')).toContain('|G2BdgdBG|');
  });
  it('moves a bar line one note off, never inside a broken-rhythm pair', () => {
    expect(body(JIG, '|GBd gdB|GBB B>cd AF/A/F|GE/G/E|GBd gdB|G3 G3|]')).toContain('|GBBB>cd|AF/A/FGE/G/E|');
  });
  it('splits a part opening bar that holds the pickup', () => {
    const out = body(REEL, '|GABc dedB|GABc dedB|A2c2A2||c>de>A c>ea>g f>e|GABc dedB|A2G2 G4|]');
    expect(out).toContain('A2c2A2||\nc>d|e>Ac>ea>gf>e|');
  });
  it('leaves a tune alone when too many bars are wrong (a wrong meter)', () => {
    const r = normalizeTune(`X:1\nT:t\nM:2/4\nL:1/8\nK:G\nD|G>AG B>AB|G>Bd e2d|g>fe edB|B<AA A2D|G>AG B>AB|G>Bd e2d|]\n`);
    expect(r.ok && r.tune.barProblems.length).toBeGreaterThan(3);
  });
});

describe('rests and part ends', () => {
  it('drops invisible spacer rests that overfill a bar', () => {
    expect(body(REEL, '|GABc dedB|GABc dedB|GABc dedB|cedc BG G2 Hx|]')).toContain('|cedcBGG2|]');
  });
  it('shortens trailing rests that overlap the next part pickup', () => {
    expect(body(REEL, '|GABc dedB|GABc dedB|e6 z||ef|gedB GABc|dedB G4|]')).toContain('|e6||\nef|');
  });
  it("shortens a part's full last note by the next part's pickup", () => {
    expect(body(REEL, '|GABc dedB|GABc dedB|dBcA BGG2||f|gedB GABc|dedB G4|]')).toContain('|dBcABGG||\nf|');
  });
  it('holds the short last bar of a later ending longer', () => {
    const out = body(WALTZ, '|:GAB cde|d2B2G2|1g3 g2z:|2g2 =f2 z|:fdB BAB|G6:|');
    expect(out).toContain(':|2g2=f2z2\n|:');
  });
  it('closes a last ending with || instead of :|', () => {
    const out = body(JIG, '|:GBd gdB|GBd gdB|1G3 G3:|2G3 G2d||fdB BAB|G3 G3|]');
    expect(body(JIG, '|:GBd gdB|GBd gdB|1G3 G3:|2G3 G3:|fdB BAB|G3 G3|]')).toContain(':|2G3G3||');
    expect(out).toContain(':|2G3G2d||');
  });
});

describe('lexing', () => {
  it('reads +E3A3+ as an old-style chord and +f+ as a decoration', () => {
    expect(body(JIG, '|+E3A3+ cBA|+f+GBd gdB|GBd gdB|G3 G3|]')).toContain('|[E3A3]cBA|GBdgdB|');
  });
  it('reads a doubled tuplet mark (3(3 as one', () => {
    expect(body(REEL, '|GABc (3(3dcB dB|GABc dedB|GABc dedB|A2G2 G4|]')).toContain('|GABc(3dcBdB|');
  });
});
