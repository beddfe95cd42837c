// groupBeats: spaces at beat-group boundaries, per meter, with pickups, tuplets, broken rhythm,
// ties, chords and meter changes; over the whole corpus it only adds spaces, is idempotent and
// never splits a tuplet or a broken-rhythm pair; abcjs parses the result with the same notes and
// no new warnings, and abc2midi writes byte-identical MIDI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import abcjs from 'abcjs';
import { describe, expect, it } from 'vitest';
import { groupBeats } from '../../src/abc/beaming.js';
import { lexLine } from '../../src/abc/body-lexer.js';
import type { Token } from '../../src/abc/body-tokens.js';
import { readHeader, splitTunes } from '../../src/abc/read.js';
import { hasAbc2midi } from '../helpers/abc2midi.js';

const tune = (meter: string, unit: string, body: string) => `X:1\nT:Test\nM:${meter}\nL:${unit}\nK:Dmaj\n${body}\n`;
const grouped = (meter: string, unit: string, body: string) => groupBeats(tune(meter, unit, body)).split('\n').slice(5, -1).join('\n');

describe('groupBeats on written tunes', () => {
  it('groups 6/8, 9/8 and 12/8 by three eighths, a pickup measured back from its bar line', () => {
    expect(grouped('6/8', '1/8', 'A|dAFDFA|ded cBA|d2ef2g|a3a3|]')).toBe('A|dAF DFA|ded cBA|d2e f2g|a3 a3|]');
    expect(grouped('6/8', '1/8', 'GABc|d3dBG|]')).toBe('G ABc|d3 dBG|]');
    expect(grouped('9/8', '1/8', 'GAGGgedBG|ABAABde2g|]')).toBe('GAG Gge dBG|ABA ABd e2g|]');
    expect(grouped('12/8', '1/8', 'GAGGgedBGABc|]')).toBe('GAG Gge dBG ABc|]');
    expect(grouped('3/8', '1/16', 'D2|G3AB2|B2dBAG|]')).toBe('D2|G3AB2|B2dBAG|]');
  });
  it('groups 4/4 and 2/2 by the half bar when it is four eighths, else by the quarter', () => {
    expect(grouped('4/4', '1/8', 'fe|DEFGABcd|d2dfedcB|A2Bcd4|]')).toBe('fe|DEFG ABcd|d2 df edcB|A2 Bc d4|]');
    expect(grouped('2/2', '1/8', 'AG|B2B2cBAG|A>Bc>dzBAG|]')).toBe('AG|B2 B2 cBAG|A>B c>d zBAG|]');
    expect(grouped('4/4', '1/4', 'D/F/A/d/f/e/d/c/|B/A/GF2|]')).toBe('D/F/A/d/ f/e/d/c/|B/A/ G F2|]');
  });
  it('groups 2/4 and 3/4 by the quarter, sixteenths too', () => {
    expect(grouped('2/4', '1/8', 'G2g>d|ecBG|D/G/F/A/G2|]')).toBe('G2 g>d|ec BG|D/G/F/A/ G2|]');
    expect(grouped('2/4', '1/16', 'BA|G2GABdGB|(3ABcd2efga|]')).toBe('BA|G2GA BdGB|(3ABcd2 efga|]');
    expect(grouped('3/4', '1/8', 'D|G2BdcB|ABcdef|G4z2|]')).toBe('D|G2 Bd cB|AB cd ef|G4 z2|]');
  });
  it('lets a note as long as its group stand alone', () => {
    expect(grouped('2/4', '1/8', 'A3B|c4|]')).toBe('A3 B|c4|]');
    expect(grouped('6/8', '1/8', 'A4Bc|AB3c2|]')).toBe('A4 Bc|A B3 c2|]');
  });
  it('never splits a tuplet, a broken-rhythm pair or a tie from its note', () => {
    expect(grouped('6/8', '1/8', 'AB(3cdef2|ABc(3defg|]')).toBe('AB(3cdef2|ABc (3defg|]');
    expect(grouped('6/8', '1/8', 'A(3Bcde2f|]')).toBe('A(3Bcd e2f|]');
    expect(grouped('6/8', '1/8', 'c3-cBA|[ce]2A[df]3|]')).toBe('c3- cBA|[ce]2A [df]3|]');
    expect(grouped('2/4', '1/8', 'A/B>c/d3/4e|]')).toBe('A/B>c/d3/4e|]'); // a beat ends after B
  });
  it('follows inline meter changes and keeps line breaks', () => {
    expect(grouped('6/8', '1/8', 'dcdf2e|[M:4/4]f2a2f4|\nDEFGABcd|[M:6/8]A3A3|]'))
      .toBe('dcd f2e|[M:4/4]f2 a2 f4|\nDEFG ABcd|[M:6/8]A3 A3|]');
  });
  it('keeps words, notes and comments in the body as they are', () => {
    expect(grouped('6/8', '1/8', 'dAFDFA|\n% a comment\nW:words under the tune')).toBe('dAF DFA|\n% a comment\nW:words under the tune');
  });
  it('leaves text it cannot read as the normal form unchanged', () => {
    const odd = tune('6/8', '1/8', '"Am"dAFDFA|~d3cBA|]');
    expect(groupBeats(odd)).toBe(odd);
    expect(groupBeats('X:1\nT:No meter\nK:D\nABcd|]\n')).toBe('X:1\nT:No meter\nK:D\nABcd|]\n');
  });
});

