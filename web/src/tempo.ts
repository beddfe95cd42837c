// Tempo of a tune: the beat the metronome counts (from the meter) and a default speed for it,
// taken from the tune's Q: field when there is one, else a comfortable listening pace.
import type { AbcTune } from '../../src/playback/abc-types.js';

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
