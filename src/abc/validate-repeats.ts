// Checks that repeat signs and numbered endings are balanced the way ABC players read them
// (abc2midi's rules): `:|` with no `|:` repeats from the start or the previous section and is
// fine; a second `|:` while one is open, a `|:` never closed, a first ending outside a repeat
// or never closed by `:|`, a second ending without a first one, a last ending closed by
// `:|`, an ending that starts before the one before it is closed (`|1 ... |1`, `:|2 ... |3`:
// abc2midi wants `||`, `|:`, `:|` or `::` first) and a `::` after a `:|` with no `|:` since
// (abc2midi: "found :: before |:") are problems.

import type { BarLine } from './validate-measures.js';
import type { Problem } from './validate-problem.js';

interface RepeatState {
  /** 'implicit' before any repeat sign (a `:|` may repeat from the tune start). */
  open: 'none' | 'implicit' | 'explicit';
  /** Line where the open `|:` is, for messages. */
  openedAfter: number;
  /** True while inside numbered endings whose first ending has been seen. */
  sawFirstEnding: boolean;
  /** Label of the ending being played, when it is not a first ending. */
  laterEnding: string | null;
  /** Bar where a first ending began that no `:|` has closed yet (abc2midi: "Missing :|"). */
  firstEndingOpenAt: number | null;
  /** Label of the ending being played until a `||`, `|]`, `|:`, `:|` or `::` closes it. */
  variant: string | null;
}

/** Bar lines that close a variant ending for abc2midi. */
const CLOSES_VARIANT = new Set(['bar_thin_thin', 'bar_thin_thick', 'bar_left_repeat', 'bar_right_repeat', 'bar_dbl_repeat']);

function startEnding(state: RepeatState, line: BarLine, problems: Problem[]): void {
  const label = line.startEnding ?? '';
  const bar = line.afterMeasure + 1;
  if (state.variant !== null && !CLOSES_VARIANT.has(line.type)) {
    problems.push({ bar, message: `ending [${label} starts before the ending [${state.variant} is closed (||, :| or |: missing)` });
  }
  state.variant = label;
  if (/^\s*1(\D|$)/.test(label)) {
    if (state.open === 'none') {
      problems.push({ bar, message: `ending [${label} is not inside a repeat (|: missing)` });
    }
    state.sawFirstEnding = true;
    state.firstEndingOpenAt = bar;
  } else if (!state.sawFirstEnding) {
    problems.push({ bar, message: `ending [${label} without a first ending before it` });
  }
  state.laterEnding = /^\s*1(\D|$)/.test(label) ? null : label;
}

function applyBar(state: RepeatState, line: BarLine, problems: Problem[]): void {
  switch (line.type) {
    case 'bar_left_repeat':
      if (state.firstEndingOpenAt !== null && state.open !== 'explicit') {
    problems.push({ bar: state.firstEndingOpenAt, message: `the first ending at bar ${state.firstEndingOpenAt} is never closed by :|` });
  }
  if (state.open === 'explicit') {
        const msg = `|: while the |: after bar ${state.openedAfter} is still open (:| missing)`;
        problems.push({ bar: line.afterMeasure, message: msg });
      }
      state.open = 'explicit';
      state.openedAfter = line.afterMeasure;
      state.sawFirstEnding = false;
      state.laterEnding = null;
      break;
    case 'bar_right_repeat':
      if (state.laterEnding !== null && line.startEnding === undefined) {
        const msg = `ending [${state.laterEnding} ends with :| but no further ending follows`;
        problems.push({ bar: line.afterMeasure, message: msg });
      }
      state.open = 'none';
      state.laterEnding = null;
      state.firstEndingOpenAt = null;
      break;
    case 'bar_dbl_repeat':
      if (state.open === 'none') {
        problems.push({ bar: line.afterMeasure, message: ':: after a repeat closed by :| with no |: since (abc2midi: found :: before |:)' });
      }
      state.firstEndingOpenAt = null;
      state.open = 'explicit';
      state.openedAfter = line.afterMeasure;
      state.sawFirstEnding = false;
      break;
    default:
      break;
  }
}

/** Repeat and ending problems found in a tune's bar lines, in order. */
export function checkRepeats(barLines: BarLine[]): Problem[] {
  const problems: Problem[] = [];
  const state: RepeatState = { open: 'implicit', openedAfter: 0, sawFirstEnding: false, laterEnding: null, firstEndingOpenAt: null, variant: null };
  for (const line of barLines) {
    if (CLOSES_VARIANT.has(line.type)) state.variant = null;
    // A `:|2` closes the repeat before the second ending starts.
    if (line.type === 'bar_right_repeat' || line.type === 'bar_dbl_repeat') applyBar(state, line, problems);
    if (line.startEnding !== undefined) startEnding(state, line, problems);
    if (line.type !== 'bar_right_repeat' && line.type !== 'bar_dbl_repeat') applyBar(state, line, problems);
  }
  if (state.firstEndingOpenAt !== null && state.open !== 'explicit') {
    problems.push({ bar: state.firstEndingOpenAt, message: `the first ending at bar ${state.firstEndingOpenAt} is never closed by :|` });
  }
  if (state.open === 'explicit') {
    const where = state.openedAfter === 0 ? 'at the start' : `after bar ${state.openedAfter}`;
    problems.push({ bar: 0, message: `the |: ${where} is never closed by :|` });
  }
  return problems;
}
