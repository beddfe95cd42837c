// Sampling speed: characters/s and tunes/s for batch 1 and batch 10 with the state kept, through
// the composer's own sampler (header guide, continuous batching). Each row writes a whole tune
// (to EOS or the length cap; rows refill until 4 x batch tunes are done); `tunes/s` counts
// finished tunes, valid or not. Batch 10 runs again without the bar guide, to show its cost.
import { resolve, join } from 'node:path';
import { selectBackend } from '../src/model/backend.js';
import { loadModel } from '../src/model/model-dir.js';
import { createNetwork, disposeNetwork, type Network } from '../src/model/network.js';
import { charTable, type CharTable } from '../src/sample/choose.js';
import { DEFAULT_PICK } from '../src/sample/pick.js';
import { sampleAttempts } from '../src/sample/sampler.js';
import { PROJECT_ROOT } from '../src/cli/args.js';

async function timeBatch(net: Network, table: CharTable, batch: number, maxLength: number, count = batch, barGuide = true) {
  let started = 0;
  let chars = 0;
  const t0 = performance.now();
  const tokens = await sampleAttempts(net, table, {
    batch, maxLength, pick: DEFAULT_PICK, seed: 7, conditions: {}, barGuide,
    canStart: () => started++ < count, onAttempt: (a) => (chars += a.text.length + 1) > 0,
  });
  const seconds = (performance.now() - t0) / 1000;
  return { tunes: count, charsPerSec: Math.round(chars / seconds), tunesPerSec: +(count / seconds).toFixed(2), meanChars: Math.round(chars / count), rowSteps: tokens };
}

export async function benchSample(modelDir: string | undefined, backendName: string | undefined) {
  const backend = await selectBackend(backendName);
  const model = await loadModel(resolve(modelDir ?? join(PROJECT_ROOT, 'models', 'default')));
  const net = createNetwork(model.manifest.model, model.manifest.vocabSize, model.params);
  const table = charTable(model.vocab);
  const { layers, hidden } = model.manifest.model;
  const result: Record<string, unknown> = { backend: backend.active, model: model.dir, layers, hidden, step: model.manifest.metrics?.step };
  await timeBatch(net, table, 2, 30); // warm-up
  // several batches' worth of tunes, so one long or short tune does not decide the figure
  for (const batch of [1, 10]) result[`batch${batch}`] = await timeBatch(net, table, batch, 1000, batch * 4);
  result.batch10NoBarGuide = await timeBatch(net, table, 10, 1000, 40, false);
  disposeNetwork(net);
  return result;
}
