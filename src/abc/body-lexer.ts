// Lexer for one line of ABC music (after comments and field lines are removed).
// Linear time by construction: every step moves forward and only indexOf/character tests
// are used, so a 50 MB line of junk is read as fast as a tune. Non-music is skipped here.
import { frac, type Frac } from './fraction.js';
import { isPowerOfTwo } from './key.js';
import type { ChordNote, Token } from './body-tokens.js';

/** Returned instead of tokens when the line cannot be part of a tune we keep. */
export class LexError extends Error {}

const NOTE = /[A-Ga-g]/;
const DIGIT = /[0-9]/;
const MAX_LEN = 64;

interface Scan {
  s: string;
  i: number;
}

/** Appends the tokens of one line of music to `out`; throws LexError for unsupported input. */
export function lexLine(s: string, out: Token[]): void {
  const sc: Scan = { s, i: 0 };
  while (sc.i < s.length) lexOne(sc, out);
}

function lexOne(sc: Scan, out: Token[]): void {
  const c = sc.s[sc.i];
  if (c === '"') sc.i = skipPast(sc.s, sc.i + 1, '"');
  else if (c === '{') sc.i = skipPast(sc.s, sc.i + 1, '}');
  else if (c === '+' && oldChord(sc, out)) return;
  else if (c === '!' || c === '+') sc.i = skipDecoration(sc.s, sc.i);
  else if (c === '(') lexParen(sc, out);
  else if (c === '[') lexBracket(sc, out);
  else if (c === '|' || c === ':') lexBar(sc, out);
  else if (NOTE.test(c) || c === '^' || c === '_' || c === '=') lexNote(sc, out);
  else if (c === 'z' || c === 'x') lexRest(sc, out);
  else if (c === 'Z') lexMultiRest(sc, out);
  else if (c === '-') pushTie(sc, out);
  else if (c === '>' || c === '<') lexBroken(sc, out);
  else if (c === '&') throw new LexError('multi-voice');
  else sc.i++; // spaces, backticks, `\`, `$`, `y`, shorthand decorations, slur ends, stray marks
}

/** Index just after the next `ch` from `from`, or the end of the line when unclosed. */
function skipPast(s: string, from: number, ch: string): number {
  const j = s.indexOf(ch, from);
  return j < 0 ? s.length : j + 1;
}

/**
 * `!trill!` / `+trill+` decorations are skipped whole. A `!` with no closing `!` before the
 * next space or bar line is Aird-style line-break punctuation and is skipped alone.
 */
function skipDecoration(s: string, i: number): number {
  const j = s.indexOf(s[i], i + 1);
  if (j < 0 || j - i > 40) return i + 1;
  const inner = s.slice(i + 1, j);
  return /^[^\s|]+$/.test(inner) ? j + 1 : i + 1;
}

