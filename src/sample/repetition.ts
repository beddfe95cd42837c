// The repetition guard for beam search, whose known failure on character models is a loop: the
// same bar or line over and over, each repeat more likely than the last. A candidate character
// is refused when it would close a third identical bar in a row, end a body line already
// written twice, make a third bar line in a row, or extend a short run (a unit of 1-6 characters
// written over and over, 12+ characters in all). Pure string logic on the body so far.
import { splitBars } from '../abc/bar-text.js';

/** True when `text` ends with a unit of 1-6 characters (no bar line) repeated to 12 or more characters. */
export function endsInShortLoop(text: string): boolean {
  for (let p = 1; p <= 6; p++) {
    const reps = Math.max(3, Math.ceil(12 / p));
    if (text.length < p * reps) continue;
    const unit = text.slice(text.length - p);
    if (/[|\n]/.test(unit)) continue; // repeated bars and lines have their own rules
    let k = 1;
    while (k < reps && text.slice(text.length - (k + 1) * p, text.length - k * p) === unit) k++;
    if (k >= reps) return true;
  }
  return false;
}

/** True when writing `next` after `body` would extend a loop. */
export function wouldLoop(body: string, next: string): boolean {
  if (endsInShortLoop(body + next)) return true;
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
