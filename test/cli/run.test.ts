// bin/run.mjs, which `npm run <command>` goes through: it compiles src/ into .build/<key>/ once
// per change of the sources and runs the command from there. A build is reused while nothing
// changed, redone after an edit, and runs started together share one build and leave no
// half-written one behind; an unknown command is one line and exit code 2.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript, no type declarations
import { freshBuild } from '../../bin/run.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'run-build-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function sources(name: string, value: string): string {
  const src = join(tmp, name, 'src');
  mkdirSync(join(src, 'lib'), { recursive: true });
  writeFileSync(join(src, 'main.ts'), "import { value } from './lib/value.js';\nexport const answer: string = value();\n");
  writeFileSync(join(src, 'lib', 'value.ts'), `export function value(): string {\n  return '${value}';\n}\n`);
  return src;
}

const answer = async (dir: string) => ((await import(pathToFileURL(join(dir, 'main.js')).href)) as { answer: string }).answer;

it('compiles the sources once and reuses the build while they are unchanged', async () => {
  const src = sources('reuse', 'first');
  const builds = join(tmp, 'reuse', '.build');
  const dir: string = await freshBuild(src, builds);
  expect(await answer(dir)).toBe('first');
  const built = statSync(join(dir, 'complete')).mtimeMs;
  expect(await freshBuild(src, builds)).toBe(dir);
  expect(statSync(join(dir, 'complete')).mtimeMs).toBe(built);
});

it('compiles again after an edit, into a new build', async () => {
  const src = sources('edit', 'before');
  const builds = join(tmp, 'edit', '.build');
  const first: string = await freshBuild(src, builds);
  writeFileSync(join(src, 'lib', 'value.ts'), "export function value(): string {\n  return 'after';\n}\n");
  utimesSync(join(src, 'lib', 'value.ts'), new Date(), new Date(Date.now() + 5000));
  const second: string = await freshBuild(src, builds);
  expect(second).not.toBe(first);
  expect(await answer(second)).toBe('after');
});

it('shares one build among runs started together and leaves nothing half-written', async () => {
  const src = sources('together', 'shared');
  const builds = join(tmp, 'together', '.build');
  const dirs: string[] = await Promise.all([1, 2, 3].map(() => freshBuild(src, builds)));
  expect(new Set(dirs).size).toBe(1);
  expect(readdirSync(builds)).toEqual([dirs[0].split('/').pop()]);
  expect(await answer(dirs[0])).toBe('shared');
});

it('names the commands when given one it does not know: one line, exit code 2', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'run.mjs'), 'compost'], { encoding: 'utf8' });
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split('\n')).toEqual(['run: no command "compost" (compose, corpus, evaluate, novelty, serve, train, validate)']);
});
