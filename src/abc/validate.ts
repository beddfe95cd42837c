// Validates one ABC tune: header fields, abcjs parser warnings, bar lengths against the
// meter, repeat and ending balance, and a minimum number of bars. Pure (no fs, no DOM);
// never throws, whatever the input, and bounds its own time: text abcjs would take
// quadratic time over (a line of thousands of characters) is refused before parsing, and at
// most MAX_PROBLEMS problems are kept. Problems at bar 0 concern the header or the whole tune.

import abcjs from 'abcjs';
import { checkHeader, pickTune } from './validate-header.js';
import { barLengthProblems } from './bar-lengths.js';
import { checkLines } from './validate-lines.js';
import { extractMeasures, timedBar } from './validate-measures.js';
import type { Problem } from './validate-problem.js';
import { checkRepeats } from './validate-repeats.js';

export type { Problem } from './validate-problem.js';

export interface ValidateOptions {
  /** Fewest measures (bars with notes, a pickup included) a tune may have; default 4. */
  minBars?: number;
  /** Longest tune text accepted, in characters; longer input is rejected unparsed. Default 20,000. */
  maxChars?: number;
}

export interface Validation {
  valid: boolean;
  problems: Problem[];
}

/** Problems kept per tune; the rest are counted in one last problem. */
export const MAX_PROBLEMS = 100;
/** Eight times the corpus's longest tune (2,438 characters); abcjs takes ~1 s for this much junk. */
const MAX_CHARS = 20_000;

/** abcjs warnings carry HTML markup and entities; keep the plain text. */
export function plainWarning(html: string): string {
  const text = html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

/** Appends `items` to `into` one by one (a spread of 100,000 items overflows the stack). */
function append(into: Problem[], items: Problem[]): void {
  for (const p of items) into.push(p);
}

/** Parses with abcjs; returns the first tune object and its warnings as problems. */
function parse(text: string): { tune: unknown; problems: Problem[] } {
  try {
    const tunes = abcjs.parseOnly(text) as unknown as { warnings?: string[] }[];
    const tune = tunes[0];
    const warnings = tune?.warnings ?? [];
    return { tune, problems: warnings.slice(0, MAX_PROBLEMS).map((w) => ({ bar: 0, message: `abcjs: ${plainWarning(String(w))}` })) };
  } catch (err) {
    return { tune: undefined, problems: [{ bar: 0, message: `abcjs failed: ${String(err)}` }] };
  }
}

function musicProblems(text: string, minBars: number): Problem[] {
  const { tune, problems } = parse(text);
  try {
    const { measures, barLines, noteProblems } = extractMeasures(tune, text);
    if (measures.length < minBars) {
      problems.push({ bar: 0, message: `only ${measures.length} bars, at least ${minBars} needed` });
    }
    append(problems, checkRepeats(barLines));
    append(problems, barLengthProblems(measures.map(timedBar)));
    append(problems, noteProblems);
  } catch (err) {
    problems.push({ bar: 0, message: `could not read the parsed tune: ${String(err)}` });
  }
  return problems;
}

/** The first MAX_PROBLEMS problems in bar order, and a count of the rest. */
function capped(problems: Problem[]): Problem[] {
  problems.sort((a, b) => a.bar - b.bar);
  if (problems.length <= MAX_PROBLEMS) return problems;
  const more = problems.length - MAX_PROBLEMS;
  return [...problems.slice(0, MAX_PROBLEMS), { bar: 0, message: `... and ${more} more problems` }];
}

function check(input: string, minBars: number, maxChars: number): Problem[] {
  if (input.length > maxChars) return [{ bar: 0, message: `tune text is longer than ${maxChars} characters` }];
  const { text, problems } = pickTune(input);
  append(problems, checkHeader(text));
  const lines = checkLines(text);
  // Pathological lines are not handed to abcjs: their problems stand for the music's.
  append(problems, lines.refused.length > 0 ? lines.refused : musicProblems(text, minBars));
  append(problems, lines.problems);
  return problems;
}

/** Checks one tune; `valid` is true when no problem was found. */
export function validateTune(abc: string, options: ValidateOptions = {}): Validation {
  const input = typeof abc === 'string' ? abc : '';
  let problems: Problem[];
  try {
    problems = capped(check(input, options.minBars ?? 4, options.maxChars ?? MAX_CHARS));
  } catch (err) {
    problems = [{ bar: 0, message: `the validator failed: ${err instanceof Error ? err.message : String(err)}` }];
  }
  return { valid: problems.length === 0, problems };
}
