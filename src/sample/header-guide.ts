// Constrained decoding of a tune's header: which characters the model may write next, given
// the text so far and the requested title, meter, key and opening notes. The model's text is
// `T:title\nM:m\nL:l\n[R:r\n]K:key\n<body>`; a requested field is forced character by character,
// an unrequested one is written by the model within the normal form's grammar for that field
// (M: n/d, L: 1/d, K: tonic + mode, R: lower-case words), so the header always parses. Pure logic.

export interface Conditions {
  title?: string;
  meter?: string;
  /** Normalised key, e.g. "Ador". */
  key?: string;
  /** Body text forced right after the K: line. */
  prime?: string;
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

export const MAX_FIELD = 80;
const FREE: Guide = { noEnd: false };

/** What a field's value may be: `prefix` accepts every beginning of a complete value. */
interface Grammar {
  prefix: (v: string) => boolean;
  complete: (v: string) => boolean;
}

const KEYS = ['', '#', 'b'].flatMap((acc) => 'ABCDEFG'.split('').flatMap((t) => ['maj', 'min', 'dor', 'phr', 'lyd', 'mix', 'loc'].map((m) => t + acc + m)));
const UNITS = ['1/1', '1/2', '1/4', '1/8', '1/16', '1/32', '1/64'];
const GRAMMARS: Record<string, Grammar> = {
  'M:': { prefix: (v) => /^([1-9]\d?)?$|^[1-9]\d?\/([1-9]\d?)?$/.test(v), complete: (v) => /^[1-9]\d?\/[1-9]\d?$/.test(v) },
  'L:': { prefix: (v) => UNITS.some((u) => u.startsWith(v)), complete: (v) => UNITS.includes(v) },
  'K:': { prefix: (v) => KEYS.some((k) => k.startsWith(v)), complete: (v) => KEYS.includes(v) },
  'R:': { prefix: (v) => /^([a-z][a-z -]*)?$/.test(v), complete: (v) => /^[a-z][a-z -]*[a-z]$/.test(v) },
};

/** A header line `prefix + value`: forced when the value is requested, else written by the model. */
function fieldLine(cur: string, prefix: string, value: string | undefined): Guide {
  if (value !== undefined) return { force: `${prefix}${value}\n`[cur.length] ?? '\n', noEnd: true };
  if (cur.length < prefix.length) return { force: prefix[cur.length], noEnd: true };
  const v = cur.slice(prefix.length);
  if (v.length >= MAX_FIELD) return { force: '\n', noEnd: true };
  const g = GRAMMARS[prefix];
  if (g) return { accept: (ch) => (ch === '\n' ? g.complete(v) : g.prefix(v + ch)), noEnd: true };
  return v === '' ? { ban: '\n ', noEnd: true } : { ban: '|%', noEnd: true };
}

/** Where the header ends in `text` (just after the K: line's newline), or -1 if not yet. */
export function headerEnd(text: string): number {
  const m = /(^|\n)K:[^\n]*\n/.exec(text);
  return m ? m.index + m[0].length : -1;
}

/** The constraint on the next character after `text` (which starts at the T: line). */
export function guideNext(text: string, c: Conditions): Guide {
  const end = headerEnd(text);
  if (end >= 0) {
    const body = text.length - end;
    if (c.prime && body < c.prime.length) return { force: c.prime[body], noEnd: true };
    return body === 0 ? { noEnd: true } : FREE;
  }
  const lines = text.split('\n');
  const cur = lines[lines.length - 1];
  const done = lines.length - 1;
  if (done === 0) return fieldLine(cur, 'T:', c.title);
  if (done === 1) return fieldLine(cur, 'M:', c.meter);
  if (done === 2) return fieldLine(cur, 'L:', undefined);
  if (cur === '') return done === 3 ? { only: 'RK', noEnd: true } : { force: 'K', noEnd: true };
  if (cur[0] === 'K') return fieldLine(cur, 'K:', c.key);
  return fieldLine(cur, 'R:', undefined);
}
