// One guided choice: turns a header Guide into a forced character or banned ids and picks from
// one row of logits. Shared by plain sampling and the header phase of beam search.
import type { Rng } from '../model/rng.js';
import { BOS, EOS, UNK, type Vocab } from '../tokenizer/index.js';
import type { LazyGuide } from './bar-guide.js';
import type { Guide } from './header-guide.js';
import { logSoftmax, pick, type PickOptions } from './pick.js';

/** Character <-> id lookups for a vocabulary (ids 0-2 are the special tokens). */
export interface CharTable {
  size: number;
  ids: Map<string, number>;
  chars: string[];
}

export function charTable(vocab: Vocab): CharTable {
  const ids = new Map<string, number>();
  vocab.tokens.forEach((t, i) => i > UNK && ids.set(t, i));
  return { size: vocab.tokens.length, ids, chars: vocab.tokens };
}

/** Ids a guide rules out (BOS and UNK always). */
export function bannedIds(table: CharTable, guide: Guide): number[] {
  const banned = [BOS, UNK];
  if (guide.noEnd) banned.push(EOS);
  if (guide.only !== undefined) {
    for (let i = UNK + 1; i < table.size; i++) if (!guide.only.includes(table.chars[i])) banned.push(i);
    banned.push(EOS);
  }
  for (const ch of guide.ban ?? '') if (table.ids.has(ch)) banned.push(table.ids.get(ch) as number);
  if (guide.accept) for (let i = UNK + 1; i < table.size; i++) if (!guide.accept(table.chars[i])) banned.push(i);
  return banned;
}

export interface Choice {
  id: number;
  forced: boolean;
  /** The model's log-probability (temperature 1) of the id. */
  logProb: number;
}

/** Picks the next id for row `row` under a guide. */
export function chooseNext(logits: Float32Array, row: number, table: CharTable, guide: Guide, opts: PickOptions, rng: Rng): Choice {
  const n = table.size;
  const picked = guide.force !== undefined ? (table.ids.get(guide.force) ?? UNK) : pick(logits, row, n, opts, rng, bannedIds(table, guide));
  const id = picked < 0 ? EOS : picked; // nothing allowed: end the attempt (it fails validation)
  const logProb = logSoftmax(logits, row * n, n, 1)[id];
  return { id, forced: guide.force !== undefined, logProb };
}

/** An id drawn from the whole distribution at temperature `t` (BOS and UNK left out). */
function drawAny(logits: Float32Array, row: number, n: number, t: number, rng: Rng): number {
  const base = row * n;
  let max = -Infinity;
  for (let i = UNK + 1; i < n; i++) max = Math.max(max, logits[base + i]);
  max = Math.max(max, logits[base + EOS]);
  const weight = (i: number) => Math.exp((logits[base + i] - max) / t); // the best has weight 1 at any temperature
  let total = weight(EOS);
  for (let i = UNK + 1; i < n; i++) total += weight(i);
  let r = rng.next() * total - weight(EOS);
  if (r <= 0) return EOS;
  for (let i = UNK + 1; i < n; i++) {
    r -= weight(i);
    if (r <= 0) return i;
  }
  return n - 1;
}

/**
 * As chooseNext, with the same probabilities, asking the guide about the character drawn only.
 * Plain sampling (temperature alone) draws from the whole distribution p and keeps a draw the
 * guide surely allows; otherwise the full guide decides: the draw is kept if it allows it, else
 * chooseNext draws again among the allowed set F. Each c in F then comes with probability
 * p(c) + (1 - p(F)) p(c) / p(F) = p(c) / p(F), as from chooseNext. Top-k, top-p and greedy
 * choices go to chooseNext with the full guide.
 */
export function chooseLazily(logits: Float32Array, row: number, table: CharTable, guide: LazyGuide, opts: PickOptions, rng: Rng): Choice {
  if (opts.greedy || opts.topK > 0 || opts.topP < 1) return chooseNext(logits, row, table, guide.full(), opts, rng);
  const n = table.size;
  const id = drawAny(logits, row, n, opts.temperature, rng);
  const drawn = () => ({ id, forced: false, logProb: logSoftmax(logits, row * n, n, 1)[id] });
  if (guide.surely(id === EOS ? null : table.chars[id])) return drawn();
  const whole = guide.full();
  return allows(table, whole, id) ? drawn() : chooseNext(logits, row, table, whole, opts, rng);
}

/** Whether a full guide lets the sampler take `id` freely (a forced character is chooseNext's). */
function allows(table: CharTable, guide: Guide, id: number): boolean {
  return guide.force === undefined && !bannedIds(table, guide).includes(id);
}
