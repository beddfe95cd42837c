// Writes a variant of the imported corpus (train, valid, test) for comparing training formats:
//   --tonic    every tune moved to the tonic C (the nearest way that stays on the fiddle), as folk-rnn v2
//   --beats    notes grouped by beat with spaces (src/abc/beaming.ts), as players write them
// usage: npx tsx scripts/corpus-variant.ts --out DIR [--tonic] [--beats]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { splitTunes } from '../src/abc/read.js';
import { modelText, withNumber } from '../src/abc/tune-text.js';
import { inRange, tonicPitchClass, transposeTune } from '../src/abc/transpose.js';

const { values } = parseArgs({ options: { out: { type: 'string' }, tonic: { type: 'boolean' }, beats: { type: 'boolean' } } });
if (!values.out) throw new Error('usage: corpus-variant.ts --out DIR [--tonic] [--beats]');
const group = values.beats ? (await import('../src/abc/beaming.js')).groupBeats as (t: string) => string : null;

function toC(text: string): string {
  const pc = tonicPitchClass(text);
  if (pc === null) return text;
  const down = -pc;
  const shifts = [down, down + 12].sort((a, b) => Math.abs(a) - Math.abs(b));
  const moved = shifts.map((s) => transposeTune(text, s)).filter((t) => t !== null);
  return (moved.find((t) => inRange(t)) ?? moved[0])?.text ?? text;
}

mkdirSync(values.out, { recursive: true });
for (const split of ['train', 'valid', 'test']) {
  const tunes = splitTunes(readFileSync(join('corpus-abc', `${split}.abc`), 'utf8')).map((t) => modelText(t.text));
  const out = tunes.map((t) => (values.tonic ? toC(t) : t)).map((t) => (group ? group(t) : t));
  writeFileSync(join(values.out, `${split}.abc`), out.map((t, i) => withNumber(t, i + 1)).join('\n'));
}
