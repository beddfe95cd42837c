// Keys for a model that writes every tune with the tonic C (src/abc/text-format.ts): the header
// guide forces C in the wanted mode, a prime is moved to C with it, and each finished tune is
// moved to the wanted key, or to one drawn as the corpus has them for the mode the model chose.
// For a model that writes tunes in their own keys all of this is the identity. Pure.
import { type TextFormat, drawTonic, headerKey, moveToTonic, shiftToTonic } from '../abc/text-format.js';
import { inRange, tonicPitchClass, transposeTune } from '../abc/transpose.js';

export interface KeyPlan {
  /** The key the header guide forces, in the model's form. */
  key?: string;
  /** The prime, in the model's form. */
  prime?: string;
  /** A finished tune (model form) as the user gets it; `u` in [0, 1) draws the key when none was asked. */
  written(text: string, u: number): string;
}

const pitchClass = (tonic: string) => tonicPitchClass(`K:${tonic}maj`) ?? 0;

/** The plan for one request's `key` and `prime` (both already checked and normalised). */
export function planKey(format: TextFormat, opts: { key?: string; prime?: string }): KeyPlan {
  if (format.tonic !== 'C') return { key: opts.key, prime: opts.prime, written: (text) => text };
  const wanted = opts.key ? headerKey(`K:${opts.key}`) : null;
  // A prime moves to C by some interval; the tune moves back by the same one, so the prime's notes stay where they were typed.
  const primeMove = wanted && opts.prime ? shiftToTonic(`K:${opts.key}\n${opts.prime}`, 0) : null;
  return {
    key: wanted ? `C${wanted.mode}` : undefined,
    prime: primeMove ? primeMove.text.slice(primeMove.text.indexOf('\n') + 1) : opts.prime,
    written(text, u) {
      const k = headerKey(text);
      if (!k) return text;
      if (primeMove) {
        const back = transposeTune(text, -primeMove.shift);
        if (back && inRange(back)) return back.text;
      }
      // With a prime but no key, the prime was written in C and the tune stays there.
      const tonic = wanted?.tonic ?? (opts.prime ? 'C' : drawTonic(format, k.mode, u));
      return moveToTonic(text, pitchClass(tonic)) ?? text;
    },
  };
}
