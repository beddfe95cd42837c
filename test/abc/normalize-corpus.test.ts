// The normaliser over the real training corpus: idempotent on every kept tune, and fast.
// Skipped when the shared corpus is not present on this machine.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitTunes } from '../../src/abc/read.js';
import { formatTune, normalizeTune } from '../../src/abc/normalize.js';

const DIR = new URL('../../../shared/corpus-abc/', import.meta.url);
const FILES = ['airds.abc', 'nottingham.abc', 'oneills.abc'];
const present = FILES.every((f) => existsSync(new URL(f, DIR)));

describe.skipIf(!present)('normaliser on the corpus', () => {
  it.each(FILES)('is idempotent on %s', (file) => {
    const tunes = splitTunes(readFileSync(new URL(file, DIR), 'utf8'));
    let kept = 0;
    const unstable: string[] = [];
    for (const raw of tunes) {
      const once = normalizeTune(raw.text);
      if (!once.ok) continue;
      kept++;
      const text = formatTune(1, once.tune);
      const twice = normalizeTune(text);
      if (!twice.ok || formatTune(1, twice.tune) !== text) unstable.push(once.tune.title);
    }
    expect(unstable).toEqual([]);
    expect(kept / tunes.length).toBeGreaterThan(0.9);
  });
});
