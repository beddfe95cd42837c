// The output-folder check: an empty path, a path through a file, and a folder that cannot take
// a new entry are refused in a few words, without creating anything; a new folder under a
// writable one, or an existing folder, passes.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unwritableDir } from '../../src/io/out-dir.js';

describe('unwritableDir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'out-dir-'));
  const file = join(dir, 'a-file');
  writeFileSync(file, 'x');

  it('refuses an empty path, a path through a file, and a folder that takes no entry', () => {
    expect(unwritableDir('')).toBe('is empty');
    expect(unwritableDir('  ')).toBe('is empty');
    expect(unwritableDir(file)).toBe(`${file} is a file, not a folder`);
    expect(unwritableDir(join(file, 'x', 'y'))).toBe(`${file} is a file, not a folder`);
    expect(unwritableDir('/etc/passwd/x')).toBe('/etc/passwd is a file, not a folder');
    expect(unwritableDir('/proc/x/y')).toMatch(/^cannot write in \/proc \(E[A-Z]+\)$/);
    expect(existsSync('/proc/x')).toBe(false);
  });

  it('passes a new folder under a writable one, and an existing folder, creating nothing', () => {
    expect(unwritableDir(join(dir, 'new', 'deeper'))).toBeUndefined();
    expect(unwritableDir(dir)).toBeUndefined();
    expect(readdirSync(dir)).toEqual(['a-file']);
  });
});
