// Cross-checks the validator with abc2midi: hand-written normal-form tunes (always run) and a
// fixed sample of the imported training corpus (run when corpus-abc/train.abc exists, i.e.
// after `npm run corpus -- import`). Tunes our validator accepts must be clean for abc2midi.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitTunes } from '../../src/abc/read.js';
import { validateTune } from '../../src/abc/validate.js';
import { checkWithAbc2midi, hasAbc2midi, parseAbc2midiOutput } from '../helpers/abc2midi.js';

const FIXTURES = new URL('../fixtures/normal-form.abc', import.meta.url);
const TRAIN = new URL('../../corpus-abc/train.abc', import.meta.url);
const SAMPLE = 300;
const present = hasAbc2midi();

describe('abc2midi output parsing', () => {
  it('keeps errors and bar-length warnings, drops "in repeat" and other warnings', () => {
    const out = [
      'Error in line-char 3-5 : Could not find note to be tied',
      'Warning in line-char 7-11 : Track 0 Bar 2 has 3/2 time units while the time signature has 2',
      'Warning in line-char 8-1 : Track 0 Bar 4 has 1 time units while the time signature has 2 in repeat',
      'Warning in line-char 9-1 : Assuming repeat',
    ].join('\n');
    expect(parseAbc2midiOutput(out).map((p) => p.line)).toEqual([3, 7]);
  });
});

describe.skipIf(!present)('validator against abc2midi', () => {
  it('hand-written normal-form tunes are clean for both', () => {
    const text = readFileSync(FIXTURES, 'utf8');
    const theirs = checkWithAbc2midi(text);
    const tunes = splitTunes(text);
    expect(tunes.length).toBeGreaterThanOrEqual(8);
    tunes.forEach((t, i) => {
      expect(validateTune(t.text).problems, `tune ${i + 1}`).toEqual([]);
      expect(theirs[i].problems, `tune ${i + 1}`).toEqual([]);
    });
  });

  it('flags the same broken tune as abc2midi', () => {
    const text = 'X:1\nT:Broken\nM:2/4\nL:1/8\nK:Dmaj\nd2 e2|f2 g2 a|e4|d4|]\n';
    expect(checkWithAbc2midi(text)[0].problems.length).toBeGreaterThan(0);
    expect(validateTune(text).valid).toBe(false);
  });

  it.skipIf(!existsSync(TRAIN))(`a sample of ${SAMPLE} training tunes: 99% clean for abc2midi and agreeing`, () => {
    const tunes = splitTunes(readFileSync(TRAIN, 'utf8'));
    const step = Math.max(1, Math.floor(tunes.length / SAMPLE));
    const sample = tunes.filter((_, i) => i % step === 0).slice(0, SAMPLE);
    const theirs = checkWithAbc2midi(sample.map((t) => t.text).join('\n\n') + '\n');
    const clean = theirs.filter((t) => t.problems.length === 0).length;
    expect(clean / sample.length).toBeGreaterThanOrEqual(0.99);
    const missed = sample.filter((t, i) => validateTune(t.text).valid && theirs[i].problems.length > 0);
    expect(missed.map((t) => t.text.split('\n')[1])).toEqual([]);
  });
});

if (!present) console.warn('abc2midi not installed: skipping the cross-check (apt-get install -y abcmidi)');
if (!existsSync(TRAIN)) console.warn('corpus-abc/train.abc missing: run `npm run corpus -- import` to cross-check the corpus');
