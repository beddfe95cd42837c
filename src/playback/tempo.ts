// Tempo of a tune: the beat the metronome counts (from the meter) and a default speed for it,
// taken from the tune's Q: field when there is one, else a comfortable listening pace; and the
// check of a tempo someone typed. The page's player, its MIDI download and the tune book's MIDI
// files all start from these. Pure (tier 1).
import type { AbcTune } from './abc-types.js';

/** The tempo range the page offers, in beats per minute. */
export const BPM_RANGE = { min: 30, max: 300 } as const;

/** Beat length in whole notes (a dotted quarter in 6/8, a half in 2/2). */
export function beatLength(tune: AbcTune): number {
  const b = tune.getBeatLength();
  return b > 0 ? b : 0.25;
}

/** Default beats per minute. */
export function defaultBpm(tune: AbcTune): number {
  const q = tune.metaText?.tempo;
  if (q?.bpm && q.duration?.length) {
    const qBeat = q.duration.reduce((a, b) => a + b, 0);
    return Math.round((q.bpm * qBeat) / beatLength(tune));
  }
  const { num, den } = tune.getMeterFraction();
  if (den === 8 && num % 3 === 0) return 100;
  if (num === 2 && den === 2) return 88;
  if (den === 4 && num === 3) return 120;
  return den === 4 && num === 2 ? 100 : 150;
}

/** Seconds per whole note at `bpm` beats per minute. */
export function secondsPerWhole(bpm: number, tune: AbcTune): number {
  return 60 / bpm / beatLength(tune);
}

/** Quarter notes per minute at `bpm` beats per minute (what a MIDI tempo counts). */
export function quartersPerMinute(bpm: number, tune: AbcTune): number {
  return bpm * beatLength(tune) * 4;
}

/** A typed tempo as beats per minute, or a message saying what is wrong with it. */
export function readBpm(text: string): { bpm: number } | { error: string } {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < BPM_RANGE.min || n > BPM_RANGE.max) {
    return { error: `Tempo must be a number of beats per minute from ${BPM_RANGE.min} to ${BPM_RANGE.max}${text.trim() === '' ? '' : ` (not "${text.trim().slice(0, 12)}")`}.` };
  }
  return { bpm: n };
}
