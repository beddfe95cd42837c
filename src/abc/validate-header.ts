// Tune-level checks that need no parser: exactly one tune, the X/T/M/K header fields,
// and a music body after K:. L: may be left out (ABC defaults it from the meter).
// R:hornpipe outside 2/4 or 4/4 is refused too, because abc2midi refuses it, and so are meters
// and unit lengths abc2midi refuses, in the header or the body (`M:3/3`, `[M:6/6]`, `L:3/8`).

import { isPowerOfTwo } from './key.js';
import { field, readHeader, splitTunes } from './read.js';
import type { Problem } from './validate-problem.js';

/** The text of the (first) tune in `abc`, and problems with the tune count. */
export function pickTune(abc: string): { text: string; problems: Problem[] } {
  const tunes = splitTunes(abc);
  if (tunes.length === 0) {
    return { text: abc, problems: [{ bar: 0, message: 'no tune found: no line starts with X:' }] };
  }
  const problems: Problem[] = [];
  if (tunes.length > 1) {
    problems.push({ bar: 0, message: `${tunes.length} tunes found, expected exactly one` });
  }
  return { text: tunes[0].text, problems };
}

/** Problems with a tune's header: required fields, their order, an empty body. */
export function checkHeader(tuneText: string): Problem[] {
  const { fields, bodyStart } = readHeader(tuneText);
  const problems: Problem[] = [];
  const add = (message: string) => problems.push({ bar: 0, message });
  if (fields[0]?.key !== 'X') add('the tune does not start with an X: line');
  else if (!/^\d+$/.test(fields[0].value)) add(`X: should be a number, not "${fields[0].value}"`);
  if (!field(fields, 'T')) add('missing T: (title)');
  if (field(fields, 'M') === undefined) add('missing M: (meter)');
  if (field(fields, 'K') === undefined) add('missing K: (key) at the end of the header');
  const rhythm = field(fields, 'R')?.toLowerCase() ?? '';
  const meter = (field(fields, 'M') ?? '').replace(/\s/g, '');
  if (rhythm === 'hornpipe' && !['2/4', '4/4', 'C'].includes(meter)) {
    add(`R:hornpipe with M:${meter}: abc2midi accepts hornpipes only in 2/4 or 4/4`);
  }
  const body = tuneText.split('\n').slice(bodyStart).join('\n');
  if (body.replace(/%.*$/gm, '').trim() === '') add('no music after the header');
  problems.push(...meterAndUnitProblems(tuneText));
  return problems;
}

/** `M:` and `L:` fields (lines and inline) abc2midi refuses: a denominator not a power of two, an L: not 1/d. */
function meterAndUnitProblems(tuneText: string): Problem[] {
  const problems: Problem[] = [];
  for (const m of tuneText.matchAll(/(?:^|\[)([ML]):[ \t]*(\d+)[ \t]*\/[ \t]*(\d+)/gm)) {
    if (problems.length >= 10) break;
    const [text, key, num, den] = m;
    const field = text.replace(/^\[/, '');
    if (!isPowerOfTwo(Number(den))) problems.push({ bar: 0, message: `${field}: abc2midi accepts only a power of two as the denominator` });
    else if (key === 'L' && Number(num) !== 1) problems.push({ bar: 0, message: `${field}: abc2midi accepts a unit length only as 1/d` });
  }
  return problems;
}
