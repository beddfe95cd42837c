// The bar guide's view of a tune body, one character at a time: how full the current bar is
// (tuplets and broken rhythm counted as src/abc/bars.ts counts them), which token is half
// written, and whether the last character broke a bar rule (overflowing the meter, closing a
// short bar where the validator would refuse it, a tie to another pitch, an undrawable length).
// The ABC lexer needs whole tokens, so this is a small state machine over the normal form's
// characters instead (note-level rules in bar-notes.ts, bar lines and repeats in src/abc/bar-rules.ts). Pure logic.
import { BROKEN } from '../abc/bars.js';
import { defaultTupletQ } from '../abc/body-resolve.js';
import { add, div, equals, frac, less, mul, ONE, sub, toNumber, ZERO, type Frac } from '../abc/fraction.js';
import { meterValue } from '../abc/key.js';
import { accBreaksTie, closePitch, drawable, LEN_SUFFIXES, LEN_VALUE, NO_PITCH, openPitch, PREFIX_MIN, type Pitch, type PitchCount, startTie } from './bar-notes.js';
import { BAR_TEXTS, type BarCount, commitBar, legalBar, limitOf, mayEndAfter, MIN_BARS, onPickupStep, startCount } from '../abc/bar-rules.js';

type Mode = 'idle' | 'acc' | 'len' | 'bracket' | 'chord' | 'field' | 'tuplet' | 'bar' | 'broken';

/** The bar count and repeats (bar-rules.ts), the pitch of notes and ties (bar-notes.ts), and: */
export interface BarState extends PitchCount, BarCount {
  meter: string;
  unit: Frac;
  mode: Mode;
  /** The half-written token: length suffix, chord or field text, tuplet spec, bar line or broken marks. */
  text: string;
  /** `len` mode: the length the suffix multiplies (a chord's first note), and whether `'`/`,` may follow. */
  base: Frac;
  octaveOk: boolean;
  /** `len` mode: the token is a chord (abcjs does not check a chord's length); the last note's written length in whole notes. */
  chord: boolean;
  written: Frac | null;
  /** After `>`/`<`: the bar's duration before the extra (the next note's factor and suffix are in BarCount). */
  brokenBase: Frac;
  tupletLeft: number;
  tupletFactor: Frac;
  /** The last note was a tuplet's or the second of a broken pair (broken rhythm may not join it:
   * abc2midi and the validator read the lengths differently). */
  lastJoined: boolean;
  /** An inline field was written in this bar. */
  fielded: boolean;
  /** The last character broke a rule. */
  bad: boolean;
  tie: Pitch | null;
}

/** Inline fields of the corpus's form: a meter, or a key with a mode (abcjs refuses others). */
const FIELDS = [
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].flatMap((n) => [2, 4, 8, 16].map((d) => `M:${n}/${d}`)),
  ...[...'ABCDEFG'].flatMap((k) => ['', 'b', '#'].flatMap((a) => ['maj', 'min', 'mix', 'dor'].map((m) => `K:${k}${a}${m}`))),
];
const NOTE = /^[A-Ga-g]$/;
/** A chord's inside so far: notes with an accidental, one octave mark and a length of the corpus's
 * (bar-notes.ts; abc2midi refuses a denominator that is not a power of two, `[A/3]`). */
const ACC = String.raw`(?:\^\^?|__?|=)`;
const LETTER = String.raw`(?:[A-G],?|[a-g]'?)`;
const CHORD_NOTE = String.raw`${ACC}?${LETTER}(?:\/4?|[2468]|3(?:\/[24])?)?`;
const CHORD = new RegExp(String.raw`^(?:${CHORD_NOTE})*(?:${ACC}|${ACC}?${LETTER}3\/)?$`);
const CHORD_DONE = new RegExp(`^(?:${CHORD_NOTE})+$`);
const FIRST_LEN = /^[\^_=]*[A-Ga-g][,']*([0-9/]*)/;
const DIGIT = /^[0-9]$/;
/** Tuplets of the corpus (`(3` in all but 14 of its 2,898): abcjs and abc2midi read other default
 * ratios (`(5`, `(7`, `(9`, and `(2` in some meters) differently, so those are written in full. */
const TUPLETS = ['3', '5:4', '6:4', '9:8'];

/** The state at the start of a body under meter `meter` ("n/d") and unit length `unit`. */
export function startState(meter: string, unit: Frac, minBars = MIN_BARS): BarState {
  return {
    meter, unit, ...startCount(div(meterValue(meter), unit), minBars), mode: 'idle', text: '', base: ONE, octaveOk: false,
    dur: ZERO, last: null, lastSuffix: null, brokenBase: ZERO, nextFactor: null, mustSuffix: null, tupletLeft: 0,
    tupletFactor: ONE, lastJoined: false, bad: false, fielded: false, chord: false, written: null, ...NO_PITCH,
  };
}

/** The shortest length a note may have (the `/4` suffix). */
const MIN_LEN = PREFIX_MIN.get('') as Frac;
/** The time a tuplet's notes after the current one need at the least: they end in its bar. */
const reserve = (s: BarState) => (s.tupletLeft > 1 ? mul(frac(s.tupletLeft - 1), mul(MIN_LEN, s.tupletFactor)) : ZERO);
const over = (s: BarState, len: Frac) => less(limitOf(s), add(add(s.dur, len), reserve(s)));
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
  if (s.tie) return false;
  if (s.mode === 'bar') return legalBar(s, s.text) && mayEndAfter(s, s.text);
  return !s.openRepeat && s.mode === 'idle' && s.dur.n === 0 && s.measures >= s.minBars && s.tupletLeft === 0;
}

