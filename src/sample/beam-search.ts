// Beam search over tunes, W beams per tune, all tunes of a round in one batched state (rows
// g*W .. g*W+W-1 belong to tune g). The header (and any primer) is sampled once per tune and
// shared by its beams, so tunes differ; the body is then searched for the highest
// length-normalised log-probability (mean per character, EOS included). The stochastic variant
// draws each beam's candidates (Gumbel top-W at the temperature) before keeping the best W.
// A repetition guard refuses characters that would extend a loop of bars or lines. A `stop`
// callback is asked before every step: once it says stop, the round ends with the tunes that
// have finished (a deadline or a cancelled request never waits for a whole round).
import { Rng } from '../model/rng.js';
import type { Network } from '../model/network.js';
import { Stepper } from '../model/stepper.js';
import { BOS, EOS, UNK } from '../tokenizer/index.js';
import { type BarMemo, type FormChooser, guideBars, PUSH_FROM } from './bar-guide.js';
import { type CharTable, chooseNext } from './choose.js';
import { type Conditions, guideNext, headerEnd, primed } from './header-guide.js';
import { logSoftmax, type PickOptions } from './pick.js';
import { wouldLoop } from './repetition.js';
import type { Attempt } from './sampler.js';

export interface BeamRequest {
  /** Tunes searched at once. */
  tunes: number;
  width: number;
  maxLength: number;
  seed: number;
  /** Used for the header and, when stochastic, for drawing candidates. */
  pick: PickOptions;
  stochastic: boolean;
  guard: boolean;
  conditions: Conditions;
  /** Constrain bar lengths in the body (default true). */
  barGuide?: boolean;
  /** The form plan of each tune (on top of the bar guide); absent: bars only. */
  form?: FormChooser;
  /** Asked before every step; true ends the round at once (unfinished tunes are dropped). */
  stop?: () => boolean;
}

export interface BeamResult {
  /** The best attempt of each tune (only tunes that finished, when the round was stopped). */
  attempts: Attempt[];
  /** Rows stepped. */
  tokens: number;
  /** The round was ended by `stop`. */
  stopped: boolean;
}

interface Beam {
  text: string;
  logProb: number;
  chosen: number;
  bars?: BarMemo;
}

interface Group {
  beams: Beam[];
  /** Still sampling the shared header. */
  header: boolean;
  finished: Attempt[];
  done: boolean;
}

interface Candidate {
  parent: number;
  id: number;
  score: number;
}

const mean = (a: { logProb: number; chosen: number }) => a.logProb / Math.max(1, a.chosen);

/** Runs one round of beam search; returns the best attempt of each tune and the rows stepped. */
export async function beamSearch(net: Network, table: CharTable, req: BeamRequest): Promise<BeamResult> {
  const { tunes, width } = req;
  const rng = new Rng(req.seed);
  const stepper = new Stepper(net, tunes * width);
  const groups: Group[] = Array.from({ length: tunes }, () => ({
    beams: Array.from({ length: width }, () => ({ text: '', logProb: 0, chosen: 0 })), header: true, finished: [], done: false,
  }));
  const feed = new Int32Array(tunes * width).fill(BOS);
  let tokens = 0;
  let stopped = false;
  try {
    while (groups.some((g) => !g.done)) {
      if (req.stop?.()) {
        stopped = true;
        break;
      }
      const logits = await stepper.stepAsync(feed);
      const rows: number[] = [];
      groups.forEach((g, gi) => {
        if (!g.done) tokens += width;
        const base = gi * width;
        const picks = g.done ? null : g.header ? headerStep(g, logits, base, table, req, rng) : beamStep(g, logits, base, table, req, rng);
        for (let k = 0; k < width; k++) {
          rows.push(base + (picks?.[k]?.parent ?? k));
          feed[base + k] = picks?.[k]?.id ?? EOS;
        }
      });
      stepper.select(rows);
    }
  } finally {
    stepper.dispose();
  }
  const attempts = stopped ? groups.filter((g) => g.finished.length > 0).map((g) => bestAttempt(g.finished)) : groups.map(bestOf);
  return { attempts, tokens, stopped };
}

