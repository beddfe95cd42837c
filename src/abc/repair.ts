// One repair of bar lengths, applied before the bar check: the last bar of a part (before
// `||` `|]` `::` `|:`, after a plain `|`) that is short while the next part starts on a full bar (no pickup to
// complete it) has its last note, chord or rest held longer to fill the bar. Transcriptions
// often drop the last beat of a part's final, held note; abc2midi and players read such a
// short bar as an error. Bars with tuplets or broken rhythm at the end are left alone.
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
    if (!next || next.open !== b.close || !equals(next.duration, next.full)) return;
    const j = lastEvent(out, b);
    if (j < 0 || !plainEnd(out, b, j)) return;
    out[j] = lengthen(out[j], sub(b.full, b.duration));
  });
  return out;
}
