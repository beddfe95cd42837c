// Beam search over tunes, W beams per tune, all tunes of a round in one batched state (rows
// g*W .. g*W+W-1 belong to tune g). The header (and any primer) is sampled once per tune and
// shared by its beams, so tunes differ. Two searches of the body:
// - stochastic (the default): Kool, van Hoof and Welling's stochastic beam search (2019). Every
//   partial tune carries a Gumbel-perturbed log-probability, its children's conditioned on it, and
//   the W largest go on; the W tunes it ends with are a draw without replacement from the guided
//   distribution at the temperature, and the most likely of them (mean log-probability per
//   character) is kept. Tunes stay as varied as sampled ones (deterministic search over-uses the
//   likeliest steps: rising whole tones, repeated notes).
// - deterministic: the W most likely partial tunes go on; the finished tune with the highest
//   mean log-probability per character (EOS included) is kept.
// A repetition guard refuses characters that would extend a loop of bars or lines. A `stop`
// callback is asked before every step: once it says stop, the round ends with the tunes that
// have finished (a deadline or a cancelled request never waits for a whole round).
import { Rng } from '../model/rng.js';
import type { Network } from '../model/network.js';
import { Stepper, type StepperFactory } from '../model/stepper.js';
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
  /** Makes the stepper (e.g. one over the network cut among threads); absent: a Stepper on this thread. */
  stepper?: StepperFactory;
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
  /** What the search ranks by: the log-probability, or (stochastic) the perturbed one. */
  score: number;
  /** Stochastic: log-probability of the text under the guided distribution at the temperature. */
  phi: number;
}

interface Finished extends Attempt {
  score: number;
}

interface Group {
  beams: Beam[];
  /** Still sampling the shared header. */
  header: boolean;
  finished: Finished[];
  done: boolean;
}

interface Candidate {
  parent: number;
  id: number;
  /** Model log-probability (T = 1) of the character. */
  lp: number;
  score: number;
  phi: number;
}

const mean = (a: { logProb: number; chosen: number }) => a.logProb / Math.max(1, a.chosen);

