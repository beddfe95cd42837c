// One-off check: normalises each source file as the import does (validator included) and runs
// `abc2midi -c` over the kept tunes, printing per file the keep rate and how many kept tunes
// abc2midi reports an Error or a bar-length warning for (not "in repeat").
// Usage: npx tsx scripts/corpus-abc2midi.ts [--show] FILE...
import { readFileSync } from 'node:fs';
import { buildCorpus, formatTunes } from '../src/corpus/build.js';
import { validateTune } from '../src/abc/validate.js';
import { checkWithAbc2midi } from '../test/helpers/abc2midi.js';

const args = process.argv.slice(2);
const show = args.includes('--show');
for (const path of args.filter((a) => a !== '--show')) {
  const built = buildCorpus([{ name: path, text: readFileSync(path, 'utf8') }], (abc) => validateTune(abc));
  const text = formatTunes(built.kept);
  const bad = checkWithAbc2midi(text).filter((t) => t.problems.length > 0);
  const { read, kept } = built.report.files[0];
  const pct = (a: number, b: number) => ((100 * a) / b).toFixed(1);
  console.log(`${path}: kept ${kept}/${read} (${pct(kept, read)}%), abc2midi clean ${kept - bad.length}/${kept} (${pct(kept - bad.length, kept)}%)`);
  if (show) for (const t of bad) console.log(t.problems.map((p) => p.message).join('\n'), '\n' + text.split('\n').slice(t.line - 1, t.line + 14).join('\n'));
}
