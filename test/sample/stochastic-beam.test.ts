// The arithmetic of the stochastic beam (Gumbel-top-k over a tree, Kool et al. 2019): children's
// perturbed scores conditioned on their parent's, so that the leaves come out in the order of a
// draw without replacement from the leaf distribution.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/model/rng.js';
import { capGumbel } from '../../src/sample/beam-search.js';

const gumbel = (rng: Rng) => -Math.log(-Math.log(Math.max(rng.next(), 1e-300)));

/** Perturbs children with log-probabilities `logp` (relative to a parent at `phi` with score `cap`): [phi, score] each. */
function children(phi: number, cap: number, logp: number[], rng: Rng): [number, number][] {
  const drawn = logp.map((lp) => [phi + lp, phi + lp + gumbel(rng)]);
  const top = Math.max(...drawn.map(([, g]) => g));
  return drawn.map(([p, g]) => [p, capGumbel(g, top, cap)]);
}

describe('capGumbel', () => {
  it('makes the largest equal the cap and keeps the order of the rest', () => {
    const g = [1.5, -0.2, 0.7, -3];
    const capped = g.map((x) => capGumbel(x, 1.5, -2));
    expect(capped[0]).toBeCloseTo(-2, 12);
    expect(capped[2]).toBeLessThan(capped[0]);
    expect(capped[1]).toBeLessThan(capped[2]);
    expect(capped[3]).toBeLessThan(capped[1]);
  });

  it('stays finite far from the cap', () => {
    expect(Number.isFinite(capGumbel(-800, 0, 5))).toBe(true);
    expect(Number.isFinite(capGumbel(-1e-12, 0, -700))).toBe(true);
  });

  it('draws leaves of a two-level tree as a draw without replacement would (first and second place)', () => {
    // Root -> a (0.3), b (0.7); a -> a1, a2 (0.5 each); b -> b1 (0.9), b2 (0.1).
    const p = [0.15, 0.15, 0.63, 0.07];
    const rng = new Rng(7);
    const trials = 40_000;
    const first = [0, 0, 0, 0];
    const pairs = new Map<string, number>();
    for (let t = 0; t < trials; t++) {
      const [[phiA, gA], [phiB, gB]] = children(0, 0, [Math.log(0.3), Math.log(0.7)], rng);
      const leaves = [...children(phiA, gA, [Math.log(0.5), Math.log(0.5)], rng), ...children(phiB, gB, [Math.log(0.9), Math.log(0.1)], rng)];
      const order = [0, 1, 2, 3].sort((x, y) => leaves[y][1] - leaves[x][1]);
      first[order[0]]++;
      const key = `${order[0]}${order[1]}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    first.forEach((n, i) => expect(n / trials).toBeCloseTo(p[i], 2));
    // P(first x, then y) = p(x) p(y) / (1 - p(x)).
    for (const [x, y] of [[2, 0], [0, 2], [2, 3], [1, 0]]) {
      expect((pairs.get(`${x}${y}`) ?? 0) / trials).toBeCloseTo((p[x] * p[y]) / (1 - p[x]), 2);
    }
  });
});
