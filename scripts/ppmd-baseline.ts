// `npx tsx scripts/ppmd-baseline.ts --heldout FILE [--train corpus-abc/train.abc] [--json]`
// The yardstick for the model's held-out loss: PPMd order 8 (7-Zip, `7z -m0=PPMd:o=8`) on the
// same normalised text, conditioned on the training text: bits = size(train + held-out) -
// size(train). Each tune is its model text plus one separator line, the same characters the
// network scores (its EOS stands for the separator). Needs Debian's p7zip-full.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { splitTunes } from '../src/abc/read.js';
import { formatTune } from '../src/abc/normalize.js';
import { modelText } from '../src/abc/tune-text.js';
import { buildCorpus } from '../src/corpus/build.js';
import { loadValidator, readSources } from '../src/corpus/import.js';
import { PROJECT_ROOT, fail, parseFlags, runMain } from '../src/cli/args.js';

const NAME = 'ppmd-baseline';
const { values } = parseFlags(NAME, { heldout: { type: 'string' }, train: { type: 'string' }, json: { type: 'boolean' } });

function compressedBytes(dir: string, name: string, text: string): number {
  const file = join(dir, name);
  writeFileSync(file, text);
  execFileSync('7z', ['a', '-t7z', '-m0=PPMd:o=8:mem=256m', '-mx=9', `${file}.7z`, file], { stdio: 'ignore' });
  return statSync(`${file}.7z`).size;
}

runMain(NAME, async () => {
  if (!values.heldout) fail(NAME, 'usage: ppmd-baseline --heldout FILE [--train FILE] [--json]', 2);
  const trainText = splitTunes(readFileSync(resolve(values.train ?? join(PROJECT_ROOT, 'corpus-abc/train.abc')), 'utf8'))
    .map((t) => modelText(t.text) + '\n').join('');
  const built = buildCorpus(await readSources([resolve(values.heldout)]), await loadValidator(() => {}));
  const held = built.kept.map((t, i) => modelText(formatTune(i + 1, t)) + '\n').join('');
  const dir = mkdtempSync(join(tmpdir(), 'ppmd-'));
  try {
    const base = compressedBytes(dir, 'train.txt', trainText);
    const both = compressedBytes(dir, 'both.txt', trainText + held);
    const alone = compressedBytes(dir, 'held.txt', held);
    const chars = Array.from(held).length;
    const result = { tunes: built.kept.length, chars, conditionalBitsPerChar: +(((both - base) * 8) / chars).toFixed(4), aloneBitsPerChar: +((alone * 8) / chars).toFixed(4) };
    process.stdout.write(values.json ? JSON.stringify(result) + '\n' : Object.entries(result).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
