// Unit tests of the normal form, one rule at a time, on small hand-written tunes.
import { describe, expect, it } from 'vitest';
import { formatTune, normalizeTune } from '../../src/abc/normalize.js';
import { validateTune } from '../../src/abc/validate.js';

const BARS = '|GABc dedB|GABc d2B2|GABc dedB|A2G2 G4|]';

/** Normalises and returns the text with X:1, failing the test when the tune is dropped. */
function norm(abc: string): string {
  const r = normalizeTune(abc);
  if (!r.ok) throw new Error(`dropped: ${r.reason}`);
  return formatTune(1, r.tune);
}

function reason(abc: string): string {
  const r = normalizeTune(abc);
  return r.ok ? 'kept' : r.reason;
}

function body(abc: string): string {
  return norm(abc).split('\n').filter((l) => l !== '' && !/^[A-Z]:/.test(l)).join('\n');
}

const tune = (head: string, music: string) => `X:7\n${head}\n${music}\n`;

describe('header', () => {
  it('keeps X T M L K in order and drops other fields (R: too)', () => {
    const out = norm(tune('T:The Lads of the Village.\nT:Other\nS:src\nM:C\nR: Reel \nZ:me\nN:note\nK:G', BARS));
    expect(out.split('\n').slice(0, 5)).toEqual(['X:1', 'T:The Lads of the Village', 'M:4/4', 'L:1/8', 'K:Gmaj']);
    expect(out).not.toMatch(/^R:/m);
  });
  it('collapses whitespace in titles', () => {
    expect(norm(tune('T:  A   b  ..\nM:4/4\nK:D', BARS))).toContain('T:A b\n');
  });
  it('maps C| to 2/2 and picks the default unit from the meter', () => {
    expect(norm(tune('T:t\nM:C|\nK:D', BARS))).toContain('M:2/2\nL:1/8\n');
    expect(norm(tune('T:t\nM:2/4\nK:D', BARS))).toContain('M:2/4\nL:1/16\n'); // BARS: 8 sixteenths a bar
  });
  it.each([
    ['G', 'Gmaj'], ['Gm', 'Gmin'], ['Gmin', 'Gmin'], ['G minor', 'Gmin'], ['ADor', 'Ador'], ['Bb', 'Bbmaj'],
    ['E Minor', 'Emin'], ['A Mixolydian', 'Amix'], ['F#m', 'F#min'], ['D clef=treble', 'Dmaj'], ['Hp', 'Amix'],
    ['G % comment', 'Gmaj'],
  ])('K:%s -> %s', (k, want) => {
    expect(norm(tune(`T:t\nM:4/4\nK:${k}`, BARS))).toContain(`K:${want}\n`);
  });
  it.each([
    ['T:t\nM:4/4\nK:D ^c', 'unsupported key'], ['T:t\nM:4/4\nK:HP', 'unsupported key'],
    ['M:4/4\nK:D', 'no title'], ['T:t\nK:D', 'no meter'], ['T:t\nM:none\nK:D', 'no meter'],
    ['T:t\nM:4/4\nV:1\nV:2\nK:D', 'multi-voice'],
  ])('drops %j: %s', (head, why) => {
    expect(reason(tune(head, BARS))).toBe(why);
  });
});

