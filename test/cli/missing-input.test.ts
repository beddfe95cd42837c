// Exit codes: every command that is pointed at an input file or folder that does not exist
// exits with the same code (2, as for bad usage: EXIT.missingInput in src/cli/args.ts) and
// one line on stderr naming the path; nothing is written, and no stack trace. Each command
// runs as a child process, as a user would run it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/args.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'missing-input-'));
const gone = join(dir, 'no-such-file.abc');
const emptyModel = mkdtempSync(join(tmpdir(), 'missing-model-'));
const tune = join(dir, 'tune.abc');
writeFileSync(tune, 'X:1\nT:t\nM:4/4\nL:1/8\nK:D\nDEFG ABcd|edcB AGFE|DEFG ABcd|e2d2 d4|]\n');

function run(cli: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli', cli), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000); // a command that does not stop (serve) fails
    child.on('close', (code) => (clearTimeout(timer), done({ code, err })));
  });
}

/** Command, arguments, the missing path its message must name, and the environment. */
const CASES: [string, string[], string, Record<string, string>?][] = [
  ['validate.ts', [gone], gone],
  ['evaluate.ts', ['--abc', gone], gone],
  ['evaluate.ts', ['--music', gone], gone],
  ['evaluate.ts', ['--music', tune, '--reference', gone], gone],
  ['evaluate.ts', ['--abc', tune, '--model', join(dir, 'no-model')], 'no-model'],
  ['train.ts', ['--config', join(dir, 'none.json')], 'none.json'],
  ['train.ts', ['--corpus', join(dir, 'no-corpus')], 'no-corpus'],
  ['corpus.ts', ['normalize', gone], gone],
  ['corpus.ts', ['import', '--from', join(dir, 'no-folder')], 'no-folder'],
  ['novelty.ts', ['check', gone], gone],
  ['novelty.ts', ['check', tune, '--model', emptyModel], 'novelty.bin'],
  ['novelty.ts', ['build', '--train', gone, '--model', emptyModel], gone],
  ['compose.ts', ['--tunes', '1', '--model', join(dir, 'no-model')], 'no-model'],
  ['serve.ts', [], 'no-models', { MODELS_DIR: join(dir, 'no-models'), PORT: '0' }],
];

describe('a missing input file', () => {
  it('is exit code 2 with one line naming it, in every command', async () => {
    expect(EXIT.missingInput).toBe(2);
    const results = await Promise.all(CASES.map(([cli, args, , env]) => run(cli, args, env)));
    results.forEach((r, i) => {
      const [cli, args, path] = CASES[i];
      const what = `${cli} ${args.join(' ')}: ${r.err}`;
      expect(r.code, what).toBe(EXIT.missingInput);
      expect(r.err, what).toContain(path);
      expect(r.err.trim().split('\n'), what).toHaveLength(1);
      expect(r.err, what).not.toMatch(/\n\s+at /);
    });
    expect(existsSync(join(emptyModel, 'novelty.bin'))).toBe(false);
  }, 300_000);
});
