// Integration test of `evaluate --abc` with the shipped model: the JSON figures, the same static
// figures with --adapt plus the dynamic evaluation's, and --adapt refused outside --abc.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENDINGS, JIG, JIG_PICKUP } from '../music/fixtures.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'evaluate-cli-'));
const tunes = join(dir, 'tunes.abc');
writeFileSync(tunes, [JIG, JIG_PICKUP, ENDINGS].join('\n\n') + '\n');
const run = (...args: string[]) => spawnSync('npx', ['tsx', 'src/cli/evaluate.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('evaluate --abc', () => {
  it('scores the tunes, and with --adapt also by dynamic evaluation', () => {
    const plain = run('--abc', tunes, '--json');
    expect(plain.status).toBe(0);
    const fixed = JSON.parse(plain.stdout);
    expect(fixed).toMatchObject({ tunes: 3 });
    expect(fixed.bitsPerChar).toBeGreaterThan(0.5);
    expect(fixed.bitsPerChar).toBeLessThan(4);
    expect(fixed.adaptive).toBeUndefined();
    const both = JSON.parse(run('--abc', tunes, '--json', '--adapt').stdout);
    expect(both.bitsPerChar).toBe(fixed.bitsPerChar);
    expect(both.adaptive).toMatchObject({ lanes: 16, segment: 64 });
    expect(both.adaptive.bitsPerChar).toBeGreaterThan(0.5);
    expect(both.adaptive.bitsPerChar).toBeLessThan(4);
  }, 120_000);

  it('refuses --adapt with --music (exit 2, one line)', () => {
    const r = run('--music', tunes, '--adapt');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n').filter((l) => !/^npm warn/i.test(l))).toHaveLength(1);
  });
});
