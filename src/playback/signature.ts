// Key and time signatures of an abcjs parsed tune as MIDI writes them: a key as a count of
// sharps (negative for flats) and a minor flag, a meter as numerator and denominator. A mode
// takes its signature's count (A dorian: one sharp), and only minor (m, min, aeolian) sets the
// minor flag, as abc2midi writes them. Pure (tier 1).
import type { AbcElement, AbcKey } from './abc-types.js';

export interface KeySignature {
  /** -7 (seven flats) to 7 (seven sharps). */
  sharps: number;
  minor: boolean;
}

export interface TimeSignature {
  num: number;
  den: number;
}

/** A signature that takes effect `at` whole notes from the start of the played tune. */
export interface Timed<T> {
  at: number;
  value: T;
}

const TONIC_FIFTHS: Record<string, number> = { F: -1, C: 0, G: 1, D: 2, A: 3, E: 4, B: 5 };
const MODE_FIFTHS: Record<string, number> = {
  '': 0, maj: 0, ion: 0, lyd: 1, mix: -1, dor: -2, m: -3, min: -3, aeo: -3, phr: -4, loc: -5,
};
const MINOR = new Set(['m', 'min', 'aeo']);

/** The signature of an abcjs key (`{root, acc, mode, accidentals}`). */
export function keySignature(key: AbcKey): KeySignature {
  const mode = (key.mode ?? '').toLowerCase().slice(0, 3);
  const tonic = TONIC_FIFTHS[key.root ?? ''];
  if (tonic === undefined || MODE_FIFTHS[mode] === undefined) {
    // K:none, bagpipe keys and the like: count the signature's own accidentals
    const accs = (key.accidentals ?? []).map((a) => a.acc);
    return { sharps: accs.filter((a) => a === 'sharp').length - accs.filter((a) => a === 'flat').length, minor: false };
  }
  const shift = key.acc === '#' ? 7 : key.acc === 'b' ? -7 : 0;
  let sharps = tonic + shift + MODE_FIFTHS[mode];
  if (sharps > 7) sharps -= 12; // D# major is written as Eb major
  if (sharps < -7) sharps += 12;
  return { sharps, minor: MINOR.has(mode) };
}

/** The meter of an abcjs meter element, or undefined for M:none or a form it cannot read. */
export function timeSignature(meter: Pick<AbcElement, 'type' | 'value'>): TimeSignature | undefined {
  if (meter.type === 'common_time') return { num: 4, den: 4 };
  if (meter.type === 'cut_time') return { num: 2, den: 2 };
  const first = meter.value?.[0];
  if (!first) return undefined;
  const num = String(first.num).split('+').reduce((sum, n) => sum + Number(n), 0);
  const den = Number(first.den);
  return num > 0 && Number.isInteger(num) && Number.isInteger(Math.log2(den)) ? { num, den } : undefined;
}

export const sameKey = (a: KeySignature, b: KeySignature) => a.sharps === b.sharps && a.minor === b.minor;
export const sameMeter = (a: TimeSignature, b: TimeSignature) => a.num === b.num && a.den === b.den;
