// The bar guide's view of a tune body, one character at a time: how full the current bar is
// (tuplets and broken rhythm counted as src/abc/bars.ts counts them), which token is half
// written, and whether the last character broke a bar rule (overflowing the meter, closing a
// short bar where the validator would refuse it, a tie to another pitch, an undrawable length).
// The ABC lexer needs whole tokens, so this is a small state machine over the normal form's
// characters instead (note-level rules in bar-notes.ts, bar lines in bar-rules.ts). Pure logic.
import { BROKEN } from '../abc/bars.js';
import { defaultTupletQ } from '../abc/body-resolve.js';
import { add, div, equals, frac, less, mul, ONE, sub, ZERO, type Frac } from '../abc/fraction.js';
import { meterValue } from '../abc/key.js';
import { accBreaksTie, closePitch, drawable, LEN_VALUE, NO_PITCH, openPitch, PREFIX_MIN, type Pitch, type PitchCount, startTie } from './bar-notes.js';
import { BAR_TEXTS, type BarCount, commitBar, enoughBars, legalBar, limitOf, MIN_BARS } from './bar-rules.js';

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
/** A chord's inside so far: notes with an accidental, one octave mark and a short length. */
const CHORD_NOTE = String.raw`(?:\^\^?|__?|=)?(?:[A-G],?|[a-g]'?)(?:[1-9]?(?:\/[1-9]?)?)`;
const CHORD = new RegExp(String.raw`^(?:${CHORD_NOTE})*(?:\^\^?|__?|=)?$`);
const CHORD_DONE = new RegExp(`^(?:${CHORD_NOTE})+$`);
const DIGIT = /^[0-9]$/;
const TUPLET_PREFIX = /^[2-9](:[1-9]?(:[1-9]?)?)?$/;
const TUPLET = /^([2-9])(?::([1-9])(?::([1-9]))?)?$/;

/** The state at the start of a body under meter `meter` ("n/d") and unit length `unit`. */
export function startState(meter: string, unit: Frac, minBars = MIN_BARS): BarState {
  return {
    meter, unit, full: div(meterValue(meter), unit), mode: 'idle', text: '', base: ONE, octaveOk: false, dur: ZERO,
    last: null, lastSuffix: null, brokenBase: ZERO, nextFactor: null, mustSuffix: null, tupletLeft: 0, tupletFactor: ONE,
    measures: 0, minBars, carry: null, repeatEnd: false, openRepeat: false, repeatClosed: false, sawFirst: false, laterEnding: false,
    inVariant: false, bad: false, fielded: false, chord: false, written: null, ...NO_PITCH,
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
  if (s.tie) return false;
  if (s.mode === 'bar') return BAR_TEXTS.includes(s.text) && legalBar(s, s.text) && !s.text.endsWith(':') && (!s.openRepeat || s.text.startsWith(':|')) && enoughBars(s);
  return !s.openRepeat && s.mode === 'idle' && s.dur.n === 0 && s.measures >= s.minBars && s.tupletLeft === 0;
}

function startTimed(s: BarState, mode: Mode, text: string): void {
  if (!less(s.dur, limitOf(s))) s.bad = true; // the bar is full
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
    if ((s.dur.n > 0 && !less(s.dur, limitOf(s))) || s.tie) s.bad = true;
    s.lastNote = null;
  } else if (ch === '(') {
    startTimed(s, 'tuplet', '');
    s.bad ||= s.tupletLeft > 0; // no tuplet inside a tuplet
  } else if (ch === '|' || ch === ':') {
    s.mode = 'bar';
    s.text = ch;
    s.bad = s.tupletLeft > 0 || !BAR_TEXTS.some((t) => t.startsWith(ch) && legalBar(s, t)); // a tuplet ends in its bar
    s.lastNote = null;
  } else if (ch === '>' || ch === '<') startBroken(s, ch);
  else if (ch === '-') s.bad = startTie(s);
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
  if (s.written && !drawable(mul(s.written, pair[0]))) s.bad = true;
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
    s.bad = !m || !CHORD_DONE.test(s.text);
    s.text = '';
  } else if (/^[A-Ga-g^_=,'0-9/]$/.test(ch)) {
    s.text += ch;
    s.bad = !CHORD.test(s.text) || (s.text.match(/[A-Ga-g]/g)?.length ?? 0) > 4; // up to four notes
  } else s.bad = true;
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
