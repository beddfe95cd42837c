// What the normal form promises and abc2midi holds it to (issue 11): meters and unit lengths
// abc2midi accepts, no line read as a header field, one first ending per repeat, and bounded
// time and memory whatever the input (Z999 rests, long lines). Every tune kept here is then
// run through abc2midi, which must report no Error.
import { describe, expect, it } from 'vitest';
import { formatTune, normalizeTune } from '../../src/abc/normalize.js';
import { buildCorpus } from '../../src/corpus/build.js';
import { validateTune } from '../../src/abc/validate.js';
import { checkWithAbc2midi, hasAbc2midi } from '../helpers/abc2midi.js';

const BARS = '|GABc dedB|GABc d2B2|GABc dedB|A2G2 G4|]';
const tune = (head: string, music: string) => `X:1\nT:t\n${head}\n${music}\n`;
const kept: string[] = [];

/** CPU milliseconds `fn` takes (steadier than wall time beside a training run). */
function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function norm(abc: string): string {
  const r = normalizeTune(abc);
  if (!r.ok) throw new Error(`dropped: ${r.reason}`);
  const out = formatTune(1, r.tune);
  kept.push(out);
  return out;
}

function reason(abc: string): string {
  const r = normalizeTune(abc);
  return r.ok ? 'kept' : r.reason;
}

describe('meters and unit lengths abc2midi accepts', () => {
  it.each(['3/3', '6/6', '99/99', '5/12'])('drops M:%s (denominator not a power of two)', (m) => {
    expect(reason(tune(`M:${m}\nK:G`, BARS))).toBe('unsupported meter');
    expect(reason(tune('M:4/4\nK:G', `|GABc dedB|[M:${m}]GABc d2B2|GABc dedB|A2G2 G4|]`))).toBe('unsupported meter');
  });
  it('keeps M:99/8 and M:5/16', () => {
    expect(norm(tune('M:99/8\nL:1/8\nK:G', BARS))).toContain('M:99/8\n');
    expect(norm(tune('M:5/16\nL:1/16\nK:G', '|GABcd|GABcd|GABcd|GABcd|]'))).toContain('M:5/16\n');
  });
  it('writes L:3/8 as L:1/8 with every length times 3', () => {
    const out = norm(tune('M:6/8\nL:3/8\nK:D', '|d B|A/B/c/ d|e f|g2|]'));
    expect(out).toContain('L:1/8\n');
    expect(out.split('\n').slice(5).join('')).toBe('|d3B3|A3/2B3/2c3/2d3|e3f3|g6|]');
  });
  it('drops unit lengths and note lengths abc2midi refuses', () => {
    expect(reason(tune('M:4/4\nL:1/3\nK:G', BARS))).toBe('bad unit length');
    expect(reason(tune('M:4/4\nL:1/128\nK:G', BARS))).toBe('bad unit length');
    expect(reason(tune('M:4/4\nK:G', '|GABc dedB|[L:1/12]GABc d2B2|GABc dedB|A2G2 G4|]'))).toBe('bad unit length');
    expect(reason(tune('M:4/4\nL:1/8\nK:G', '|GABc dedB|G/3A/3B/3c dedB2|GABc dedB|A2G2 G4|]'))).toBe('bad length');
  });
});

describe('lines ABC readers take for header fields', () => {
  it('joins a line that would begin with a note and a colon to the line before', () => {
    const out = norm(tune('M:4/4\nL:1/8\nK:G', '|:GABc dedB|GABc d2B2|GABc dedB|A2G2 G3A:|\n|:A8:|B8|c8|d8|]'));
    const body = out.split('\n').slice(5);
    expect(body.some((l) => /^[A-Za-z]:/.test(l))).toBe(false);
    expect(validateTune(out).valid).toBe(true);
  });
  it('drops a tune whose body would begin with a note and a colon', () => {
    expect(reason(tune('M:4/4\nL:1/8\nK:G', 'A:|GABc dedB|GABc d2B2|GABc dedB|A2G2 G4|]'))).toMatch(/body starts with a note and a colon/);
  });
});

describe('repeats abc2midi refuses', () => {
  it('the import drops two first endings in one repeat', () => {
    const text = tune('M:4/4\nL:1/8\nK:G', '|:GABc dedB|GABc dedB|1bgafgfed|1A8:|2e8|]');
    const built = buildCorpus([{ name: 'x.abc', text }], (abc) => validateTune(abc));
    expect(built.report.files[0].kept).toBe(0);
    expect(Object.keys(built.report.files[0].dropped).join()).toMatch(/ending \[N starts before the ending \[N is closed/);
  });
});

describe('bounded time and memory', () => {
  it('normalises a 20 kB file of Z999 bars in well under 2 s and 300 MB', () => {
    const body = Array.from({ length: 40 }, () => 'Z999|'.repeat(100)).join('\n');
    expect(body.length).toBeGreaterThan(20_000);
    const heap = process.memoryUsage().heapUsed;
    const ms = cpuMs(() => expect(reason(tune('M:4/4\nL:1/8\nK:G', body))).toMatch(/too long once its Z rests are written out/));
    expect(ms).toBeLessThan(2000);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(300 * 2 ** 20);
  });
  it('still writes out a few Z rests', () => {
    expect(norm(tune('M:4/4\nL:1/8\nK:G', `${BARS.slice(0, -2)}|Z3|GABc dedB|]`))).toContain('z8|z8|z8|GABcdedB|]');
  });
  it('is linear in its input: 90,000 characters of one-bar lines in a second or two', () => {
    const ms = cpuMs(() => expect(reason(tune('M:4/4\nL:1/8\nK:G', '|ABcdABcd\n'.repeat(9_000)))).toBe('kept'));
    expect(ms).toBeLessThan(4000); // quadratic before: 8.7 s wall
  });
});

describe.runIf(hasAbc2midi())('abc2midi', () => {
  it('reports no Error for any tune kept above', () => {
    const file = kept.map((t, i) => t.replace(/^X:1/, `X:${i + 1}`)).join('\n');
    const errors = checkWithAbc2midi(file).flatMap((t) => t.problems).filter((p) => p.message.startsWith('Error'));
    expect(errors).toEqual([]);
  });
});
