// Composing in the page: one compose worker (worker/compose-worker.ts) for the page's life,
// reached through the same shape of call as the server's API (api.ts), so main.ts treats both
// alike. The model, the wasm binaries and the word list are files of the built site, found
// relative to the page: no /api is needed.
import type { ComposeDone, ComposeHandlers } from './api.js';
import type { PageBackend } from './worker/backend.js';
import type { FromWorker, ToWorker, WorkerPaths } from './worker/protocol.js';

/** The model the build ships beside the page. */
export const PAGE_MODEL = 'default';

let worker: Worker | undefined;
let nextId = 1;
const jobs = new Map<number | undefined, (m: FromWorker) => void>();

function paths(): WorkerPaths {
  const at = (p: string) => new URL(p, location.href).href;
  return { model: at(`models/${PAGE_MODEL}/`), modelName: PAGE_MODEL, english: at('words/english.txt'), wasm: at('tfjs/') };
}

function send(message: ToWorker): void {
  if (!worker) {
    worker = new Worker(new URL('./worker/compose-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const handler = jobs.get(e.data.id) ?? jobs.get(undefined);
      handler?.(e.data);
    };
  }
  worker.postMessage(message);
}

/** Starts loading the model on `backend` before the first compose (errors show then). */
export function warmUp(backend: PageBackend): void {
  send({ type: 'load', backend, paths: paths() });
}

/** Composes in the worker; resolves with the result or throws the worker's message. */
export function composeInPage(settings: Record<string, unknown>, backend: PageBackend, handlers: ComposeHandlers): Promise<ComposeDone> {
  const id = nextId++;
  const { model: _model, engine: _engine, ...options } = settings;
  return new Promise<ComposeDone>((resolve, reject) => {
    jobs.set(id, (m) => {
      if (m.type === 'status') handlers.onEvent('status', { text: m.text });
      else if (m.type === 'event') handlers.onEvent(m.event.type, m.event as unknown as Record<string, unknown>);
      else {
        jobs.delete(id);
        if (m.type === 'done') resolve(m.result);
        else reject(new Error(m.message));
      }
    });
    send({ type: 'compose', id, backend, paths: paths(), options });
  });
}
