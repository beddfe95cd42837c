// Melody notes and the style histograms: top notes of chords, the bins each note falls in,
// and the Jensen-Shannon divergence (0 for identical, 1 for disjoint, a known value between).
import { describe, expect, it } from 'vitest';
import { addMelody, binLabels, emptyHistograms, jensenShannon } from '../../src/music/histograms.js';
import { melodyNotes } from '../../src/music/melody.js';

const event = (pitch: number, start: number, duration: number) => ({ pitch, start, duration, startChar: 0, endChar: 0 });

describe('melodyNotes', () => {
  it('keeps the highest note of each onset, in time order', () => {
    const events = [event(60, 0, 0.25), event(67, 0, 0.25), event(64, 0, 0.5), event(62, 0.25, 0.125), event(55, 0.125, 0.125)];
    expect(melodyNotes(events).map((n) => [n.pitch, n.start, n.duration])).toEqual([[67, 0, 0.25], [55, 0.125, 0.125], [62, 0.25, 0.125]]);
  });
});

describe('addMelody', () => {
  it('bins scale degree, clamped interval and rounded, capped length', () => {
    const h = emptyHistograms();
    // tonic D (2): F# (degree 4), an octave and a half up (clamped +12), a fifth down (-7)
    const notes = [{ pitch: 66, start: 0, duration: 1 / 8 }, { pitch: 84, start: 1, duration: 1 / 12 }, { pitch: 77, start: 2, duration: 2 }];
    addMelody(h, notes, 2);
    expect(h.scaleDegree[4]).toBe(1);
    expect(h.scaleDegree[(84 - 2) % 12]).toBe(1);
    expect(h.scaleDegree[(77 - 2) % 12]).toBe(1);
    expect(h.interval[12 + 12]).toBe(1);
    expect(h.interval[12 - 7]).toBe(1);
    expect(h.interval.reduce((a, b) => a + b)).toBe(2);
    // an eighth is 0.5 quarters; a triplet eighth (1/3 quarter) rounds to 0.25; a breve caps at 4
    const lengths = binLabels('noteLength');
    expect(lengths[h.noteLength.indexOf(1)]).toBe('0.25');
    expect(h.noteLength[lengths.indexOf('0.5')]).toBe(1);
    expect(h.noteLength[lengths.indexOf('4')]).toBe(1);
    expect([h.scaleDegree.length, h.interval.length, h.noteLength.length]).toEqual([12, 25, 16]);
  });
});

describe('jensenShannon', () => {
  it('is 0 for identical distributions, whatever the counts scale', () => {
    expect(jensenShannon([1, 2, 3, 0], [1, 2, 3, 0])).toBe(0);
    expect(jensenShannon([1, 2, 3], [10, 20, 30])).toBeCloseTo(0, 12);
  });

  it('is 1 bit for disjoint distributions', () => {
    expect(jensenShannon([1, 0, 0, 0], [0, 0, 0, 5])).toBeCloseTo(1, 12);
    expect(jensenShannon([3, 3, 0, 0], [0, 0, 1, 2])).toBeCloseTo(1, 12);
  });

  it('matches a value worked by hand and is symmetric', () => {
    // P = (1, 0), Q = (1/2, 1/2), M = (3/4, 1/4):
    // KL(P||M) = log2(4/3); KL(Q||M) = 1/2 log2(2/3) + 1/2 log2(2); JSD = their mean
    const expected = (Math.log2(4 / 3) + 0.5 * Math.log2(2 / 3) + 0.5) / 2;
    expect(jensenShannon([1, 0], [1, 1])).toBeCloseTo(expected, 12);
    expect(jensenShannon([1, 1], [1, 0])).toBeCloseTo(expected, 12);
  });

  it('is undefined when a histogram is empty', () => {
    expect(jensenShannon([0, 0], [1, 1])).toBeUndefined();
    expect(() => jensenShannon([1], [1, 1])).toThrow(/sizes/);
  });
});
