// The normaliser's bar check: its measured bars (bars.ts) read by the ABC layer's bar-length
// rule (bar-lengths.ts), the same rule the validator applies to abcjs's measures, so a tune the
// import keeps has the bar lengths `validate` accepts. Bars are numbered from 1 counting bars
// that hold notes; rebar.ts mends the bars named.
import { type BarKind, parseBarText } from './bar-lines.js';
import { barLengthProblems, type TimedBar } from './bar-lengths.js';
import { type Frac, mul, toNumber } from './fraction.js';
import type { Bar } from './bars.js';
import type { Token } from './body-tokens.js';
import type { Problem } from './validate-problem.js';

export type BarProblem = Problem;

/** Kinds of the bar lines among tokens[from..to] (inclusive). */
function kindsIn(tokens: Token[], from: number, to: number): BarKind[] {
  const kinds: BarKind[] = [];
  for (let i = Math.max(0, from); i <= Math.min(to, tokens.length - 1); i++) {
    const t = tokens[i];
    if (t.kind === 'bar') kinds.push(parseBarText(t.text)?.kind ?? '|');
  }
  return kinds;
}

/** The bars with notes as the bar-length rule reads them, in whole notes (`unit` is L:). */
export function timedBars(tokens: Token[], bars: Bar[], unit: Frac): TimedBar[] {
  const timed = bars.filter((b) => b.events > 0);
  return timed.map((b, k) => {
    const open = tokens[b.open];
    const ending = open?.kind === 'bar' && open.ending !== '' ? open.ending : undefined;
    const nextOpen = k + 1 < timed.length ? timed[k + 1].open : tokens.length - 1;
    return {
      number: k + 1, duration: toNumber(mul(b.duration, unit)), meterLength: toNumber(mul(b.full, unit)),
      before: b.open < 0 ? [] : kindsIn(tokens, k === 0 ? 0 : timed[k - 1].close, b.open),
      after: b.close < 0 ? [] : kindsIn(tokens, b.close, nextOpen),
      ending, endingStart: ending !== undefined,
    };
  });
}

/** Problems with bar lengths. */
export function checkBars(tokens: Token[], bars: Bar[], unit: Frac): BarProblem[] {
  return barLengthProblems(timedBars(tokens, bars, unit));
}
