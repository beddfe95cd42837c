// Starts a worker-thread module. Run from TypeScript source (under tsx), a worker cannot load
// .ts by itself, so it boots through tsx's API from a small data: URL module; compiled to .js,
// the module is started directly.
import { Worker } from 'node:worker_threads';

/** Starts `relative` (a .ts path next to `fromUrl`, e.g. './worker.ts') with `workerData`. */
export function startWorker(relative: string, fromUrl: string, workerData: unknown): Worker {
  const fromSource = fromUrl.endsWith('.ts');
  const script = new URL(fromSource ? relative : relative.replace(/\.ts$/, '.js'), fromUrl);
  if (!fromSource) return new Worker(script, { workerData });
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const boot = `import { tsImport } from ${api}; await tsImport(${JSON.stringify(script.href)}, ${JSON.stringify(fromUrl)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData });
}
