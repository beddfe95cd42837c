// The text of a tune book: the .abc file (tunes numbered X:1..N, each with an N: line naming
// the model, seed and settings, notes grouped by beat), MIDI file names, and the terminal table. Pure.
import type { ComposedTune, ComposeResult } from '../compose/composer.js';
import type { ComposeOptions } from '../compose/options.js';
import { groupBeats } from '../abc/beaming.js';

/** One line describing how the book was made (model, seed and the settings that matter). */
export function settingsLine(result: Pick<ComposeResult, 'model' | 'seed'>, opts: ComposeOptions): string {
  const parts = [`model ${result.model}`, `seed ${result.seed}`];
  if (opts.beam >= 2) parts.push(`beam ${opts.beam}${opts.stochasticBeam === false ? ' deterministic' : ''}`);
  else parts.push(opts.greedy ? 'greedy' : `temperature ${opts.temperature}`);
  if (opts.topK > 0) parts.push(`top-k ${opts.topK}`);
  if (opts.topP < 1) parts.push(`top-p ${opts.topP}`);
  if (opts.barGuide === false) parts.push('no bar guide');
  else if (opts.form && opts.form !== 'auto') parts.push(`form ${opts.form}`);
  for (const f of ['title', 'meter', 'key', 'prime'] as const) if (opts[f]) parts.push(`${f} "${opts[f]}"`);
  return `composed by folk-lstm: ${parts.join(', ')}`;
}

/**
 * A tune numbered `n`, with an N: line after its title when a note is given (N: holds notes,
 * ignored by players), its notes grouped by beat for reading (groupBeats).
 */
export function bookTune(tune: ComposedTune, n: number, note?: string): string {
  const lines = groupBeats(tune.abc).replace(/\n+$/, '').split('\n');
  lines[0] = `X:${n}`;
  const t = lines.findIndex((l) => l.startsWith('T:'));
  if (note !== undefined) lines.splice(t + 1, 0, `N:${note.replace(/%/g, 'percent ')}${tune.copied ? ' (copies 4+ bars of a training tune)' : ''}`);
  return lines.join('\n') + '\n';
}

/** The whole .abc file. */
export function bookAbc(tunes: ComposedTune[], note: string): string {
  return `%abc-2.1\n% ${note.replace(/\n/g, ' ')}\n\n${tunes.map((t, i) => bookTune(t, i + 1, note)).join('\n')}`;
}

/** `07-the-rolling-wave.mid` */
export function midiName(n: number, title: string): string {
  const slug = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'tune';
  return `${String(n).padStart(2, '0')}-${slug}.mid`;
}

function pad(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n);
}

/** The terminal table: #, title, meter, key, bars. */
export function tuneTable(tunes: ComposedTune[]): string {
  const head = `${'#'.padStart(3)}  ${pad('title', 36)} ${pad('meter', 6)} ${pad('key', 7)} ${'bars'.padStart(4)}`;
  const rows = tunes.map((t, i) => `${String(i + 1).padStart(3)}  ${pad(t.title + (t.copied ? ' *' : ''), 36)} ${pad(t.meter, 6)} ${pad(t.key, 7)} ${String(t.bars).padStart(4)}`);
  return [head, ...rows].join('\n') + '\n';
}
