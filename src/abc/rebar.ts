// Re-barring: bar lines that a transcriber left out, doubled or put one note off. A bar that
// the bar check rejects is looked at alone and with its neighbour across a plain `|`; when that
// stretch of music lasts a whole number of bars and a bar line can stand at every multiple of
// the bar length (between notes, not inside a tuplet or a broken-rhythm pair), the stretch's
// bar lines are put there instead: `e2d>cB2G2F6(3DEF|` -> `e2d>cB2G2|F6(3DEF|` (one left out),
// `G2Bd|gdBG|` in 4/4 -> `G2BdgdBG|` (one too many), `GBBB>cdAF/A/F|GE/G/E|` in 6/8 ->
// `GBBB>cd|AF/A/FGE/G/E|` (one misplaced). The notes are unchanged; only bar lines move.
// A part's opening bar that also holds its pickup is split (splitPickup). The opening bar (a
// pickup) is never merged, and bar lines with repeats or endings stay. A stretch becomes at
// most 2 bars (3 for one bar); a tune with more than 2 bars wrong and more than a quarter of
// them is left alone: that is a wrong meter or worse, not a slip of the pen.
import { add, div, equals, frac, less, mul, sub, type Frac } from './fraction.js';
import { measureBars, type Bar } from './bars.js';
import { checkBars } from './bar-check.js';
import { barCuts } from './bar-cuts.js';
import type { Token } from './body-tokens.js';

interface Stretch {
  /** Index of the bar line before the stretch (or -1) and of the one closing it. */
  open: number;
  close: number;
  /** The bar lines the stretch gets, after these token indices. */
  cutsAfter: number[];
}

const PLAIN = (t: Token | undefined) => t !== undefined && t.kind === 'bar' && t.text === '|' && t.ending === '';

/** The meter in force just after each bar line (index -1: the start). */
function metersAtBars(tokens: Token[], meter: string): Map<number, string> {
  const at = new Map<number, string>([[-1, meter]]);
  let m = meter;
  tokens.forEach((t, i) => {
    if (t.kind === 'field' && t.key === 'M') m = t.value;
    else if (t.kind === 'bar') at.set(i, m);
  });
  return at;
}

/** New bar lines for bars [first, last] when they add up to whole bars; undefined if not. */
function refit(tokens: Token[], bars: Bar[], first: number, last: number, meters: Map<number, string>): Stretch | undefined {
  const a = bars[first];
  const b = bars[last];
  if (b.close < 0 || !equals(a.full, b.full)) return undefined;
  let total = a.duration;
  for (let k = first + 1; k <= last; k++) total = add(total, bars[k].duration);
  const count = div(total, a.full);
  if (count.d !== 1 || count.n < 1 || count.n > (first === last ? 3 : 2)) return undefined;
  const cuts = barCuts(tokens, a.open + 1, b.close, meters.get(a.open) ?? '4/4');
  if (!cuts) return undefined;
  const cutsAfter: number[] = [];
  for (let n = 1; n < count.n; n++) {
    const at = mul(a.full, frac(n));
    const cut = cuts.find((c) => equals(c.at, at));
    if (!cut) return undefined;
    cutsAfter.push(cut.after);
  }
  return { open: a.open, close: b.close, cutsAfter };
}

/**
 * A part's opening bar too long by just what the previous part's last bar lacks holds the
 * pickup and the first bar with no bar line between: `A2c2A2||c>de>Ac>ea>gf>e|` in 4/4 ->
 * `A2c2A2||c>d|e>Ac>ea>gf>e|`.
 */
function splitPickup(tokens: Token[], bars: Bar[], k: number, meters: Map<number, string>): Stretch | undefined {
  const bar = bars[k];
  const prev = bars[k - 1];
  const open = tokens[bar.open];
  if (k < 2 || prev.close !== bar.open || open?.kind !== 'bar' || open.text === '|' || open.ending !== '') return undefined;
  const pickup = sub(bar.duration, bar.full);
  if (!equals(add(prev.duration, pickup), prev.full) || bar.close < 0) return undefined;
  const cut = barCuts(tokens, bar.open + 1, bar.close, meters.get(bar.open) ?? '4/4')?.find((c) => equals(c.at, pickup));
  return cut && { open: bar.open, close: bar.close, cutsAfter: [cut.after] };
}

/** The stretch that mends bar k (an index into the bars with notes), if any. */
function mend(tokens: Token[], bars: Bar[], k: number, meters: Map<number, string>): Stretch | undefined {
  const bar = bars[k];
  if (less(bar.full, bar.duration)) {
    const alone = refit(tokens, bars, k, k, meters) ?? splitPickup(tokens, bars, k, meters);
    if (alone) return alone;
  }
  const next = bars[k + 1];
  if (k > 0 && next && next.open === bar.close && PLAIN(tokens[bar.close])) {
    const pair = refit(tokens, bars, k, k + 1, meters);
    if (pair) return pair;
  }
  const prev = bars[k - 1];
  if (k - 1 > 0 && prev.close === bar.open && PLAIN(tokens[bar.open])) return refit(tokens, bars, k - 1, k, meters);
  return undefined;
}

function apply(tokens: Token[], s: Stretch): Token[] {
  const inner: Token[] = [];
  const cuts = new Set(s.cutsAfter);
  for (let i = s.open + 1; i < s.close; i++) {
    const t = tokens[i];
    if (t.kind !== 'bar') inner.push(t);
    if (cuts.has(i)) inner.push({ kind: 'bar', text: '|', ending: '' });
  }
  return [...tokens.slice(0, s.open + 1), ...inner, ...tokens.slice(s.close)];
}

/** Moves, adds or removes plain bar lines where that makes rejected bars whole. */
export function rebar(tokens: Token[], meter: string, unit: Frac): Token[] {
  const bars = measureBars(tokens, meter, unit).filter((b) => b.events > 0);
  const meters = metersAtBars(tokens, meter);
  const stretches: Stretch[] = [];
  let usedUpTo = -2;
  const problems = checkBars(tokens, measureBars(tokens, meter, unit), unit);
  if (problems.length > 2 && problems.length > bars.length / 4) return tokens; // a wrong meter, not a slip of the pen
  for (const p of problems) {
    const k = p.bar - 1;
    if (bars[k].open < usedUpTo) continue;
    const s = mend(tokens, bars, k, meters);
    if (s && s.open >= usedUpTo) {
      stretches.push(s);
      usedUpTo = s.close;
    }
  }
  let out = tokens;
  for (const s of stretches.reverse()) out = apply(out, s);
  return out;
}
