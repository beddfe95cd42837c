// The tiny preset must be able to learn two tunes by heart: a check that the whole training
// path (stream, gradients, optimizer, evaluation) works, not just each part.
import { beforeAll, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend.js';
import { evaluateTunes, summarise } from '../../src/model/evaluate.js';
import { loadModel } from '../../src/model/model-dir.js';
import { createNetwork, disposeNetwork } from '../../src/model/network.js';
import { TWO_TUNES, tempDir, tinyConfig, trainOn } from './helpers.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

it('over-fits two tunes to under 0.05 bits per character', async () => {
  const dir = tempDir('overfit');
  const config = tinyConfig({ train: { batch: 2, seq: 32, epochs: 250, evalEvery: 0, patience: 0, learningRate: 0.01, decay: 0.98, decayAfter: 120 } });
  const { tunes } = await trainOn(TWO_TUNES, config, dir);
  const model = await loadModel(dir);
  const net = createNetwork(model.manifest.model, model.manifest.vocabSize, model.params);
  const bpc = summarise(evaluateTunes(net, tunes)).bitsPerChar;
  disposeNetwork(net);
  expect(bpc).toBeLessThan(0.05);
});
