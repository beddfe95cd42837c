// The tokens of a tune body, as the lexer reads them and the normaliser writes them.
// Everything that is not music (chord symbols, decorations, slurs, grace notes, spaces)
// never becomes a token, so writing tokens back out is already the canonical body text.
import { formatLength, type Frac } from './fraction.js';

/** One note: its pitch as canonical text (accidental, letter, octave marks) and its length. */
export interface NoteToken {
  kind: 'note';
  pitch: string;
  len: Frac;
}

export interface ChordNote {
  pitch: string;
  len: Frac;
  tie: boolean;
}

export type Token =
  | NoteToken
  /** `invisible`: written `x`, a spacer (often carrying a fermata); written `z` all the same. */
  | { kind: 'rest'; len: Frac; invisible?: boolean }
  | { kind: 'multirest'; bars: number }
  | { kind: 'chord'; notes: ChordNote[]; len: Frac }
  | { kind: 'tie' }
  | { kind: 'broken'; text: string }
  /** `(p:q:r`; q and r are 0 when not given, `text` is set once the meter is known. */
  | { kind: 'tuplet'; p: number; q: number; r: number; text?: string }
  /** A bar line in canonical form (`|`, `||`, `|]`, `|:`, `:|`, `::`) plus an ending number. */
  | { kind: 'bar'; text: string; ending: string }
  | { kind: 'field'; key: string; value: string }
  /** The end of a source line: a full bar there implies a missing bar line. Never written. */
  | { kind: 'eol' };

/** Notes, rests and chords: the tokens that take time. */
export function isTimed(t: Token): boolean {
  return t.kind === 'note' || t.kind === 'rest' || t.kind === 'chord';
}

/** The canonical text of one token. */
export function renderToken(t: Token): string {
  switch (t.kind) {
    case 'note':
      return t.pitch + formatLength(t.len);
    case 'rest':
      return 'z' + formatLength(t.len);
    case 'multirest':
      return t.bars === 1 ? 'Z' : `Z${t.bars}`;
    case 'chord': {
      const inner = t.notes.map((n) => n.pitch + formatLength(n.len) + (n.tie ? '-' : ''));
      return `[${inner.join('')}]${formatLength(t.len)}`;
    }
    case 'tie':
      return '-';
    case 'broken':
      return t.text;
    case 'tuplet':
      return t.text ?? `(${t.p}${t.q || t.r ? `:${t.q || ''}` : ''}${t.r ? `:${t.r}` : ''}`;
    case 'bar':
      return t.text + t.ending;
    case 'field':
      return `[${t.key}:${t.value}]`;
    case 'eol':
      return '';
  }
}
