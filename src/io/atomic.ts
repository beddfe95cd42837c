// Writing a file so that readers see the old contents or the new, never a part: the data goes
// to a temporary file in the same folder, which is then renamed over the target.
import { rename, writeFile } from 'node:fs/promises';

/** Writes `data` to `path` atomically: a temporary file in the same folder, then a rename. */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}
