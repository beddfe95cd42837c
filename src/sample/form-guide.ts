// The form guide: the shape of the tune the decoder writes, on top of the bar guide. A plan
// (src/sample/form-plan.ts) names the parts, each 8 bars, repeated or not (AABB, AB, ABC...).
// A part ends only where its bars add up to 8 (a pickup and a short last bar together count as
// one bar; within half a bar otherwise), with the bar line its plan asks for (`:|`, or endings
// `|1 ... :|2 ... ||`, for a repeated part; `||`, `|]`, `|:` or a plain `|` for one that is
// not); no part ends elsewhere; the tune ends when the last part does, and its last note is the
// tonic. It reads the bar guide's state (src/sample/bar-state.ts) character by character. Pure.
import { div, toNumber } from '../abc/fraction.js';
import { BAR_TEXTS, legalBar, limitOf } from '../abc/bar-rules.js';
import { type BarState, stepBar } from './bar-state.js';
import { LEN_SUFFIXES, pitchOf } from './bar-notes.js';
import type { FormPlan } from './form-plan.js';

const SLACK = 0.5 + 1e-9;
/** The whole tune plays a whole number of these, at least two (the parts before the last, a whole number of half ones). */
const PHRASE = 8;

export interface FormState {
  plan: FormPlan;
  /** The part being written; `plan.parts.length` once the tune is complete. */
  part: number;
  /** Bars of the current part so far (a pickup as its share of a bar); inside a second ending, counted from the first ending's start. */
  bars: number;
  /** `bars` where the part's repeat starts (after a `|:` that follows the anacrusis; else 0). */
  repeatFrom: number;
  /** 1 inside a first ending, 2 inside a second. */
  ending: 0 | 1 | 2;
  /** `bars` where the first ending started, and the part's length through the first ending. */
  endingFrom: number;
  firstPass: number;
  /** Bars played by the parts finished, repeats unfolded. */
  played: number;
  /** The tonic as a letter (upper case) and the accidental its name carries ('#', 'b' or ''). */
  tonic: { letter: string; acc: string };
  /** The last note, rest or chord finished was a single note on the tonic. */
  lastTonic: boolean;
  /** The tune must end on the tonic (off: only the parts are shaped). */
  tonicEnd: boolean;
}