function startTimed(s: BarState, mode: Mode, text: string): void {
  if (!less(s.dur, limitOf(s))) s.bad = true; // the bar is full
  // The shortest note (or, for a tuplet, the shortest pair of notes) must still fit.
  const min = mode === 'tuplet' ? mul(frac(2), MIN_LEN) : mul((s.mustSuffix !== null && LEN_VALUE.get(s.mustSuffix)) || MIN_LEN, factor(s));
  if (over(s, min) || (mode !== 'tuplet' && !tupletCanEnd(s, ''))) s.bad = true;
  s.mode = mode;
  s.text = text;
  s.base = ONE;
  s.octaveOk = mode === 'len' && text === '';
  s.chord = false;
  s.lastNote = null;
}

function idleChar(s: BarState, ch: string): void {
  if (NOTE.test(ch)) {
    startTimed(s, 'len', '');
    s.bad ||= openPitch(s, '', ch);
  } else if (ch === 'z') {
    startTimed(s, 'len', '');
    s.octaveOk = false;
    s.bad ||= s.tie !== null;
  } else if (ch === '^' || ch === '_' || ch === '=') {
    startTimed(s, 'acc', ch);
    s.bad ||= accBreaksTie(s, ch);
  }
  else if (ch === '[') {
    s.mode = 'bracket'; // a chord, or an inline field (then only at the start of a bar)
    if ((s.dur.n > 0 && !less(s.dur, limitOf(s))) || s.tie || s.tupletLeft > 0) s.bad = true; // no chord in a tuplet
    s.lastNote = null;
  } else if (ch === '(') {
    startTimed(s, 'tuplet', '');
    s.bad ||= s.carry !== null; // a pickup has no tuplet (it must come out exactly)
    s.bad ||= !TUPLETS.some((x) => tupletRoom(s, x));
    s.bad ||= s.tupletLeft > 0; // no tuplet inside a tuplet
  } else if (ch === '|' || ch === ':') {
    s.mode = 'bar';
    s.text = ch;
    s.bad = s.tupletLeft > 0 || !BAR_TEXTS.some((t) => t.startsWith(ch) && legalBar(s, t)); // a tuplet ends in its bar
    s.lastNote = null;
  } else if (ch === '>' || ch === '<') startBroken(s, ch);
  else if (ch === '-') s.bad = startTie(s) || s.tupletLeft > 0; // no tie inside a tuplet
  else s.bad = true; // a line break only follows a bar line (see barChar)
}

function accChar(s: BarState, ch: string): void {
  if (NOTE.test(ch)) {
    s.bad = openPitch(s, s.text, ch);
    s.mode = 'len';
    s.text = '';
    s.octaveOk = true;
  } else if (ch === s.text && ch !== '=') {
    s.text += ch;
    s.bad = accBreaksTie(s, s.text);
  } else {
    s.bad = true;
    s.mode = 'idle';
  }
}

function lenChar(s: BarState, ch: string): void {
  if ((ch === "'" || ch === ',') && s.pitchOpen) {
    const upper = s.noteKey[0] < 'a'; // abc2midi: `,` lowers only C-B, `'` raises only c-b
    if (!s.octaveOk || s.text !== '' || upper !== (ch === ',')) s.bad = true;
    s.noteKey += ch;
    if (s.tie && s.tie.key !== s.noteKey) s.bad = true; // the tie wants the same octave
    s.octaveOk = false; // one mark at most, as in the corpus
    return;
  }
  if (s.pitchOpen) s.bad = closePitch(s);
  const early = s.bad;
  if (DIGIT.test(ch) || ch === '/') {
    const t = s.text + ch;
    const min = PREFIX_MIN.get(t);
    s.octaveOk = false;
    s.text = t;
    if (!min || (s.mustSuffix !== null && !s.mustSuffix.startsWith(t)) || over(s, mul(mul(min, s.base), factor(s)))) s.bad = true;
    if (!tupletCanEnd(s, t)) s.bad = true;
    return;
  }
  if (ch === "'" || ch === ',') s.bad = true;
  finishNote(s);
  const bad = s.bad || early;
  idleChar(s, ch);
  s.bad ||= bad;
}

