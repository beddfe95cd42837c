// The corpus import end to end on a temporary directory, plus split, dedupe and bad input.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCorpus, looksBinary } from '../../src/corpus/build.js';
import { CorpusError, importCorpus } from '../../src/corpus/import.js';
import { splitOf, titleKey } from '../../src/corpus/split.js';

const tune = (x: number, title: string, notes = 'GABc dedB') =>
  `X:${x}\nT:${title}\nM:4/4\nL:1/8\nK:G\n|${notes}|GABc d2B2|GABc dedB|A2G2 G4|]\n`;

describe('split', () => {
  it('keys titles without case, punctuation or a leading "the"', () => {
    expect(titleKey('The Kesh Jig.')).toBe('keshjig');
    expect(splitOf('The Kesh Jig')).toBe(splitOf('kesh jig!'));
  });
  it('puts about 90/5/5 of titles in train/valid/test', () => {
    const counts = { train: 0, valid: 0, test: 0 };
    for (let i = 0; i < 4000; i++) counts[splitOf(`tune number ${i}`)]++;
    expect(counts.train / 4000).toBeCloseTo(0.9, 1);
    expect(counts.valid).toBeGreaterThan(100);
    expect(counts.test).toBeGreaterThan(100);
  });
});

describe('buildCorpus', () => {
  it('drops exact duplicates across files and reports reasons', () => {
    const a = { name: 'a.abc', text: tune(1, 'One') + '\n' + tune(2, 'Two', 'GABc dedB|GA') };
    const b = { name: 'b.abc', text: tune(1, 'One again') + '\n' + 'X:3\nT:No meter\nK:G\n|GABc|\n' };
    const { report, kept } = buildCorpus([a, b]);
    expect(kept.map((t) => t.title)).toEqual(['One']);
    expect(report.files[0].dropped).toEqual({ 'invalid: bar is short': 1 });
    expect(report.files[1].dropped).toEqual({ duplicate: 1, 'no meter': 1 });
    expect(report.totals).toEqual({ read: 4, kept: 1, dropped: { 'invalid: bar is short': 1, duplicate: 1, 'no meter': 1 } });
  });
  it('uses an injected validator', () => {
    const reject = () => ({ valid: false, problems: [{ bar: 2, message: 'Bar 2 is odd: 3/8' }] });
    const { report } = buildCorpus([{ name: 'a.abc', text: tune(1, 'One') }], reject);
    expect(report.files[0].dropped).toEqual({ 'invalid: Bar N is odd': 1 });
  });
  it('copes with empty, binary, X:-less and large random input', () => {
    const random = Array.from({ length: 50_000_000 }, (_, i) => String.fromCharCode(32 + ((i * 7919) % 95))).join('');
    const files = [
      { name: 'empty.abc', text: '' },
      { name: 'binary.abc', text: 'X:1\u0000\u0001\u0002' },
      { name: 'nox.abc', text: 'T:Title\nM:4/4\nK:G\nGABc|\n' },
      { name: 'random.abc', text: random },
    ];
    const t0 = Date.now();
    const { report } = buildCorpus(files);
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(report.totals.kept).toBe(0);
    expect(report.files[1].note).toBe('binary file skipped');
    expect(looksBinary('plain text')).toBe(false);
  });
});

describe('importCorpus', () => {
  it('writes train/valid/test.abc and report.json', async () => {
    const from = mkdtempSync(join(tmpdir(), 'corpus-in-'));
    const out = mkdtempSync(join(tmpdir(), 'corpus-out-'));
    const titles = Array.from({ length: 60 }, (_, i) => `Tune ${i}`);
    writeFileSync(join(from, 'b.abc'), titles.slice(30).map((t, i) => tune(i, t, `GABc de${'dB'[i % 2]}${'ABcdefg'[i % 7]}`)).join('\n'));
    writeFileSync(join(from, 'a.abc'), titles.slice(0, 30).map((t, i) => tune(i, t, `GABc ed${'ABcdefg'[i % 7]}${'Bc'[i % 2]}`)).join('\n'));
    writeFileSync(join(from, 'notes.txt'), 'not abc');
    const report = await importCorpus(from, out);
    expect(report.files.map((f) => f.file)).toEqual(['a.abc', 'b.abc']);
    const written = ['train', 'valid', 'test'].map((s) => readFileSync(join(out, `${s}.abc`), 'utf8'));
    const counts = written.map((w) => (w.match(/^X:/gm) ?? []).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(report.totals.kept);
    expect(written[0].startsWith('X:1\nT:')).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))).toEqual(report);
  });
  it('fails with a CorpusError on a missing directory', async () => {
    await expect(importCorpus('/nonexistent/dir', tmpdir())).rejects.toBeInstanceOf(CorpusError);
  });
});
