// Repairs of a part's last bar (before `||` `|]` `::` `|:`, or `:|` for trimming), applied
// before the bar check, so that it and the next part's pickup make one bar as abc2midi wants:
// - fill: a short last bar (after `|` or opening a later ending, `:|2`), not completed by the
//   pickup (or there is none), has its last note, chord or rest held longer: transcriptions
//   often drop a beat of a part's final held note;
// - trim: a last bar that with the pickup runs past one bar (`e6z||ef` in 4/4, or the full
//   `dBcABGG2||f|`) gives the overrun up from its trailing rests or, failing that, from its
//   last note (`e6||ef`, `dBcABGG||f|`): players shorten a part's final note to fit the pickup.
// - repeat fill: a short last bar before `:|` whose repeat starts on a full bar (fillRepeatEnds).
// Only a last event that stands alone is changed: not inside a tuplet nor a broken-rhythm pair.
import { add, equals, less, mul, ONE, sub, ZERO, type Frac } from './fraction.js';
import type { Bar } from './bars.js';
import { isTimed, type Token } from './body-tokens.js';

const FILL_END = new Set(['||', '|]', '::', '|:']);
const TRIM_END = new Set(['||', '|]', '::', '|:', ':|']);

function lastEvent(tokens: Token[], b: Bar): number {
  for (let i = b.close - 1; i > b.open; i--) if (isTimed(tokens[i])) return i;
  return -1;
}

/** True when the event at j is in no tuplet and no broken-rhythm pair. */
function standsAlone(tokens: Token[], b: Bar, j: number): boolean {
  if (tokens[j - 1]?.kind === 'broken' || tokens[j + 1]?.kind === 'broken') return false;
  let events = 0;
  for (let i = j; i > b.open; i--) {
    const t = tokens[i];
    if (isTimed(t)) events++;
    else if (t.kind === 'tuplet') return events > (t.r || t.p);
  }
  return true;
}

/** A chord's outer length is folded into its notes first: `[ce]2` + 1 -> `[c3e3]`. */
function lengthen(t: Token, by: Frac): Token {
  if (t.kind === 'note' || t.kind === 'rest') return { ...t, len: add(t.len, by) };
  if (t.kind !== 'chord') return t;
  return { ...t, len: ONE, notes: t.notes.map((n) => ({ ...n, len: add(mul(n.len, t.len), by) })) };
}

/** The next bar, when it follows bar k across a part-end bar line from `ends` and is no ending. */
function partAfter(tokens: Token[], timed: Bar[], k: number, ends: Set<string>): Bar | undefined {
  const b = timed[k];
  const close = tokens[b.close];
  const next = timed[k + 1];
  if (k === 0 || !next || next.open !== b.close || close?.kind !== 'bar' || !ends.has(close.text)) return undefined;
  return close.ending === '' ? next : undefined;
}

/**
 * Time the bar and the next part's pickup (if short) run past one bar; negative if short.
 * Zero when that is not a plain length (a power of two under it): tuplets are involved, and a
 * note of 5/3 units is neither what was meant nor something abcjs can write.
 */
function overrun(b: Bar, next: Bar): Frac {
  const pickup = equals(next.duration, next.full) ? ZERO : next.duration;
  const over = sub(add(b.duration, pickup), b.full);
  return (over.d & (over.d - 1)) === 0 ? over : ZERO;
}

/** Returns tokens with short part-final bars filled; `bars` must describe `tokens`. */
export function fillPartEnds(tokens: Token[], bars: Bar[]): Token[] {
  const out = tokens.slice();
  const timed = bars.filter((b) => b.events > 0);
  timed.forEach((b, k) => {
    const next = partAfter(out, timed, k, FILL_END);
    const open = out[b.open];
    if (!next || open?.kind !== 'bar' || (open.text !== '|' && open.ending === '')) return; // after | or |2
    if (!less(b.duration, b.full) || equals(b.duration, ZERO) || less(next.full, next.duration)) return;
    const missing = sub(ZERO, overrun(b, next));
    const j = lastEvent(out, b);
    if (missing.n <= 0 || j < 0 || !standsAlone(out, b, j)) return;
    out[j] = lengthen(out[j], missing);
  });
  return out;
}

/** The first bar of the repeat that bar k's `:|` goes back to: after the last `|:` or `::`, else the tune's first. */
function repeatStart(tokens: Token[], timed: Bar[], k: number): Bar {
  let open = -1;
  for (let i = timed[k].open; i >= 0 && open < 0; i--) {
    const t = tokens[i];
    if (t.kind === 'bar' && (t.text === '|:' || t.text === '::')) open = i;
  }
  return timed.find((b) => b.open >= open) ?? timed[0];
}

/**
 * A short last bar before `:|` (after a plain `|`, no ending) whose repeat starts on a full bar
 * has no pickup to pair with: played, it makes one bar with the first (abc2midi's "in repeat"
 * bars longer than the meter). Its last note, chord or rest is held longer to fill it.
 */
export function fillRepeatEnds(tokens: Token[], bars: Bar[]): Token[] {
  const out = tokens.slice();
  const timed = bars.filter((b) => b.events > 0);
  timed.forEach((b, k) => {
    const open = out[b.open];
    const close = out[b.close];
    if (k === 0 || close?.kind !== 'bar' || close.text !== ':|' || close.ending !== '') return;
    if (open?.kind !== 'bar' || open.text !== '|' || open.ending !== '') return;
    const start = repeatStart(out, timed, k);
    if (start === b || !equals(start.duration, start.full) || !less(b.duration, b.full)) return;
    const missing = sub(b.full, b.duration);
    const j = lastEvent(out, b);
    if ((missing.d & (missing.d - 1)) !== 0 || j < 0 || !standsAlone(out, b, j)) return;
    out[j] = lengthen(out[j], missing);
  });
  return out;
}

/** Returns tokens with part-final bars that overrun the next part's pickup trimmed. */
export function trimPartEnds(tokens: Token[], bars: Bar[]): Token[] {
  const out = tokens.slice();
  const drop = new Set<number>();
  const timed = bars.filter((b) => b.events > 0);
  timed.forEach((b, k) => {
    const next = partAfter(out, timed, k, TRIM_END);
    if (!next || less(b.full, b.duration) || !less(next.duration, next.full)) return;
    let over = overrun(b, next);
    let i = b.close - 1;
    let rests = ZERO;
    for (; i > b.open && out[i].kind === 'rest'; i--) rests = add(rests, (out[i] as { len: Frac }).len);
    if (over.n <= 0 || i <= b.open || !isTimed(out[i]) || !standsAlone(out, b, i + 1)) return;
    if (less(rests, over)) {
      const last = out[i];
      if (rests.n > 0 || last.kind !== 'note' || !less(over, last.len) || !standsAlone(out, b, i)) return;
      out[i] = { ...last, len: sub(last.len, over) };
      return;
    }
    for (let j = b.close - 1; j > i && over.n > 0; j--) {
      const len = (out[j] as { len: Frac }).len;
      if (less(over, len)) out[j] = { kind: 'rest', len: sub(len, over) };
      else drop.add(j);
      over = less(over, len) ? ZERO : sub(over, len);
    }
  });
  return drop.size === 0 ? out : out.filter((_, i) => !drop.has(i));
}