describe('body', () => {
  const b = (music: string, head = 'T:t\nM:4/4\nL:1/8\nK:D') => body(tune(head, music));
  it('removes chord symbols, decorations, slurs, grace notes, spaces and comments', () => {
    expect(b('|"G"!trill!G~A.B +fermata+c (dedB) % comment\n|{ag}GA TB`c d2B2|GABc dedB|A2G2 G4|]')).toBe(
      '|GABcdedB|GABcd2B2|GABcdedB|A2G2G4|]',
    );
  });
  it('keeps tuplets, written canonically', () => {
    expect(b('|(3GAB (3:2:3cde d2B2|GABc dedB|GABc dedB|A2G2 G4|]')).toContain('(3GAB(3cde');
  });
  it('writes lengths canonically', () => {
    expect(b('|G1A/2B// c2/4 d4/2 e6/4f/2|GABc dedB|GABc dedB|A2G2 G4|]').split('\n')[0]).toBe(
      '|GA/B/4c/d2e3/2f/|GABcdedB|GABcdedB|A2G2G4|]',
    );
  });
  it('writes octaves canonically and rests as z', () => {
    expect(b("|c,D,,C' x2z2 C|Z|GABc dedB|A2G2 G4|]")).toContain("|CD,,cz2z2C|z8|");
  });
  it('canonicalises bar lines and endings', () => {
    const out = b('|:GABc dedB:|:GABc dedB|[1 A2G2 G4:|[2 A2G2 G2z2|[|GABc dedB|]');
    expect(out).toBe('|:GABcdedB::\nGABcdedB|1A2G2G4:|2A2G2G2z2||\nGABcdedB|]');
  });
  it('breaks lines after a section end and after 4 full bars; a pickup does not count', () => {
    const out = b('d|GABc dedB|GABc dedB|GABc dedB|GABc dedB|GABc dedB|A2G2 G3:|');
    expect(out).toBe('d|GABcdedB|GABcdedB|GABcdedB|GABcdedB|\nGABcdedB|A2G2G3:|');
  });
  it('joins continuation lines and Aird-style ! line breaks', () => {
    expect(b('|GABc dedB|\\\n!GABc dedB|GABc dedB|A2G2 G4|]')).toBe('|GABcdedB|GABcdedB|GABcdedB|A2G2G4|]');
  });
  it('writes key and meter changes inline', () => {
    const out = b('|GABc dedB|\nM:2/4\nK:Ddor\n|GABc|dedB|[M:4/4] GABc dedB|A2G2 G4|]');
    expect(out).toBe('|GABcdedB|[M:2/4][K:Ddor]GABc|dedB|[M:4/4]GABcdedB|\nA2G2G4|]');
  });
  it('rescales lengths after a mid-tune L:', () => {
    expect(b('|GABc dedB|[L:1/16] G2A2B2c2 d2e2d2B2|[L:1/8]GABc dedB|A2G2 G4|]')).toContain('|GABcdedB|GABcdedB|');
  });
  it('drops a tie between different pitches and keeps a real tie', () => {
    expect(b('|G-A B2-B2 c2|GABc dedB|GABc dedB|A2G2 G4|]')).toContain('|GAB2-B2c2|');
  });
  it('drops multi-voice and too-short tunes', () => {
    expect(reason(tune('T:t\nM:4/4\nK:D', '|GABc & dedB|GABc dedB|GABc dedB|A2G2 G4|]'))).toBe('multi-voice');
    expect(reason(tune('T:t\nM:4/4\nK:D', '|GABc dedB|A2G2 G4|]'))).toBe('too short');
    expect(reason(tune('T:t\nM:4/4\nK:D', ''))).toBe('no notes');
  });
  it('reports wrong bar lengths', () => {
    const r = normalizeTune(tune('T:t\nM:4/4\nK:D', '|GABc dedB|GABc d2B2 c|GABc dedB|GA dedB|A2G2 G4|]'));
    expect(r.ok && r.tune.barProblems.map((p) => p.message.split(':')[0])).toEqual(['bar is too long', 'bar is short']);
  });
  it('reads bar lengths by the validator\'s rule (bar-lengths.ts), problem for problem', () => {
    const cases = [
      '|GABc dedB|GABc d2B2 c|GABc dedB|GA dedB|A2G2 G4|]', // too long, then short
      'G2|:GA|GABc dedB|GABc dedB|GABc dedB|A2G2 G4:|', // a second pickup
      '|GABc dedB|GABc dedB|GABc dedB|A2G2 G2||[M:3/4]GA|GAB dBd|GAB dBd|GAB dBd|G6|]', // a short bar before a meter change
      '|GABc dedB|GABc dedB|GABc dedB|A2G2 G2||GA|GABc dedB|GABc dedB|GABc dedB|A2G2 G4|]', // short || + pickup: one bar
    ];
    const counts: number[] = [];
    for (const body of cases) {
      const r = normalizeTune(tune('T:t\nM:4/4\nK:D', body));
      if (!r.ok) throw new Error(r.reason);
      const fromValidator = validateTune(formatTune(1, r.tune)).problems.map((p) => p.message);
      expect(r.tune.barProblems.map((p) => p.message), body).toEqual(fromValidator);
      counts.push(fromValidator.length);
    }
    expect(counts).toEqual([2, 1, 1, 0]);
  });
  it('counts tuplets and broken rhythm when measuring bars', () => {
    const r = normalizeTune(tune('T:t\nM:6/8\nK:D', '|(3GAB G>A B<c|GAB cde|(4GABc d3|(2GA c3|]'));
    expect(r.ok && r.tune.barProblems).toEqual([]);
  });
});

describe('idempotence and bad input', () => {
  it('normalising twice changes nothing', () => {
    const once = norm(tune('T:t\nM:C\nK:G', '"G"d|:(3GAB c>d e2 [1 fg:|[2 ga||\n"D"G4 A2 B2|G8|c8|d8:|'));
    expect(norm(once)).toBe(once);
  });
  it('survives junk quickly', () => {
    const junk = 'X:1\nT:t\nM:4/4\nK:C\n' + '[!{"(((|:[1'.repeat(200_000);
    const t0 = Date.now();
    expect(() => normalizeTune(junk)).not.toThrow();
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});