/** Runs one round of beam search; returns the best attempt of each tune and the rows stepped. */
export async function beamSearch(net: Network, table: CharTable, req: BeamRequest): Promise<BeamResult> {
  const { tunes, width } = req;
  const rng = new Rng(req.seed);
  const stepper = req.stepper ? await req.stepper(tunes * width) : new Stepper(net, tunes * width);
  const groups: Group[] = Array.from({ length: tunes }, () => ({
    beams: Array.from({ length: width }, () => ({ text: '', logProb: 0, chosen: 0, score: 0, phi: 0 })), header: true, finished: [], done: false,
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
  const attempts = stopped
    ? groups.filter((g) => g.finished.length > 0).map((g) => bestOf(g.finished))
    : groups.map((g) => bestOf(g.finished.length > 0 ? g.finished : g.beams.map((b) => ({ ...b, ended: false }))));
  return { attempts, tokens, stopped };
}

/** The attempt with the highest mean log-probability per character (length normalisation). */
export function bestAttempt(pool: Attempt[]): Attempt {
  return pool.reduce((a, b) => (mean(b) > mean(a) ? b : a));
}

/** A group's pick among its finished tunes (or, at the length cap, its beams). */
function bestOf(pool: Finished[]): Attempt {
  const best = bestAttempt(pool);
  return { text: best.text, ended: best.ended, logProb: best.logProb, chosen: best.chosen };
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
  g.beams = g.beams.map(() => ({ ...beam, score: req.stochastic ? 0 : beam.logProb }));
  return g.beams.map((_, k) => ({ parent: k, id: c.id, lp: 0, score: 0, phi: 0 }));
}

/** Expands every beam of a group and keeps the best `width` candidates. */
function beamStep(g: Group, logits: Float32Array, base: number, table: CharTable, req: BeamRequest, rng: Rng): Candidate[] {
  const fresh = g.beams.every((b) => b.text === g.beams[0].text);
  const cands: Candidate[] = [];
  g.beams.forEach((beam, k) => {
    if (fresh && k > 0) return;
    const children = req.stochastic ? drawChildren(beam, logits, base + k, table, req, rng) : bestChildren(beam, logits, base + k, table, req);
    for (const c of children) cands.push({ ...c, parent: k });
  });
  return req.stochastic ? keepSamples(g, cands, table, req) : keepBest(g, cands, table, req);
}

const extend = (parent: Beam, c: Candidate, table: CharTable): Beam =>
  ({ text: parent.text + table.chars[c.id], logProb: parent.logProb + c.lp, chosen: parent.chosen + 1, bars: parent.bars, score: c.score, phi: c.phi });

const finish = (parent: Beam, c: Candidate): Finished =>
  ({ text: parent.text, logProb: parent.logProb + c.lp, chosen: parent.chosen + 1, ended: true, score: c.score });

/** Deterministic: the best `width` live candidates go on; tunes that end are set aside (up to 2 x width), done at `width`. */
function keepBest(g: Group, cands: Candidate[], table: CharTable, req: BeamRequest): Candidate[] {
  cands.sort((a, b) => b.score - a.score);
  const kept: Candidate[] = [];
  const beams: Beam[] = [];
  for (const c of cands) {
    if (kept.length >= req.width) break;
    const parent = g.beams[c.parent];
    if (c.id === EOS) {
      if (kept.length + g.finished.length < 2 * req.width) g.finished.push(finish(parent, c));
      continue;
    }
    kept.push(c);
    beams.push(extend(parent, c, table));
  }
  return settle(g, kept, beams, req);
}

/**
 * Stochastic: the `width` highest perturbed scores among the candidates and the tunes already
 * ended keep their places (Kool et al.'s stochastic beam search: the `width` tunes it ends with
 * are drawn without replacement from the guided distribution at the temperature).
 */
function keepSamples(g: Group, cands: Candidate[], table: CharTable, req: BeamRequest): Candidate[] {
  const ranked = [...cands.map((c) => ({ c, key: c.score })), ...g.finished.map((f) => ({ f, key: f.score }))].sort((a, b) => b.key - a.key);
  const kept: Candidate[] = [];
  const beams: Beam[] = [];
  const finished: Finished[] = [];
  for (const r of ranked.slice(0, req.width)) {
    if ('f' in r) finished.push(r.f);
    else if (r.c.id === EOS) finished.push(finish(g.beams[r.c.parent], r.c));
    else {
      kept.push(r.c);
      beams.push(extend(g.beams[r.c.parent], r.c, table));
    }
  }
  g.finished = finished;
  return settle(g, kept, beams, req);
}

function settle(g: Group, kept: Candidate[], beams: Beam[], req: BeamRequest): Candidate[] {
  g.beams = beams;
  const tooLong = beams.length === 0 || beams[0].text.length >= req.maxLength;
  if (g.finished.length >= req.width || tooLong) g.done = true;
  while (kept.length < req.width) kept.push({ parent: kept[0]?.parent ?? 0, id: EOS, lp: -Infinity, score: -Infinity, phi: 0 });
  return kept;
}

/** The full guide of a beam's next character (header fields, bars and form); updates the beam's bar memo. */
function guideOf(beam: Beam, table: CharTable, req: BeamRequest) {
  let guide = guideNext(beam.text, req.conditions);
  const push = beam.text.length >= PUSH_FROM * req.maxLength;
  if (req.barGuide !== false) ({ guide, memo: beam.bars } = guideBars(guide, beam.text, beam.bars, table.chars, push, req.form));
  return guide;
}

function allows(guide: ReturnType<typeof guideOf>, id: number, table: CharTable): boolean {
  if (id === BOS || id === UNK) return false;
  return id === EOS ? !guide.noEnd : !guide.accept || guide.accept(table.chars[id]);
}

/** Deterministic: a beam's `width` most likely characters that the guides allow, scored by the beam's log-probability plus theirs. */
function bestChildren(beam: Beam, logits: Float32Array, row: number, table: CharTable, req: BeamRequest): Omit<Candidate, 'parent'>[] {
  const n = table.size;
  const lp = logSoftmax(logits, row * n, n, 1);
  const order: number[] = [];
  for (let id = 0; id < n; id++) if (id !== BOS && id !== UNK && lp[id] > -Infinity) order.push(id);
  order.sort((a, b) => lp[b] - lp[a]);
  const body = req.guard ? beam.text.slice(headerEnd(beam.text)) : '';
  const guide = guideOf(beam, table, req);
  const out: Omit<Candidate, 'parent'>[] = [];
  for (const id of order) {
    if (out.length >= req.width) break;
    if (!allows(guide, id, table)) continue;
    if (req.guard && id !== EOS && wouldLoop(body, table.chars[id])) continue; // checked lazily: it is the costly part
    out.push({ id, lp: lp[id], score: beam.score + lp[id], phi: 0 });
  }
  return out;
}

/**
 * Stochastic: perturbs the log-probability (at the temperature, renormalised over the characters
 * the guides allow) of each child with Gumbel noise, conditioned so that the largest child equals
 * the beam's own perturbed score; returns the `width` largest.
 */
function drawChildren(beam: Beam, logits: Float32Array, row: number, table: CharTable, req: BeamRequest, rng: Rng): Omit<Candidate, 'parent'>[] {
  const n = table.size;
  const lp = logSoftmax(logits, row * n, n, 1);
  const lpT = req.pick.temperature === 1 ? lp : logSoftmax(logits, row * n, n, req.pick.temperature);
  const guide = guideOf(beam, table, req);
  const allowed: number[] = [];
  let mass = 0;
  for (let id = 0; id < n; id++) {
    if (lpT[id] === -Infinity || !allows(guide, id, table)) continue;
    allowed.push(id);
    mass += Math.exp(lpT[id]);
  }
  const logMass = Math.log(mass);
  const drawn = allowed.map((id) => {
    const phi = beam.phi + lpT[id] - logMass;
    return { id, phi, g: phi - Math.log(-Math.log(Math.max(rng.next(), 1e-300))) };
  });
  drawn.sort((a, b) => b.g - a.g);
  const body = req.guard ? beam.text.slice(headerEnd(beam.text)) : '';
  const out: Omit<Candidate, 'parent'>[] = [];
  let top = -Infinity;
  for (const d of drawn) {
    if (out.length >= req.width) break;
    if (req.guard && d.id !== EOS && wouldLoop(body, table.chars[d.id])) continue;
    if (top === -Infinity) top = d.g;
    out.push({ id: d.id, lp: lp[d.id], phi: d.phi, score: capGumbel(d.g, top, beam.score) });
  }
  return out;
}

/** Shifts a Gumbel draw g, from a set whose largest is top, so that the set's largest becomes cap (numerically stable). */
export function capGumbel(g: number, top: number, cap: number): number {
  const x = g - top; // <= 0
  const log1mexp = x === 0 ? -Infinity : x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
  const v = cap - g + log1mexp;
  return cap - Math.max(v, 0) - Math.log1p(Math.exp(-Math.abs(v)));
}
