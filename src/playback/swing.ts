// Swing for reels and hornpipes: a pair of eighth notes filling a quarter-note beat is played
// long-short. A ratio of 1/2 is straight; 2/3 is the dotted hornpipe lilt abc2midi plays for
// R:hornpipe in 4/4; about 0.58 is a light reel swing. Triplets, dotted pairs and notes
// across the beat are left alone, as abc2midi does.
import type { AbcTune } from './abc-types.js';
import type { NoteEvent } from './notes.js';

/** The hornpipe lilt, long-short 2:1. */
export const HORNPIPE_SWING = 2 / 3;

const BEAT = 1 / 4; // whole notes
const EIGHTH = 1 / 8;
const EPS = 1e-6;

const near = (a: number, b: number) => Math.abs(a - b) < EPS;
const onBeat = (t: number) => near(t / BEAT, Math.round(t / BEAT));

/** True when the meter has eighths in pairs on quarter-note beats (2/2, 4/4, 2/4, 3/4 ...). */
export function swingable(meter: { num: number; den: number }): boolean {
  return meter.den <= 4 || (meter.den === 8 && meter.num % 3 !== 0);
}

/** The swing a tune starts with: the hornpipe lilt for an R:hornpipe in a swingable meter, else straight. */
export function defaultSwing(tune: AbcTune): number {
  const hornpipe = /hornpipe/i.test(tune.metaText?.rhythm ?? '');
  return hornpipe && swingable(tune.getMeterFraction()) ? HORNPIPE_SWING : 0.5;
}

/** Events with swing applied to eighth-note pairs (`ratio` 0.5 returns them unchanged). */
export function applySwing(events: NoteEvent[], ratio: number): NoteEvent[] {
  if (near(ratio, 0.5)) return events;
  const eighthsAt = new Map<number, NoteEvent[]>();
  for (const e of events) {
    if (!near(e.duration, EIGHTH)) continue;
    const key = Math.round(e.start / EIGHTH);
    if (near(e.start, key * EIGHTH)) (eighthsAt.get(key) ?? eighthsAt.set(key, []).get(key)!).push(e);
  }
  const changed = new Map<NoteEvent, NoteEvent>();
  for (const [key, firsts] of eighthsAt) {
    const seconds = eighthsAt.get(key + 1);
    if (!seconds || !onBeat(key * EIGHTH)) continue;
    const startsMid = events.some((e) => e.start > key * EIGHTH + EPS && e.start < (key + 1) * EIGHTH - EPS);
    if (startsMid) continue;
    for (const e of firsts) changed.set(e, { ...e, duration: BEAT * ratio });
    for (const e of seconds) changed.set(e, { ...e, start: key * EIGHTH + BEAT * ratio, duration: BEAT * (1 - ratio) });
  }
  return events.map((e) => changed.get(e) ?? e);
}
