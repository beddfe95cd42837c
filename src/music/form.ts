// Form figures of one tune from its notes: the played length in bars (first onset to the end
// of the last note, repeats unfolded), whether that length is a regular folk form (16, 24, 32...
// bars, a pickup allowed), and whether the tune ends on its tonic. Pure (tier 1).
import type { MelodyNote } from './melody.js';

/** Fewest played bars of a regular tune, and the phrase length its length must be a multiple of. */
const MIN_BARS = 16;
const PHRASE_BARS = 8;
/** How far (in bars) from a multiple of the phrase the length may be: a pickup, a short last bar. */
const SLACK_BARS = 0.5;

/** Played length in bars of `bar` whole notes: first onset to the end of the last note. */
export function playedBars(notes: { start: number; duration: number }[], bar: number): number {
  if (notes.length === 0) return 0;
  const first = notes.reduce((least, n) => Math.min(least, n.start), Infinity);
  const end = notes.reduce((most, n) => Math.max(most, n.start + n.duration), 0);
  return (end - first) / bar;
}

/**
 * Within half a bar of a whole multiple of 8 bars, that multiple being 16 or more. "At least 16
 * bars" is read through the slack: a 16-bar tune whose pickup is not made up in its last bar
 * plays 15 3/4 bars and is regular, as a tune of 16 1/4 bars is.
 */
export function isRegularForm(bars: number): boolean {
  const nearest = Math.round(bars / PHRASE_BARS) * PHRASE_BARS;
  return nearest >= MIN_BARS && Math.abs(bars - nearest) <= SLACK_BARS + 1e-9;
}

/** True when the last melody note has the tonic's pitch class. */
export function endsOnTonic(melody: MelodyNote[], tonic: number): boolean {
  const last = melody[melody.length - 1];
  return last !== undefined && (((last.pitch - tonic) % 12) + 12) % 12 === 0;
}
