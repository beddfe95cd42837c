// Two repairs that only shorten or remove rests, applied before the bar check:
// - spacers: a bar too long by exactly the length of its invisible rests (`x`, which
//   transcribers use to hang a fermata or a "D.C." after the last note: `BG G2 Hx||`) loses them;
// - part ends: the last bar of a part whose rests, with the next part's pickup, run past one
//   bar (`e6z||ef` in 4/4: 7 + 2 units) has its trailing rests shortened by the overrun, so
//   bar and pickup make one bar (`e6||ef`). A rest there only marks the time the pickup takes.
// Bars with tuplets or broken rhythm are left alone.
import { add, equals, less, sub, ZERO, type Frac } from './fraction.js';
import { measureBars, type Bar } from './bars.js';
import type { Token } from './body-tokens.js';

const PART_END = new Set(['||', '|]', '::', '|:', ':|']);

function span(tokens: Token[], b: Bar): [number, number] {
  return [b.open + 1, b.close < 0 ? tokens.length : b.close];
}

function plain(tokens: Token[], b: Bar): boolean {
  const [from, to] = span(tokens, b);
  for (let i = from; i < to; i++) if (tokens[i].kind === 'tuplet' || tokens[i].kind === 'broken') return false;
  return true;
}

/** Removes the invisible rests of bars too long by exactly their length. */
function dropSpacers(tokens: Token[], bars: Bar[], drop: Set<number>): void {
  for (const b of bars) {
    if (!less(b.full, b.duration) || !plain(tokens, b)) continue;
    const [from, to] = span(tokens, b);
    let spacers = ZERO;
    const at: number[] = [];
    for (let i = from; i < to; i++) {
      const t = tokens[i];
      if (t.kind === 'rest' && t.invisible) {
        spacers = add(spacers, t.len);
        at.push(i);
      }
    }
    if (at.length > 0 && equals(sub(b.duration, spacers), b.full)) at.forEach((i) => drop.add(i));
  }
}

/** Shortens the trailing rests of part-final bars that run into the next part's pickup. */
function trimPartEnds(tokens: Token[], bars: Bar[], out: Token[], drop: Set<number>): void {
  bars.forEach((b, k) => {
    const next = bars[k + 1];
    const close = tokens[b.close];
    if (k === 0 || !next || next.open !== b.close || close?.kind !== 'bar' || !PART_END.has(close.text)) return;
    const opensEnding = tokens[next.open]?.kind === 'bar' && (tokens[next.open] as { ending: string }).ending !== '';
    if (opensEnding || !less(next.duration, next.full) || less(b.full, b.duration) || !plain(tokens, b)) return;
    let over = sub(add(b.duration, next.duration), b.full);
    let i = b.close - 1;
    let rests = ZERO;
    for (; i > b.open && tokens[i].kind === 'rest'; i--) rests = add(rests, (tokens[i] as { len: Frac }).len);
    if (over.n <= 0 || i <= b.open || less(rests, over)) return; // all rests, or too few to absorb it
    for (let j = b.close - 1; j > i && over.n > 0; j--) {
      const len = (tokens[j] as { len: Frac }).len;
      if (less(over, len)) out[j] = { kind: 'rest', len: sub(len, over) };
      else drop.add(j);
      over = less(over, len) ? ZERO : sub(over, len);
    }
  });
}

/** Applies both repairs; `tokens` must have no `eol` tokens left. */
export function fitRests(tokens: Token[], meter: string, unit: Frac): Token[] {
  const bars = measureBars(tokens, meter, unit).filter((b) => b.events > 0);
  const out = tokens.slice();
  const drop = new Set<number>();
  dropSpacers(tokens, bars, drop);
  trimPartEnds(tokens, bars, out, drop);
  return out.filter((_, i) => !drop.has(i));
}
