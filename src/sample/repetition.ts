// The repetition guard for beam search, whose known failure on character models is a loop: the
// same bar or line over and over, each repeat more likely than the last. A candidate character
// is refused when it would close a third identical bar in a row or end a body line already
// written twice. Pure string logic on the body so far.
import { splitBars } from '../abc/bar-text.js';

/** True when writing `next` after `body` would extend a loop. */
export function wouldLoop(body: string, next: string): boolean {
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
