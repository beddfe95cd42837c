// Models for tests that need a network that writes valid tunes whatever the state of the
// shipped model's training: the tiny preset over-fitted on two short tunes, so that sampling
// gives (nearly always) one of those two tunes, valid by construction. The commands, the
// server and the page then run for real on it.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { selectBackend } from '../../src/model/backend.js';
import { TWO_TUNES, tempDir, tinyConfig, trainOn } from '../train/helpers.js';

/** Trains the over-fitted tiny model into `dir` (about 10 s on two cores). */
export async function trainOverfitModel(dir: string): Promise<string> {
  await selectBackend('wasm');
  const config = tinyConfig({ train: { batch: 2, seq: 32, epochs: 250, evalEvery: 0, patience: 0, learningRate: 0.01, decay: 0.98, decayAfter: 120 } });
  await trainOn(TWO_TUNES, config, dir);
  return dir;
}

/** A models folder holding `default/`, the over-fitted model (the server looks models up by name). */
export async function modelsDirForTests(): Promise<{ dir: string; real: boolean }> {
  const dir = tempDir('server-models');
  if (!existsSync(join(dir, 'default'))) mkdirSync(join(dir, 'default'));
  await trainOverfitModel(join(dir, 'default'));
  return { dir, real: false };
}
