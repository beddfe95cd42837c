// The options of one compose request and their checking, shared by the command line and the
// web server: any bad field is one Error with a one-line message naming it. Pure (no I/O).
// Meter and key are normalised here with the ABC layer's own normalisers (K: "F#m" -> "F#min").
// Options that could never give a tune are refused here too: an empty text field, a prime the
// bar rules refuse, greedy decoding with beam search or more than one tune.
import { normalizeKey, normalizeMeter } from '../abc/key.js';
import { primeProblem } from '../sample/prime-check.js';
import { parseForm } from '../sample/form-plan.js';

export interface ComposeOptions {
  /** How many valid tunes to return (1..100). */
  tunes: number;
  /** Softmax temperature, > 0 (1 = the model's own distribution). */
  temperature: number;
  /** Keep only the k most likely characters at each step (0 = all). */
  topK: number;
  /** Nucleus sampling: keep the most likely characters up to this probability mass (1 = all). */
  topP: number;
  /** 0 or 1 = sampling; >= 2 = beam search of that width. */
  beam: number;
  /** Stochastic beam search (default true): the beams are a draw without replacement; false: the W most likely go on. */
  stochasticBeam?: boolean;
  /** Always take the most likely character (sampling only, one tune: every attempt is the same). */
  greedy?: boolean;
  /** Beam search refuses a third identical bar in a row and a body line written a third time (default true). */
  repetitionGuard?: boolean;
  /** Constrained decoding of bar lengths: no bar longer than the meter, no short bar where it is illegal (default true). */
  barGuide?: boolean;
  /**
   * The tune's form: 'auto' (default: a plan drawn per tune in the corpus's proportions), a plan
   * such as AABB, AB, AABBCC, AABB:4 (src/sample/form-plan.ts), or 'off' (no form guide).
   * Needs the bar guide.
   */
  form?: string;
  /** Seed of every random draw: same model, options, backend and seed give the same tunes. */
  seed: number;
  /** Title to compose under (the model writes the rest). */
  title?: string;
  /** Meter, normalised ("6/8", "C" -> "4/4"). */
  meter?: string;
  /** Key, normalised to tonic + mode ("Ador", "F#min"). */
  key?: string;
  /** Opening notes the model continues (ABC body text, spaces removed). */
  prime?: string;
  /** Keep tunes copying 4+ consecutive bars of a training tune (flagged `copied`). */
  allowCopies?: boolean;
  /** Give up after this many generated tunes (default 10 x tunes + 20). */
  maxAttempts?: number;
  /** Give up after this many seconds (default 120). */
  maxSeconds?: number;
}

export const DEFAULT_OPTIONS: ComposeOptions = { tunes: 10, temperature: 1, topK: 0, topP: 1, beam: 0, seed: 1 };
export const MAX_TUNES = 100;

type Raw = Record<string, unknown>;

function bad(field: string, why: string, value: unknown): never {
  throw new Error(`${field} ${why} (got ${JSON.stringify(value) ?? String(value)})`);
}

function num(raw: Raw, field: string, def: number | undefined, ok: (n: number) => boolean, why: string, int = false): number | undefined {
  const v = raw[field];
  if (v === undefined || v === null) return def;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || (int && !Number.isInteger(n)) || !ok(n)) bad(field, why, v);
  return n;
}

