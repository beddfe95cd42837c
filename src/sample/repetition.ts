// The repetition guard for beam search, whose known failure on character models is a loop: the
// same bar or line over and over, each repeat more likely than the last. A candidate character
// is refused when it would close a third identical bar in a row, end a body line already
// written twice, make a third bar line in a row, or write a unit of up to 48 characters a
// third time in a row (12+ characters in all). Pure string logic on the body so far.
import { splitBars } from '../abc/bar-text.js';

/**
 * True when `text` ends with a unit of 1-48 characters (within one line) written at least 3
 * times in a row and 12+ characters in all: "dddddddddddd", "d||e||d||e||d||e||".
 */
export function endsInLoop(text: string): boolean {
  const end = text.length - 1;
  for (let p = 1; p <= 48; p++) {
    const span = p * (Math.max(3, Math.ceil(12 / p)) - 1); // characters that must equal the ones p earlier
    if (span + p > text.length) break;
    let i = 0;
    while (i < span && text[end - i] === text[end - i - p] && text[end - i] !== '\n') i++;
    if (i === span) return true;
  }
  return false;
}

/** True when writing `next` after `body` would extend a loop. */
export function wouldLoop(body: string, next: string): boolean {
  if (endsInLoop(body + next)) return true;
  if (next === '|' && body.endsWith('||')) return true;
  if (next === '|') {
    const bars = splitBars(body + '|');
    const n = bars.length;
    // The last piece may be the bar `next` closes; a bare ':' before '|' belongs to the bar line.
    return n >= 3 && bars[n - 1] === bars[n - 2] && bars[n - 2] === bars[n - 3] && !body.endsWith('|');
  }
  if (next === '\n') {
    const lines = body.split('\n');
    const cur = lines.pop() as string;
    return cur !== '' && lines.filter((l) => l === cur).length >= 2;
  }
  return false;
}
