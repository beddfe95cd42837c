// The express app: security headers, the JSON API (compose, with server-sent progress when the
// client asks for text/event-stream; models) and the built page as static files. Every error
// becomes a JSON `{error}` with a 4xx or 5xx status; nothing a client sends can crash it.
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ComposeResult } from '../compose/compose.js';
import type { ComposeJob } from './compose-pool.js';
import { checkComposeRequest, RequestError } from './compose-request.js';
import type { ServerConfig } from './config.js';
import { listModels } from './models.js';
import { rateLimit, requestTimeout, securityHeaders, sendError } from './security.js';

/** What the app needs from the generation side (the worker pool, or a stand-in in tests). */
export interface Composing {
  compose(job: ComposeJob): Promise<ComposeResult>;
  /** True when a new job would be turned away (queue full). */
  busy(): boolean;
}

function wantsStream(req: Request): boolean {
  return (req.headers.accept ?? '').includes('text/event-stream');
}

async function compose(req: Request, res: Response, config: ServerConfig, pool: Composing): Promise<void> {
  if (!req.is('application/json')) throw new RequestError('send the options as JSON (Content-Type: application/json)', 415);
  const models = (await listModels(config.modelsDir)).map((m) => m.name);
  const { model, options } = checkComposeRequest(req.body, models, { maxTunes: config.maxTunes, seconds: config.composeSeconds });
  if (pool.busy()) throw new RequestError('the composer is busy: try again in a minute', 503);
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  if (!wantsStream(req)) {
    const result = await pool.compose({ model, options, signal: abort.signal });
    res.json({ ...result, options, modelName: model });
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
  const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  try {
    const result = await pool.compose({ model, options, signal: abort.signal, onEvent: (e) => send(e.type, e) });
    send('done', { ...result, options, modelName: model });
  } catch (err) {
    send('error', { error: (err as Error).message });
  }
  res.end();
}

/** Turns anything thrown into a JSON error; body-parser errors carry their own 4xx status. */
function onError(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const e = err as { status?: number; statusCode?: number; type?: string; message?: string };
  const status = e.status ?? e.statusCode ?? 500;
  let message = status >= 500 ? 'internal error' : e.message ?? 'bad request';
  if (e.type === 'entity.parse.failed') message = `malformed JSON: ${e.message}`;
  if (e.type === 'entity.too.large') message = 'the body is too large';
  if (status >= 500 && !(err instanceof RequestError)) console.error(`server: ${e.message ?? String(err)}`);
  sendError(res, status, err instanceof RequestError && status >= 500 ? e.message! : message);
}

export function createApp(config: ServerConfig, pool: Composing): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(securityHeaders);
  const api = express.Router();
  api.use(rateLimit(config.rateLimit));
  api.use(express.json({ limit: config.bodyLimit, strict: true }));
  api.get('/models', requestTimeout(config.requestSeconds), async (_req, res) => {
    res.json({ models: await listModels(config.modelsDir) });
  });
  api.post('/compose', requestTimeout(config.composeSeconds + 20), (req, res) => compose(req, res, config, pool));
  api.all('/{*rest}', (req, res) => {
    const allowed = { '/compose': 'POST', '/models': 'GET' }[req.path];
    if (allowed) res.setHeader('Allow', allowed);
    throw allowed ? new RequestError(`use ${allowed} for /api${req.path}`, 405) : new RequestError(`no API endpoint ${req.method} ${req.path}`, 404);
  });
  app.use('/api', api);
  const web = resolve(config.webDir);
  if (existsSync(web)) app.use(express.static(web, { index: 'index.html', maxAge: '1h' }));
  app.get('/', (_req, res) => sendError(res, 503, `the page is not built: run npm run build:web (looked in ${web})`));
  app.use((req: Request, res: Response) => sendError(res, req.method === 'GET' || req.method === 'HEAD' ? 404 : 405, `nothing at ${req.method} ${req.path}`));
  app.use(onError);
  return app;
}