/** The state at the start of a body in key `key` (a K: value such as `Dmix`, `F#min`). */
export function startForm(plan: FormPlan, key: string, tonicEnd = true): FormState {
  const m = /^([A-G])([#b]?)/.exec(key);
  return {
    plan, part: 0, bars: 0, repeatFrom: 0, ending: 0, endingFrom: 0, firstPass: 0, played: 0,
    tonic: { letter: m?.[1] ?? 'C', acc: m?.[2] ?? '' }, lastTonic: false, tonicEnd,
  };
}

/** The whole tune is written: only the end (or a line break before it) may follow. */
export function formDone(f: FormState): boolean {
  return f.part >= f.plan.parts.length;
}

const barsOf = (s: BarState) => toNumber(div(s.dur, s.full));
const near = (x: number, y: number) => Math.abs(x - y) <= SLACK;

/**
 * Bars played by the current part if it ends after `closed` of its bars: once if it is not
 * repeated; twice from where its repeat starts if it has no endings; else its first pass and the
 * second from the repeat's start through the second ending.
 */
function playedBy(f: FormState, closed: number): number {
  if (!f.plan.parts[f.part].repeat) return closed;
  return (f.ending === 0 ? closed : f.firstPass) + closed - f.repeatFrom;
}

/** Whether `total` bars played are a whole number of 8-bar phrases, at least two, when the tune ends here (before its last part, of half phrases, at least one). */
function wholePhrases(f: FormState, total: number): boolean {
  const last = f.part === f.plan.parts.length - 1;
  const phrase = last ? PHRASE : PHRASE / 2;
  return near(total, Math.max(last ? 2 : 1, Math.round(total / phrase)) * phrase);
}

/** The form after closing the bar of `s` with bar line `text`, or null when the form refuses it there. */
export function closeBar(f: FormState, s: BarState, text: string): FormState | null {
  if (formDone(f)) return null;
  const PART_BARS = f.plan.parts[f.part].bars;
  const closed = f.bars + barsOf(s);
  const at = near(closed, PART_BARS);
  const before = closed < PART_BARS - SLACK;
  const repeat = f.plan.parts[f.part].repeat;
  const nextRepeat = f.plan.parts[f.part + 1]?.repeat ?? false;
  const last = f.part === f.plan.parts.length - 1;
  const go = (changes: Partial<FormState>): FormState => ({ ...f, ...changes });
  // A part ends: the bars played so far stay whole phrases, and the tune's last bar line needs
  // its last note on the tonic.
  const ends = (): FormState | null => {
    const total = f.played + playedBy(f, closed);
    if (!wholePhrases(f, total) || (last && f.tonicEnd && !f.lastTonic)) return null;
    return { ...f, part: f.part + 1, bars: 0, repeatFrom: 0, ending: 0, endingFrom: 0, firstPass: 0, played: total };
  };
  // A part that is not repeated, or the second ending of one that is, closes with `||`, `|]`, `|:` (or a plain `|`).
  const closesPart = at && (repeat ? f.ending === 2 : f.ending === 0);
  switch (text) {
    case '|':
      if (before) return go({ bars: closed });
      return closesPart && !repeat ? ends() : null;
    case '||':
      return closesPart ? ends() : null;
    case '|]':
      return closesPart && last ? ends() : null;
    case '|:':
      // The body's start, or the end of the anacrusis, opens the first part's repeat.
      if (f.part === 0 && f.bars === 0 && closed < 1) return repeat ? go({ bars: closed, repeatFrom: closed }) : null;
      return closesPart && !last && nextRepeat ? ends() : null;
    case ':|':
      return at && repeat && f.ending === 0 ? ends() : null;
    case '::':
      return at && repeat && f.ending === 0 && !last && nextRepeat ? ends() : null;
    case '|1':
      return repeat && f.ending === 0 && before && closed >= PART_BARS - 2 - SLACK ? go({ bars: closed, ending: 1, endingFrom: closed }) : null;
    case ':|2':
      return f.ending === 1 && at ? go({ bars: f.endingFrom, ending: 2, firstPass: closed }) : null;
    default:
      return null; // third endings, `|2` without `:|`, `:|1`
  }
}

/** Whether some bar line starting with `text` may close the bar of `s` under both the bar rules and the form. */
export function barPrefixOk(f: FormState, s: BarState, text: string): boolean {
  return BAR_TEXTS.some((b) => b.startsWith(text) && legalBar(s, b) && closeBar(f, s, b) !== null);
}

/** In the last bar of the tune (the last part, not a first ending, and a full bar would reach its end). */
export function inLastBar(f: FormState, s: BarState): boolean {
  if (!f.tonicEnd || formDone(f) || f.part !== f.plan.parts.length - 1 || f.ending === 1) return false;
  return f.bars + toNumber(div(limitOf(s), s.full)) >= f.plan.parts[f.part].bars - SLACK;
}

const LENGTH_CHAR = /^[0-9/]$/;

/**
 * The most the bar of `s` may hold, in units: its limit, or, in a part's last bar, what the
 * part has left (a part that began with a pickup ends with a bar short by as much, as players
 * write it, so a repeat plays whole bars).
 */
export function capOf(f: FormState, s: BarState): number {
  const limit = toNumber(limitOf(s));
  if (formDone(f)) return limit;
  const part = f.plan.parts[f.part];
  const full = toNumber(s.full);
  const left = (part.bars - f.bars) * full;
  if (left < 1e-9 || left >= limit - 1e-9) return limit;
  // A full last bar is fine when the bars played still come out whole (a short pickup).
  return wholePhrases(f, f.played + playedBy(f, f.bars + limit / full)) ? limit : left;
}

/** The part may end at the end of the bar of `s` (its last bar, full or cut short). */
function partEndsInBar(f: FormState, s: BarState): boolean {
  return !formDone(f) && (f.plan.parts[f.part].bars - f.bars) * toNumber(s.full) <= toNumber(limitOf(s)) + 1e-9;
}

/** Room left in the bar of `s` under the form's cap, in units. */
const roomOf = (f: FormState, s: BarState) => capOf(f, s) - toNumber(s.dur);

/** The bar of `s` is a part's last, cut short by the part's pickup. */
const capped = (f: FormState, s: BarState) => capOf(f, s) < toNumber(limitOf(s)) - 1e-9;

/**
 * Whether the note being written in `s` (last bar, length suffix so far `s.text`) may end with
 * suffix `suffix` and leave the bar either full (then it must be the tonic) or with room for a
 * note of at least a unit (the tune's last note is not squeezed into a scrap of the bar).
 */
function endsWell(f: FormState, s: BarState, suffix: string): boolean {
  let t = s;
  for (const ch of suffix.slice(s.text.length)) {
    t = stepBar(t, ch);
    if (t.bad) return false;
  }
  const done = stepBar(t, '|'); // finishes the note (the bar line itself may not be allowed yet)
  const room = roomOf(f, done);
  if (room < -1e-9) return false;
  if (!inLastBar(f, s)) return true; // a part's capped last bar: the note fits
  return room < 1e-9 ? onTonic(f, t) : room >= 1 - 1e-9;
}

/** Whether character `ch` finishes the note, rest or chord being written in `s` (its length suffix ends). */
export function finishesElement(s: BarState, ch: string): boolean {
  if (s.mode !== 'len') return false;
  return !(LENGTH_CHAR.test(ch) || ((ch === "'" || ch === ',') && s.pitchOpen));
}

/** Whether the element being written in `s` is a single note on the tonic. */
export function onTonic(f: FormState, s: BarState): boolean {
  if (s.chord) return false;
  const p = s.pitchOpen ? pitchOf(s) : s.lastNote;
  if (!p || p.key[0].toUpperCase() !== f.tonic.letter) return false;
  const sounding = { '': f.tonic.acc, '=': '', '^': '#', _: 'b' }[p.acc];
  return p.acc === '' || sounding === f.tonic.acc;
}

/**
 * Whether the form allows `ch` after bar state `s` (`next` is the bar state after it, already
 * accepted by the bar guide), and the form after it (null when refused).
 */
export function stepForm(f: FormState, s: BarState, ch: string, next: BarState, depth = 0): FormState | null {
  let form = f;
  if (finishesElement(s, ch)) {
    const tonic = onTonic(f, s);
    const room = roomOf(f, next);
    if (room < -1e-9) return null; // past a part's end
    if (inLastBar(f, s) && next.tupletLeft === 0) {
      // The note that fills the tune's last bar is the tonic, and no note squeezes in a room of less than a unit before it.
      if ((!tonic && room < 1e-9) || (room > 1e-9 && room < 1 - 1e-9)) return null;
    }
    form = { ...form, lastTonic: tonic };
  }
  if (s.mode === 'bar' && next.mode !== 'bar') {
    const closed = closeBar(form, s, s.text);
    if (!closed) return null;
    form = closed;
  }
  if (formDone(form) && ch !== '\n' && next.mode !== 'bar') return null; // nothing after the last part
  if (next.mode === 'bar' && !barPrefixOk(form, next, next.text)) return null;
  // No tuplet or chord where the bar's end is tight, and no tie over a part's end.
  if ((ch === '(' || ch === '[') && (inLastBar(form, s) || capped(form, s))) return null;
  if (ch === '-' && partEndsInBar(form, s)) return null;
  if ((inLastBar(form, next) || capped(form, next)) && next.tupletLeft === 0) {
    // In the last bar (or a part's bar cut short), a note (rest, chord) being written must be able
    // to end well (see endsWell); an accidental, chord, tuplet or broken rhythm begun must lead to such a note.
    if (next.mode === 'len' && !LEN_SUFFIXES.some((t) => t.startsWith(next.text) && endsWell(form, next, t))) return null;
    if (LEADS.includes(next.mode) && depth < 4 && !AHEAD.some((c) => leadsOn(form, next, c, depth + 1))) return null;
  }
  return form;
}

/** Modes half way to a note, and the characters that may go on from them. */
const LEADS = ['acc', 'bracket', 'chord', 'tuplet', 'broken'];
const AHEAD = [...'CDEFGABcdefgabz^_=]23'];

function leadsOn(f: FormState, s: BarState, ch: string, depth: number): boolean {
  const next = stepBar(s, ch);
  return !next.bad && stepForm(f, s, ch, next, depth) !== null;
}
