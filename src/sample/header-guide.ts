// Constrained decoding of a tune's header: which characters the model may write next, given
// the text so far and the requested title, meter, key and opening notes. The model's text is
// `T:title\nM:m\nL:l\nK:key\n<body>`; a requested field is forced character by character, an
// unrequested one is written by the model within the normal form's grammar for that field
// (M: n/d with n <= 16 and d in 1..16, L: 1/d, K: tonic + mode), so the header always parses;
// the body keeps to normal-form characters, never begins a line with a letter and a colon
// (`A:|`, which ABC readers take for a header field) and may not end before its 4th bar line.
// Pure logic.

export interface Conditions {
  title?: string;
  meter?: string;
  /** Normalised key, e.g. "Ador". */
  key?: string;
  /** Body text forced right after the K: line. */
  prime?: string;
  /** When set, a title the model writes is made of this lexicon's words (src/sample/title-lexicon.ts). */
  lexicon?: Lexicon;
}

/** What may come next: one forced character, or any character but the banned ones. */
export interface Guide {
  /** The only character allowed next. */
  force?: string;
  /** When set, only these characters are allowed. */
  only?: string;
  /** Characters not allowed next. */
  ban?: string;
  /** When set, only characters it accepts are allowed. */
  accept?: (ch: string) => boolean;
  /** The tune may not end here. */
  noEnd: boolean;
}

import { type Lexicon, titleAllows } from './title-lexicon.js';

export const MAX_FIELD = 80;
const FREE: Guide = { noEnd: false };

/** What a field's value may be: `prefix` accepts every beginning of a complete value. */
interface Grammar {
  prefix: (v: string) => boolean;
  complete: (v: string) => boolean;
}

const KEYS = ['', '#', 'b'].flatMap((acc) => 'ABCDEFG'.split('').flatMap((t) => ['maj', 'min', 'dor', 'phr', 'lyd', 'mix', 'loc'].map((m) => t + acc + m)));
const UNITS = ['1/1', '1/2', '1/4', '1/8', '1/16', '1/32', '1/64'];
const METERS = Array.from({ length: 16 }, (_, n) => [1, 2, 4, 8, 16].map((d) => `${n + 1}/${d}`)).flat();
const oneOf = (list: string[]): Grammar => ({ prefix: (v) => list.some((x) => x.startsWith(v)), complete: (v) => list.includes(v) });
const GRAMMARS: Record<string, Grammar> = {
  'M:': oneOf(METERS),
  'L:': oneOf(UNITS),
  'K:': oneOf(KEYS),
};

/** A title the model writes: not empty, not opening with a space, every word in the lexicon. */
function titleGuide(v: string, lexicon: Lexicon): Guide {
  if (v === '') return { accept: (ch) => ch !== '\n' && ch !== ' ' && titleAllows(lexicon, v, ch), noEnd: true };
  return { accept: (ch) => ch !== '|' && ch !== '%' && titleAllows(lexicon, v, ch), noEnd: true };
}

/** A header line `prefix + value`: forced when the value is requested, else written by the model. */
function fieldLine(cur: string, prefix: string, value: string | undefined, lexicon?: Lexicon): Guide {
  if (value !== undefined) return { force: `${prefix}${value}\n`[cur.length] ?? '\n', noEnd: true };
  if (cur.length < prefix.length) return { force: prefix[cur.length], noEnd: true };
  const v = cur.slice(prefix.length);
  if (v.length >= MAX_FIELD) return { force: '\n', noEnd: true };
  if (prefix === 'T:' && lexicon) return titleGuide(v, lexicon);
  const g = GRAMMARS[prefix];
  if (g) return { accept: (ch) => (ch === '\n' ? g.complete(v) : g.prefix(v + ch)), noEnd: true };
  return v === '' ? { ban: '\n ', noEnd: true } : { ban: '|%', noEnd: true };
}

const MIN_BAR_LINES = 4;

function countBarLines(text: string, from: number): number {
  let n = 0;
  for (let i = from; i < text.length && n < MIN_BAR_LINES; i++) if (text[i] === '|') n++;
  return n;
}

/** Every character a normal-form body uses outside inline [K:] and [M:] fields. */
export const BODY_CHARS = "\n'(,-/0123456789:<=>ABCDEFG[]^_abcdefgz|";
const INLINE_FIELD = /\[[KM]?(:[^\]\n|]*)?$/;

/** A line begun with one letter: a `:` now would make it read as a header field (`A:|`). */
const LINE_LETTER = /(^|\n)[A-Za-z]$/;
const bodyChar = (ch: string) => BODY_CHARS.includes(ch);
const bodyCharNoColon = (ch: string) => ch !== ':' && BODY_CHARS.includes(ch);

/** Body characters only, except inside an inline field (whose opening `[K`/`[M` is allowed too). */
function bodyAccept(text: string): ((ch: string) => boolean) | undefined {
  const tail = text.slice(-24);
  if (INLINE_FIELD.test(tail)) return undefined;
  return LINE_LETTER.test(tail) ? bodyCharNoColon : bodyChar;
}

/** The guide inside the body once it may end: body characters only (cheap: reads the tail). */
export function bodyGuide(text: string): Guide {
  const accept = bodyAccept(text);
  return accept ? { noEnd: false, accept } : FREE;
}

/** Where the header ends in `text` (just after the K: line's newline), or -1 if not yet. */
export function headerEnd(text: string): number {
  const m = /(^|\n)K:[^\n]*\n/.exec(text);
  return m ? m.index + m[0].length : -1;
}

/** True once the header and the primer are written: the music is the model's from here. */
export function primed(text: string, c: Conditions): boolean {
  const end = headerEnd(text);
  return end >= 0 && text.length - end >= (c.prime?.length ?? 0);
}

/** The constraint on the next character after `text` (which starts at the T: line). */
export function guideNext(text: string, c: Conditions): Guide {
  const end = headerEnd(text);
  if (end >= 0) {
    const body = text.length - end;
    if (c.prime && body < c.prime.length) return { force: c.prime[body], noEnd: true };
    // a valid tune has at least 4 bars: no ending before the 4th bar line
    return countBarLines(text, end) < MIN_BAR_LINES ? { noEnd: true, accept: bodyAccept(text) } : bodyGuide(text);
  }
  const lines = text.split('\n');
  const cur = lines[lines.length - 1];
  const done = lines.length - 1;
  if (done === 0) return fieldLine(cur, 'T:', c.title, c.lexicon);
  if (done === 1) return fieldLine(cur, 'M:', c.meter);
  if (done === 2) return fieldLine(cur, 'L:', undefined);
  return fieldLine(cur, 'K:', c.key);
}
