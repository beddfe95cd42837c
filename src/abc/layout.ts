// Writes resolved body tokens as text with the normal form's one line-break rule: a line ends
// after a section-ending bar line (`:|` `||` `|]` `::`), otherwise after the 4th full-length
// bar since the line began. Short bars (pickups, endings) do not count. A bar line that opens
// an ending (`|1`, `:|2`) never ends a line: the break moves to the next bar line. A `|:` in
// mid-line starts a new line (the line before it ends without a bar line). No line may begin
// with a letter and a colon (`A:|`): abcjs and abc2midi read such a line as a header field,
// so it is joined to the line before.
import { equals } from './fraction.js';
import type { Bar } from './bars.js';
import { LexError } from './body-lexer.js';
import { renderToken, type Token } from './body-tokens.js';

const SECTION_END = new Set([':|', '||', '|]', '::']);

/** A body line ABC readers would take for a header field (`A:|...`, `B::...`). */
export const FIELD_LIKE = /^[A-Za-z]:/;

/** Joins every line that looks like a field to the line before; the first may not look like one. */
function joinFieldLike(lines: string[]): string[] {
  if (lines.length > 0 && FIELD_LIKE.test(lines[0])) throw new LexError('body starts with a note and a colon (read as a header field)');
  const out: string[] = [];
  for (const line of lines) {
    if (out.length > 0 && FIELD_LIKE.test(line)) out[out.length - 1] += line;
    else out.push(line);
  }
  return out;
}

/** The body as lines without spaces, ending in a newline. */
export function layoutBody(tokens: Token[], bars: Bar[]): string {
  const fullAt = new Map<number, boolean>();
  for (const b of bars) if (b.close >= 0) fullAt.set(b.close, b.events > 0 && equals(b.duration, b.full));
  const lines: string[] = [];
  let line = '';
  let full = 0;
  tokens.forEach((t, i) => {
    if (t.kind === 'bar' && t.text === '|:' && line !== '') {
      lines.push(line);
      line = '';
      full = 0;
    }
    line += renderToken(t);
    if (t.kind !== 'bar') return;
    if (fullAt.get(i)) full++;
    if (t.ending !== '') return;
    if (SECTION_END.has(t.text) || full >= 4) {
      lines.push(line);
      line = '';
      full = 0;
    }
  });
  if (line !== '') lines.push(line);
  return joinFieldLike(lines).map((l) => l + '\n').join('');
}
