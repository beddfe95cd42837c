// One-off analysis tool: lists the tunes of a source file that the import drops, with the
// reason, the offending bar (and its neighbours) in normal form, and the raw tune text.
// Usage: npx tsx scripts/corpus-drops.ts FILE [--raw] [--reason SUBSTRING]
import { readFileSync } from 'node:fs';
import { splitTunes } from '../src/abc/read.js';
import { formatTune, normalizeTune } from '../src/abc/normalize.js';
import { validateTune } from '../src/abc/validate.js';

const [file, ...flags] = process.argv.slice(2);
const showRaw = flags.includes('--raw');
const only = flags.includes('--reason') ? flags[flags.indexOf('--reason') + 1] : undefined;

/** Bars of the normal-form body (bars with notes, numbered from 1 as the checks number them). */
function barsOf(text: string): string[] {
  const body = text.split('\n').filter((l) => l !== '' && !/^[A-Z]:/.test(l)).join('');
  return body.split(/(?<=\|\]|\|\||::|:\||\|:|\|(?![\]|:]))/).filter((b) => /[A-Ga-gz]/.test(b.replace(/\[[KML]:[^\]]*\]/g, '')));
}

let n = 0;
for (const raw of splitTunes(readFileSync(file, 'utf8'))) {
  const r = normalizeTune(raw.text);
  let reason: string;
  let bar = 0;
  let text = '';
  if (!r.ok) reason = r.reason;
  else {
    text = formatTune(1, r.tune);
    const p = r.tune.barProblems[0] ?? validateTune(text).problems[0];
    if (!p) continue;
    reason = p.message;
    bar = p.bar;
  }
  if (only && !reason.includes(only)) continue;
  n++;
  const title = /^T:(.*)$/m.exec(raw.text)?.[1] ?? '?';
  console.log(`=== line ${raw.line} ${title}: ${reason}`);
  if (bar > 0) {
    const bars = barsOf(text);
    console.log(`  bars ${bar - 1}..${bar + 1}: ${bars.slice(Math.max(0, bar - 2), bar + 1).join('  ')}`);
  }
  if (showRaw) console.log(raw.text.split('\n').filter((l) => !/^[A-Z]:/.test(l) || /^[KML]:/.test(l)).join('\n'));
}
console.log(`${n} dropped`);
