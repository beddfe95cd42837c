// One guided choice: turns a header Guide into a forced character or banned ids and picks from
// one row of logits. Shared by plain sampling and the header phase of beam search.
import type { Rng } from '../model/rng.js';
import { BOS, EOS, UNK, type Vocab } from '../tokenizer/index.js';
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
