// Sampling speed: characters/s and tunes/s for batch 1 and batch 10 with the state kept, through
// the composer's own sampler (header guide, continuous batching). Each row writes a whole tune
// (to EOS or the length cap); `tunes/s` counts finished tunes, valid or not.
import { resolve, join } from 'node:path';
import { selectBackend } from '../src/model/backend.js';
import { loadModel } from '../src/model/model-dir.js';
import { createNetwork, disposeNetwork, type Network } from '../src/model/network.js';
import { charTable, type CharTable } from '../src/sample/choose.js';
import { DEFAULT_PICK } from '../src/sample/pick.js';
import { sampleAttempts } from '../src/sample/sampler.js';
import { PROJECT_ROOT } from '../src/cli/args.js';

async function timeBatch(net: Network, table: CharTable, batch: number, maxLength: number) {
  let started = 0;
  let chars = 0;
  const t0 = performance.now();
  const tokens = await sampleAttempts(net, table, {
    batch, maxLength, pick: DEFAULT_PICK, seed: 7, conditions: {},
    canStart: () => started++ < batch, onAttempt: (a) => (chars += a.text.length + 1) > 0,
  });
  const seconds = (performance.now() - t0) / 1000;
  return { charsPerSec: Math.round(chars / seconds), stepsPerSec: Math.round(tokens / batch / seconds), tunesPerSec: +(batch / seconds).toFixed(2), meanChars: Math.round(chars / batch) };
}

export async function benchSample(modelDir: string | undefined, backendName: string | undefined) {
  const backend = await selectBackend(backendName);
  const model = await loadModel(resolve(modelDir ?? join(PROJECT_ROOT, 'models', 'default')));
  const net = createNetwork(model.manifest.model, model.manifest.vocabSize, model.params);
  const table = charTable(model.vocab);
  const { layers, hidden } = model.manifest.model;
  const result: Record<string, unknown> = { backend: backend.active, model: model.dir, layers, hidden, step: model.manifest.metrics?.step };
  await timeBatch(net, table, 2, 30); // warm-up
  for (const batch of [1, 10]) result[`batch${batch}`] = await timeBatch(net, table, batch, 1000);
  disposeNetwork(net);
  return result;
}
