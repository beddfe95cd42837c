// Checks each measure's length against the meter in force when it starts.
// A measure longer than the meter is always wrong. A short one is accepted as the tune's
// anacrusis, as the final bar, or at a section boundary when it pairs with its neighbour
// (short bar before `||`/`:|`/`|:` + pickup after it = one full bar), following abc2midi,
// which carries a short bar's time across a section boundary into the next bar, `:|` included
// (a short bar before `:|` then a full bar reads to abc2midi as one bar too long).
// Bars of a second (third...) ending are alternatives to the first ending's bars.

// Bar lines are read through the ABC layer's table (bar-lines.ts).
import { isFirstEnding, isSectionEnd, kindOfAbcjs } from './bar-lines.js';
import type { BarLine, Measure } from './validate-measures.js';
import { formatDuration, type Problem } from './validate-problem.js';

const EPS = 1e-6;

const isSoft = (lines: BarLine[]) => lines.some((b) => isSectionEnd(kindOfAbcjs(b.type)));

/** Neighbours of each measure, reading second endings as alternatives to the first. */
function neighbours(measures: Measure[]): { prev: number[]; next: number[] } {
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

const shortOf = (m: Measure | undefined) =>
  m !== undefined && m.meterLength !== null && m.duration < m.meterLength - EPS;

/** Why a short measure is wrong, or null when its shortness is legal. */
function shortProblem(measures: Measure[], i: number, prev: number, next: number): string | null {
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

/** Bar-length problems of a list of measures. */
export function checkBarLengths(measures: Measure[]): Problem[] {
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
