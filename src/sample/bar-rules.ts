// Where a bar may end, following the validator (src/abc/validate-lengths.ts): a full bar
// anywhere; any first bar (the anacrusis); a short bar only at a section end (`||`, `:|`, `|]`,
// `::`, `|:`), and then the next bar must be the pickup that completes it (or, after `:|`, a
// full bar). Repeats and endings follow src/abc/validate-repeats.ts (and abc2midi): one first
// ending per repeat, a new ending only once the one before is closed (`:|2`, not `|1 ... |2`),
// no `::` after a `:|` until a `|:` opens a repeat again; `|]` ends the tune, as in the corpus.
// Shared by the bar guide's state machine. Pure logic.
import { equals, sub, type Frac } from '../abc/fraction.js';

/** The state these rules read and update (a subset of BarState). */
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
  repeatEnd: boolean;
  /** A `|:` (or `::`) waits for its `:|`: the tune may not end yet. */
  openRepeat: boolean;
  /** A `:|` closed the last repeat and no `|:` opened another (a first ending is refused). */
  repeatClosed: boolean;
  /** A first ending was seen since the last `|:` or `::` (a later ending may follow). */
  sawFirst: boolean;
  /** Inside a second or later ending (a bare `:|` may not close it). */
  laterEnding: boolean;
  /** Inside an ending no `||`, `|]`, `|:`, `:|` or `::` has closed yet (abc2midi: another may not start). */
  inVariant: boolean;
  /** A tie waits for its note (the tune may not end on `|]`). */
  tie: object | null;
}

/** Bar lines of the normal form, with the endings they may carry. */
export const BAR_TEXTS = ['|', '||', '|]', '|:', ':|', '::', ...['1', '2', '3'].flatMap((n) => [`|${n}`, `:|${n}`])];

/** A bar line other than a plain `|` (with or without an ending number). */
export function isSoftBar(text: string): boolean {
  return text.replace(/[0-9]+$/, '') !== '|';
}

/** The longest the current bar may grow: the pickup owed to a short section end, else a full bar. */
export function limitOf(s: BarCount): Frac {
  return s.carry && !s.repeatEnd ? s.carry : s.full;
}

/** A pickup is followed by `|` or `|:` (abc2midi miscounts one closed by a repeat or section end). */
const PICKUP_ENDS = ['|', '|:'];

/** Whether the current bar may be closed now by bar line `text`. */
export function canClose(s: BarCount, text: string): boolean {
  if (s.dur.n === 0) return s.measures === 0; // `|:` opening the body; never two bar lines in a row
  const full = equals(s.dur, s.full);
  if (s.measures === 0) return full || PICKUP_ENDS.includes(text); // the anacrusis
  if (s.carry) return (equals(s.dur, s.carry) && PICKUP_ENDS.includes(text)) || (s.repeatEnd && full);
  return full || isSoftBar(text);
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

/** Whether bar line `text` keeps repeats and endings balanced the way the validator reads them. */
export function repeatOk(s: BarCount, text: string): boolean {
  const n = /[0-9]$/.exec(text)?.[0];
  if (text === '|:') return !s.openRepeat;
  if (text === '|]') return !s.openRepeat && !s.tie && enoughBars(s);
  if (text === ':|') return !s.laterEnding;
  if (text === '::') return !s.repeatClosed; // abc2midi: "found :: before |:"
  if (n !== undefined && s.inVariant && !text.startsWith(':|')) return false; // `|1 ... |1`, `:|2 ... |3`
  if (n === '1') return text === '|1' && !s.repeatClosed; // `:|1` closes the repeat first
  return n === undefined || s.sawFirst;
}

/** Whether the current bar may be closed now by bar line `text` (lengths, repeats, endings). */
export function legalBar(s: BarCount, text: string): boolean {
  return canClose(s, text) && repeatOk(s, text);
}

/** Updates the repeat state for bar line `text`, in the validator's order (`:|` before its ending). */
function applyRepeat(s: BarCount, text: string): void {
  if (text !== '|') s.inVariant = /[0-9]$/.test(text); // every other bar line closes an ending
  if (text === '::') Object.assign(s, { openRepeat: true, repeatClosed: false, sawFirst: false });
  else if (text.startsWith(':|')) Object.assign(s, { openRepeat: false, repeatClosed: true, laterEnding: false });
  const n = /[0-9]$/.exec(text)?.[0];
  // A first ending holds the repeat open until its `:|`, as an open `|:` does.
  if (n === '1') Object.assign(s, { sawFirst: true, laterEnding: false, openRepeat: true });
  else if (n) s.laterEnding = true;
  if (text === '|:') Object.assign(s, { openRepeat: true, repeatClosed: false, sawFirst: false, laterEnding: false });
}

/** Closes the current bar with bar line `text`: counts it and notes what a short one leaves owing. */
export function commitBar(s: BarCount, text: string): void {
  if (s.dur.n > 0) {
    const short = s.measures > 0 && !s.carry && !equals(s.dur, s.full);
    s.carry = short ? sub(s.full, s.dur) : null;
    s.repeatEnd = short && text.startsWith(':|');
    s.measures++;
  }
  applyRepeat(s, text);
  s.dur = { n: 0, d: 1 };
  s.last = null;
  s.lastSuffix = null;
  s.nextFactor = null;
  s.mustSuffix = null;
}
