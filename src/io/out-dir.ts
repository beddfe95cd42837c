// Checks that a folder can be written before any work is done for it: the path is not empty,
// no part of it is a file, and the nearest folder that exists takes a new entry (tried with a
// probe folder, removed at once). Nothing is created. Node's recursive mkdir never returns
// under /proc, so the check walks up by itself rather than asking mkdir.
import { existsSync, mkdtempSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Why `path` cannot be made a folder to write in, in a few words, or undefined when it can. */
export function unwritableDir(path: string): string | undefined {
  if (path.trim() === '') return 'is empty';
  let at = resolve(path);
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  if (!statSync(at).isDirectory()) return `${at} is a file, not a folder`;
  try {
    rmdirSync(mkdtempSync(join(at, '.write-check-')));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return `cannot write in ${at} (${code})`;
  }
  return undefined;
}