const CORPUS = ['train', 'valid', 'test'].map((s) => `corpus-abc/${s}.abc`);
const present = CORPUS.every((f) => existsSync(f));
const corpus = () => CORPUS.flatMap((f) => splitTunes(readFileSync(f, 'utf8')).map((t) => t.text));
const body = (text: string) => text.split('\n').slice(readHeader(text).bodyStart).join('\n');

/** Each word of a grouped line, lexed alone, must finish every tuplet it starts. */
function tupletsWhole(line: string): boolean {
  return line.split(' ').every((word) => {
    const tokens: Token[] = [];
    lexLine(word, tokens);
    let left = 0;
    for (const t of tokens) {
      if (t.kind === 'tuplet') left = t.r || t.p;
      else if (t.kind === 'note' || t.kind === 'rest' || t.kind === 'chord') left = Math.max(0, left - 1);
    }
    return left === 0;
  });
}

describe.skipIf(!present)('groupBeats over the corpus', () => {
  it('only adds spaces, is idempotent, and never splits a tuplet or touches > < -', () => {
    const tunes = corpus();
    let changed = 0;
    for (const text of tunes) {
      const out = groupBeats(text);
      if (out !== text) changed++;
      expect(body(out).replace(/ /g, '')).toBe(body(text));
      expect(out.split('\n').slice(0, readHeader(text).bodyStart)).toEqual(text.split('\n').slice(0, readHeader(text).bodyStart));
      expect(groupBeats(out)).toBe(out);
      expect(body(out)).not.toMatch(/ [<>-]|[<>] |\(\d[:\d]* |  |^ | $/m);
      for (const line of body(out).split('\n')) expect(tupletsWhole(line), line).toBe(true);
    }
    expect(changed / tunes.length).toBeGreaterThan(0.99); // only 3/8 tunes (one group a bar) stay as they were
  });

  it('abcjs reads the same notes and no new warnings from a sample of 400 tunes', () => {
    const tunes = corpus().filter((_, i) => i % 10 === 0).slice(0, 400);
    type Parsed = { warnings?: string[]; lines: { staff?: { voices: { el_type: string; duration?: number; rest?: unknown; pitches?: { pitch: number }[] }[][] }[] }[] };
    const notes = (p: Parsed) => p.lines.flatMap((l) => (l.staff ?? []).flatMap((s) => s.voices.flat()))
      .filter((e) => e.el_type === 'note').map((e) => `${e.duration}:${e.rest ? 'z' : (e.pitches ?? []).map((q) => q.pitch).join(',')}`);
    for (const text of tunes) {
      const [a] = abcjs.parseOnly(text) as unknown as Parsed[];
      const [b] = abcjs.parseOnly(groupBeats(text)) as unknown as Parsed[];
      const where = (w: string[] = []) => w.map((x) => x.replace(/Line:\d+:\d+/g, 'Line')); // spaces move columns
      expect(where(b.warnings)).toEqual(where(a.warnings));
      expect(notes(b)).toEqual(notes(a));
    }
  });

  it.skipIf(!hasAbc2midi())('abc2midi writes byte-identical MIDI for a sample of 100 tunes', () => {
    const tunes = corpus().filter((_, i) => i % 40 === 0).slice(0, 100);
    const dir = mkdtempSync(join(tmpdir(), 'beaming-'));
    try {
      const midis = (name: string, texts: string[]) => {
        writeFileSync(join(dir, `${name}.abc`), texts.map((t, i) => t.replace(/^X:.*$/m, `X:${i + 1}`)).join('\n\n') + '\n');
        spawnSync('abc2midi', [`${name}.abc`], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
        return tunes.map((_, i) => readFileSync(join(dir, `${name}${i + 1}.mid`)));
      };
      const plain = midis('plain', tunes);
      const spaced = midis('spaced', tunes.map(groupBeats));
      expect(readdirSync(dir).filter((f) => f.endsWith('.mid'))).toHaveLength(2 * tunes.length);
      spaced.forEach((bytes, i) => expect(bytes.equals(plain[i]), `tune ${i + 1}`).toBe(true));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
