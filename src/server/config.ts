// The server's settings, typed and resolved from defaults then environment variables, and
// passed to createApp as an argument (no global config). A bad environment value is an error.
import { availableParallelism } from 'node:os';

export interface ServerConfig {
  /** TCP port (PORT). */
  port: number;
  /** Interface to bind (HOST); 127.0.0.1 keeps the server local. */
  host: string;
  /** Folder of model folders (MODELS_DIR); each holds model.json. */
  modelsDir: string;
  /** The built page (WEB_DIR). */
  webDir: string;
  /** Generation worker threads (COMPOSE_WORKERS), at most the machine's cores. */
  workers: number;
  /** Compose jobs allowed to wait for a worker before new ones get 503 (QUEUE_LIMIT). */
  queueLimit: number;
  /** API requests per client address per minute (RATE_LIMIT); 0 turns the limit off. */
  rateLimit: number;
  /** Largest JSON body in bytes (BODY_LIMIT). */
  bodyLimit: number;
  /** Seconds a compose job may run; also its requests' time-out (COMPOSE_SECONDS). */
  composeSeconds: number;
  /** Seconds any other request may take, and to receive a request (REQUEST_SECONDS). */
  requestSeconds: number;
  /** Most tunes one request may ask for. */
  maxTunes: number;
  /**
   * Largest cost one request may have (COMPOSE_MAX_COST), in characters stepped: tunes x beam
   * width (1 when sampling) x the 1,000-character length cap. Above it: 400.
   */
  maxCost: number;
  /** Total cost of the jobs queued and running (COMPOSE_BUDGET); a request that would pass it: 429. */
  costBudget: number;
}

export const DEFAULT_CONFIG: ServerConfig = {
  port: 3000, host: '127.0.0.1', modelsDir: 'models', webDir: 'dist/web', workers: availableParallelism(),
  queueLimit: 8, rateLimit: 60, bodyLimit: 16 * 1024, composeSeconds: 90, requestSeconds: 30, maxTunes: 20,
  maxCost: 80_000, costBudget: 320_000,
};

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n < min) throw new Error(`${name} must be an integer >= ${min} (got "${v}")`);
  return n;
}

/** Defaults overridden by environment variables, then by `patch` (tests). */
export function resolveConfig(env: NodeJS.ProcessEnv = process.env, patch: Partial<ServerConfig> = {}): ServerConfig {
  const d = DEFAULT_CONFIG;
  const config: ServerConfig = {
    port: intEnv(env, 'PORT', d.port, 0),
    host: env.HOST || d.host,
    modelsDir: env.MODELS_DIR || d.modelsDir,
    webDir: env.WEB_DIR || d.webDir,
    workers: Math.min(intEnv(env, 'COMPOSE_WORKERS', d.workers, 1), availableParallelism()),
    queueLimit: intEnv(env, 'QUEUE_LIMIT', d.queueLimit, 0),
    rateLimit: intEnv(env, 'RATE_LIMIT', d.rateLimit, 0),
    bodyLimit: intEnv(env, 'BODY_LIMIT', d.bodyLimit, 256),
    composeSeconds: intEnv(env, 'COMPOSE_SECONDS', d.composeSeconds, 1),
    requestSeconds: intEnv(env, 'REQUEST_SECONDS', d.requestSeconds, 1),
    maxTunes: d.maxTunes,
    maxCost: intEnv(env, 'COMPOSE_MAX_COST', d.maxCost, 1000),
    costBudget: intEnv(env, 'COMPOSE_BUDGET', d.costBudget, 1000),
  };
  return { ...config, ...patch };
}
