// Line-level checks made before abcjs parses a tune. A body line that begins with a note
// letter and a colon (`A:|...`) is a header field to abcjs and abc2midi, so its music would
// go unchecked; it is a problem. Lines abcjs would take quadratic time over (thousands of
// characters, or unclosed `{`, or many `&`, which it rescans to the line's end) are refused:
// the tune is not parsed at all. No real tune comes near: the corpus's longest line is 122.

import { readHeader } from './read.js';
import type { Problem } from './validate-problem.js';

/** Longest line handed to abcjs (a line of 2,000 `{` takes it about 0.1 s). */
export const MAX_LINE = 2_000;
/** Most `{` without a `}` after them, and `&`, on one line. */
const MAX_UNCLOSED = 50;
/** A line ABC readers take for a field although the normaliser reads it as music. */
const MUSIC_AS_FIELD = /^[A-G]:[|:]/;

/** Unclosed `{` and `&` on a line: what abcjs rescans the rest of the line for. */
function rescans(line: string): number {
  let n = 0;
  let open = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '{') open++;
    else if (c === '}') open = 0;
    else if (c === '&') n++;
  }
  return n + open;
}

/** Problems with single lines; `refused` is non-empty when the tune must not reach abcjs. */
export function checkLines(text: string): { problems: Problem[]; refused: Problem[] } {
  const lines = text.split('\n');
  const { bodyStart } = readHeader(text);
  const problems: Problem[] = [];
  const refused: Problem[] = [];
  lines.forEach((line, i) => {
    if (line.length > MAX_LINE) refused.push({ bar: 0, message: `line ${i + 1} is longer than ${MAX_LINE} characters: not parsed` });
    else if (rescans(line) > MAX_UNCLOSED) refused.push({ bar: 0, message: `line ${i + 1} has more than ${MAX_UNCLOSED} unclosed { or &: not parsed` });
    else if (i >= bodyStart && MUSIC_AS_FIELD.test(line)) {
      problems.push({ bar: 0, message: `line ${i + 1} begins "${line.slice(0, 3)}", which ABC readers take for a header field: its music goes unchecked` });
    }
  });
  return { problems, refused: refused.slice(0, 10) };
}
