// Validates one ABC tune: header fields, abcjs parser warnings, bar lengths against the
// meter, repeat and ending balance, and a minimum number of bars. Pure (no fs, no DOM);
// never throws, whatever the input. Problems at bar 0 concern the header or the whole tune.

import abcjs from 'abcjs';
import { checkHeader, pickTune } from './validate-header.js';
import { checkBarLengths } from './validate-lengths.js';
import { extractMeasures } from './validate-measures.js';
import type { Problem } from './validate-problem.js';
import { checkRepeats } from './validate-repeats.js';

export type { Problem } from './validate-problem.js';

export interface ValidateOptions {
  /** Fewest measures (bars with notes, a pickup included) a tune may have; default 4. */
  minBars?: number;
  /** Longest tune text accepted, in characters; longer input is rejected unparsed. Default 100,000. */
  maxChars?: number;
}

export interface Validation {
  valid: boolean;
  problems: Problem[];
}

/** abcjs warnings carry HTML markup and entities; keep the plain text. */
export function plainWarning(html: string): string {
  const text = html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

/** Parses with abcjs; returns the first tune object and its warnings as problems. */
function parse(text: string): { tune: unknown; problems: Problem[] } {
  try {
    const tunes = abcjs.parseOnly(text) as unknown as { warnings?: string[] }[];
    const tune = tunes[0];
    const warnings = tune?.warnings ?? [];
    return { tune, problems: warnings.map((w) => ({ bar: 0, message: `abcjs: ${plainWarning(w)}` })) };
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
    problems.push(...checkRepeats(barLines), ...checkBarLengths(measures), ...noteProblems);
  } catch (err) {
    problems.push({ bar: 0, message: `could not read the parsed tune: ${String(err)}` });
  }
  return problems;
}

/** Checks one tune; `valid` is true when no problem was found. */
export function validateTune(abc: string, options: ValidateOptions = {}): Validation {
  const minBars = options.minBars ?? 4;
  const maxChars = options.maxChars ?? 100_000;
  const input = typeof abc === 'string' ? abc : '';
  if (input.length > maxChars) {
    return { valid: false, problems: [{ bar: 0, message: `tune text is longer than ${maxChars} characters` }] };
  }
  const { text, problems } = pickTune(input);
  problems.push(...checkHeader(text), ...musicProblems(text, minBars));
  problems.sort((a, b) => a.bar - b.bar);
  return { valid: problems.length === 0, problems };
}
