// Checks that repeat signs and numbered endings are balanced the way ABC players read them:
// each bar line abcjs reports is read through the bar-line table (bar-lines.ts) and stepped
// through the shared repeat state (repeat-state.ts), which holds the rules and their messages.

import { kindOfAbcjs } from './bar-lines.js';
import { endRepeats, START_REPEATS, stepRepeat } from './repeat-state.js';
import type { BarLine } from './validate-measures.js';
import type { Problem } from './validate-problem.js';

/** Repeat and ending problems found in a tune's bar lines, in order. */
export function checkRepeats(barLines: BarLine[]): Problem[] {
  const problems: Problem[] = [];
  let state = START_REPEATS;
  for (const line of barLines) {
    const sign = { kind: kindOfAbcjs(line.type), ending: line.startEnding ?? '' };
    const step = stepRepeat(state, sign, line.afterMeasure);
    state = step.state;
    for (const p of step.problems) problems.push(p);
  }
  for (const p of endRepeats(state)) problems.push(p);
  return problems;
}
