// The tune book's PDF (headless Chromium printing tunebook.html): short tunes share a page and
// no tune is split. Each tune ends with a W: line that abcjs prints under its music; Ghostscript's
// text extraction tells on which page each title and each end mark landed. Skipped without
// /usr/bin/chromium; the split check needs gs (Debian package ghostscript).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ComposeResult } from '../../src/compose/compose.js';
import { writeTunebook } from '../../src/tunebook/write.js';
import { hasChromium } from '../helpers/page-checks.js';

const dir = mkdtempSync(join(tmpdir(), 'tunebook-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PART = ['|:DEFGABcd|edcBA2FA|d2dfedcB|A2F2D4:|', '|:fefgafdf|gfedcdeg|fdecdBAF|G2E2D4:|'];
/** A reel of `lines` staves (two parts of 4 bars a line), ending in a W: mark. */
const reel = (n: number, lines: number) => ({
  title: `Reel number ${n}`, meter: '4/4', key: 'Dmaj', bars: 4 * lines, logProbPerChar: -0.5,
  abc: `X:${n}\nT:Reel number ${n}\nM:4/4\nL:1/8\nK:Dmaj\n${Array.from({ length: lines }, (_, i) => PART[i % 2]).join('\n')}\nW:end of tune ${n}\n`,
});
const book = (tunes: ReturnType<typeof reel>[]): ComposeResult => ({
  tunes, attempts: tunes.length, validRate: 1, copiesRejected: 0, copyRate: 0, duplicatesDropped: 0, failures: {}, seconds: 1,
  tokensPerSec: 100, model: 'test', seed: 1, complete: true, noveltyChecked: true, attemptLogProbPerChar: -0.5,
});
const opts = { tunes: 4, temperature: 1, topK: 0, topP: 1, beam: 0, seed: 1 };

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
const hasGs = spawnSync('gs', ['--version']).error === undefined;

/** The text of each page, through Ghostscript's txtwrite device. */
function pageTexts(pdf: string, pages: number): string[] {
  const out = join(dir, 'page-%d.txt');
  const run = spawnSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=txtwrite', `-sOutputFile=${out}`, pdf], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`gs failed: ${run.stderr}`);
  return Array.from({ length: pages }, (_, i) => readFileSync(join(dir, `page-${i + 1}.txt`), 'utf8'));
}

/** For each tune: [page of its title, page of its end mark] (1-based; 0 when not found). */
function tunePages(texts: string[], count: number): [number, number][] {
  const pageOf = (s: string) => texts.findIndex((t) => t.includes(s)) + 1;
  return Array.from({ length: count }, (_, i) => [pageOf(`Reel number ${i + 1}`), pageOf(`end of tune ${i + 1}`)]);
}

describe.skipIf(!hasChromium())('the tune book PDF', () => {
  it('prints four short tunes on two pages, none split', async () => {
    const out = join(dir, 'short');
    const written = await writeTunebook(out, book([1, 2, 3, 4].map((n) => reel(n, 4))), opts, true);
    expect(written.pdfVia).toBe('chromium');
    const pdf = join(out, 'tunebook.pdf');
    expect(pageCount(readFileSync(pdf))).toBe(2);
    if (!hasGs) return console.warn('gs missing: the split check is skipped (apt-get install -y ghostscript)');
    const pages = tunePages(pageTexts(pdf, 2), 4);
    for (const [title, end] of pages) expect(title === end && title > 0, JSON.stringify(pages)).toBe(true);
  }, 60_000);

  it.skipIf(!hasGs)('moves a tune that does not fit to the next page whole', async () => {
    const out = join(dir, 'long');
    await writeTunebook(out, book([reel(1, 4), reel(2, 8)]), opts, true);
    const pdf = join(out, 'tunebook.pdf');
    expect(pageCount(readFileSync(pdf))).toBe(2);
    expect(tunePages(pageTexts(pdf, 2), 2)).toEqual([[1, 1], [2, 2]]);
  }, 60_000);
});
