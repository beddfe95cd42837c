#!/usr/bin/env node
// Runs a command of src/cli (`node bin/run.mjs compose --tunes 10`) from JavaScript that esbuild
// compiles from src/ once per change of the sources, into .build/<key>/ beside them, so that a
// command starts without a TypeScript loader: tsx's hooks cost about 0.6 s before compose could
// begin (node --import tsx against the compiled files, measured on this machine). The key is a
// hash of every source file's path, size and time, so an edit is compiled on the next run; a
// build is written under a temporary name and renamed into place, so runs started together never
// see half a build. Where .build cannot be written, the command runs from source through tsx.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Changes whenever the way sources are compiled changes, so older builds are not reused. */
const BUILD_FORMAT = 'esm-node20-1';
const MARK = 'complete';
/** Builds other than the newest are removed once they are this old (a long-running server may use one). */
const KEEP_MS = 7 * 24 * 3600 * 1000;

/** Every .ts file under `dir`, as paths. */
export function sourceFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out.sort();
}

/** The build key of `files` (relative to `src`): their paths, sizes and modification times. */
export function buildKey(src, files, version) {
  const hash = createHash('sha256').update(`${BUILD_FORMAT}\n${version}\n`);
  for (const f of files) {
    const s = statSync(f);
    hash.update(`${relative(src, f)}\t${s.size}\t${s.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** The directory of an up-to-date build of `src` under `builds`, compiling it when there is none. */
export async function freshBuild(src, builds) {
  const esbuild = await import('esbuild');
  const files = sourceFiles(src);
  const dir = join(builds, buildKey(src, files, esbuild.version));
  if (existsSync(join(dir, MARK))) return dir;
  await mkdir(builds, { recursive: true });
  const tmp = join(builds, `tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await esbuild.build({ entryPoints: files, outdir: tmp, outbase: src, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent' });
    await writeFile(join(tmp, MARK), `${files.length} files\n`);
    await rename(tmp, dir);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    // another run finished the same build first
    if (!existsSync(join(dir, MARK))) throw err;
  }
  await prune(builds, dir);
  return dir;
}

/** Removes abandoned temporary builds and builds other than `keep` that are more than a week old. */
async function prune(builds, keep) {
  const now = Date.now();
  for (const name of await readdir(builds)) {
    const path = join(builds, name);
    if (path === keep) continue;
    // another run may have renamed or removed it meanwhile
    const made = await stat(path).then((s) => s.mtimeMs, () => now);
    if (now - made > (name.startsWith('tmp-') ? 3600 * 1000 : KEEP_MS)) await rm(path, { recursive: true, force: true });
  }
}

async function main() {
  const [name, ...args] = process.argv.slice(2);
  const src = join(ROOT, 'src');
  if (!name || !existsSync(join(src, 'cli', `${name}.ts`))) {
    const names = readdirSync(join(src, 'cli')).filter((f) => f.endsWith('.ts') && f !== 'args.ts').map((f) => f.replace(/\.ts$/, ''));
    process.stderr.write(`run: ${name ? `no command "${name}"` : 'name a command'} (${names.join(', ')})\n`);
    process.exit(2);
  }
  let entry;
  try {
    entry = join(await freshBuild(src, join(ROOT, '.build')), 'cli', `${name}.js`);
  } catch (err) {
    const at = err?.errors?.[0]; // esbuild's first error, with where it is
    const why = at ? `${at.location ? `${at.location.file}:${at.location.line}: ` : ''}${at.text}` : (err?.code ?? String(err?.message ?? err).split('\n')[0]);
    process.stderr.write(`run: cannot compile src/ into ${join(ROOT, '.build')} (${why}); running from source\n`);
    const { register } = await import('tsx/esm/api');
    register();
    entry = join(src, 'cli', `${name}.ts`);
  }
  process.argv = [process.argv[0], entry, ...args];
  await import(pathToFileURL(entry).href);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
