// A bar-length check over a resolved body, the import's validator until (and beside) the full
// validator. It follows abc2midi's reading: every bar has the meter's length, except the first
// (pickup) and the last bar, and bars next to a repeat (`|:` `:|` `::` or an ending) which may
// be short. A short bar before `||` `|]` `::` `|:` must make a full bar with the pickup after it
// (before `||` and `|]` it may also stand alone when next to a repeat).
import { add, equals, less, toNumber } from './fraction.js';
import type { Bar } from './bars.js';
import type { Token } from './body-tokens.js';

export interface BarProblem {
  bar: number;
  message: string;
}

function barAt(tokens: Token[], i: number): (Token & { kind: 'bar' }) | undefined {
  const t = tokens[i];
  return t !== undefined && t.kind === 'bar' ? t : undefined;
}

function openText(tokens: Token[], b: Bar): string {
  const open = barAt(tokens, b.open);
  return open === undefined ? '' : open.ending !== '' ? 'ending' : open.text;
}

function closeText(tokens: Token[], b: Bar): string {
  return barAt(tokens, b.close)?.text ?? '';
}

/** May be short: after `|:` `::` `:|` or an ending's number, or before `:|`. */
function repeatExempt(tokens: Token[], b: Bar): boolean {
  return ['|:', '::', ':|', 'ending'].includes(openText(tokens, b)) || closeText(tokens, b) === ':|';
}

const JOINING = new Set(['||', '|]', '::', '|:']);
const SECTION = new Set(['||', '|]']);

function describe(b: Bar, what: string): string {
  return `bar ${what}: ${toNumber(b.duration)} units where the meter has ${toNumber(b.full)}`;
}

function shortKind(tokens: Token[], b: Bar): string {
  if (JOINING.has(closeText(tokens, b))) return 'too short before a section end';
  return SECTION.has(openText(tokens, b)) ? 'too short after a section end' : 'too short';
}

/** Problems with bar lengths; bars are numbered from 1 counting bars that hold notes. */
export function checkBars(tokens: Token[], bars: Bar[]): BarProblem[] {
  const problems: BarProblem[] = [];
  const timed = bars.filter((b) => b.events > 0);
  const last = timed.length - 1;
  const exempt = (k: number) => k === 0 || k === last || repeatExempt(tokens, timed[k]);
  for (let k = 0; k < timed.length; k++) {
    const b = timed[k];
    if (equals(b.duration, b.full)) continue;
    if (!less(b.duration, b.full)) {
      problems.push({ bar: k + 1, message: describe(b, 'too long') });
      continue;
    }
    const next = timed[k + 1];
    const joins = JOINING.has(closeText(tokens, b)) && next !== undefined && next.open === b.close;
    if (joins && equals(add(b.duration, next.duration), b.full)) k++; // part end + next pickup
    else if (exempt(k) || (SECTION.has(openText(tokens, b)) && exempt(k - 1))) continue;
    else problems.push({ bar: k + 1, message: describe(b, shortKind(tokens, b)) });
  }
  return problems;
}
