// writeTunebook: the folder holds tunebook.abc, tunebook.html (abcjs inlined) and one MIDI file
// per tune, named by number and title.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ComposeResult } from '../../src/compose/compose.js';
import { writeTunebook } from '../../src/tunebook/write.js';

const dir = mkdtempSync(join(tmpdir(), 'tunebook-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const abc = (n: number, title: string) => `X:${n}\nT:${title}\nM:4/4\nL:1/8\nK:Dmaj\nDEFG ABcd|edcB AGFE|DEFG ABcd|e2d2 d4|]\n`;
const result: ComposeResult = {
  tunes: [1, 2].map((n) => ({ title: `Reel ${n}`, meter: '4/4', key: 'Dmaj', bars: 4, abc: abc(n, `Reel ${n}`), logProbPerChar: -0.4 })),
  attempts: 3, validRate: 0.667, copiesRejected: 0, copyRate: 0, duplicatesDropped: 0, failures: {}, seconds: 1, tokensPerSec: 100,
  model: 'test', seed: 2, complete: true, noveltyChecked: true, attemptLogProbPerChar: -0.5,
};

describe('writeTunebook', () => {
  it('writes abc, html and midi', async () => {
    const out = join(dir, 'book');
    const book = await writeTunebook(out, result, { tunes: 2, temperature: 1, topK: 0, topP: 1, beam: 0, seed: 2 });
    expect(book.files).toHaveLength(4);
    expect(readFileSync(join(out, 'tunebook.abc'), 'utf8')).toMatch(/^X:2\nT:Reel 2\nN:composed by folk-lstm: model test, seed 2/m);
    const html = readFileSync(join(out, 'tunebook.html'), 'utf8');
    expect(html.length).toBeGreaterThan(100_000); // abcjs is inlined: the page works offline
    expect(readdirSync(join(out, 'mid'))).toEqual(['01-reel-1.mid', '02-reel-2.mid']);
    expect(existsSync(join(out, 'tunebook.pdf'))).toBe(false);
  });
});
