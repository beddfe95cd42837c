// The melody line of a tune, read from its playback note events: at each onset the highest
// note that starts there (so a chord counts as its top note), with that note's own length.
// Also the tune's tonic and meter, taken from abcjs's parse. Pure (tier 1).
import type { NoteEvent } from '../playback/notes.js';

export interface MelodyNote {
  /** MIDI note number. */
  pitch: number;
  /** Onset and length in whole notes, repeats unfolded. */
  start: number;
  duration: number;
}

/** What melody measures read from an abcjs parsed tune beyond the playback types. */
export interface KeyedTune {
  getKeySignature(): { root?: string; acc?: string };
  getMeterFraction(): { num: number; den: number };
}

const SAME_TIME = 1e-9;
const NATURAL: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/** Melody notes in time order: the top note of each group of simultaneous onsets. */
export function melodyNotes(events: NoteEvent[]): MelodyNote[] {
  const sorted = [...events].sort((a, b) => a.start - b.start || b.pitch - a.pitch);
  const out: MelodyNote[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.start - e.start) < SAME_TIME) continue; // lower note of the same onset
    out.push({ pitch: e.pitch, start: e.start, duration: e.duration });
  }
  return out;
}

/** Pitch class (0 = C) of the tune's K: tonic, or undefined for `K:none` and the like. */
export function tonicPitchClass(tune: KeyedTune): number | undefined {
  const key = tune.getKeySignature();
  const base = NATURAL[(key.root ?? '').toUpperCase()];
  if (base === undefined || (key.root ?? '').length !== 1) return undefined;
  const shift = key.acc === '#' ? 1 : key.acc === 'b' ? -1 : 0;
  return (base + shift + 12) % 12;
}

/** Length of one bar of the tune's meter, in whole notes (4/4 when the meter is unusable). */
export function barLength(tune: KeyedTune): number {
  const m = tune.getMeterFraction();
  const value = m && m.num > 0 && m.den > 0 ? m.num / m.den : 0;
  return Number.isFinite(value) && value > 0 ? value : 1;
}
