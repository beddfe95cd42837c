// Key transposition: spelling of keys and accidentals, round trips, abc2midi's notes moving by
// exactly the interval, and the validator passing every transposed corpus tune.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitTunes } from '../../src/abc/read.js';
import { modelText, withNumber } from '../../src/abc/tune-text.js';
import { FIDDLE_RANGE, inRange, tonicPitchClass, transposeTune } from '../../src/abc/transpose.js';
import { validateTune } from '../../src/abc/validate.js';
import { hasAbc2midi } from '../helpers/abc2midi.js';
import { abc2midiNotes } from '../helpers/notes-compare.js';

const TUNE = 'T:Test\nM:6/8\nL:1/8\nK:Ddor\nDFA d^cd|=c2B [K:Gmaj]GAB|g\'fe d,2c|[ceg]2z|]\n';
const CORPUS = 'corpus-abc/train.abc';

function corpusTunes(): string[] {
  return splitTunes(readFileSync(CORPUS, 'utf8')).map((t) => modelText(t.text));
}

describe('transposeTune', () => {
  it('moves the key and spells it with the fewer accidentals', () => {
    expect(transposeTune(TUNE, 2)!.text).toContain('K:Edor\n');
    expect(transposeTune(TUNE, 1)!.text).toContain('K:Ebdor\n');
    expect(transposeTune(TUNE, -1)!.text).toContain('K:C#dor\n');
    expect(transposeTune('T:x\nM:2/4\nL:1/8\nK:Cmaj\nCDEF|GABc|]\n', 6)!.text).toContain('K:F#maj\n');
    expect(transposeTune('T:x\nM:2/4\nL:1/8\nK:Cmaj\nCDEF|GABc|]\n', 1)!.text).toContain('K:Dbmaj\n');
  });

  it('rewrites explicit accidentals, octave marks and inline keys; leaves the title alone', () => {
    const up = transposeTune(TUNE, 2)!.text;
    expect(up).toBe('T:Test\nM:6/8\nL:1/8\nK:Edor\nEGB e^de|=d2c [K:Amaj]ABc|a\'gf E2d|[dfa]2z|]\n');
    const down = transposeTune(TUNE, -5)!.text;
    expect(down).toBe('T:Test\nM:6/8\nL:1/8\nK:Ador\nA,CE A^GA|=G2F [K:Dmaj]DEF|d\'cB A,2G|[GBd]2z|]\n');
  });

  it('reports the range it reaches, and the fiddle range is G3 to E6', () => {
    const t = transposeTune(TUNE, 0)!;
    expect([t.low, t.high]).toEqual([62, 91]);
    expect(inRange(t)).toBe(false);
    expect(inRange(transposeTune(TUNE, -5)!)).toBe(true);
    expect(FIDDLE_RANGE).toEqual({ low: 55, high: 88 });
  });

  it('returns null for keys it cannot read', () => {
    expect(transposeTune('T:x\nM:2/4\nL:1/8\nK:Hp\nAB|]\n', 2)).toBeNull();
    expect(tonicPitchClass('T:x\nK:Bbmin\n')).toBe(10);
  });
});

describe.skipIf(!existsSync(CORPUS))('transposing the corpus', () => {
  it('round trips every tune by two intervals to the same text', () => {
    let moved = 0;
    for (const [i, text] of corpusTunes().entries()) {
      for (const s of [((i * 7) % 13) - 6, ((i * 3) % 11) - 5]) {
        const t = transposeTune(text, s);
        if (!t) continue;
        moved++;
        expect(transposeTune(t.text, -s)?.text).toBe(text);
      }
    }
    expect(moved).toBeGreaterThan(7_000);
  }, 120_000);

  it('every tune, moved by an interval that keeps it on the fiddle, passes the validator', () => {
    const tunes = corpusTunes();
    const failures = tunes.flatMap((text, i) => {
      const t = transposeTune(text, ((i * 5) % 13) - 6);
      if (!t || !inRange(t)) return [];
      const v = validateTune(withNumber(t.text, 1));
      return v.valid ? [] : [{ text: t.text, problems: v.problems }];
    });
    expect(failures).toEqual([]);
  }, 180_000);

  it.skipIf(!hasAbc2midi())('abc2midi plays every note exactly the interval higher or lower', () => {
    const tunes = corpusTunes().filter((_, i) => i % 36 === 0);
    const shifts = tunes.map((_, i) => [-5, -2, 1, 3, 6][i % 5]);
    const moved = tunes.map((t, i) => transposeTune(t, shifts[i])!.text);
    const before = abc2midiNotes(tunes.map((t) => withNumber(t, 1)));
    const after = abc2midiNotes(moved.map((t) => withNumber(t, 1)));
    let notes = 0;
    tunes.forEach((_, i) => {
      expect(after[i]!.map((n) => n.start)).toEqual(before[i]!.map((n) => n.start));
      expect(after[i]!.map((n) => n.pitch - shifts[i])).toEqual(before[i]!.map((n) => n.pitch));
      notes += before[i]!.length;
    });
    expect(notes).toBeGreaterThan(5_000);
  }, 180_000);
});
