// Runs abc2midi as an independent checker over a file of tunes and maps what it reports back
// to the tunes. Kept: every `Error` line, and `Warning`s saying a bar's length differs from the
// time signature, except those ending "in repeat" (abc2midi's second pass through a repeat,
// where legal short bars next to repeat signs are reported too). abc2midi exits 0 whatever it
// finds, and writes a barloc.txt into its working folder, so it runs in a temporary one.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitTunes } from '../../src/abc/read.js';

export interface Abc2midiProblem {
  /** 1-based line in the file. */
  line: number;
  message: string;
}

export interface Abc2midiTune {
  /** 0-based position of the tune in the file. */
  index: number;
  /** 1-based line of the tune's X: line. */
  line: number;
  problems: Abc2midiProblem[];
}

const REPORT = /^(Error|Warning) in line-char (\d+)-(\d+) : (.*)$/;
const BAR_LENGTH = /Bar \d+ has .* time units while the time signature has/;

/** True when abc2midi can be run here. */
export function hasAbc2midi(): boolean {
  const run = spawnSync('abc2midi', ['-ver'], { encoding: 'utf8' });
  return run.error === undefined;
}

/** The reported lines abc2midi prints for a file, kept as described above. */
export function parseAbc2midiOutput(output: string): Abc2midiProblem[] {
  const kept: Abc2midiProblem[] = [];
  for (const raw of output.split('\n')) {
    const m = REPORT.exec(raw.trim());
    if (!m) continue;
    const message = `${m[1]}: ${m[4].trim()}`;
    const barLength = BAR_LENGTH.test(m[4]);
    if (m[1] === 'Warning' && (!barLength || /in repeat$/.test(m[4].trim()))) continue;
    kept.push({ line: Number(m[2]), message });
  }
  return kept;
}

/** Runs `abc2midi FILE -c` on the given file text and returns each tune's problems. */
export function checkWithAbc2midi(fileText: string): Abc2midiTune[] {
  const dir = mkdtempSync(join(tmpdir(), 'abc2midi-'));
  try {
    const file = join(dir, 'tunes.abc');
    writeFileSync(file, fileText);
    const run = spawnSync('abc2midi', [file, '-c'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (run.error) throw new Error(`abc2midi could not run: ${run.error.message}`);
    const tunes: Abc2midiTune[] = splitTunes(fileText).map((t, index) => ({ index, line: t.line, problems: [] }));
    for (const problem of parseAbc2midiOutput(`${run.stdout}\n${run.stderr}`)) {
      const owner = findOwner(tunes, problem.line);
      if (owner) owner.problems.push(problem);
    }
    return tunes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The last tune starting at or before `line` (binary search; tunes are in file order). */
function findOwner(tunes: Abc2midiTune[], line: number): Abc2midiTune | undefined {
  let lo = 0;
  let hi = tunes.length - 1;
  let found: Abc2midiTune | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tunes[mid].line <= line) {
      found = tunes[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
