// Sampling speed: characters/s and tunes/s for batch 1 and batch 10 with the state kept.
import { resolve, join } from 'node:path';
import { selectBackend } from '../src/model/backend.js';
import { loadModel } from '../src/model/model-dir.js';
import { createNetwork, disposeNetwork } from '../src/model/network.js';
import { generate } from '../src/sample/generate.js';
import { PROJECT_ROOT } from '../src/cli/args.js';

export async function benchSample(modelDir: string | undefined, backendName: string | undefined) {
  const backend = await selectBackend(backendName);
  const model = await loadModel(resolve(modelDir ?? join(PROJECT_ROOT, 'models', 'default')));
  const net = createNetwork(model.manifest.model, model.manifest.vocabSize, model.params);
  const result: Record<string, unknown> = { backend: backend.active, model: model.dir, layers: model.manifest.model.layers, hidden: model.manifest.model.hidden };
  generate(net, { count: 1, maxLength: 20 }); // warm-up
  for (const count of [1, 10]) {
    const t0 = performance.now();
    const tunes = generate(net, { count, seed: 7, maxLength: 1000 });
    const seconds = (performance.now() - t0) / 1000;
    const chars = tunes.reduce((n, t) => n + t.ids.length + 1, 0);
    const steps = Math.max(...tunes.map((t) => t.ids.length + 1));
    result[`batch${count}`] = { charsPerSec: Math.round(chars / seconds), stepsPerSec: Math.round(steps / seconds), tunesPerSec: +(count / seconds).toFixed(2) };
  }
  disposeNetwork(net);
  return result;
}
