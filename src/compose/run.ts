// The compose loop behind composeTunes: runs the sampler (continuous batching) or rounds of
// beam search, and judges each finished attempt through a TuneJudge (validity, duplicates,
// novelty) until enough tunes are accepted or a budget runs out.
import { beamSearch } from '../sample/beam-search.js';
import { unknownChars } from '../sample/choose.js';
import type { Conditions } from '../sample/header-guide.js';
import { sampleAttempts } from '../sample/sampler.js';
import type { PickOptions } from '../sample/pick.js';
import type { ComposeEvent, ComposeResult, Composer } from './compose.js';
import type { ComposeOptions } from './options.js';
import { TuneJudge } from './judge.js';

/** Longest model text of one tune; real tunes are well under this. */
export const MAX_TUNE_LENGTH = 1000;
const BEAM_ROUND = 10;

function conditionsOf(c: Composer, opts: ComposeOptions): Conditions {
  const conditions: Conditions = { title: opts.title, meter: opts.meter, key: opts.key, prime: opts.prime };
  for (const [field, value] of Object.entries(conditions)) {
    const unknown = value === undefined ? [] : unknownChars(c.table, value);
    if (unknown.length > 0) throw new Error(`${field} uses characters the model does not know: ${unknown.map((u) => JSON.stringify(u)).join(' ')}`);
  }
  return conditions;
}

/** Rows sampled at once: a few more than the tunes wanted, as some fail validation. */
export function batchFor(tunes: number): number {
  return Math.min(16, Math.max(2, Math.ceil(tunes * 1.25) + 1));
}

export async function runCompose(c: Composer, opts: ComposeOptions, onProgress?: (e: ComposeEvent) => void): Promise<ComposeResult> {
  const started = performance.now();
  const conditions = conditionsOf(c, opts);
  const maxSeconds = opts.maxSeconds ?? 120;
  const deadline = Date.now() + maxSeconds * 1000;
  const judge = new TuneJudge(opts, c.novelty, opts.maxAttempts ?? opts.tunes * 10 + 20, deadline, onProgress);
  const pick: PickOptions = { temperature: opts.temperature, topK: opts.topK, topP: opts.topP, greedy: opts.greedy ?? false };
  let tokens = 0;
  if (opts.beam >= 2) {
    for (let round = 0; judge.wantsMore(); round++) {
      const size = Math.min(BEAM_ROUND, judge.roundSize());
      const req = { tunes: size, width: opts.beam, maxLength: MAX_TUNE_LENGTH, seed: (opts.seed + round * 7919) >>> 0, pick,
        stochastic: opts.stochasticBeam ?? false, guard: opts.repetitionGuard ?? true, conditions,
        barGuide: opts.barGuide ?? true };
      const out = beamSearch(c.network, c.table, req);
      tokens += out.tokens;
      for (const a of out.attempts) if (!judge.consider(a)) break;
      await new Promise<void>((r) => setImmediate(r));
    }
  } else {
    const req = { batch: batchFor(opts.tunes), maxLength: MAX_TUNE_LENGTH, pick, seed: opts.seed, conditions, deadline,
      barGuide: opts.barGuide ?? true,
      onText: onProgress && ((index: number, text: string) => onProgress({ type: 'text', index, text })),
      canStart: () => judge.canStart(), onAttempt: (a: Parameters<TuneJudge['consider']>[0]) => judge.consider(a) };
    tokens = await sampleAttempts(c.network, c.table, req);
  }
  const seconds = (performance.now() - started) / 1000;
  return { ...judge.summary(maxSeconds), seconds: +seconds.toFixed(2), tokensPerSec: Math.round(tokens / seconds), model: c.model, seed: opts.seed };
}
