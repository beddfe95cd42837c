// Checks the body of POST /api/compose: a JSON object with the page's fields only, numbers as
// numbers, within the server's limits (tunes, and cost: tunes x beam width x length cap), then
// the compose module's own checks. Any problem is a RequestError with a one-line message that
// becomes a 400.
import { checkComposeOptions, composeCost, type ComposeOptions, MAX_TUNE_LENGTH } from '../compose/compose.js';

export class RequestError extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
  }
}

export interface ComposeRequest {
  /** Model folder name under the models directory. */
  model: string;
  options: ComposeOptions;
  /** Characters the job may step: tunes x beam width (1 when sampling) x the length cap. */
  cost: number;
}

export interface RequestLimits {
  maxTunes: number;
  /** Seconds a job may run. */
  seconds: number;
  maxCost: number;
}

const NUMBERS = ['tunes', 'temperature', 'topK', 'topP', 'beam', 'seed'];
const STRINGS = ['title', 'meter', 'key', 'prime', 'model', 'form'];
const BOOLEANS = ['stochasticBeam', 'barGuide'];
const FIELDS = new Set([...NUMBERS, ...STRINGS, ...BOOLEANS]);

function checkTypes(body: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(body)) {
    if (!FIELDS.has(k)) throw new RequestError(`unknown field "${k}" (allowed: ${[...FIELDS].join(', ')})`);
    if (v === null || v === undefined) continue;
    if (NUMBERS.includes(k) && (typeof v !== 'number' || !Number.isFinite(v))) throw new RequestError(`${k} must be a number`);
    if (STRINGS.includes(k) && typeof v !== 'string') throw new RequestError(`${k} must be a string`);
    if (BOOLEANS.includes(k) && typeof v !== 'boolean') throw new RequestError(`${k} must be true or false`);
  }
}

/** The checked request; `models` lists the model names that exist. */
export function checkComposeRequest(body: unknown, models: string[], limits: RequestLimits): ComposeRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new RequestError('the body must be a JSON object');
  const raw = body as Record<string, unknown>;
  checkTypes(raw);
  const { model = 'default', ...rest } = raw as { model?: string; tunes?: unknown };
  if (!models.includes(model)) throw new RequestError(`model "${String(model).slice(0, 40)}" is not available (have: ${models.join(', ') || 'none'})`);
  if (typeof rest.tunes === 'number' && (rest.tunes < 1 || rest.tunes > limits.maxTunes || !Number.isInteger(rest.tunes))) {
    throw new RequestError(`tunes must be an integer from 1 to ${limits.maxTunes} (got ${rest.tunes})`);
  }
  let options: ComposeOptions;
  try {
    options = checkComposeOptions({ tunes: 1, ...rest, maxSeconds: limits.seconds });
  } catch (err) {
    throw new RequestError((err as Error).message);
  }
  if (options.tunes > limits.maxTunes) throw new RequestError(`tunes must be at most ${limits.maxTunes}`);
  const cost = composeCost(options);
  if (cost > limits.maxCost) {
    const width = Math.max(1, options.beam);
    throw new RequestError(`this request costs ${cost} (tunes ${options.tunes} x beam width ${width} x length cap ${MAX_TUNE_LENGTH}), over the server's limit of ${limits.maxCost}: ask for fewer tunes or a narrower beam`);
  }
  return { model, options, cost };
}
