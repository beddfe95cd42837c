// The bar guide's view of a tune body, one character at a time: how full the current bar is
// (tuplets and broken rhythm counted as src/abc/bars.ts counts them), which token is half
// written, and whether the last character broke a bar rule (overflowing the meter, closing a
// short bar where the validator would refuse it). The ABC lexer needs whole tokens, so this is
// a small state machine over the normal form's characters instead. Pure logic, no tf.
import { BROKEN } from '../abc/bars.js';
import { defaultTupletQ } from '../abc/body-resolve.js';
import { add, div, equals, formatLength, frac, less, mul, ONE, sub, ZERO, type Frac } from '../abc/fraction.js';
import { meterValue } from '../abc/key.js';
import { BAR_TEXTS, canClose, commitBar, limitOf } from './bar-rules.js';

type Mode = 'idle' | 'acc' | 'len' | 'bracket' | 'chord' | 'field' | 'tuplet' | 'bar' | 'broken';

export interface BarState {
  meter: string;
  unit: Frac;
  /** A full bar under the meter in force, in unit lengths. */
  full: Frac;
  mode: Mode;
  /** The half-written token: length suffix, chord or field text, tuplet spec, bar line or broken marks. */
  text: string;
  /** `len` mode: the length the suffix multiplies (a chord's first note), and whether `'`/`,` may follow. */
  base: Frac;
  octaveOk: boolean;
  /** Duration of the current bar so far (finished notes, broken-rhythm extras). */
  dur: Frac;
  /** Effective length and written suffix of the bar's last note (for `>`/`<`). */
  last: Frac | null;
  lastSuffix: string | null;
  /** After `>`/`<`: the bar's duration before the extra, the next note's factor and its required suffix. */
  brokenBase: Frac;
  nextFactor: Frac | null;
  mustSuffix: string | null;
  tupletLeft: number;
  tupletFactor: Frac;
  /** Bars with notes closed so far. */
  measures: number;
  /** What is missing from the last closed bar when it was short at a section end; `repeatEnd`: it closed with `:|`. */
  carry: Frac | null;
  repeatEnd: boolean;
  openRepeat: boolean;
  /** The last character broke a rule. */
  bad: boolean;
}

/** Normal-form length suffixes (n/d, n <= 16, d <= 16) and, for every beginning of one, the smallest length it can still become. */
const LEN_VALUE = new Map<string, Frac>();
const PREFIX_MIN = new Map<string, Frac>();
for (let n = 1; n <= 16; n++) {
  for (const d of [1, 2, 4, 8, 16]) {
    const f = frac(n, d);
    const t = formatLength(f);
    LEN_VALUE.set(t, f);
    for (let i = 0; i <= t.length; i++) {
      const p = t.slice(0, i);
      const m = PREFIX_MIN.get(p);
      if (!m || less(f, m)) PREFIX_MIN.set(p, f);
    }
  }
}

const NOTE = /^[A-Ga-g]$/;
const DIGIT = /^[0-9]$/;
const TUPLET_PREFIX = /^[2-9](:[1-9]?(:[1-9]?)?)?$/;
const TUPLET = /^([2-9])(?::([1-9])(?::([1-9]))?)?$/;

/** The state at the start of a body under meter `meter` ("n/d") and unit length `unit`. */
export function startState(meter: string, unit: Frac): BarState {
  return {
    meter, unit, full: div(meterValue(meter), unit), mode: 'idle', text: '', base: ONE, octaveOk: false, dur: ZERO,
    last: null, lastSuffix: null, brokenBase: ZERO, nextFactor: null, mustSuffix: null, tupletLeft: 0, tupletFactor: ONE,
    measures: 0, carry: null, repeatEnd: false, openRepeat: false, bad: false,
  };
}

const over = (s: BarState, len: Frac) => less(limitOf(s), add(s.dur, len));
const factor = (s: BarState) => mul(s.tupletLeft > 0 ? s.tupletFactor : ONE, s.nextFactor ?? ONE);

