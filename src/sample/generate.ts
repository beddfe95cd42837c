// Plain sampling of whole tunes from a network: start at BOS (plus an optional primer),
// step until EOS or a length cap, one batched state for all tunes. Used by training to show
// progress; the composer adds strategies, conditioning and validation on top.
import { Rng } from '../model/rng.js';
import type { Network } from '../model/network.js';
import { Stepper } from '../model/stepper.js';
import { BOS, EOS } from '../tokenizer/index.js';
import { type PickOptions, DEFAULT_PICK, pick } from './pick.js';

export interface GenerateOptions {
  count: number;
  maxLength: number;
  seed: number;
  pick: PickOptions;
  /** Token ids fed after BOS before sampling starts (conditioning). */
  prime?: Int32Array;
}

/** Token ids of each generated tune (primer included, BOS/EOS excluded) and whether it ended. */
export function generate(net: Network, opts: Partial<GenerateOptions> = {}): { ids: number[]; ended: boolean }[] {
  const o: GenerateOptions = { count: 1, maxLength: 1200, seed: 1, pick: DEFAULT_PICK, ...opts };
  const rng = new Rng(o.seed);
  const stepper = new Stepper(net, o.count);
  const out = Array.from({ length: o.count }, () => ({ ids: [] as number[], ended: false }));
  const vocab = net.vocabSize;
  try {
    let logits = stepper.step(new Int32Array(o.count).fill(BOS));
    for (const id of o.prime ?? []) {
      out.forEach((t) => t.ids.push(id));
      logits = stepper.step(new Int32Array(o.count).fill(id));
    }
    while (out.some((t) => !t.ended && t.ids.length < o.maxLength)) {
      const next = new Int32Array(o.count);
      out.forEach((t, b) => {
        if (t.ended || t.ids.length >= o.maxLength) return;
        const id = pick(logits, b, vocab, o.pick, rng, [BOS]);
        if (id === EOS) t.ended = true;
        else t.ids.push(id);
        next[b] = id;
      });
      logits = stepper.step(next);
    }
  } finally {
    stepper.dispose();
  }
  return out;
}