function bool(raw: Raw, field: string): boolean | undefined {
  const v = raw[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') bad(field, 'must be true or false', v);
  return v;
}

function text(raw: Raw, field: string, max: number): string | undefined {
  const v = raw[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') bad(field, 'must be a string', v);
  if (v.trim() === '') bad(field, 'must not be empty (leave it out to let the model choose)', v);
  if (v.length > max) bad(field, `must be at most ${max} characters`, v.slice(0, 20) + '...');
  return v;
}

/** Title: one line of printable text without ABC's field/comment specials. */
function checkTitle(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = v.replace(/\s+/g, ' ').trim().replace(/\.+$/, '');
  if (t === '' || /[%\\\n]/.test(t)) bad('title', 'must be non-empty text without %, \\ or line breaks', v);
  return t;
}

function checkPrime(v: string | undefined, meter: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const p = v.replace(/[ \t]+/g, '');
  if (p === '' || /^[A-Za-z]:/m.test(p) || /[%\n]/.test(p)) bad('prime', 'must be ABC body notes (no header fields, comments or line breaks)', v);
  const problem = primeProblem(p, meter);
  if (problem) bad('prime', problem, v);
  return p;
}

function checkForm(v: string | undefined): string | undefined {
  if (v === undefined || v === 'auto' || v === 'off') return v;
  const plan = parseForm(v.trim().toUpperCase());
  if (!plan) bad('form', 'is not a form: auto, off, or parts such as AABB, AB, ABC, AABBCC, AAB (a doubled letter is repeated; :4 or :16 after it for parts of 4 or 16 bars)', v);
  return plan.name;
}

function checkKey(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const k = normalizeKey(v);
  if (!k.ok) bad('key', 'is not a key ABC allows (e.g. D, Ador, F#m, Bb, "G mixolydian")', v);
  return k.value;
}

function checkMeter(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const m = normalizeMeter(v);
  if (!m.ok) bad('meter', 'is not a meter abc2midi accepts (e.g. 6/8, 4/4, C, C|; the denominator a power of two)', v);
  return m.value;
}

/** Checks and normalises raw options (an object from flags or JSON); throws a one-line Error. */
export function checkComposeOptions(input: unknown): ComposeOptions {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error('options must be an object');
  const raw = input as Raw;
  const known = new Set(['tunes', 'temperature', 'topK', 'topP', 'beam', 'stochasticBeam', 'greedy', 'repetitionGuard', 'barGuide', 'form', 'seed',
    'title', 'meter', 'key', 'prime', 'allowCopies', 'maxAttempts', 'maxSeconds']);
  const unknown = Object.keys(raw).find((k) => !known.has(k));
  if (unknown) throw new Error(`unknown option "${unknown}"`);
  const d = DEFAULT_OPTIONS;
  const opts: ComposeOptions = {
    tunes: num(raw, 'tunes', d.tunes, (n) => n >= 1 && n <= MAX_TUNES, `must be an integer from 1 to ${MAX_TUNES}`, true)!,
    temperature: num(raw, 'temperature', d.temperature, (n) => n > 0 && n <= 100, 'must be a number > 0')!,
    topK: num(raw, 'topK', d.topK, (n) => n >= 0, 'must be an integer >= 0 (0 = off)', true)!,
    topP: num(raw, 'topP', d.topP, (n) => n > 0 && n <= 1, 'must be a number > 0 and <= 1')!,
    beam: num(raw, 'beam', d.beam, (n) => n >= 0 && n <= 32, 'must be an integer from 0 to 32 (0 or 1 = sampling)', true)!,
    seed: num(raw, 'seed', d.seed, (n) => n >= 0 && n <= 0xffffffff, 'must be an integer from 0 to 4294967295', true)!,
  };
  const meter = checkMeter(text(raw, 'meter', 10));
  const extra: Partial<ComposeOptions> = {
    stochasticBeam: bool(raw, 'stochasticBeam'), greedy: bool(raw, 'greedy'), repetitionGuard: bool(raw, 'repetitionGuard'),
    barGuide: bool(raw, 'barGuide'), form: checkForm(text(raw, 'form', 30)),
    allowCopies: bool(raw, 'allowCopies'), title: checkTitle(text(raw, 'title', 80)), meter,
    key: checkKey(text(raw, 'key', 30)), prime: checkPrime(text(raw, 'prime', 400), meter),
    maxAttempts: num(raw, 'maxAttempts', undefined, (n) => n >= 1, 'must be an integer >= 1', true),
    maxSeconds: num(raw, 'maxSeconds', undefined, (n) => n > 0, 'must be a number > 0'),
  };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (opts as unknown as Raw)[k] = v;
  if (opts.greedy && opts.beam >= 2) bad('greedy', 'is for sampling only: with beam search every beam would write the same tune', true);
  if (opts.form !== undefined && opts.form !== 'off' && opts.barGuide === false) bad('form', 'needs the bar guide (leave out barGuide: false, or ask for form "off")', opts.form);
  if (opts.greedy && opts.tunes > 1) bad('greedy', 'writes the same tune every time: ask for 1 tune', true);
  return opts;
}
