// The ABC layer's bar rules, stepped one bar line at a time: where a bar may end and what a
// short one leaves owing. A full bar anywhere; any first bar (the anacrusis, closed by `|` or
// `|:`); a short bar only at a section end (bar-lines.ts), and then the next bar must be the
// pickup that completes it (after `:|` too: abc2midi reads a short `:|` bar and a full one after
// it as one bar too long). Repeats and endings are stepped through
// repeat-state.ts, as the validator steps them; `|]` ends the tune, as in the corpus. The bar
// guide (src/sample/bar-state.ts) steps through these rules; they are bar-lengths.ts's rule
// (the validator's and the normaliser's) stepped one bar line at a time, stricter where
// composing needs it (pickups in whole quarter units, closed by `|` or `|:`). Pure logic.
import { div, equals, frac, sub, type Frac } from './fraction.js';
import { isFirstEnding, isSoftBar, parseBarText } from './bar-lines.js';
import { repeatOpen, START_REPEATS, stepRepeat, type RepeatState } from './repeat-state.js';

export { BAR_TEXTS, isSoftBar } from './bar-lines.js';

/** The state these rules read and update (a subset of the bar guide's BarState). */
export interface BarCount {
  full: Frac;
  dur: Frac;
  last: Frac | null;
  lastSuffix: string | null;
  nextFactor: Frac | null;
  mustSuffix: string | null;
  measures: number;
  /** Fewest measures before the tune may end (MIN_BARS unless a caller asks otherwise). */
  minBars: number;
  carry: Frac | null;
  /** A short first bar (anacrusis) closed by `|:`: the next bar is full (the validator: no second pickup). */
  secondFull: boolean;
  /** Repeats and endings so far (repeat-state.ts). */
  repeats: RepeatState;
  /** A `|:`, `::` or first ending waits for its `:|`: the tune may not end yet (read from `repeats`). */
  openRepeat: boolean;
  /** A tie waits for its note (the tune may not end on `|]`). */
  tie: object | null;
}

/** The bar-count part of a body's start state. */
export function startCount(full: Frac, minBars: number): Pick<BarCount, 'full' | 'measures' | 'minBars' | 'carry' | 'secondFull' | 'repeats' | 'openRepeat'> {
  return { full, measures: 0, minBars, carry: null, secondFull: false, repeats: START_REPEATS, openRepeat: false };
}

/** The longest the current bar may grow: the pickup owed to a short section end, else a full bar. */
export function limitOf(s: BarCount): Frac {
  return s.carry ?? s.full;
}

/** Pickups are whole numbers of the shortest note, a quarter of the unit (tuplets stay inside
 * full bars), so that one can always be written to complete a short section end. */
const PICKUP_STEP = frac(1, 4);

/** Whether `f` is a whole number of PICKUP_STEPs. */
export function onPickupStep(f: Frac): boolean {
  return div(f, PICKUP_STEP).d === 1;
}

/** A pickup is followed by `|` or `|:` (abc2midi miscounts one closed by a repeat or section end). */
const PICKUP_ENDS = ['|', '|:'];

/** Whether the current bar may be closed now by bar line `text`. */
export function canClose(s: BarCount, text: string): boolean {
  if (s.dur.n === 0) return s.measures === 0; // `|:` opening the body; never two bar lines in a row
  const full = equals(s.dur, s.full);
  if (s.measures === 0) return full || PICKUP_ENDS.includes(text); // the anacrusis
  if (s.secondFull) return full;
  if (s.carry) return equals(s.dur, s.carry) && PICKUP_ENDS.includes(text);
  return full || (isSoftBar(text) && onPickupStep(sub(s.full, s.dur)));
}

/**
 * Fewest measures a composed tune may have, a pickup included: 8, since a shorter one is a
 * fragment (5 of the 3,442 training tunes are shorter). The validator's own default is 4.
 */
export const MIN_BARS = 8;

/** Whether closing the current bar now leaves the tune enough measures to end. */
export function enoughBars(s: BarCount): boolean {
  return s.measures + (s.dur.n > 0 ? 1 : 0) >= s.minBars;
}

/** Whether bar line `text` keeps repeats and endings balanced as the validator reads them. */
export function repeatOk(s: BarCount, text: string): boolean {
  const sign = parseBarText(text);
  if (!sign) return false;
  const step = stepRepeat(s.repeats, sign, s.measures);
  if (step.problems.length > 0) return false;
  return sign.kind !== '|]' || (!repeatOpen(step.state) && !s.tie && enoughBars(s));
}

/** Whether the current bar may be closed now by bar line `text` (lengths, repeats, endings). */
export function legalBar(s: BarCount, text: string): boolean {
  return canClose(s, text) && repeatOk(s, text);
}

/**
 * Whether the tune may end right after bar line `text`, legal here: not on a bar line that
 * opens a repeat or an ending, not with a repeat left open, and with enough bars.
 */
export function mayEndAfter(s: BarCount, text: string): boolean {
  const sign = parseBarText(text);
  if (!sign || sign.ending !== '' || sign.kind === '|:' || sign.kind === '::') return false;
  return !repeatOpen(stepRepeat(s.repeats, sign, s.measures).state) && enoughBars(s);
}

/** Closes the current bar with bar line `text`: counts it and notes what a short one leaves owing. */
export function commitBar(s: BarCount, text: string): void {
  const sign = parseBarText(text);
  if (s.dur.n > 0) {
    // A later ending's first bar is an alternative to the first ending's: nothing carries into it.
    const later = sign !== undefined && sign.ending !== '' && !isFirstEnding(sign.ending);
    const short = s.measures > 0 && !s.carry && !equals(s.dur, s.full) && !later;
    s.carry = short ? sub(s.full, s.dur) : null;
    s.secondFull = s.measures === 0 && !equals(s.dur, s.full) && text !== '|';
    s.measures++;
  }
  if (sign) s.repeats = stepRepeat(s.repeats, sign, s.measures).state;
  s.openRepeat = repeatOpen(s.repeats);
  s.dur = { n: 0, d: 1 };
  s.last = null;
  s.lastSuffix = null;
  s.nextFactor = null;
  s.mustSuffix = null;
}
