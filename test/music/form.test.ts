// Form figures on hand-made tunes: played bars with repeats, pickups and endings unfolded,
// the regular-form rule, and the tonic ending.
import { describe, expect, it } from 'vitest';
import { isRegularForm } from '../../src/music/form.js';
import { measureSet, measureTune } from '../../src/music/measure.js';
import { EMPTY, ENDINGS, FRAGMENT, JIG, JIG_PICKUP, RAW_JIG } from './fixtures.js';

describe('measureTune', () => {
  it('plays a 16-bar AABB jig as regular, ending on the tonic', () => {
    const m = measureTune(JIG)!;
    expect(m.bars).toBeCloseTo(16, 9);
    expect(m.regular).toBe(true);
    expect(m.tonicEnd).toBe(true);
  });

  it('counts a pickup made up in the last bar as 16 bars', () => {
    expect(measureTune(JIG_PICKUP)!.bars).toBeCloseTo(16, 9);
  });

  it('finds a 9-bar fragment irregular and not ending on its tonic', () => {
    const m = measureTune(FRAGMENT)!;
    expect(m.bars).toBeCloseTo(9, 9);
    expect(m.regular).toBe(false);
    expect(m.tonicEnd).toBe(false);
  });

  it('plays first and second endings once each and stops at the last note', () => {
    const m = measureTune(ENDINGS)!;
    expect(m.bars).toBeCloseTo(11.75, 9);
    expect(m.regular).toBe(false);
    expect(m.tonicEnd).toBe(true);
  });

  it('reads a tune as written, and one abcjs misreads from its normal form', () => {
    expect(measureTune(JIG)!.normalised).toBe(false);
    const raw = measureTune(RAW_JIG)!;
    expect(raw).toMatchObject({ normalised: true, regular: true, tonicEnd: true });
    expect(raw.bars).toBeCloseTo(16, 9);
    expect(raw.histograms).toEqual(measureTune(JIG)!.histograms);
  });

  it('does not measure a tune without notes or without a tonic', () => {
    expect(measureTune(EMPTY)).toBeUndefined();
    expect(measureTune(JIG.replace('K:Gmaj', 'K:none'))).toBeUndefined();
    expect(measureTune('')).toBeUndefined();
  });

  it('reads the tonic from modes and accidentals in K:', () => {
    const ending = (key: string, last: string) =>
      measureTune(`X:1\nT:t\nM:4/4\nL:1/8\nK:${key}\nC8|D8|${last}8|]`)!.tonicEnd;
    expect(ending('Ador', 'A')).toBe(true);
    expect(ending('Ador', 'G')).toBe(false);
    expect(ending('F#min', 'F')).toBe(true); // the key signature sharpens F
    expect(ending('Bbmaj', 'B')).toBe(true);
    expect(ending('Bbmaj', '=B')).toBe(false);
    expect(ending('Dmix', 'd')).toBe(true);
  });

  it('takes the top note of a closing chord as the last melody note', () => {
    const tune = (chord: string) => `X:1\nT:t\nM:4/4\nL:1/8\nK:Gmaj\nG8|${chord}8|]`;
    expect(measureTune(tune('[DGB]'))!.tonicEnd).toBe(false);
    expect(measureTune(tune('[DBg]'))!.tonicEnd).toBe(true);
  });
});

describe('isRegularForm', () => {
  it('wants a multiple of 8 bars, 16 or more, within half a bar', () => {
    for (const bars of [16, 15.75, 16.5, 15.5, 24, 24.25, 32, 64]) expect(isRegularForm(bars), String(bars)).toBe(true);
    for (const bars of [0, 8, 9, 12, 15.4, 16.6, 20, 28, 23.4]) expect(isRegularForm(bars), String(bars)).toBe(false);
  });
});

describe('measureSet', () => {
  it('pools tunes: counts, shares of the measured tunes, median bars, titles', () => {
    const s = measureSet([JIG, FRAGMENT, ENDINGS, EMPTY]);
    expect(s).toMatchObject({ tunes: 4, measured: 3, normalised: 0, medianBars: 11.75 });
    expect(s.regularForm).toBeCloseTo(1 / 3, 9);
    expect(s.tonicEnd).toBeCloseTo(2 / 3, 9);
    expect(s.titles).toEqual(['The Test Jig', 'Zxqv Blorp', 'The Two Endings', 'Empty']);
  });
});
