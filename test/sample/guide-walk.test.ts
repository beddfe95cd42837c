// Property test of the bar guide against the validator: random walks through the guides (tunes
// built from random choices among the characters the header and bar guides allow, under random
// meters and unit lengths; test/helpers/guide-walk.ts) are always valid tunes, and the bar guide
// never has to fall back to the header guide alone. GUIDE_WALKS=N runs more walks.
import { describe, expect, it } from 'vitest';
import { validateTune } from '../../src/abc/validate.js';
import { walkTune } from '../helpers/guide-walk.js';

const WALKS = Number(process.env.GUIDE_WALKS ?? 400);

describe('random walks through the bar guide', () => {
  it(`${WALKS} walks: nearly all end; those that do pass the validator, and the guide never corners`, () => {
    const refused: string[] = [];
    let corners = 0;
    let unended = 0;
    for (let seed = 1; seed <= WALKS; seed++) {
      const walk = walkTune(seed);
      corners += walk.corners;
      // a walk may wander past the length cap (an open first ending, say): it is then no tune
      if (!walk.ended) unended++;
      if (!walk.ended) continue;
      const v = validateTune(walk.abc, { minBars: 4 });
      if (!v.valid) refused.push(`${v.problems[0].message}\n${walk.abc}`);
    }
    expect(refused.slice(0, 3)).toEqual([]);
    expect(corners).toBe(0);
    expect(unended).toBeLessThan(WALKS / 100);
  }, 120_000);
});
