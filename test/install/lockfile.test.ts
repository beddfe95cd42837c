// package-lock.json is what npm itself would write, so `npm install` leaves it byte-identical,
// also where the optional tfjs-node(-gpu) fail to install: its root entry mirrors package.json
// (an earlier lock also listed the optional packages as pinned dependencies, and every install
// dropped those lines), and the optional packages keep their entries, marked optional. The
// second test asks npm (lock only, no scripts, from its cache where it can) to rewrite a copy.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const read = (name: string) => JSON.parse(readFileSync(join(ROOT, name), 'utf8'));
const hasNpm = spawnSync('npm', ['--version'], { encoding: 'utf8' }).status === 0;

describe('package-lock.json', () => {
  it('has a root entry that mirrors package.json and keeps the optional packages', () => {
    const pkg = read('package.json');
    const lock = read('package-lock.json');
    expect(lock.lockfileVersion).toBe(3);
    const rootEntry = lock.packages[''];
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'engines']) {
      expect(rootEntry[field], field).toEqual(pkg[field]);
    }
    for (const name of Object.keys(pkg.optionalDependencies)) {
      expect(rootEntry.dependencies?.[name], `${name} listed as a plain dependency`).toBeUndefined();
      expect(lock.packages[`node_modules/${name}`], name).toMatchObject({ optional: true, hasInstallScript: true });
    }
  });

  it.skipIf(!hasNpm)('is left byte-identical when npm rewrites it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockfile-'));
    try {
      for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(ROOT, f), join(dir, f));
      const run = spawnSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
        { cwd: dir, encoding: 'utf8', timeout: 240_000 });
      expect(run.status, run.stderr).toBe(0);
      expect(readFileSync(join(dir, 'package-lock.json'), 'utf8')).toBe(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
