// Runs before `npm test`: the corpus tests read corpus-abc/*.abc, which are generated and
// git-ignored, so a fresh clone imports them first from ../shared/corpus-abc.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/cli/args.js';

const splits = ['train', 'valid', 'test'].map((s) => join(PROJECT_ROOT, 'corpus-abc', `${s}.abc`));
if (!splits.every((p) => existsSync(p))) {
  process.stdout.write('corpus-abc/*.abc missing: importing the corpus first\n');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/corpus.ts'), 'import'], { stdio: 'inherit', cwd: PROJECT_ROOT });
  process.exit(r.status ?? 1);
}
