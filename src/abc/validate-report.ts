// Validates every tune of an ABC file's text and writes the verdicts as readable lines or as
// JSON-ready records. Pure: the command-line entry point does the reading and printing.

import { field, readHeader, splitTunes } from './read.js';
import { validateTune, type Problem, type ValidateOptions } from './validate.js';

export interface TuneVerdict {
  /** 1-based position of the tune in the file. */
  index: number;
  title: string;
  /** 1-based line of the tune's X: line. */
  line: number;
  valid: boolean;
  problems: Problem[];
}

/** The verdict of each tune in a file's text, in file order. */
export function validateFileText(text: string, options: ValidateOptions = {}): TuneVerdict[] {
  return splitTunes(text).map((tune, i) => {
    const { valid, problems } = validateTune(tune.text, options);
    const title = field(readHeader(tune.text).fields, 'T') ?? '(untitled)';
    return { index: i + 1, title, line: tune.line, valid, problems };
  });
}

/** One line per tune (with its first problems when invalid), then a summary line. */
export function formatVerdicts(verdicts: TuneVerdict[], maxProblems = 3): string[] {
  const lines: string[] = [];
  for (const v of verdicts) {
    lines.push(`${v.index}. ${v.title} (line ${v.line}): ${v.valid ? 'valid' : 'INVALID'}`);
    for (const p of v.problems.slice(0, maxProblems)) {
      lines.push(`     ${p.bar === 0 ? 'tune' : `bar ${p.bar}`}: ${p.message}`);
    }
    if (v.problems.length > maxProblems) lines.push(`     ... and ${v.problems.length - maxProblems} more`);
  }
  const valid = verdicts.filter((v) => v.valid).length;
  const none = verdicts.length === 0 ? ' (no line starts with X:)' : '';
  lines.push(`${verdicts.length} tunes: ${valid} valid, ${verdicts.length - valid} invalid${none}`);
  return lines;
}
