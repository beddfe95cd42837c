// Node I/O for the corpus: reads every .abc file of a directory (sorted by name), builds the
// corpus and writes train/valid/test.abc and report.json atomically (temp file + rename).
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { writeAtomic } from '../io/atomic.js';
import { join, resolve } from 'node:path';
import { buildCorpus, formatTunes, type SourceFile, type Validate } from './build.js';
import { SPLITS } from './split.js';
import type { CorpusReport } from './report.js';

/** An error whose message is meant for the user as is (no stack trace). */
export class CorpusError extends Error {}

/** The validator from src/abc/validate.ts, or undefined (with a note) if it cannot be loaded. */
export async function loadValidator(warn: (msg: string) => void): Promise<Validate | undefined> {
  try {
    const mod = await import('../abc/validate.js');
    return (abc: string) => mod.validateTune(abc);
  } catch (err) {
    warn(`validator not available, bar check only (${String(err).split('\n')[0]})`);
    return undefined;
  }
}

export async function readSources(paths: string[]): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  for (const p of paths) {
    try {
      files.push({ name: p.split('/').pop() ?? p, text: await readFile(p, 'utf8') });
    } catch (err) {
      throw new CorpusError(`cannot read ${p}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  }
  return files;
}

export async function listAbcFiles(dir: string): Promise<string[]> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new CorpusError(`no such directory: ${dir}`);
  const names = (await readdir(dir)).filter((n) => n.endsWith('.abc')).sort();
  return names.map((n) => join(dir, n));
}

/** The import: source dir -> outDir/{train,valid,test}.abc + report.json. */
export async function importCorpus(from: string, outDir: string, validate?: Validate): Promise<CorpusReport> {
  const outputs = new Set(SPLITS.map((s) => resolve(outDir, `${s}.abc`)));
  const paths = (await listAbcFiles(from)).filter((p) => !outputs.has(resolve(p)));
  const sources = await readSources(paths);
  const built = buildCorpus(sources, validate);
  await mkdir(outDir, { recursive: true });
  for (const s of SPLITS) await writeAtomic(join(outDir, `${s}.abc`), formatTunes(built.splits[s]));
  await writeAtomic(join(outDir, 'report.json'), JSON.stringify(built.report, null, 2) + '\n');
  return built.report;
}