/** The state after `ch`; `bad` tells whether `ch` broke a rule (the state is still followed). */
export function stepBar(prev: BarState, ch: string): BarState {
  const s: BarState = { ...prev, bad: false };
  if (s.mode === 'len') lenChar(s, ch);
  else if (s.mode === 'acc') accChar(s, ch);
  else if (s.mode === 'bracket') bracketChar(s, ch);
  else if (s.mode === 'chord') chordChar(s, ch);
  else if (s.mode === 'field') fieldChar(s, ch);
  else if (s.mode === 'tuplet') tupletChar(s, ch);
  else if (s.mode === 'bar') barChar(s, ch);
  else if (s.mode === 'broken') brokenChar(s, ch);
  else idleChar(s, ch);
  return s;
}

/** True when the tune may end after this state (a legal bar line just finished, no `|:` left open). */
export function endAllowed(s: BarState): boolean {
  if (s.mode === 'bar') return BAR_TEXTS.includes(s.text) && canClose(s, s.text) && !s.text.endsWith(':') && (!s.openRepeat || s.text.startsWith(':|'));
  return !s.openRepeat && s.mode === 'idle' && s.dur.n === 0 && s.measures > 0 && s.tupletLeft === 0;
}

function startTimed(s: BarState, mode: Mode, text: string): void {
  if (!less(s.dur, limitOf(s))) s.bad = true; // the bar is full
  s.mode = mode;
  s.text = text;
  s.base = ONE;
  s.octaveOk = mode === 'len' && text === '';
}

function idleChar(s: BarState, ch: string): void {
  if (NOTE.test(ch)) startTimed(s, 'len', '');
  else if (ch === 'z') {
    startTimed(s, 'len', '');
    s.octaveOk = false;
  } else if (ch === '^' || ch === '_' || ch === '=') startTimed(s, 'acc', ch);
  else if (ch === '[') {
    s.mode = 'bracket'; // a chord, or an inline field (then only at the start of a bar)
    if (s.dur.n > 0 && !less(s.dur, limitOf(s))) s.bad = true;
  } else if (ch === '(') startTimed(s, 'tuplet', '');
  else if (ch === '|' || ch === ':') {
    s.mode = 'bar';
    s.text = ch;
    s.bad = !BAR_TEXTS.some((t) => t.startsWith(ch) && canClose(s, t));
  } else if (ch === '>' || ch === '<') startBroken(s, ch);
  else if (ch === '-') s.bad = s.last === null && s.measures === 0;
  else if (ch !== '\n') s.bad = true;
}

function accChar(s: BarState, ch: string): void {
  if (NOTE.test(ch)) {
    s.mode = 'len';
    s.text = '';
    s.octaveOk = true;
  } else if (ch === s.text && ch !== '=') s.text += ch;
  else {
    s.bad = true;
    s.mode = 'idle';
  }
}

function lenChar(s: BarState, ch: string): void {
  if (ch === "'" || ch === ',') {
    if (!s.octaveOk || s.text !== '') s.bad = true;
    return;
  }
  if (DIGIT.test(ch) || ch === '/') {
    const t = s.text + ch;
    const min = PREFIX_MIN.get(t);
    s.octaveOk = false;
    s.text = t;
    if (!min || (s.mustSuffix !== null && !s.mustSuffix.startsWith(t)) || over(s, mul(mul(min, s.base), factor(s)))) s.bad = true;
    return;
  }
  finishNote(s);
  const bad = s.bad;
  idleChar(s, ch);
  s.bad ||= bad;
}

/** Ends the note, rest or chord whose length suffix is `s.text`, adding it to the bar. */
function finishNote(s: BarState): void {
  const written = LEN_VALUE.get(s.text);
  if (!written || (s.mustSuffix !== null && s.text !== s.mustSuffix)) s.bad = true;
  const len = mul(mul(written ?? ONE, s.base), factor(s));
  if (over(s, len)) s.bad = true;
  s.dur = add(s.dur, len);
  s.last = len;
  s.lastSuffix = equals(s.base, ONE) ? s.text : null;
  if (s.tupletLeft > 0) s.tupletLeft--;
  s.nextFactor = null;
  s.mustSuffix = null;
  s.mode = 'idle';
  s.text = '';
}

