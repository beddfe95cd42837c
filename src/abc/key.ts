// Normalising the header values that carry musical meaning: K: (key), M: (meter), L: (unit).
// Each function returns the canonical text, or an error string naming why the value is not
// supported (the tune is then dropped). Used for header fields and for mid-tune changes alike.
import { frac, parseFrac, type Frac } from './fraction.js';

export type Normalized = { ok: true; value: string } | { ok: false; reason: string };

const MODES: Record<string, string> = {
  '': 'maj', maj: 'maj', major: 'maj', ion: 'maj', ionian: 'maj',
  m: 'min', min: 'min', minor: 'min', aeo: 'min', aeolian: 'min',
  dor: 'dor', dorian: 'dor', phr: 'phr', phrygian: 'phr', lyd: 'lyd', lydian: 'lyd',
  mix: 'mix', mixolydian: 'mix', loc: 'loc', locrian: 'loc',
};

/** Strips a `%` comment from a field value and trims it. */
export function stripComment(value: string): string {
  const i = value.indexOf('%');
  return (i >= 0 ? value.slice(0, i) : value).trim();
}

/**
 * K: value -> e.g. "Gmaj", "F#min", "Bbdor". Clef and other `name=value` attributes are
 * dropped; an explicit accidental list (`K:D ^c`) is unsupported. Highland-pipe `Hp` (F# C#
 * in the signature, pipe music being A mixolydian) maps to Amix; `HP` (no signature) and
 * `none` are unsupported. An empty K: is C major.
 */
export function normalizeKey(raw: string): Normalized {
  const words = stripComment(raw).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return { ok: true, value: 'Cmaj' };
  if (words[0] === 'Hp') return { ok: true, value: 'Amix' };
  const m = /^([A-Ga-g])([#b]?)([A-Za-z]*)$/.exec(words[0]);
  if (!m) return { ok: false, reason: 'unsupported key' };
  let modeWord = m[3];
  let rest = words.slice(1);
  if (modeWord === '' && rest.length > 0 && /^[A-Za-z]+$/.test(rest[0]) && MODES[rest[0].toLowerCase()]) {
    modeWord = rest[0];
    rest = rest.slice(1);
  }
  const lower = modeWord.toLowerCase();
  const mode = MODES[lower] ?? (lower.length > 3 ? MODES[lower.slice(0, 3)] : undefined);
  if (!mode) return { ok: false, reason: 'unsupported key' };
  if (rest.some((w) => /^[_^=]/.test(w))) return { ok: false, reason: 'unsupported key' };
  return { ok: true, value: `${m[1].toUpperCase()}${m[2]}${mode}` };
}

/** Whether n is 1, 2, 4, 8, ...: the only note-value denominators abc2midi accepts. */
export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

/**
 * M: value -> "n/d"; C is 4/4, C| is 2/2. `none`, empty and compound sums are unsupported, and
 * so is a denominator that is not a power of two (`3/3`): abc2midi refuses it.
 */
export function normalizeMeter(raw: string): Normalized {
  const v = stripComment(raw);
  if (v === '') return { ok: false, reason: 'no meter' };
  if (v === 'C') return { ok: true, value: '4/4' };
  if (v === 'C|') return { ok: true, value: '2/2' };
  const m = /^(\d{1,2})\s*\/\s*(\d{1,2})$/.exec(v);
  if (!m || Number(m[1]) === 0 || !isPowerOfTwo(Number(m[2]))) {
    return { ok: false, reason: v.toLowerCase() === 'none' ? 'no meter' : 'unsupported meter' };
  }
  return { ok: true, value: `${Number(m[1])}/${Number(m[2])}` };
}

/** L: value -> reduced fraction, or undefined when malformed. */
export function normalizeUnit(raw: string): Frac | undefined {
  return parseFrac(stripComment(raw));
}

/** Longest unit note length's denominator the normal form writes (L:1/64, as the model's grammar). */
const MAX_UNIT_DENOMINATOR = 64;

/**
 * A header L: as the normal form writes it, `1/d` with d a power of two up to 64, and the
 * factor the body's lengths are scaled by: `L:3/8` is written `L:1/8` with every length x3
 * (abc2midi accepts only `1/d`). Undefined when no such form exists (`L:1/3`, `L:1/128`).
 */
export function headerUnit(raw: string): { unit: Frac; scale: Frac } | undefined {
  const u = normalizeUnit(raw);
  if (!u || !isPowerOfTwo(u.d) || u.d > MAX_UNIT_DENOMINATOR) return undefined;
  return { unit: frac(1, u.d), scale: frac(u.n) };
}

/** ABC 2.1's default unit: 1/16 when the meter's value is below 3/4, else 1/8. */
export function defaultUnit(meter: string): Frac {
  const [n, d] = meter.split('/').map(Number);
  return n / d < 0.75 ? frac(1, 16) : frac(1, 8);
}

/** The meter "n/d" as a fraction of a whole note. */
export function meterValue(meter: string): Frac {
  const [n, d] = meter.split('/').map(Number);
  return frac(n, d);
}
