// `compose --out` is checked before anything is composed: an unwritable folder (/proc/x, where
// Node's recursive mkdir never returns), a path through a file (/etc/passwd/x) and an empty
// string (which would mean the current folder) are one line on stderr and exit code 2, at
// once, with nothing written. The command runs from an empty folder with a real model, so a
// missing check would compose and write there.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/args.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const TSX = join(ROOT, 'node_modules/tsx/dist/loader.mjs');

function compose(out: string, cwd: string): Promise<{ code: number | null; err: string; ms: number }> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/compose.ts'), '--tunes', '1', '--seed', '1', '--out', out], { cwd });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('close', (code) => (clearTimeout(timer), done({ code, err, ms: performance.now() - started })));
  });
}

describe('compose --out', () => {
  it('refuses an unwritable path, a path through a file and an empty string before composing', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'compose-out-'));
    const cases: [string, RegExp][] = [
      ['/proc/x', /^compose: --out "\/proc\/x": cannot write in \/proc \(E[A-Z]+\)\n$/],
      ['/etc/passwd/x', /^compose: --out "\/etc\/passwd\/x": \/etc\/passwd is a file, not a folder\n$/],
      ['', /^compose: --out "": is empty\n$/],
    ];
    const results = await Promise.all(cases.map(([out]) => compose(out, cwd)));
    results.forEach((r, i) => {
      expect(r.err, cases[i][0]).toMatch(cases[i][1]);
      expect(r.code, cases[i][0]).toBe(EXIT.usage);
    });
    expect(readdirSync(cwd)).toEqual([]);
    expect(existsSync('/proc/x')).toBe(false);
  }, 300_000);
});
