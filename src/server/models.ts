// The models the server can offer: folders under the models directory with a model.json,
// each with its shape and the metrics its trainer recorded. Read fresh on each call, as the
// shipped model may be replaced by a newer checkpoint while the server runs. A model's
// characters (its vocab.json) let a request's title and prime be checked before it is queued.
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

/** The characters a model can write (its vocabulary without the special tokens); undefined when unreadable. */
export async function modelChars(modelsDir: string, name: string): Promise<Set<string> | undefined> {
  try {
    const vocab = JSON.parse(await readFile(join(modelsDir, name, 'vocab.json'), 'utf8')) as { tokens?: unknown };
    if (!Array.isArray(vocab.tokens)) return undefined;
    return new Set(vocab.tokens.slice(3).filter((t): t is string => typeof t === 'string'));
  } catch {
    return undefined; // the worker reports a broken model when it loads it
  }
}
