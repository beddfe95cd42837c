// The models folder server tests use: the project's models/ when the shipped model exists,
// else a tiny model trained for a few steps into a temporary folder (so tests run anywhere).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TWO_TUNES, tempDir, tinyConfig, trainOn } from '../train/helpers.js';

export async function modelsDirForTests(): Promise<{ dir: string; real: boolean }> {
  if (existsSync('models/default/model.json')) return { dir: 'models', real: true };
  const dir = tempDir('server-models');
  mkdirSync(join(dir, 'default'));
  await trainOn(TWO_TUNES, tinyConfig(), join(dir, 'default'), { maxSteps: 30 });
  return { dir, real: false };
}