/** The attempt with the highest mean log-probability per character (length normalisation). */
export function bestAttempt(pool: Attempt[]): Attempt {
  return pool.reduce((a, b) => (mean(b) > mean(a) ? b : a));
}

function bestOf(g: Group): Attempt {
  return bestAttempt(g.finished.length > 0 ? g.finished : g.beams.map((b) => ({ ...b, ended: false })));
}

/** Samples one header character for the whole group (all its beams are still identical). */
function headerStep(g: Group, logits: Float32Array, base: number, table: CharTable, req: BeamRequest, rng: Rng): Candidate[] {
  const beam = g.beams[0];
  const guide = guideNext(beam.text, req.conditions);
  const c = chooseNext(logits, base, table, guide, req.pick, rng);
  if (!c.forced) {
    beam.logProb += c.logProb;
    beam.chosen++;
  }
  beam.text += table.chars[c.id];
  if (primed(beam.text, req.conditions)) g.header = false;
  if (beam.text.length >= req.maxLength) g.done = true;
  g.beams = g.beams.map(() => ({ ...beam }));
  return g.beams.map((_, k) => ({ parent: k, id: c.id, score: 0 }));
}

/** Expands every beam of a group and keeps the best `width`; finished tunes leave the beam. */
function beamStep(g: Group, logits: Float32Array, base: number, table: CharTable, req: BeamRequest, rng: Rng): Candidate[] {
  const fresh = g.beams.every((b) => b.text === g.beams[0].text);
  const cands: Candidate[] = [];
  g.beams.forEach((beam, k) => {
    if (fresh && k > 0) return;
    for (const c of expand(beam, logits, base + k, table, req, rng)) cands.push({ parent: k, id: c.id, score: beam.logProb + c.lp });
  });
  cands.sort((a, b) => b.score - a.score);
  const kept: Candidate[] = [];
  const beams: Beam[] = [];
  for (const c of cands) {
    if (kept.length >= req.width) break;
    const parent = g.beams[c.parent];
    if (c.id === EOS) {
      if (kept.length + g.finished.length < 2 * req.width) g.finished.push({ text: parent.text, logProb: c.score, chosen: parent.chosen + 1, ended: true });
      continue;
    }
    kept.push(c);
    beams.push({ text: parent.text + table.chars[c.id], logProb: c.score, chosen: parent.chosen + 1, bars: parent.bars });
  }
  g.beams = beams;
  const tooLong = beams.length === 0 || beams[0].text.length >= req.maxLength;
  if (g.finished.length >= req.width || tooLong) g.done = true;
  while (kept.length < req.width) kept.push({ parent: kept[0]?.parent ?? 0, id: EOS, score: -Infinity });
  return kept;
}

/** The best `width` candidate characters of one beam (by model log-probability, or drawn) with their log-probabilities. */
function expand(beam: Beam, logits: Float32Array, row: number, table: CharTable, req: BeamRequest, rng: Rng): { id: number; lp: number }[] {
  const n = table.size;
  const lp = logSoftmax(logits, row * n, n, 1);
  const keyed: { id: number; k: number }[] = [];
  for (let id = 0; id < n; id++) {
    if (id === BOS || id === UNK || lp[id] === -Infinity) continue;
    const gumbel = req.stochastic ? -Math.log(-Math.log(Math.max(rng.next(), 1e-300))) : 0;
    keyed.push({ id, k: req.stochastic ? lp[id] / req.pick.temperature + gumbel : lp[id] });
  }
  keyed.sort((a, b) => b.k - a.k);
  const body = req.guard ? beam.text.slice(headerEnd(beam.text)) : '';
  let guide = guideNext(beam.text, req.conditions);
  const push = beam.text.length >= PUSH_FROM * req.maxLength;
  if (req.barGuide !== false) ({ guide, memo: beam.bars } = guideBars(guide, beam.text, beam.bars, table.chars, push, req.form));
  const out: { id: number; lp: number }[] = [];
  for (const { id } of keyed) {
    if (out.length >= req.width) break;
    if (id === EOS ? guide.noEnd : guide.accept && !guide.accept(table.chars[id])) continue;
    if (req.guard && id !== EOS && wouldLoop(body, table.chars[id])) continue; // checked lazily: it is the costly part
    out.push({ id, lp: lp[id] });
  }
  return out;
}
