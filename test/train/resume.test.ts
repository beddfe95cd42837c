// Checkpoints: a run split by save, load and --resume ends exactly where an unbroken run
// does, and a damaged model directory fails to load with an error naming the bad file.
import { readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend.js';
import { evaluateTunes, summarise } from '../../src/model/evaluate.js';
import { loadModel } from '../../src/model/model-dir.js';
import { createNetwork, disposeNetwork } from '../../src/model/network.js';
import { TWO_TUNES, tempDir, tinyConfig, trainOn } from './helpers.js';

const config = tinyConfig({ train: { batch: 2, seq: 16, epochs: 100, evalEvery: 10, patience: 0 } });
const weightsOf = (dir: string) => readFileSync(join(dir, readdirSync(dir).find((f) => f.startsWith('weights-'))!));

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('save, load and resume', () => {
  it('give the same weights and loss as one unbroken run', async () => {
    const whole = tempDir('whole');
    const split = tempDir('split');
    const a = await trainOn(TWO_TUNES, config, whole, { maxSteps: 30 });
    await trainOn(TWO_TUNES, config, split, { maxSteps: 14 });
    const b = await trainOn(TWO_TUNES, config, split, { maxSteps: 16, resume: true });
    expect(b.step).toBe(30);
    expect(b.bestValidBpc).toBe(a.bestValidBpc);
    expect(weightsOf(split).equals(weightsOf(whole))).toBe(true);
    const steps = readFileSync(join(split, 'train-log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).step as number);
    expect(steps).toEqual([...steps].sort((x, y) => x - y));
  });

  it('loads a saved model that scores as it did when saved', async () => {
    const dir = tempDir('load');
    const run = await trainOn(TWO_TUNES, config, dir, { maxSteps: 20 });
    const model = await loadModel(dir);
    const net = createNetwork(model.manifest.model, model.manifest.vocabSize, model.params);
    const bpc = summarise(evaluateTunes(net, run.tunes)).bitsPerChar;
    disposeNetwork(net);
    expect(bpc).toBeCloseTo(model.manifest.metrics!.validBpc as number, 6);
  });
});

describe('a damaged model directory', () => {
  async function damaged(damage: (dir: string) => void): Promise<string> {
    const dir = tempDir('damaged');
    await trainOn(TWO_TUNES, config, dir, { maxSteps: 10 });
    damage(dir);
    return loadModel(dir).then(() => 'loaded', (err: Error) => err.message);
  }

  it('names a truncated weights file', async () => {
    const message = await damaged((dir) => truncateSync(join(dir, readdirSync(dir).find((f) => f.startsWith('weights-'))!), 100));
    expect(message).toMatch(/weights-\d+\.bin holds 100 bytes/);
  });

  it('names a missing model.json', async () => {
    expect(await damaged((dir) => rmSync(join(dir, 'model.json')))).toMatch(/model\.json is missing/);
  });

  it('names a vocabulary that does not fit the weights', async () => {
    const message = await damaged((dir) => writeFileSync(join(dir, 'vocab.json'), JSON.stringify({ version: 1, tokens: ['<s>', '</s>', '<unk>', 'a'] })));
    expect(message).toMatch(/vocab\.json has 4 tokens/);
  });

  it('names a corrupt manifest', async () => {
    expect(await damaged((dir) => writeFileSync(join(dir, 'model.json'), '{"format": "folk-lstm-mo'))).toMatch(/model\.json is not valid JSON/);
  });

  it('names a missing directory', async () => {
    await expect(loadModel('/nonexistent/model')).rejects.toThrow(/\/nonexistent\/model does not exist/);
  });
});
