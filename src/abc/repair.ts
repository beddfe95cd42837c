// One repair of bar lengths, applied before the bar check: the last bar of a part (before
// `||` `|]` `::` `|:`, after a plain `|`) that is short, and not completed by the next part's
// pickup (or there is none), has its last note, chord or rest held longer, so that the bar and
// the pickup make one full bar. Transcriptions often drop a beat of a part's final held note;
// abc2midi reads such a bar as an error. Bars with tuplets or broken rhythm are left alone.
import { add, equals, less, mul, ONE, sub, ZERO, type Frac } from './fraction.js';
import type { Bar } from './bars.js';
import { isTimed, type Token } from './body-tokens.js';

const PART_END = new Set(['||', '|]', '::', '|:']);

function lastEvent(tokens: Token[], b: Bar): number {
  for (let i = b.close - 1; i > b.open; i--) if (isTimed(tokens[i])) return i;
  return -1;
}

function plainEnd(tokens: Token[], b: Bar, j: number): boolean {
  for (let i = b.open + 1; i < b.close; i++) if (tokens[i].kind === 'tuplet') return false;
  return tokens[j - 1]?.kind !== 'broken' && tokens[j + 1]?.kind !== 'broken';
}

/** A chord's outer length is folded into its notes first: `[ce]2` + 1 -> `[c3e3]`. */
function lengthen(t: Token, by: Frac): Token {
  if (t.kind === 'note' || t.kind === 'rest') return { ...t, len: add(t.len, by) };
  if (t.kind !== 'chord') return t;
  return { ...t, len: ONE, notes: t.notes.map((n) => ({ ...n, len: add(mul(n.len, t.len), by) })) };
}

/** Returns tokens with short part-final bars filled; `bars` must describe `tokens`. */
export function fillPartEnds(tokens: Token[], bars: Bar[]): Token[] {
  const out = tokens.slice();
  const timed = bars.filter((b) => b.events > 0);
  timed.forEach((b, k) => {
    const close = out[b.close];
    const open = out[b.open];
    if (k === 0 || !open || open.kind !== 'bar' || open.text !== '|' || open.ending !== '') return;
    if (!close || close.kind !== 'bar' || !PART_END.has(close.text)) return;
    if (!less(b.duration, b.full) || equals(b.duration, ZERO)) return;
    const next = timed[k + 1];
    if (!next || next.open !== b.close || less(next.full, next.duration)) return;
    const pickup = equals(next.duration, next.full) ? ZERO : next.duration;
    const missing = sub(b.full, add(b.duration, pickup));
    const j = lastEvent(out, b);
    if (missing.n <= 0 || j < 0 || !plainEnd(out, b, j)) return;
    out[j] = lengthen(out[j], missing);
  });
  return out;
}
