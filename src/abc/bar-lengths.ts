// Bar lengths against the meter in force where each bar starts, as abc2midi reads them: the
// one rule of the ABC layer for a written tune's bars, used by the validator (on abcjs's
// measures) and by the normaliser's bar check (on its own tokens), so the import and
// `validate` agree bar for bar. A bar longer than the meter is always wrong. A short one is
// accepted as the tune's anacrusis, as the final bar, or at a section boundary when it pairs
// with its neighbour (short bar before `||`/`:|`/`|:` + pickup after it = one full bar),
// following abc2midi, which carries a short bar's time across a section boundary into the next
// bar, `:|` included (a short bar before `:|` then a full bar reads to abc2midi as one bar too
// long). Bars of a second (third...) ending are alternatives to the first ending's bars.
// Bar lines are read through the ABC layer's table (bar-lines.ts); the bar guide steps the same
// rules one bar line at a time, stricter where composing needs it (bar-rules.ts). Pure.
import { type BarKind, isFirstEnding, isSectionEnd } from './bar-lines.js';
import { formatDuration, type Problem } from './validate-problem.js';

/** A bar with notes, as either reader measured it. */
export interface TimedBar {
  /** 1-based position among the bars with notes. */
  number: number;
  /** Whole notes. */
  duration: number;
  /** The meter's bar length in whole notes; null for free meter (`M:none`). */
  meterLength: number | null;
  /** Bar lines between the previous bar (or the tune's start) and this one. */
  before: BarKind[];
  /** Bar lines between this bar and the next one (or the tune's end). */
  after: BarKind[];
  /** Label of the ending this bar is in, if any. */
  ending?: string;
  /** True for the first bar of an ending. */
  endingStart: boolean;
}

const EPS = 1e-6;

const isSoft = (lines: BarKind[]) => lines.some(isSectionEnd);

/** Neighbours of each measure, reading second endings as alternatives to the first. */
function neighbours(measures: TimedBar[]): { prev: number[]; next: number[] } {
  const prev: number[] = [];
  const next: number[] = [];
  let beforeGroup = -1;
  measures.forEach((m, i) => {
    const alternative = m.endingStart && !isFirstEnding(m.ending);
    if (m.endingStart && isFirstEnding(m.ending)) beforeGroup = i - 1;
    prev.push(alternative ? beforeGroup : i - 1);
    const after = measures[i + 1];
    const nextIsAlternative = after && after.endingStart && !isFirstEnding(after.ending);
    next.push(after && !nextIsAlternative ? i + 1 : -1);
  });
  return { prev, next };
}

const shortOf = (m: TimedBar | undefined) =>
  m !== undefined && m.meterLength !== null && m.duration < m.meterLength - EPS;

/** Why a short measure is wrong, or null when its shortness is legal. */
function shortProblem(measures: TimedBar[], i: number, prev: number, next: number): string | null {
  const m = measures[i];
  const len = m.meterLength as number;
  const have = `${formatDuration(m.duration)} of ${formatDuration(len)}`;
  if (i === 0) return null;
  const before = measures[prev];
  if (isSoft(m.before) && prev >= 0 && shortOf(before) && Math.abs(before.duration + m.duration - len) < EPS) {
    return null; // a pickup completing the last bar before it, even when a `|:` follows it
  }
  if (i === 1 && isSoft(m.before) && shortOf(measures[0])) {
    return `second pickup bar (${have}) right after the opening pickup`;
  }
  if (i === measures.length - 1) {
    const plainEnd = m.after.length > 0 && !isSoft(m.after);
    return plainEnd ? `last bar is short (${have}) and ends with a plain | instead of a section end` : null;
  }
  if (isSoft(m.after)) {
    if (next < 0) return null;
    const n = measures[next];
    if (shortOf(n) && n.meterLength !== len) {
      return `short bar (${have}) before a meter change: the pickup after it cannot complete it`;
    }
    if (shortOf(n)) {
      const sum = m.duration + n.duration;
      if (Math.abs(sum - len) < EPS) return null;
      return `short bar (${have}) and the pickup after the section boundary make ${formatDuration(sum)}, not one bar`;
    }
    return `short bar (${have}) at a section end, but the next section starts with a full bar`;
  }
  if (isSoft(m.before)) {
    if (prev < 0 || shortOf(measures[prev])) return null;
    return `pickup bar (${have}) after a section that ends with a full bar`;
  }
  return `bar is short: ${have}`;
}

/** Bar-length problems of a tune's bars with notes, in order. */
export function barLengthProblems(measures: TimedBar[]): Problem[] {
  const problems: Problem[] = [];
  const { prev, next } = neighbours(measures);
  measures.forEach((m, i) => {
    if (m.meterLength === null) return;
    if (m.duration > m.meterLength + EPS) {
      const msg = `bar is too long: ${formatDuration(m.duration)} of ${formatDuration(m.meterLength)}`;
      problems.push({ bar: m.number, message: msg });
      return;
    }
    if (m.duration > m.meterLength - EPS) return;
    const message = shortProblem(measures, i, prev[i], next[i]);
    if (message) problems.push({ bar: m.number, message });
  });
  return problems;
}
