// Prints the share of each form plan (src/sample/form-plan.ts) among the training tunes: a tune
// has the first plan the form guide follows it through to its end (tonic ending not asked);
// tunes no plan describes are counted apart. Usage: npx tsx scripts/form-shares.ts [FILE]
import { readFileSync } from 'node:fs';
import { splitTunes } from '../src/abc/read.js';
import { modelText } from '../src/abc/tune-text.js';
import { formOfTune } from '../src/sample/form-fit.js';

const file = process.argv[2] ?? 'corpus-abc/train.abc';
const tunes = splitTunes(readFileSync(file, 'utf8')).map((t) => modelText(t.text));
const counts: Record<string, number> = {};
for (const text of tunes) {
  const name = formOfTune(text)?.name ?? '(none)';
  counts[name] = (counts[name] ?? 0) + 1;
}
const fitted = tunes.length - (counts['(none)'] ?? 0);
console.log(`${tunes.length} tunes, ${fitted} (${((100 * fitted) / tunes.length).toFixed(1)}%) described by a plan`);
for (const [name, n] of Object.entries(counts).sort((a, b) => b[1] - a[1])) {
  console.log(`${name.padEnd(10)} ${String(n).padStart(5)}  ${name === '(none)' ? '' : (n / fitted).toFixed(3)}`);
}
