// A generation worker thread: keeps loaded composers by model name (reloaded when a model's
// model.json changes, as training replaces the shipped model), runs one compose job at a time
// and posts its progress and result to the pool. Errors are posted, never thrown.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { type Composer, composeTunes, disposeComposer, loadComposer } from '../compose/compose.js';
import type { ComposeOptions } from '../compose/compose.js';

interface Job {
  type: 'compose';
  id: number;
  model: string;
  options: ComposeOptions;
}

const { modelsDir, warm } = workerData as { modelsDir: string; warm?: string };
const loaded = new Map<string, { composer: Composer; mtime: number }>();

async function composerFor(model: string): Promise<Composer> {
  const dir = join(modelsDir, model);
  const mtime = statSync(join(dir, 'model.json')).mtimeMs;
  const have = loaded.get(model);
  if (have && have.mtime === mtime) return have.composer;
  if (have) disposeComposer(have.composer);
  loaded.delete(model);
  const composer = await loadComposer(dir);
  loaded.set(model, { composer, mtime });
  return composer;
}

async function run(job: Job): Promise<void> {
  const port = parentPort!;
  try {
    const composer = await composerFor(job.model);
    const result = await composeTunes(composer, job.options, (event) => port.postMessage({ type: 'event', id: job.id, event }));
    port.postMessage({ type: 'done', id: job.id, result });
  } catch (err) {
    port.postMessage({ type: 'error', id: job.id, message: err instanceof Error ? err.message : String(err) });
  }
}

async function start(): Promise<void> {
  if (warm) await composerFor(warm).catch(() => undefined); // a missing model is reported per job
  parentPort!.on('message', (job: Job) => void run(job));
  parentPort!.postMessage({ type: 'ready' });
}

start().catch((err) => parentPort!.postMessage({ type: 'fatal', message: String(err?.message ?? err) }));
