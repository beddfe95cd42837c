// Invisible rests (`x`) are spacers: transcribers use them to hang a fermata or a "D.C." after
// the last note (`BG G2 Hx||`). A bar too long by exactly the length of its invisible rests
// loses them; anywhere else they are rests like `z`. Bars with tuplets or broken rhythm are
// left alone.
import { add, equals, less, sub, ZERO, type Frac } from './fraction.js';
import { measureBars } from './bars.js';
import type { Token } from './body-tokens.js';

/** Removes the invisible rests of bars too long by exactly their length. */
export function dropSpacers(tokens: Token[], meter: string, unit: Frac): Token[] {
  const drop = new Set<number>();
  for (const b of measureBars(tokens, meter, unit)) {
    if (!less(b.full, b.duration)) continue;
    let spacers = ZERO;
    const at: number[] = [];
    let plain = true;
    for (let i = b.open + 1; i < (b.close < 0 ? tokens.length : b.close); i++) {
      const t = tokens[i];
      if (t.kind === 'tuplet' || t.kind === 'broken') plain = false;
      if (t.kind === 'rest' && t.invisible) {
        spacers = add(spacers, t.len);
        at.push(i);
      }
    }
    if (plain && at.length > 0 && equals(sub(b.duration, spacers), b.full)) at.forEach((i) => drop.add(i));
  }
  return drop.size === 0 ? tokens : tokens.filter((_, i) => !drop.has(i));
}
