// Where a bar line could stand inside a stretch of music: the time (in unit lengths) at the end
// of each note, rest or chord, and whether a bar line may follow it. A bar line never splits a
// tuplet or a broken-rhythm pair (`a>b`), and goes after a tie (`A-|A` is a tie across it).
// Used by the re-barring repair (rebar.ts); same arithmetic as measureBars in bars.ts.
import { add, frac, mul, sub, ZERO, type Frac } from './fraction.js';
import { BROKEN } from './bars.js';
import { defaultTupletQ } from './body-resolve.js';
import { isTimed, type Token } from './body-tokens.js';

export interface Cut {
  /** Index of the token after which a bar line may be inserted. */
  after: number;
  /** Time from the start of the stretch to this point. */
  at: Frac;
}

function writtenLength(t: Token): Frac {
  if (t.kind === 'note' || t.kind === 'rest') return t.len;
  return t.kind === 'chord' ? mul(t.notes[0].len, t.len) : ZERO;
}

/**
 * Places in tokens[from, to) where a bar line may go, in time order; `meter` is the meter in
 * force at `from`. Returns undefined when the stretch holds a field (a meter or key change).
 */
export function barCuts(tokens: Token[], from: number, to: number, meter: string): Cut[] | undefined {
  const cuts: Cut[] = [];
  let time = ZERO;
  let left = 0;
  let factor = frac(1);
  let next: Frac | undefined;
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    if (t.kind === 'field') return undefined;
    if (t.kind === 'tuplet') {
      left = t.r || t.p;
      factor = frac(t.q || defaultTupletQ(t.p, meter), t.p);
    } else if (t.kind === 'broken') {
      const last = cuts[cuts.length - 1];
      if (!last) continue;
      const pair = BROKEN[t.text];
      const len = sub(last.at, cuts.length > 1 ? cuts[cuts.length - 2].at : ZERO);
      const extra = mul(len, frac(pair[0].n - pair[0].d, pair[0].d));
      time = add(time, extra);
      cuts[cuts.length - 1] = { after: -1, at: add(last.at, extra) };
      next = pair[1];
    } else if (isTimed(t)) {
      let len = writtenLength(t);
      if (left > 0) len = mul(len, factor);
      if (next) len = mul(len, next);
      next = undefined;
      time = add(time, len);
      if (left > 0) left--;
      cuts.push({ after: left > 0 ? -1 : i, at: time });
    } else if (t.kind === 'tie' && cuts.length > 0 && cuts[cuts.length - 1].after === i - 1) {
      cuts[cuts.length - 1].after = i;
    }
  }
  return cuts.filter((c) => c.after >= 0);
}
