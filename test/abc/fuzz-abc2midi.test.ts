// Fuzz: corpus tunes mutated the way files get broken (characters flipped, spans deleted or
// duplicated, ABC symbols inserted; test/helpers/mutate.ts, fixed seed) go through the normaliser
// and the validator as the import does. The normaliser must never throw, and no tune the import
// would keep may draw an abc2midi `Error`. Reads the sources in ../shared/corpus-abc (else the
// imported corpus-abc/*.abc); skipped when neither is there or abc2midi is missing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTune, normalizeTune } from '../../src/abc/normalize.js';
import { splitTunes } from '../../src/abc/read.js';
import { validateTune } from '../../src/abc/validate.js';
import { checkWithAbc2midi, hasAbc2midi } from '../helpers/abc2midi.js';
import { mutants } from '../helpers/mutate.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DIRS = [join(ROOT, '..', 'shared', 'corpus-abc'), join(ROOT, 'corpus-abc')];
const MUTANTS = 8000;
const SEED = 11;

function corpusTunes(): string[] {
  const dir = DIRS.find((d) => existsSync(d) && readdirSync(d).some((f) => f.endsWith('.abc')));
  if (!dir) return [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.abc')).sort();
  return files.flatMap((f) => splitTunes(readFileSync(join(dir, f), 'utf8')).map((t) => t.text));
}

const tunes = corpusTunes();

describe.skipIf(tunes.length === 0 || !hasAbc2midi())('mutated corpus tunes', () => {
  it(`${MUTANTS} mutants: the normaliser never throws; no tune the import keeps draws an abc2midi Error`, () => {
    const kept: { source: string; text: string }[] = [];
    let normalised = 0;
    for (const source of mutants(tunes, MUTANTS, SEED)) {
      const r = normalizeTune(source);
      if (!r.ok) continue;
      normalised++;
      const text = formatTune(kept.length + 1, r.tune);
      if (r.tune.barProblems.length === 0 && validateTune(text).valid) kept.push({ source, text });
    }
    expect(normalised).toBeGreaterThan(MUTANTS / 2);
    expect(kept.length).toBeGreaterThan(MUTANTS / 10); // not vacuous: many mutants stay valid tunes
    const checked = checkWithAbc2midi(kept.map((k) => k.text).join('\n'));
    const bad = checked.flatMap((t) => t.problems.filter((p) => p.message.startsWith('Error')).map((p) => ({ ...p, tune: kept[t.index] })));
    expect(bad.slice(0, 3).map((b) => `${b.message}\n${b.tune.text}\nfrom:\n${b.tune.source}`)).toEqual([]);
  });
});
