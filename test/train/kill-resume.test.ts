// kill -9 in the middle of training, then --resume: the model directory is always loadable,
// training goes on from the last checkpoint, and the training log stays one unbroken curve.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadModel } from '../../src/model/model-dir.js';
import { TWO_TUNES, tempDir } from './helpers.js';

const ROOT = join(import.meta.dirname, '../..');
const corpusText = TWO_TUNES.map((t, i) => `X:${i + 1}\n${t}`).join('\n');

function checkpointStep(dir: string): number {
  try {
    return (JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')).training?.step as number) ?? 0;
  } catch {
    return 0;
  }
}

it('resumes after kill -9 from the last checkpoint with a continuous log', async () => {
  const corpus = tempDir('corpus');
  const out = join(tempDir('killed'), 'model');
  writeFileSync(join(corpus, 'train.abc'), corpusText);
  writeFileSync(join(corpus, 'valid.abc'), corpusText);
  const args = ['--import', 'tsx', 'src/cli/train.ts', '--preset', 'tiny', '--corpus', corpus, '--out', out, '--workers', '2'];
  const child = spawn(process.execPath, [...args, '--epochs', '100000'], { cwd: ROOT, stdio: 'ignore' });
  const deadline = Date.now() + 90_000;
  while (checkpointStep(out) < 100 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 300)); // land somewhere inside the next stretch of work
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));

  const saved = await loadModel(out); // loadable whatever moment the kill came
  const step = saved.manifest.training!.step as number;
  expect(step).toBeGreaterThanOrEqual(100);
  const resumed = spawnSync(process.execPath, [...args, '--resume', '--max-steps', '60'], { cwd: ROOT, encoding: 'utf8' });
  expect(resumed.status, resumed.stderr).toBe(0);
  expect(resumed.stdout).toContain(`resuming ${out} at step ${step}`);
  expect(checkpointStep(out)).toBe(step + 60);
  const steps = readFileSync(join(out, 'train-log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).step as number);
  for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThanOrEqual(steps[i - 1]);
  expect(steps.at(-1)).toBe(step + 60);
  expect(existsSync(join(out, 'loss-curve.svg'))).toBe(true);
}, 180_000);