/** Ends the note, rest or chord whose length suffix is `s.text`, adding it to the bar. */
function finishNote(s: BarState): void {
  const written = LEN_VALUE.get(s.text);
  if (!written || (s.mustSuffix !== null && s.text !== s.mustSuffix)) s.bad = true;
  const len = mul(mul(written ?? ONE, s.base), factor(s));
  if (over(s, len)) s.bad = true;
  s.written = s.chord ? null : mul(written ?? ONE, s.unit);
  if (s.written && !drawable(mul(s.written, s.nextFactor ?? ONE))) s.bad = true;
  s.dur = add(s.dur, len);
  if (s.tupletLeft === 1 && !onPickupStep(s.dur)) s.bad = true; // a tuplet ends on a whole step
  s.last = len;
  s.lastSuffix = equals(s.base, ONE) ? s.text : null;
  s.lastJoined = s.tupletLeft > 0 || s.nextFactor !== null;
  if (s.tupletLeft > 0) s.tupletLeft--;
  s.nextFactor = null;
  s.mustSuffix = null;
  s.mode = 'idle';
  s.text = '';
}

/** The corpus lengths in quarter units (1 = `/4`), as whole numbers. */
const QUARTERS = new Set(LEN_SUFFIXES.map((u) => toNumber(div(LEN_VALUE.get(u) as Frac, MIN_LEN))));

/** Whether `left` notes of a tuplet (factor `f`) can follow duration `dur` and end on a whole
 * pickup step (bar-rules.ts) within `limit`. One note takes a corpus length; `left` notes take
 * any m quarter units from left to 4 * left (lengths `/4`, `/`, `3/4` and none add up to each). */
function tupletFits(dur: Frac, left: number, f: Frac, limit: Frac): boolean {
  const step = mul(MIN_LEN, f);
  const most = left === 1 ? 32 : 4 * left;
  for (let m = left, end = add(dur, mul(frac(m), step)); m <= most && !less(limit, end); m++, end = add(end, step)) {
    if ((left > 1 || QUARTERS.has(m)) && onPickupStep(end)) return true;
  }
  return false;
}

/** Inside a tuplet, for the note whose suffix begins `prefix`: some suffix lets the tuplet's
 * remaining notes end it on a whole pickup step within the bar. Outside one: true. */
function tupletCanEnd(s: BarState, prefix: string): boolean {
  if (s.tupletLeft === 0) return true;
  return LEN_SUFFIXES.some((u) => {
    if (!u.startsWith(prefix) || (s.mustSuffix !== null && u !== s.mustSuffix)) return false;
    const dur = add(s.dur, mul(mul(LEN_VALUE.get(u) as Frac, s.base), factor(s)));
    if (less(limitOf(s), dur)) return false;
    return s.tupletLeft === 1 ? onPickupStep(dur) : tupletFits(dur, s.tupletLeft - 1, s.tupletFactor, limitOf(s));
  });
}

function startBroken(s: BarState, ch: string): void {
  if (s.last === null || over(s, s.last)) s.bad = true; // the pair takes twice the first note
  if (s.lastJoined || s.tupletLeft > 0) s.bad = true; // no broken rhythm in or after a tuplet or pair
  s.mode = 'broken';
  s.text = ch;
  s.brokenBase = s.dur;
  s.lastNote = null;
  if (s.tie) s.bad = true;
  applyBroken(s);
}

