// Repeat and ending state, stepped one bar line at a time, with the problems each bar line
// causes as abc2midi reads them. A `:|` with no `|:` repeats from the start or the previous
// section and is fine. Problems: a second `|:` while one is open, a `|:` never closed, a first
// ending outside a repeat, never closed by `:|`, or closed by a `:|` or `::` that starts no
// second ending (the repeat then plays the first ending twice), a later ending without a first,
// a last ending closed by `:|`, an ending started before the one before it is closed (`|1 ... |1`,
// `:|2 ... |3`: abc2midi wants `||`, `|:`, `:|` or `::` first), and a `::` after a `:|` with no
// `|:` since ("found :: before |:"). The validator and the bar guide both step through it. Pure.
import { closesEnding, isFirstEnding, type BarSign } from './bar-lines.js';

export interface RepeatState {
  /** 'implicit' before any repeat sign (a `:|` may repeat from the tune start); 'none' after a `:|`. */
  open: 'none' | 'implicit' | 'explicit';
  /** Measure after which the open `|:` stands, for messages. */
  openedAfter: number;
  /** A first ending was seen since the last `|:` or `::`. */
  sawFirst: boolean;
  /** Label of the ending being played, when it is not a first ending. */
  laterEnding: string | null;
  /** Bar where a first ending began that no `:|` has closed yet. */
  firstOpenAt: number | null;
  /** Label of the ending being played until a bar line other than `|` closes it. */
  variant: string | null;
}

export interface RepeatProblem {
  bar: number;
  message: string;
}

export const START_REPEATS: Readonly<RepeatState> = {
  open: 'implicit', openedAfter: 0, sawFirst: false, laterEnding: null, firstOpenAt: null, variant: null,
};

/** Where the repeat opened, for messages. */
const opened = (s: RepeatState) => (s.openedAfter === 0 ? 'at the start' : `after bar ${s.openedAfter}`);

/** `:|` or `::`: the repeat goes back; a first ending it closes needs a second one here. */
function repeatBack(s: RepeatState, sign: BarSign, after: number, out: RepeatProblem[]): void {
  if (s.laterEnding !== null && sign.kind === ':|' && sign.ending === '') {
    out.push({ bar: after, message: `ending [${s.laterEnding} ends with :| but no further ending follows` });
  }
  if (s.firstOpenAt !== null && (sign.kind === '::' || sign.ending === '')) {
    out.push({ bar: s.firstOpenAt, message: `the first ending at bar ${s.firstOpenAt} has no second ending (${sign.kind} with no 2 after it)` });
  }
  if (sign.kind === '::' && s.open === 'none') {
    out.push({ bar: after, message: ':: after a repeat closed by :| with no |: since (abc2midi: found :: before |:)' });
  }
  s.firstOpenAt = null;
  if (sign.kind === ':|') Object.assign(s, { open: 'none', laterEnding: null });
  else Object.assign(s, { open: 'explicit', openedAfter: after, sawFirst: false });
}

function startEnding(s: RepeatState, label: string, closing: boolean, bar: number, out: RepeatProblem[]): void {
  if (s.variant !== null && !closing) {
    out.push({ bar, message: `ending [${label} starts before the ending [${s.variant} is closed (||, :| or |: missing)` });
  }
  s.variant = label;
  if (isFirstEnding(label)) {
    if (s.open === 'none') out.push({ bar, message: `ending [${label} is not inside a repeat (|: missing)` });
    s.sawFirst = true;
    s.firstOpenAt = bar;
    s.laterEnding = null;
    return;
  }
  if (!s.sawFirst) out.push({ bar, message: `ending [${label} without a first ending before it` });
  s.laterEnding = label;
}

function repeatStart(s: RepeatState, after: number, out: RepeatProblem[]): void {
  if (s.firstOpenAt !== null && s.open !== 'explicit') {
    out.push({ bar: s.firstOpenAt, message: `the first ending at bar ${s.firstOpenAt} is never closed by :|` });
  }
  if (s.open === 'explicit') out.push({ bar: after, message: `|: while the |: ${opened(s)} is still open (:| missing)` });
  Object.assign(s, { open: 'explicit', openedAfter: after, sawFirst: false, laterEnding: null });
}

/**
 * The state after bar line `sign`, which stands after measure `after`, and the problems it
 * causes. A `:|2` closes the repeat before its ending starts; a `|:` opens after both.
 */
export function stepRepeat(prev: RepeatState, sign: BarSign, after: number): { state: RepeatState; problems: RepeatProblem[] } {
  const s = { ...prev };
  const problems: RepeatProblem[] = [];
  const closing = closesEnding(sign.kind);
  if (closing) s.variant = null;
  if (sign.kind === ':|' || sign.kind === '::') repeatBack(s, sign, after, problems);
  if (sign.ending !== '') startEnding(s, sign.ending, closing, after + 1, problems);
  if (sign.kind === '|:') repeatStart(s, after, problems);
  return { state: s, problems };
}

/** Problems left at the tune's end: a first ending or a `|:` never closed. */
export function endRepeats(s: RepeatState): RepeatProblem[] {
  const problems: RepeatProblem[] = [];
  if (s.firstOpenAt !== null && s.open !== 'explicit') {
    problems.push({ bar: s.firstOpenAt, message: `the first ending at bar ${s.firstOpenAt} is never closed by :|` });
  }
  if (s.open === 'explicit') problems.push({ bar: 0, message: `the |: ${opened(s)} is never closed by :|` });
  return problems;
}

/** True while a `|:` or a first ending waits for its `:|`: the tune may not end yet. */
export function repeatOpen(s: RepeatState): boolean {
  return endRepeats(s).length > 0;
}
