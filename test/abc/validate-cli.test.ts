// Integration tests of `src/cli/validate.ts`: verdicts, --json, exit codes and bad input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const FIXTURES = join(ROOT, 'test/fixtures/normal-form.abc');
const dir = mkdtempSync(join(tmpdir(), 'validate-cli-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const run = (...args: string[]) => {
  const r = spawnSync('npx', ['tsx', 'src/cli/validate.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  // npm may print its own configuration warnings on stderr; they are not ours.
  const err = r.stderr.split('\n').filter((l) => !/^npm warn/i.test(l)).join('\n');
  return { code: r.status, out: r.stdout, err };
};

describe('validate CLI', () => {
  it('prints a verdict per tune and a summary; exit 0 when all are valid', () => {
    const r = run(FIXTURES);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^1\. The Test Jig \(line 1\): valid$/m);
    expect(r.out).toMatch(/^8 tunes: 8 valid, 0 invalid$/m);
  });
  it('prints JSON with --json; exit 1 when a tune is invalid', () => {
    const bad = file('bad.abc', 'X:1\nT:Bad\nM:2/4\nL:1/8\nK:D\nd2 e2|f2 g2 a|e4|d4|]\n');
    const r = run(bad, '--json');
    expect(r.code).toBe(1);
    const verdicts = JSON.parse(r.out);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ index: 1, title: 'Bad', valid: false });
    expect(verdicts[0].problems[0]).toEqual({ bar: 2, message: 'bar is too long: 5/8 of 1/2' });
  });
  it.each([
    ['a missing file', [join(dir, 'nope.abc')], /validate: cannot read .*ENOENT/],
    ['a directory', [dir], /validate: .* is a directory/],
    ['a binary file', [file('bin.abc', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]))], /binary/],
    ['no file', [], /expected one FILE/],
    ['an unknown option', [FIXTURES, '--nope'], /Unknown option/],
  ])('rejects %s with one clear line and exit 2', (_, args, message) => {
    const r = run(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
  it('reports zero tunes for an empty file or text without X:', () => {
    for (const content of ['', 'just some words\nand more\n']) {
      const r = run(file('none.abc', content));
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/0 tunes: 0 valid, 0 invalid \(no line starts with X:\)/);
    }
  });
  it('answers a body line of 65,000 { with a verdict, not a stack trace', () => {
    const r = run(file('braces.abc', `X:1\nT:Braces\nM:4/4\nL:1/8\nK:G\n${'{'.repeat(65_000)}\n`));
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out.trim().split('\n')).toEqual([
      '1. Braces (line 1): INVALID', '     tune: tune text is longer than 20000 characters', '1 tunes: 0 valid, 1 invalid',
    ]);
  });
  it('gets through 5 MB of random text fast', () => {
    let seed = 1;
    const chars = Array.from({ length: 5_000_000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return String.fromCharCode(32 + (seed % 95));
    });
    const started = Date.now();
    const r = run(file('random.txt', chars.join('').replace(/(.{100})/g, '$1\n')));
    expect(r.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
