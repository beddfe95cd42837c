// The form of tune text a model is trained on and writes, beyond the normal form: with
// `tonic: 'C'` every tune is moved to the tonic C (its mode kept), as folk-rnn v2 did, so the
// network learns one set of melodic habits instead of twelve; generated tunes are moved back to
// the wanted key afterwards. `tonics` counts the training tunes' own tonics for each mode, so a
// key can be drawn (and scored) as the corpus has them.
import { FIDDLE_RANGE, inRange, tonicPitchClass, transposeTune } from './transpose.js';

export interface TextFormat {
  /** 'C': tunes written with the tonic C; null: each tune in its own key. */
  tonic: 'C' | null;
  /** Training tunes by mode and written tonic, e.g. { maj: { D: 530, G: 610 } }. */
  tonics?: Record<string, Record<string, number>>;
}

export const AS_WRITTEN: TextFormat = { tonic: null };

/** The header key split into tonic (`F#`) and mode (`min`), or null. */
export function headerKey(text: string): { tonic: string; mode: string } | null {
  const m = /^K:([A-G][#b]?)([a-z]+)$/m.exec(text);
  return m ? { tonic: m[1], mode: m[2] } : null;
}

/** Semitones from the tune's tonic to `pc`, the nearer way round first, then the other. */
function shiftsTo(text: string, pc: number): number[] {
  const from = tonicPitchClass(text);
  if (from === null) return [];
  const up = (((pc - from) % 12) + 12) % 12;
  return up <= 6 ? [up, up - 12] : [up - 12, up];
}

/** The tune moved to the tonic pitch class `pc` and the semitones it moved, staying on the fiddle if either way does. */
export function shiftToTonic(text: string, pc: number, range = FIDDLE_RANGE): { text: string; shift: number } | null {
  const moved = shiftsTo(text, pc).flatMap((shift) => {
    const t = transposeTune(text, shift);
    return t ? [{ t, shift }] : [];
  });
  const best = moved.find((m) => inRange(m.t, range)) ?? moved[0];
  return best ? { text: best.t.text, shift: best.shift } : null;
}

/** The tune moved to the tonic pitch class `pc` (see shiftToTonic). */
export function moveToTonic(text: string, pc: number, range = FIDDLE_RANGE): string | null {
  return shiftToTonic(text, pc, range)?.text ?? null;
}

/** A normal-form tune (model text) in the model's form; null if it cannot be moved. */
export function toModelForm(text: string, format: TextFormat): string | null {
  return format.tonic === 'C' ? moveToTonic(text, 0) : text;
}

/** Counts each training tune's tonic by mode (for `TextFormat.tonics`). */
export function countTonics(texts: string[]): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const t of texts) {
    const k = headerKey(t);
    if (!k) continue;
    const byMode = (counts[k.mode] ??= {});
    byMode[k.tonic] = (byMode[k.tonic] ?? 0) + 1;
  }
  return counts;
}

/** Probability of `tonic` for `mode` under the counts, add-half smoothed over the 17 spellings. */
export function tonicProbability(format: TextFormat, mode: string, tonic: string): number {
  const byMode = format.tonics?.[mode] ?? {};
  const total = Object.values(byMode).reduce((a, b) => a + b, 0);
  return ((byMode[tonic] ?? 0) + 0.5) / (total + 0.5 * 17);
}

/**
 * Bits a model in `format` spends on what its own form leaves out of a tune: the written tonic,
 * drawn as the corpus has them. Moving to C is one-to-one given the tonic, so the bits of the
 * tune as written are those of its model form plus these.
 */
export function keyBits(format: TextFormat, text: string): number {
  const k = format.tonic === 'C' ? headerKey(text) : null;
  return k ? -Math.log2(tonicProbability(format, k.mode, k.tonic)) : 0;
}

/** Draws a tonic for `mode` as the corpus has them (`u` uniform in [0, 1)). */
export function drawTonic(format: TextFormat, mode: string, u: number): string {
  const byMode = Object.entries(format.tonics?.[mode] ?? format.tonics?.maj ?? { C: 1 }).sort(([a], [b]) => a.localeCompare(b));
  const total = byMode.reduce((n, [, c]) => n + c, 0);
  let left = u * total;
  for (const [tonic, count] of byMode) if ((left -= count) < 0) return tonic;
  return byMode[byMode.length - 1][0];
}
