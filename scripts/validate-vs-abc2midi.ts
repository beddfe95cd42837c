// Compares validateTune with abc2midi on ABC files: how many tunes each rejects, where they
// disagree, and a few examples of each disagreement with both tools' reasons.
// Usage: npx tsx scripts/validate-vs-abc2midi.ts FILE... [--examples N] [--bars-only]
// --bars-only compares only bar-length findings (ours vs abc2midi's bar warnings).

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { splitTunes } from '../src/abc/read.js';
import { validateTune } from '../src/abc/validate.js';
import { checkWithAbc2midi } from '../test/helpers/abc2midi.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { examples: { type: 'string', default: '3' }, 'bars-only': { type: 'boolean', default: false } },
});
const examples = Number(values.examples);
const barsOnly = values['bars-only'];
const isBarMessage = (m: string) => /^(bar is|short bar|pickup bar|last bar)/.test(m);
const isAbc2midiBar = (m: string) => /time units/.test(m);

for (const path of positionals) {
  const text = readFileSync(path, 'utf8');
  const started = performance.now();
  const ours = splitTunes(text).map((t) => validateTune(t.text));
  const oursMs = performance.now() - started;
  const theirs = checkWithAbc2midi(text);
  const counts = { both: 0, onlyOurs: 0, onlyAbc2midi: 0, neither: 0 };
  const shown = { onlyOurs: 0, onlyAbc2midi: 0 };
  const why = { onlyOurs: new Map<string, number>(), onlyAbc2midi: new Map<string, number>() };
  const tally = (map: Map<string, number>, messages: string[]) => {
    for (const k of new Set(messages.map(category))) map.set(k, (map.get(k) ?? 0) + 1);
  };
  const tunes = splitTunes(text);
  ours.forEach((v, i) => {
    const ourProblems = v.problems.filter((p) => !barsOnly || isBarMessage(p.message));
    const their = theirs[i].problems.filter((p) => !barsOnly || isAbc2midiBar(p.message));
    const key = ourProblems.length && their.length ? 'both' : ourProblems.length ? 'onlyOurs' : their.length ? 'onlyAbc2midi' : 'neither';
    counts[key]++;
    if (key === 'onlyOurs') tally(why.onlyOurs, ourProblems.map((p) => p.message));
    if (key === 'onlyAbc2midi') tally(why.onlyAbc2midi, their.map((p) => p.message));
    if ((key === 'onlyOurs' || key === 'onlyAbc2midi') && shown[key]++ < examples) {
      console.log(`--- ${key}: tune ${i} (line ${tunes[i].line})`);
      for (const p of ourProblems.slice(0, 3)) console.log(`  ours: bar ${p.bar}: ${p.message}`);
      for (const p of their.slice(0, 3)) console.log(`  abc2midi: line ${p.line}: ${p.message}`);
    }
  });
  const total = ours.length;
  console.log(`${path}: ${total} tunes, validator ${oursMs.toFixed(0)} ms`);
  for (const [k, map] of Object.entries(why)) {
    const top = [...map].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(`  ${k} reasons (tunes): ${top.map(([m, n]) => `${n}× ${m}`).join('; ')}`);
  }
  console.log(`  rejected by both ${counts.both}, only validator ${counts.onlyOurs}, only abc2midi ${counts.onlyAbc2midi}, neither ${counts.neither}`);
}

/** A message with its numbers and quoted text blanked, to count kinds of problem. */
function category(message: string): string {
  return message.replace(/"[^"]*"|'[^']*'/g, '"…"').replace(/\d+(\/\d+)?/g, 'N').replace(/abcjs: Music Line:N:N: ([^:]*):.*/, 'abcjs: $1').slice(0, 70);
}