function applyBroken(s: BarState): void {
  const pair = BROKEN[s.text];
  const last = s.last ?? ZERO;
  s.dur = add(s.brokenBase, mul(last, sub(pair[0], ONE)));
  if (less(s.dur, ZERO)) s.dur = ZERO;
  s.nextFactor = pair[1];
  s.mustSuffix = s.lastSuffix;
  if (s.written && (!drawable(mul(s.written, pair[0])) || !drawable(mul(s.written, pair[1])))) s.bad = true;
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
  if (ch === 'M' || ch === 'K') {
    s.mode = 'field';
    s.text = ch;
    s.bad = s.dur.n > 0 || s.fielded; // one inline field, at the start of a bar
    s.fielded = true;
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
    s.chord = true;
    // A chord with lengths inside takes no outer length, as in the corpus: abc2midi and abcjs
    // disagree on how the two combine.
    s.mustSuffix = /[A-Ga-g][,']*[0-9/]/.test(s.text) ? '' : null;
    const lens = new Set([...s.text.matchAll(/[A-Ga-g][,']*([0-9/]*)/g)].map((x) => x[1]));
    // inner lengths all alike (abc2midi and abcjs take a chord's length from different notes)
    s.bad = !m || !CHORD_DONE.test(s.text) || (s.mustSuffix === '' && (over(s, mul(s.base, factor(s))) || lens.size > 1));
    s.text = '';
  } else if (/^[A-Ga-g^_=,'0-9/]$/.test(ch)) {
    s.text += ch;
    const notes = (s.text.match(/[A-Ga-g]/g)?.length ?? 0) + (/[\^_=]$/.test(s.text) ? 1 : 0);
    s.bad = !CHORD.test(s.text) || notes > 4 || chordOver(s) || !alikeLengths(s.text); // up to four notes
  } else s.bad = true;
}

/** A chord's notes take one length (abc2midi and abcjs take a chord's length from different
 * notes): the note being written has a beginning of the others' suffix. */
function alikeLengths(text: string): boolean {
  const sufs = [...text.matchAll(/[A-Ga-g][,']*([0-9/]*)/g)].map((x) => x[1]);
  const open = /[A-Ga-g][,']*[0-9/]*$/.test(text);
  const done = open ? sufs.slice(0, -1) : sufs;
  if (done.some((x) => x !== done[0])) return false;
  return !open || done.length === 0 || done[0].startsWith(sufs[sufs.length - 1]);
}

/** Whether the chord written so far can no longer fit the bar: its first note's length times
 * the outer length (none when a note inside has a length), whatever comes next. */
function chordOver(s: BarState): boolean {
  const m = FIRST_LEN.exec(s.text);
  if (!m) return false;
  const first = m[1];
  const done = s.text.length > m[0].length; // another note follows the first
  let min: Frac | undefined;
  if (!done || (first === '' && !/[A-Ga-g][,']*[0-9/]/.test(s.text))) min = PREFIX_MIN.get(first);
  else min = LEN_VALUE.get(first);
  return min === undefined || over(s, mul(min, factor(s)));
}

function fieldChar(s: BarState, ch: string): void {
  if (ch !== ']') {
    s.text += ch;
    s.bad = !FIELDS.some((f) => f.startsWith(s.text));
    return;
  }
  s.bad = !FIELDS.includes(s.text);
  const m = /^M:(\d{1,2})\/(\d{1,2})$/.exec(s.text);
  if (m) {
    s.meter = `${m[1]}/${m[2]}`;
    s.full = div(meterValue(s.meter), s.unit);
  }
  s.mode = 'idle';
}

function tupletChar(s: BarState, ch: string): void {
  if (DIGIT.test(ch) || ch === ':') {
    s.text += ch;
    if (!TUPLETS.some((x) => x.startsWith(s.text) && tupletRoom(s, x))) s.bad = true;
    return;
  }
  const t = tupletOf(s, s.text);
  if (t) {
    s.tupletLeft = t.left;
    s.tupletFactor = t.factor;
  }
  s.mode = 'idle';
  s.text = '';
  idleChar(s, ch);
  if (!t) s.bad = true;
}

/** Whether tuplet `spec` can still be written whole in this bar. */
function tupletRoom(s: BarState, spec: string): boolean {
  const t = tupletOf(s, spec);
  return t !== undefined && tupletFits(s.dur, t.left, t.factor, limitOf(s));
}

/** The notes and time factor of tuplet spec `text` (`3`, `3:2`, `3:2:4`), if it is whole. */
function tupletOf(s: BarState, text: string): { left: number; factor: Frac } | undefined {
  if (!TUPLETS.includes(text)) return undefined;
  const [p, q] = text.split(':').map(Number);
  return { left: p, factor: frac(q || defaultTupletQ(p, s.meter), p) };
}

function barChar(s: BarState, ch: string): void {
  const t = s.text + ch;
  if (BAR_TEXTS.some((b) => b.startsWith(t))) {
    s.text = t;
    s.bad = !BAR_TEXTS.some((b) => b.startsWith(t) && legalBar(s, b));
    return;
  }
  const bad = !BAR_TEXTS.includes(s.text) || !legalBar(s, s.text);
  commitBar(s, s.text);
  s.accs = {}; // accidentals last to the bar line
  s.fielded = false;
  s.mode = 'idle';
  s.text = '';
  if (ch !== '\n') idleChar(s, ch);
  s.bad ||= bad;
}
