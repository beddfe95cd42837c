// Tuplet ratios that the transcriber meant but did not write. ABC reads `(5`, `(7`, `(9` as p
// notes in the time of 3 (2 in compound meter) and `(6` as 6 in the time of 2; runs written as
// `(5A/B/c/d/e/` in 3/4 or `(9G/4A/4B/4c/4d/4e/4f/4g/4a/4` are nearly always p notes in the time
// of the next lower power of two (5:4, 6:4, 9:8). When a bar is not full under the default ratio
// and that ratio (or p-1) makes more bars exactly full (a part's short last bar and the next
// part's pickup count as full when they make one bar) and none less, every `(p` of the tune
// gets it, written explicitly (`(5:4`), which abc2midi and abcjs honour; one ratio per tune,
// so that a pickup bar's `(5` is read like the others. Tuplets of 2, 3 and 4, and written
// ratios, are left alone.
import { add, equals, type Frac } from './fraction.js';
import { measureBars } from './bars.js';
import { tupletText } from './body-resolve.js';
import type { Token } from './body-tokens.js';

/** Ratios to try for an unwritten q: the power of two below p, then p - 1. */
function candidates(p: number): number[] {
  let two = 1;
  while (two * 2 < p) two *= 2;
  return two === p - 1 ? [two] : [two, p - 1];
}

/**
 * Which bars are exactly full, by bar index; a short bar at a part end and the short pickup
 * after it count as full when together they make one bar.
 */
function fullBars(tokens: Token[], meter: string, unit: Frac): boolean[] {
  const bars = measureBars(tokens, meter, unit);
  const full = bars.map((b) => equals(b.duration, b.full));
  bars.forEach((b, k) => {
    const next = bars[k + 1];
    const line = tokens[b.close];
    if (!next || full[k] || full[k + 1] || line?.kind !== 'bar' || line.text === '|') return;
    if (equals(add(b.duration, next.duration), b.full)) full[k] = full[k + 1] = true;
  });
  return full;
}

/** Every `(p` without a written ratio gets q. */
function withRatio(tokens: Token[], p: number, q: number, meter: string): Token[] {
  let m = meter;
  return tokens.map((t) => {
    if (t.kind === 'field' && t.key === 'M') m = t.value;
    if (t.kind !== 'tuplet' || t.p !== p || t.q !== 0) return t;
    return { ...t, q, text: tupletText(p, q, t.r, m) };
  });
}

/** Writes explicit ratios where they, and not the defaults, make bars exactly full. */
export function fitTuplets(tokens: Token[], meter: string, unit: Frac): Token[] {
  const ps = new Set<number>();
  for (const t of tokens) if (t.kind === 'tuplet' && t.p >= 5 && t.q === 0) ps.add(t.p);
  let out = tokens;
  for (const p of ps) {
    const before = fullBars(out, meter, unit);
    for (const q of candidates(p)) {
      const trial = withRatio(out, p, q, meter);
      const after = fullBars(trial, meter, unit);
      const lost = before.some((full, k) => full && !after[k]);
      const gained = after.filter(Boolean).length > before.filter(Boolean).length;
      if (!lost && gained) {
        out = trial;
        break;
      }
    }
  }
  return out;
}
