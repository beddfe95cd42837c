// The models the server can offer: folders under the models directory with a model.json,
// each with its shape and the metrics its trainer recorded. Read fresh on each call, as the
// shipped model may be replaced by a newer checkpoint while the server runs.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ModelInfo {
  name: string;
  model?: unknown;
  vocabSize?: number;
  metrics?: Record<string, unknown>;
  step?: number;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Model folders (names safe to use in paths), sorted, "default" first. */
export async function listModels(modelsDir: string): Promise<ModelInfo[]> {
  if (!existsSync(modelsDir)) return [];
  const names = (await readdir(modelsDir, { withFileTypes: true }))
    .filter((d) => d.isDirectory() && NAME.test(d.name) && existsSync(join(modelsDir, d.name, 'model.json')))
    .map((d) => d.name)
    .sort((a, b) => Number(b === 'default') - Number(a === 'default') || a.localeCompare(b));
  const out: ModelInfo[] = [];
  for (const name of names) {
    try {
      const m = JSON.parse(await readFile(join(modelsDir, name, 'model.json'), 'utf8'));
      const step = m.training?.step ?? m.metrics?.step;
      out.push({ name, model: m.model, vocabSize: m.vocabSize, metrics: m.metrics, step });
    } catch {
      // a model.json being replaced or broken: leave the model out rather than fail the list
    }
  }
  return out;
}
