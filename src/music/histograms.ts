// Style histograms over melody notes (scale degree, melodic interval, note length) and the
// Jensen-Shannon divergence between two of them, in bits: 0 for the same distribution, 1 for
// disjoint ones. Counts are pooled over all the tunes of a set. Pure (tier 1).
import type { MelodyNote } from './melody.js';

export interface StyleHistograms {
  /** Pitch class minus tonic: 12 bins, 0..11 semitones. */
  scaleDegree: number[];
  /** Semitones from the previous melody note, clamped to ±12: 25 bins, -12..12. */
  interval: number[];
  /** Length in quarter notes rounded to 1/4, at least 1/4, capped at 4: 16 bins, 0.25..4. */
  noteLength: number[];
}

export type HistogramName = keyof StyleHistograms;
export const HISTOGRAM_NAMES: HistogramName[] = ['scaleDegree', 'interval', 'noteLength'];
const MAX_INTERVAL = 12;
const LENGTH_STEPS = 16; // quarter-note steps of 1/4 up to 4

export function emptyHistograms(): StyleHistograms {
  const zeros = (n: number) => new Array<number>(n).fill(0);
  return { scaleDegree: zeros(12), interval: zeros(2 * MAX_INTERVAL + 1), noteLength: zeros(LENGTH_STEPS) };
}

/** The label of each bin, for charts. */
export function binLabels(name: HistogramName): string[] {
  if (name === 'scaleDegree') return Array.from({ length: 12 }, (_, i) => String(i));
  if (name === 'interval') return Array.from({ length: 2 * MAX_INTERVAL + 1 }, (_, i) => String(i - MAX_INTERVAL));
  return Array.from({ length: LENGTH_STEPS }, (_, i) => String((i + 1) / 4));
}

/** Adds one tune's melody (tonic as a pitch class) to `h`. */
export function addMelody(h: StyleHistograms, melody: MelodyNote[], tonic: number): void {
  melody.forEach((note, i) => {
    h.scaleDegree[(((note.pitch - tonic) % 12) + 12) % 12]++;
    if (i > 0) {
      const step = Math.max(-MAX_INTERVAL, Math.min(MAX_INTERVAL, Math.round(note.pitch - melody[i - 1].pitch)));
      h.interval[step + MAX_INTERVAL]++;
    }
    const quarters = Math.round(note.duration * 4 * 4); // whole notes -> quarter notes -> steps of 1/4
    h.noteLength[Math.max(1, Math.min(LENGTH_STEPS, quarters)) - 1]++;
  });
}

/** Adds `b`'s counts into `a`. */
export function mergeHistograms(a: StyleHistograms, b: StyleHistograms): void {
  for (const name of HISTOGRAM_NAMES) b[name].forEach((n, i) => (a[name][i] += n));
}

/** Counts scaled to sum to 1 (all zeros stay zeros). */
export function normalise(counts: number[]): number[] {
  const total = counts.reduce((s, n) => s + n, 0);
  return counts.map((n) => (total > 0 ? n / total : 0));
}

/** Jensen-Shannon divergence in bits of two count vectors; undefined if either is empty. */
export function jensenShannon(pCounts: number[], qCounts: number[]): number | undefined {
  if (pCounts.length !== qCounts.length) throw new Error('histograms of different sizes');
  const [p, q] = [normalise(pCounts), normalise(qCounts)];
  if (!p.some((x) => x > 0) || !q.some((x) => x > 0)) return undefined;
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    if (p[i] > 0) sum += p[i] * Math.log2(p[i] / m);
    if (q[i] > 0) sum += q[i] * Math.log2(q[i] / m);
  }
  return Math.min(1, Math.max(0, sum / 2));
}
