// The express app: security headers, the JSON API (compose, with server-sent progress when the
// client asks for text/event-stream; models) and the built page as static files. Every error
// becomes a JSON `{error}` with a 4xx or 5xx status; nothing a client sends can crash it.
// A compose request is checked whole before it is queued (its title and prime against the
// model's characters too) and admitted by cost; a client that goes away cancels its job.
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ComposeOptions, type ComposeResult, fitConditions } from '../compose/compose.js';
import type { ComposeJob } from './compose-pool.js';
import { checkComposeRequest, RequestError } from './compose-request.js';
import type { ServerConfig } from './config.js';
import { listModels, modelChars } from './models.js';
import { rateLimit, requestTimeout, securityHeaders, sendError } from './security.js';

/** What the app needs from the generation side (the worker pool, or a stand-in in tests). */
export interface Composing {
  compose(job: ComposeJob): Promise<ComposeResult>;
  /** True when a new job would be turned away (queue full). */
  busy(): boolean;
  /** True when a job of this cost would take the work admitted past the budget (no budget when absent). */
  overBudget?(cost: number): boolean;
}

/** Seconds a client told 429 (too much work admitted) is asked to wait. */
const RETRY_SECONDS = 30;

function wantsStream(req: Request): boolean {
  return (req.headers.accept ?? '').includes('text/event-stream');
}

async function compose(req: Request, res: Response, config: ServerConfig, pool: Composing): Promise<void> {
  if (!req.is('application/json')) throw new RequestError('send the options as JSON (Content-Type: application/json)', 415);
  const models = (await listModels(config.modelsDir)).map((m) => m.name);
  const limits = { maxTunes: config.maxTunes, seconds: config.composeSeconds, maxCost: config.maxCost };
  const { model, options: asked, cost } = checkComposeRequest(req.body, models, limits);
  const options = await fitToModel(config.modelsDir, model, asked);
  if (pool.busy()) throw new RequestError('the composer is busy: try again in a minute', 503);
  if (pool.overBudget?.(cost)) {
    res.setHeader('Retry-After', String(RETRY_SECONDS));
    throw new RequestError(`the composer has too much work admitted (budget ${config.costBudget}, this request ${cost}): try again in ${RETRY_SECONDS} s`, 429);
  }
  const abort = new AbortController();
  res.on('close', () => abort.abort()); // a client gone cancels its job (also harmless once answered)
  if (!wantsStream(req)) {
    const result = await pool.compose({ model, options, cost, signal: abort.signal });
    res.json({ ...result, options, modelName: model });
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
  const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  try {
    const result = await pool.compose({ model, options, cost, signal: abort.signal, onEvent: (e) => send(e.type, e) });
    send('done', { ...result, options, modelName: model });
  } catch (err) {
    send('error', { error: (err as Error).message });
  }
  res.end();
}

/** Options whose title and prime the model can write (the title folded if need be), or a 400. */
async function fitToModel(modelsDir: string, model: string, options: ComposeOptions): Promise<ComposeOptions> {
  const chars = await modelChars(modelsDir, model);
  if (!chars) return options; // unreadable: the worker reports it when it loads the model
  try {
    return fitConditions(options, (ch) => chars.has(ch));
  } catch (err) {
    throw new RequestError((err as Error).message);
  }
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
