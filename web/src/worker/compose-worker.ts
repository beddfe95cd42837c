// The page's composer, in a Web Worker so the page stays responsive: fetches the model once per
// backend, then runs the same checks and compose loop as the command line (composer.ts) and
// posts each event as it happens. One job at a time; a job's options are checked here exactly
// as the command line and the server check them.
import { checkComposeOptions, type Composer, composeTunes, disposeComposer, fitConditions, lexiconOf, makeComposer } from '../../../src/compose/composer.js';
import { type PageBackend, startBackend } from './backend.js';
import { fetchModelFiles } from './model-files.js';
import type { FromWorker, ToWorker, WorkerPaths } from './protocol.js';

interface WorkerScope {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
}
const scope = self as unknown as WorkerScope;
const post = (m: FromWorker) => scope.postMessage(m);

let loaded: { backend: PageBackend; composer: Promise<Composer> } | undefined;

async function load(backend: PageBackend, paths: WorkerPaths, id?: number): Promise<Composer> {
  post({ type: 'status', id, text: 'Loading the model…' });
  await startBackend(backend, paths.wasm);
  const files = await fetchModelFiles(paths.model, paths.english);
  return makeComposer(files.model, { name: paths.modelName, backend, novelty: files.novelty, lexicon: lexiconOf(files.titleWords, files.english) });
}

/** The composer for `backend`, loading it (again, after a change of backend) when needed. */
function composerFor(backend: PageBackend, paths: WorkerPaths, id?: number): Promise<Composer> {
  if (loaded?.backend !== backend) {
    const previous = loaded?.composer;
    const next = (async () => {
      await previous?.then(disposeComposer, () => undefined);
      return load(backend, paths, id);
    })();
    loaded = { backend, composer: next };
    next.catch(() => {
      if (loaded?.composer === next) loaded = undefined; // a failed load is tried again by the next job
    });
  }
  return loaded!.composer;
}

let queue: Promise<void> = Promise.resolve();

async function compose(msg: Extract<ToWorker, { type: 'compose' }>): Promise<void> {
  const { id } = msg;
  try {
    const composer = await composerFor(msg.backend, msg.paths, id);
    const options = fitConditions(checkComposeOptions(msg.options), (ch) => composer.table.ids.has(ch));
    post({ type: 'status', id, text: `The model is writing (on ${composer.backend}, in this page)…` });
    const result = await composeTunes(composer, options, (event) => post({ type: 'event', id, event }));
    post({ type: 'done', id, result: { ...result, options, backend: composer.backend } });
  } catch (err) {
    post({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
  }
}

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'load') composerFor(msg.backend, msg.paths).catch((err) => post({ type: 'error', message: String(err?.message ?? err) }));
  else queue = queue.then(() => compose(msg));
};