/** Notes only (accidentals, octave marks, lengths), at least two different letters. */
const OLD_CHORD = /^(?:[\^_=]*[A-Ga-g][,']*[0-9/]*)+$/;

/**
 * `+E3A3+` is a chord in the ABC of before 2.0 (abc2win, O'Neill's transcriptions); a `+...+`
 * holding only notes of two or more letters is read as `[E3A3]`. `+f+`, `+ff+` are dynamics.
 */
function oldChord(sc: Scan, out: Token[]): boolean {
  const j = sc.s.indexOf('+', sc.i + 1);
  if (j < 0 || j - sc.i > 40) return false;
  const inner = sc.s.slice(sc.i + 1, j);
  if (!OLD_CHORD.test(inner) || new Set(inner.replace(/[^A-Ga-g]/g, '').toLowerCase()).size < 2) return false;
  lexChord({ s: `[${inner}]`, i: 0 }, out);
  sc.i = j + 1;
  return true;
}

function readInt(sc: Scan, maxDigits: number): number | undefined {
  const start = sc.i;
  while (sc.i < sc.s.length && DIGIT.test(sc.s[sc.i])) sc.i++;
  if (sc.i === start) return undefined;
  if (sc.i - start > maxDigits) throw new LexError('bad length');
  return Number(sc.s.slice(start, sc.i));
}

/** A length suffix (`2`, `/`, `//`, `3/2`, `/4`) as a multiple of the unit length. */
function readLength(sc: Scan): Frac {
  const n = readInt(sc, 3) ?? 1;
  let d = 1;
  while (sc.s[sc.i] === '/') {
    sc.i++;
    d *= readInt(sc, 3) ?? 2;
    if (d > MAX_LEN) throw new LexError('bad length');
  }
  if (n === 0 || d === 0 || n > MAX_LEN) throw new LexError('bad length');
  const len = frac(n, d);
  if (!isPowerOfTwo(len.d)) throw new LexError('bad length'); // `A/3`: abc2midi refuses it
  return len;
}

/** Accidental, letter and octave marks as canonical pitch text (`c,` -> `C`, `C'` -> `c`). */
function readPitch(sc: Scan): string | undefined {
  const s = sc.s;
  let acc = '';
  if (s[sc.i] === '=') acc = s[sc.i++];
  else if (s[sc.i] === '^' || s[sc.i] === '_') {
    acc = s[sc.i++];
    if (s[sc.i] === acc) acc += s[sc.i++];
  }
  const letter = s[sc.i];
  if (letter === undefined || !NOTE.test(letter)) return undefined;
  sc.i++;
  let octave = letter === letter.toUpperCase() ? 0 : 1;
  for (; s[sc.i] === "'" || s[sc.i] === ','; sc.i++) octave += s[sc.i] === "'" ? 1 : -1;
  const up = letter.toUpperCase();
  const mark = octave <= 0 ? ','.repeat(-octave) : "'".repeat(octave - 1);
  return acc + (octave <= 0 ? up : up.toLowerCase()) + mark;
}

function lexNote(sc: Scan, out: Token[]): void {
  const pitch = readPitch(sc);
  if (pitch === undefined) return; // a stray accidental: readPitch has moved past it
  out.push({ kind: 'note', pitch, len: readLength(sc) });
}

function lexRest(sc: Scan, out: Token[]): void {
  const invisible = sc.s[sc.i++] === 'x';
  const len = readLength(sc);
  out.push(invisible ? { kind: 'rest', len, invisible } : { kind: 'rest', len });
}

function lexMultiRest(sc: Scan, out: Token[]): void {
  sc.i++;
  const bars = readInt(sc, 3) ?? 1;
  if (bars > 0) out.push({ kind: 'multirest', bars });
}

function pushTie(sc: Scan, out: Token[]): void {
  sc.i++;
  const prev = out[out.length - 1];
  if (prev && (prev.kind === 'note' || prev.kind === 'chord')) out.push({ kind: 'tie' });
}

function lexBroken(sc: Scan, out: Token[]): void {
  const c = sc.s[sc.i];
  const start = sc.i;
  while (sc.s[sc.i] === c) sc.i++;
  if (sc.i - start > 3) throw new LexError('bad broken rhythm');
  out.push({ kind: 'broken', text: sc.s.slice(start, sc.i) });
}

/** `(3`, `(3:2:3`, `(5::2` are tuplets; any other `(` opens a slur and is dropped. */
function lexParen(sc: Scan, out: Token[]): void {
  sc.i++;
  if (!DIGIT.test(sc.s[sc.i] ?? '')) return;
  const p = readInt(sc, 2) ?? 0;
  let q = 0;
  let r = 0;
  if (sc.s[sc.i] === ':') {
    sc.i++;
    q = readInt(sc, 2) ?? 0;
    if (sc.s[sc.i] === ':') {
      sc.i++;
      r = readInt(sc, 2) ?? 0;
    }
  }
  if (p < 2 || p > 9) throw new LexError('unsupported tuplet');
  if (out[out.length - 1]?.kind === 'tuplet') out.pop(); // `(3(3EFG`: a tuplet mark written twice
  out.push({ kind: 'tuplet', p, q, r });
}

function lexBracket(sc: Scan, out: Token[]): void {
  const next = sc.s[sc.i + 1] ?? '';
  if (next === '|') return lexBar(sc, out);
  if (DIGIT.test(next)) {
    sc.i++;
    out.push({ kind: 'bar', text: '', ending: readEnding(sc) });
  } else if (/[A-Za-z]/.test(next) && sc.s[sc.i + 2] === ':') lexInlineField(sc, out);
  else lexChord(sc, out);
}

function lexInlineField(sc: Scan, out: Token[]): void {
  const key = sc.s[sc.i + 1];
  const end = sc.s.indexOf(']', sc.i);
  const stop = end < 0 ? sc.s.length : end;
  const value = sc.s.slice(sc.i + 3, stop).trim();
  sc.i = stop + 1;
  if (key === 'V') throw new LexError('multi-voice');
  if (key === 'K' || key === 'M' || key === 'L') out.push({ kind: 'field', key, value });
}

function lexChord(sc: Scan, out: Token[]): void {
  const s = sc.s;
  const end = s.indexOf(']', sc.i);
  if (end < 0) throw new LexError('malformed chord');
  const notes: ChordNote[] = [];
  sc.i++;
  while (sc.i < end) {
    const c = s[sc.i];
    if (c === '"') sc.i = skipPast(s, sc.i + 1, '"');
    else if (c === '!' || c === '+') sc.i = skipDecoration(s, sc.i);
    else if (NOTE.test(c) || c === '^' || c === '_' || c === '=') {
      const pitch = readPitch(sc);
      if (pitch === undefined) continue;
      const len = readLength(sc);
      const tie = s[sc.i] === '-';
      if (tie) sc.i++;
      notes.push({ pitch, len, tie });
    } else if (/[\s.~()`HLMOPSTuv]/.test(c)) sc.i++;
    else throw new LexError('malformed chord');
  }
  if (sc.i !== end) throw new LexError('malformed chord');
  sc.i = end + 1;
  const len = readLength(sc);
  if (notes.length > 0) out.push({ kind: 'chord', notes, len });
}

/** Ending numbers after a bar: `1`, `2`, `1,3`, `1-2`. */
function readEnding(sc: Scan): string {
  const start = sc.i;
  while (sc.i < sc.s.length && /[0-9,\-]/.test(sc.s[sc.i]) && sc.i - start < 8) sc.i++;
  return sc.s.slice(start, sc.i).replace(/[,\-]+$/, '');
}

function lexBar(sc: Scan, out: Token[]): void {
  const s = sc.s;
  let raw = '';
  for (;;) {
    const c = s[sc.i];
    const ok = c === '|' || c === ':' || (c === '[' && s[sc.i + 1] === '|') || (c === ']' && raw.endsWith('|'));
    if (!ok || raw.length > 12) break;
    raw += c;
    sc.i++;
  }
  let ending = '';
  if (DIGIT.test(s[sc.i] ?? '')) ending = readEnding(sc);
  else if (s[sc.i] === '[' && DIGIT.test(s[sc.i + 1] ?? '')) {
    sc.i++;
    ending = readEnding(sc);
  }
  const text = canonBar(raw);
  if (text !== '' || ending !== '') out.push({ kind: 'bar', text, ending });
}

/** `:|:`, `:||:`, `::` -> `::`; `[|`, `||` -> `||`; `|]` stays; a lone `:` is dropped. */
export function canonBar(raw: string): string {
  const first = raw.indexOf('|');
  if (first < 0) return raw.length >= 2 ? '::' : '';
  const last = raw.lastIndexOf('|');
  const left = raw.slice(0, first).includes(':');
  const right = raw.slice(last + 1).includes(':');
  if (left && right) return '::';
  if (left) return ':|';
  if (right) return '|:';
  if (raw.includes(']')) return '|]';
  const pipes = raw.split('|').length - 1;
  return pipes >= 2 || raw.includes('[') ? '||' : '|';
}
