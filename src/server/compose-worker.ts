// A generation worker thread: keeps loaded composers by model name (reloaded when a model's
// model.json changes, as training replaces the shipped model), runs one compose job at a time
// and posts its progress and result to the pool. A job carries a shared cancel flag, read
// before every step, so the pool can stop it without waiting for this thread's event loop.
// Errors are posted, never thrown; a bad option (OptionError) is posted with status 400.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { type Composer, composeTunes, disposeComposer, loadComposer, OptionError } from '../compose/compose.js';
import type { ComposeOptions } from '../compose/compose.js';

interface Job {
  type: 'compose';
  id: number;
  model: string;
  options: ComposeOptions;
  /** A SharedArrayBuffer holding one Int32: 1 once the job is cancelled. */
  cancel: SharedArrayBuffer;
}

const { modelsDir, warm } = workerData as { modelsDir: string; warm?: string };
const loaded = new Map<string, { composer: Composer; mtime: number }>();

async function composerFor(model: string): Promise<Composer> {
  const dir = join(modelsDir, model);
  const mtime = statSync(join(dir, 'model.json')).mtimeMs;
  const have = loaded.get(model);
  if (have && have.mtime === mtime) return have.composer;
  if (have) await disposeComposer(have.composer);
  loaded.delete(model);
  const composer = await loadComposer(dir);
  loaded.set(model, { composer, mtime });
  return composer;
}

async function run(job: Job): Promise<void> {
  const port = parentPort!;
  try {
    const composer = await composerFor(job.model);
    const flag = new Int32Array(job.cancel);
    const onEvent = (event: unknown) => port.postMessage({ type: 'event', id: job.id, event });
    const result = await composeTunes(composer, job.options, onEvent, () => Atomics.load(flag, 0) !== 0);
    port.postMessage({ type: 'done', id: job.id, result });
  } catch (err) {
    const status = err instanceof OptionError ? 400 : undefined;
    port.postMessage({ type: 'error', id: job.id, message: err instanceof Error ? err.message : String(err), status });
  }
}

async function start(): Promise<void> {
  if (warm) await composerFor(warm).catch(() => undefined); // a missing model is reported per job
  parentPort!.on('message', (job: Job) => void run(job));
  parentPort!.postMessage({ type: 'ready' });
}

start().catch((err) => parentPort!.postMessage({ type: 'fatal', message: String(err?.message ?? err) }));
