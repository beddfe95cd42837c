// Whether requested opening notes (a prime) can begin a valid tune. The prime is forced, so
// the guides cannot repair it: one that breaks the bar rules (`[[[[`, `(9ABCDEFGHI`, a bar
// longer than any meter) would only fail every attempt. It is stepped through the bar guide's
// state machine under the requested meter, or under each meter the header grammar allows, with
// each unit length the model may write; it is refused only when no such header fits. Headers
// the rules cannot tell apart (the same bar length in units, simple or compound) are tried once,
// so a refusal costs a few milliseconds, not a stall of the server. Pure.
import { div, frac, type Frac } from '../abc/fraction.js';
import { meterValue } from '../abc/key.js';
import { defaultTupletQ } from '../abc/body-resolve.js';
import { startState, stepBar } from './bar-state.js';

/** Meters the model may write (the header guide's grammar), the common ones first. */
const COMMON = ['4/4', '6/8', '3/4', '2/4', '9/8', '2/2', '12/8', '3/2'];
const METERS = [...COMMON, ...Array.from({ length: 16 }, (_, n) => [1, 2, 4, 8, 16].map((d) => `${n + 1}/${d}`)).flat()];
const UNITS: Frac[] = [8, 16, 4, 2, 32, 1, 64].map((d) => frac(1, d));

/** Index of the first character of `prime` the bar rules refuse under a meter and unit (-1: none). */
function firstBad(prime: string, meter: string, unit: Frac): number {
  let s = startState(meter, unit);
  for (let i = 0; i < prime.length; i++) {
    s = stepBar(s, prime[i]);
    if (s.bad) return i;
  }
  return -1;
}

/** Meter and unit pairs the bar rules tell apart: bar length in units, and 5-tuplets' ratio (compound or not). */
function distinctHeaders(meters: string[]): [string, Frac][] {
  const seen = new Set<string>();
  const out: [string, Frac][] = [];
  for (const m of meters) {
    for (const unit of UNITS) {
      const full = div(meterValue(m), unit);
      const key = `${full.n}/${full.d}:${defaultTupletQ(5, m)}`;
      if (!seen.has(key)) out.push([m, unit]);
      seen.add(key);
    }
  }
  return out;
}

const ANY_HEADER = distinctHeaders([...new Set(METERS)]);

/** Why `prime` cannot begin a tune (under `meter` when given), or undefined when it can. */
export function primeProblem(prime: string, meter?: string): string | undefined {
  let furthest = -1;
  for (const [m, unit] of meter ? distinctHeaders([meter]) : ANY_HEADER) {
    const bad = firstBad(prime, m, unit);
    if (bad < 0) return undefined;
    furthest = Math.max(furthest, bad);
  }
  const where = `character ${furthest + 1} (${JSON.stringify(prime[furthest])})`;
  return `cannot begin a tune: its ${where} breaks the normal form's bar rules ${meter ? `in ${meter}` : 'in every meter'}`;
}
