// The lazy choice: chooseLazily asks the guide about the character drawn only, yet gives every
// allowed character the probability chooseNext gives it (p(c) / p(allowed)), whether the guide
// is sure of all, some or none of them; top-k and greedy go through the full guide.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/model/rng.js';
import type { LazyGuide } from '../../src/sample/bar-guide.js';
import { type CharTable, chooseLazily, chooseNext } from '../../src/sample/choose.js';
import type { Guide } from '../../src/sample/header-guide.js';
import { DEFAULT_PICK, logSoftmax } from '../../src/sample/pick.js';
import { EOS } from '../../src/tokenizer/index.js';

const chars = ['<s>', '</s>', '<unk>', 'a', 'b', 'c', 'd', 'e'];
const table: CharTable = { size: chars.length, chars, ids: new Map(chars.map((c, i) => [c, i])) };
const logits = Float32Array.from([3, 0.2, 3, 1.5, 1, 0.5, 2, -1]); // BOS and UNK likely: never drawn
const allowed = new Set(['a', 'c', 'd', null]); // null: the end
const full: Guide = { noEnd: false, accept: (ch) => allowed.has(ch) };

/** A lazy guide over `full` that is sure only of the characters in `sure`, and counts its full() calls. */
function lazy(sure: (string | null)[]) {
  const g = { fulls: 0, surely: (ch: string | null) => sure.includes(ch), full: () => ((g.fulls += 1), full) };
  return g satisfies LazyGuide;
}

function shares(draw: (rng: Rng) => number, draws = 60_000): number[] {
  const rng = new Rng(9);
  const counts = new Array(chars.length).fill(0);
  for (let i = 0; i < draws; i++) counts[draw(rng)]++;
  return counts.map((c) => c / draws);
}

describe('chooseLazily', () => {
  const p = Array.from(logSoftmax(logits, 0, chars.length, 0.8)).map(Math.exp);
  const inF = (i: number) => allowed.has(i === EOS ? null : chars[i]);
  const mass = p.reduce((s, x, i) => s + (inF(i) ? x : 0), 0);
  const expected = p.map((x, i) => (inF(i) ? x / mass : 0));
  const opts = { ...DEFAULT_PICK, temperature: 0.8 };

  it.each([
    ['sure of every allowed character', ['a', 'c', 'd', null]],
    ['sure of some', ['d']],
    ['sure of none', []],
  ] as const)('gives p(c) / p(allowed) when the guide is %s', (_, sure) => {
    const guide = lazy([...sure]);
    const got = shares((rng) => chooseLazily(logits, 0, table, guide, opts, rng).id);
    got.forEach((f, i) => expect(Math.abs(f - expected[i]), chars[i]).toBeLessThan(0.008));
    const eager = shares((rng) => chooseNext(logits, 0, table, full, opts, rng).id);
    eager.forEach((f, i) => expect(Math.abs(f - expected[i]), chars[i]).toBeLessThan(0.008));
  });

  it('asks for the full guide only when a draw is not surely allowed', () => {
    const sure = lazy(['a', 'c', 'd', null]);
    shares((rng) => chooseLazily(logits, 0, table, sure, opts, rng).id, 10_000);
    const notAllowed = (p[4] + p[7]) / (1 - p[0] - p[2]); // 'b' or 'e' drawn (BOS and UNK never are): the full guide decides
    expect(sure.fulls / 10_000).toBeGreaterThan(notAllowed - 0.02);
    expect(sure.fulls / 10_000).toBeLessThan(notAllowed + 0.02);
  });

  it('reports the model\'s log-probability at T = 1, and leaves top-k and greedy to the full guide', () => {
    const c = chooseLazily(logits, 0, table, lazy(['a', 'c', 'd', null]), opts, new Rng(1));
    expect(c.logProb).toBeCloseTo(logSoftmax(logits, 0, chars.length, 1)[c.id], 10);
    expect(chooseLazily(logits, 0, table, lazy(['e']), { ...opts, greedy: true }, new Rng(1)).id).toBe(table.ids.get('d'));
    const topTwo = shares((rng) => chooseLazily(logits, 0, table, lazy(['e', 'b']), { ...opts, topK: 2 }, rng).id, 2000);
    expect(topTwo.filter((f) => f > 0).length).toBe(2); // d and a: the two likeliest allowed
  });
});
