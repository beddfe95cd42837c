// The compose loop behind composeTunes: runs the sampler (continuous batching) or rounds of
// beam search, and judges each finished attempt through a TuneJudge (validity, duplicates,
// novelty) until enough tunes are accepted or a budget runs out. Both searches ask `stop`
// before every step, so the time budget and a cancelled request end the work within a step,
// keeping every tune finished so far.
import { beamSearch } from '../sample/beam-search.js';
import { sampleAttempts } from '../sample/sampler.js';
import type { PickOptions } from '../sample/pick.js';
import type { ComposeEvent, ComposeResult, Composer } from './composer.js';
import { conditionsOf, fitConditions } from './conditions.js';
import type { ComposeOptions } from './options.js';
import { TuneJudge } from './judge.js';
import { planKey } from './key-plan.js';
import { formChooser } from '../sample/form-plan.js';
import { nextTurn } from '../sample/next-turn.js';

/** Longest model text of one tune; real tunes are well under this. */
export const MAX_TUNE_LENGTH = 1000;
const BEAM_ROUND = 10;

/**
 * Rows sampled at once: a few more than the tunes wanted, as some fail validation and the
 * first to finish are kept, rounded up to a multiple of 4: the wasm backend's matrix product
 * works in blocks of 4 rows, so 16 rows step as fast as 14 (measured: 3x512, 10 tunes in 3.27 s
 * on 16 rows against 3.50 s on 14, mean of 8 seeds).
 */
export function batchFor(tunes: number): number {
  return Math.min(16, 4 * Math.ceil((Math.ceil(tunes * 1.25) + 1) / 4));
}

/**
 * Threads to step the network on by default (wasm; `--threads` overrides): one for up to 39
 * sampled tunes, every core for more and for beam search. A second thread pays only once the
 * work outlasts its start-up (`npm run -s bench -- compose`, medians of 3-6 runs: 10 tunes
 * 4.24 s on one thread and 4.40 on two, 20 tunes 5.77 and 5.87, 40 tunes 10.64 and 8.94; beam
 * search W = 4 over 10 tunes 40.0 s and 23.6).
 */
export function threadsFor(opts: Pick<ComposeOptions, 'tunes' | 'beam'>, cores: number): number {
  return opts.beam >= 2 || opts.tunes >= 40 ? Math.max(1, cores) : 1;
}

/** The work a request may make, in characters stepped: tunes x beam width (1 when sampling) x the length cap. */
export function composeCost(opts: Pick<ComposeOptions, 'tunes' | 'beam'>): number {
  return opts.tunes * Math.max(1, opts.beam) * MAX_TUNE_LENGTH;
}

export async function runCompose(c: Composer, raw: ComposeOptions, onProgress?: (e: ComposeEvent) => void, cancelled?: () => boolean): Promise<ComposeResult> {
  const started = performance.now();
  const opts = fitConditions(raw, (ch) => c.table.ids.has(ch));
  // A tonic-C model is asked for C in the wanted mode; the judge moves each tune to its key.
  const plan = planKey(c.format, opts);
  const conditions = conditionsOf({ ...opts, key: plan.key, prime: plan.prime }, c.lexicon);
  const maxSeconds = opts.maxSeconds ?? 120;
  const deadline = Date.now() + maxSeconds * 1000;
  const stop = () => Date.now() > deadline || (cancelled?.() ?? false);
  const judge = new TuneJudge(opts, c.novelty, opts.maxAttempts ?? opts.tunes * 10 + 20, deadline, onProgress, plan);
  const form = opts.barGuide === false ? undefined : formChooser(opts.form, opts.seed);
  const pick: PickOptions = { temperature: opts.temperature, topK: opts.topK, topP: opts.topP, greedy: opts.greedy ?? false };
  let tokens = 0;
  if (opts.beam >= 2) {
    for (let round = 0; judge.wantsMore() && !stop(); round++) {
      const size = Math.min(BEAM_ROUND, judge.roundSize());
      const req = { tunes: size, width: opts.beam, maxLength: MAX_TUNE_LENGTH, seed: (opts.seed + round * 7919) >>> 0, pick,
        stochastic: opts.stochasticBeam ?? true, guard: opts.repetitionGuard ?? true, conditions,
        barGuide: opts.barGuide ?? true, form, stop, stepper: c.stepper };
      const out = await beamSearch(c.network, c.table, req);
      tokens += out.tokens;
      for (const a of out.attempts) if (!judge.consider(a)) break;
      await nextTurn();
    }
  } else {
    const req = { batch: batchFor(opts.tunes), maxLength: MAX_TUNE_LENGTH, pick, seed: opts.seed, conditions, stop,
      barGuide: opts.barGuide ?? true, form, stepper: c.stepper,
      onText: onProgress && ((index: number, text: string) => onProgress({ type: 'text', index, text })),
      canStart: () => judge.canStart(), onAttempt: (a: Parameters<TuneJudge['consider']>[0]) => judge.consider(a) };
    tokens = await sampleAttempts(c.network, c.table, req);
  }
  const seconds = (performance.now() - started) / 1000;
  const why = cancelled?.() ? 'cancelled' : undefined;
  return { ...judge.summary(maxSeconds, why), seconds: +seconds.toFixed(2), tokensPerSec: Math.round(tokens / seconds), model: c.model, seed: opts.seed };
}
