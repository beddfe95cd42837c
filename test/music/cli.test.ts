// Integration tests of `evaluate --music`: the JSON report on hand-made sets, the table and
// chart of the text mode, and one-line errors with the project's exit codes for bad input.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY, ENDINGS, FRAGMENT, JIG, JIG_PICKUP } from './fixtures.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'music-cli-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const run = (...args: string[]) => {
  const r = spawnSync('npx', ['tsx', 'src/cli/evaluate.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  const err = r.stderr.split('\n').filter((l) => l !== '' && !/^npm warn/i.test(l));
  return { code: r.status, out: r.stdout, err };
};

// set: a regular jig on the tonic, an irregular fragment off it, an empty tune (not measured)
const set = file('set.abc', [JIG, FRAGMENT, EMPTY].join('\n\n') + '\n');
// reference: the jig's title in another case, and other music
const reference = file('reference.abc', [JIG.replace('The Test Jig', ' THE TEST JIG '), JIG_PICKUP, ENDINGS].join('\n\n') + '\n');

describe('evaluate --music', () => {
  it('prints the report as JSON', () => {
    const r = run('--music', set, '--reference', reference, '--json');
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(Object.keys(report).sort()).toEqual(
      ['jsd', 'measured', 'medianBars', 'regularForm', 'titleCopies', 'titleEnglish', 'titleWords', 'tonicEnd', 'tunes']);
    // titles: "The Test Jig" (a copy), "Zxqv Blorp", "Empty"; words the, test, jig, zxqv, blorp, empty
    expect(report).toMatchObject({ tunes: 3, measured: 2, regularForm: 0.5, tonicEnd: 0.5, medianBars: 12.5, titleCopies: 0.3333 });
    expect(report.titleEnglish).toBe(0.6667);
    expect(report.titleWords).toBe(0.6667);
    for (const name of ['scaleDegree', 'interval', 'noteLength']) {
      expect(report.jsd[name]).toBeGreaterThan(0);
      expect(report.jsd[name]).toBeLessThanOrEqual(1);
    }
  });

  it('gives zero divergence and full copies for a set against itself', () => {
    const report = JSON.parse(run('--music', reference, '--reference', reference, '--json').out);
    expect(report).toMatchObject({ tunes: 3, measured: 3, titleWords: 1, titleCopies: 1, jsd: { scaleDegree: 0, interval: 0, noteLength: 0 } });
    expect(report.regularForm).toBe(0.6667);
  });

  it('prints a table and writes the histograms as SVG beside the file', () => {
    const r = run('--music', set, '--reference', reference);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^regular form\s+50\.0%\s+66\.7%$/m);
    expect(r.out).toMatch(/^ends on the tonic\s+50\.0%\s+100\.0%$/m);
    expect(r.out).toContain(`chart: ${set}.music.svg`);
    const svg = readFileSync(`${set}.music.svg`, 'utf8');
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<g /g)).toHaveLength(3);
    expect(existsSync(`${set}.music.svg.${process.pid}.tmp`)).toBe(false);
  });

  it('refuses bad input with one line and a non-zero exit', () => {
    const missing = run('--music', join(dir, 'nope.abc'), '--reference', reference);
    expect(missing.code).toBe(2);
    expect(missing.err).toEqual([`evaluate: ${join(dir, 'nope.abc')} does not exist`]);
    const binary = run('--music', file('bin.abc', Buffer.from([0, 1, 2, 0, 255])), '--reference', reference, '--json');
    expect(binary.code).toBe(1);
    expect(binary.err).toHaveLength(1);
    expect(binary.err[0]).toMatch(/binary/);
    const empty = run('--music', file('none.abc', 'no tunes here\n'), '--reference', reference);
    expect([empty.code, empty.err.length]).toEqual([1, 1]);
    expect(empty.err[0]).toMatch(/no tune/);
    const both = run('--music', set, '--abc', set);
    expect([both.code, both.err.length]).toEqual([2, 1]);
  });
});