function startBroken(s: BarState, ch: string): void {
  if (s.last === null || over(s, s.last)) s.bad = true; // the pair takes twice the first note
  s.mode = 'broken';
  s.text = ch;
  s.brokenBase = s.dur;
  applyBroken(s);
}

function applyBroken(s: BarState): void {
  const pair = BROKEN[s.text];
  const last = s.last ?? ZERO;
  s.dur = add(s.brokenBase, mul(last, sub(pair[0], ONE)));
  if (less(s.dur, ZERO)) s.dur = ZERO;
  s.nextFactor = pair[1];
  s.mustSuffix = s.lastSuffix;
}

function brokenChar(s: BarState, ch: string): void {
  if (ch === s.text[0] && s.text.length < 3) {
    s.text += ch;
    applyBroken(s);
    return;
  }
  s.mode = 'idle';
  s.text = '';
  const timed = NOTE.test(ch) || ch === 'z' || ch === '^' || ch === '_' || ch === '=';
  idleChar(s, ch);
  if (!timed) s.bad = true; // `>` joins two notes
}

function bracketChar(s: BarState, ch: string): void {
  if (ch === 'M' || ch === 'K' || ch === 'L') {
    s.mode = 'field';
    s.text = ch;
    return;
  }
  s.mode = 'chord';
  s.text = '';
  if (!less(s.dur, limitOf(s))) s.bad = true;
  chordChar(s, ch);
}

function chordChar(s: BarState, ch: string): void {
  if (ch === ']') {
    const m = /^[\^_=]*[A-Ga-g][,']*([0-9/]*)/.exec(s.text);
    s.mode = 'len';
    s.base = (m && LEN_VALUE.get(m[1])) || ONE;
    s.octaveOk = false;
    s.mustSuffix = null;
    s.bad = !m;
    s.text = '';
  } else if (/^[A-Ga-g^_=,'0-9/-]$/.test(ch)) s.text += ch;
  else s.bad = true;
}

function fieldChar(s: BarState, ch: string): void {
  if (ch === '\n' || ch === '|' || ch === '[') s.bad = true;
  else if (ch !== ']') {
    s.text += ch;
    return;
  }
  const m = /^M:(\d{1,2})\/(\d{1,2})$/.exec(s.text);
  if (ch === ']' && m && Number(m[1]) > 0 && Number(m[2]) > 0) {
    s.meter = `${m[1]}/${m[2]}`;
    s.full = div(meterValue(s.meter), s.unit);
  }
  if (ch === ']') s.mode = 'idle';
}

function tupletChar(s: BarState, ch: string): void {
  if (DIGIT.test(ch) || ch === ':') {
    s.text += ch;
    if (!TUPLET_PREFIX.test(s.text)) s.bad = true;
    return;
  }
  const m = TUPLET.exec(s.text);
  if (m) {
    const p = Number(m[1]);
    s.tupletLeft = Number(m[3] ?? p);
    s.tupletFactor = frac(Number(m[2] ?? defaultTupletQ(p, s.meter)), p);
  }
  s.mode = 'idle';
  s.text = '';
  idleChar(s, ch);
  if (!m) s.bad = true;
}

function barChar(s: BarState, ch: string): void {
  const t = s.text + ch;
  if (BAR_TEXTS.some((b) => b.startsWith(t))) {
    s.text = t;
    s.bad = !BAR_TEXTS.some((b) => b.startsWith(t) && canClose(s, b));
    return;
  }
  const bad = !BAR_TEXTS.includes(s.text) || !canClose(s, s.text);
  commitBar(s, s.text);
  s.mode = 'idle';
  s.text = '';
  idleChar(s, ch);
  s.bad ||= bad;
}
