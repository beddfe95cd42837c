// Batched sampling of whole tunes with the network's state kept between steps. Rows are
// continuously refilled: when a tune ends, its row's state is zeroed and a new attempt starts
// there, so the batch stays full until the caller has enough. Header fields and opening notes
// are constrained by a header guide, bar lengths by the bar guide (unless turned off); every
// draw comes from one seeded Rng (deterministic).
import { Rng } from '../model/rng.js';
import type { Network } from '../model/network.js';
import { Stepper, type StepperFactory } from '../model/stepper.js';
import { BOS, EOS } from '../tokenizer/index.js';
import { type BarMemo, type FormChooser, lazyGuide, PUSH_FROM, trackBars } from './bar-guide.js';
import { type CharTable, chooseLazily } from './choose.js';
import { bodyGuide, type Conditions, guideNext, headerEnd } from './header-guide.js';
import type { PickOptions } from './pick.js';
import { nextTurn } from './next-turn.js';

/** One generated tune: its model text (from `T:`), whether it ended, and its model log-probability. */
export interface Attempt {
  text: string;
  ended: boolean;
  /** Sum of the model's log-probabilities (T = 1) of the characters it chose, EOS included. */
  logProb: number;
  /** How many characters the model chose (forced ones excluded). */
  chosen: number;
}

export interface SampleRequest {
  batch: number;
  maxLength: number;
  pick: PickOptions;
  seed: number;
  conditions: Conditions;
  /** Constrain bar lengths in the body (default true). */
  barGuide?: boolean;
  /** The form plan of each tune (on top of the bar guide); absent: bars only. */
  form?: FormChooser;
  /** Whether another attempt may start (asked whenever a row frees up). */
  canStart: () => boolean;
  /** Receives each finished attempt; returning false stops all sampling at once. */
  onAttempt: (a: Attempt) => boolean;
  /** Stop (dropping unfinished attempts) once Date.now() passes this. */
  deadline?: number;
  /** Asked before every step: true stops at once, dropping unfinished attempts (a cancelled request). */
  stop?: () => boolean;
  /** Receives the unfinished text of every busy row now and then (for streaming). */
  onText?: (row: number, text: string) => void;
  /** Makes the stepper (e.g. one over the network cut among threads); absent: a Stepper on this thread. */
  stepper?: StepperFactory;
}

interface Row extends Attempt {
  free: boolean;
  bars?: BarMemo;
}

const newRow = (): Row => ({ text: '', ended: false, logProb: 0, chosen: 0, free: false });

/** Samples attempts until the caller stops it; returns the number of characters generated. */
export async function sampleAttempts(net: Network, table: CharTable, req: SampleRequest): Promise<number> {
  const rng = new Rng(req.seed);
  const stepper = req.stepper ? await req.stepper(req.batch) : new Stepper(net, req.batch);
  const rows: (Row | null)[] = Array.from({ length: req.batch }, () => (req.canStart() ? newRow() : null));
  const feed = new Int32Array(req.batch).fill(BOS);
  let tokens = 0;
  try {
    for (let step = 0; rows.some((r) => r); step++) {
      if ((req.deadline !== undefined && Date.now() > req.deadline) || req.stop?.()) return tokens;
      const logits = await stepper.stepAsync(feed);
      const resets: number[] = [];
      for (let b = 0; b < rows.length; b++) {
        const row = rows[b];
        if (!row) continue;
        tokens++;
        if (!advance(row, logits, b, table, req, rng)) {
          feed[b] = table.ids.get(row.text[row.text.length - 1]) ?? EOS;
          continue;
        }
        if (!req.onAttempt(row)) return tokens;
        rows[b] = req.canStart() ? newRow() : null;
        feed[b] = BOS;
        resets.push(b);
      }
      stepper.reset(resets);
      if (step % 32 === 31) {
        if (req.onText) rows.forEach((r, b) => r && req.onText?.(b, r.text));
        await nextTurn();
      }
    }
  } finally {
    stepper.dispose();
  }
  return tokens;
}

/** Adds one character to a row; true when its tune has ended (EOS or length cap). */
function advance(row: Row, logits: Float32Array, b: number, table: CharTable, req: SampleRequest, rng: Rng): boolean {
  const base = row.free ? bodyGuide(row.text) : guideNext(row.text, req.conditions);
  const push = row.text.length >= PUSH_FROM * req.maxLength;
  if (req.barGuide !== false && base.force === undefined) row.bars = trackBars(row.bars, row.text, undefined, req.form);
  const guide = lazyGuide(base, req.barGuide !== false ? row.bars : undefined, table.chars, push);
  const c = chooseLazily(logits, b, table, guide, req.pick, rng);
  if (!c.forced) {
    row.logProb += c.logProb;
    row.chosen++;
  }
  if (c.id === EOS) {
    row.ended = true;
    return true;
  }
  row.text += table.chars[c.id];
  // Free once the header guide lets the tune end (primed, 4 bar lines): from then on it is bodyGuide's.
  if (!row.free && !base.noEnd && headerEnd(row.text) >= 0) row.free = true;
  return row.text.length >= req.maxLength;
}
