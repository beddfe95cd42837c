// Cross-checks playback note events against abc2midi: runs abc2midi over a file of tunes (it
// writes one MIDI file per X: number), reads each file and matches notes by pitch and onset
// in quarter notes. abc2midi delays each note by a tick and staggers chord notes slightly,
// so onsets agree within a tolerance well below the shortest corpus note.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMidiNotes } from './midi-read.js';

export interface TimedPitch {
  pitch: number;
  /** Quarter notes. */
  start: number;
}

const TOLERANCE = 0.05;

/** Notes of each tune as abc2midi plays them, by position in `tunes` (null if it wrote none). */
export function abc2midiNotes(tunes: string[]): (TimedPitch[] | null)[] {
  return abc2midiFiles(tunes).map((bytes) => bytes && readMidiNotes(bytes).map((n) => ({ pitch: n.pitch, start: n.start })));
}

/** abc2midi's MIDI file of each tune, by position in `tunes` (null if it wrote none). */
export function abc2midiFiles(tunes: string[]): (Uint8Array | null)[] {
  const dir = mkdtempSync(join(tmpdir(), 'abc2midi-notes-'));
  try {
    const text = tunes.map((t, i) => t.replace(/^X:.*$/m, `X:${i + 1}`)).join('\n\n') + '\n';
    writeFileSync(join(dir, 'tunes.abc'), text);
    const run = spawnSync('abc2midi', ['tunes.abc'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (run.error) throw new Error(`abc2midi could not run: ${run.error.message}`);
    return tunes.map((_, i) => {
      const file = join(dir, `tunes${i + 1}.mid`);
      return existsSync(file) ? new Uint8Array(readFileSync(file)) : null;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Notes of `a` and `b` that pair up (same pitch, onsets within tolerance), and the larger count. */
export function matchNotes(a: TimedPitch[], b: TimedPitch[]): { matched: number; total: number } {
  const sort = (xs: TimedPitch[]) => [...xs].sort((x, y) => x.start - y.start || x.pitch - y.pitch);
  const [xs, ys] = [sort(a), sort(b)];
  const used = new Uint8Array(ys.length);
  let matched = 0;
  let from = 0;
  for (const x of xs) {
    while (from < ys.length && ys[from].start < x.start - TOLERANCE) from++;
    for (let j = from; j < ys.length && ys[j].start <= x.start + TOLERANCE; j++) {
      if (!used[j] && ys[j].pitch === x.pitch) {
        used[j] = 1;
        matched++;
        break;
      }
    }
  }
  return { matched, total: Math.max(xs.length, ys.length) };
}
