// MIDI pitch of an abcjs note: staff position plus the accidental in force. An explicit
// accidental lasts to the end of the bar for that staff position (same letter and octave, as
// the ABC standard says); otherwise the key signature applies to the letter in every octave.
import type { AbcKey } from './abc-types.js';

const STEP_SEMITONES = [0, 2, 4, 5, 7, 9, 11];
const LETTERS = 'cdefgab';

const ACCIDENTALS: Record<string, number> = {
  sharp: 1, flat: -1, natural: 0, dblsharp: 2, dblflat: -2,
  quartersharp: 0.5, quarterflat: -0.5,
};

/** Semitone shift of an accidental name ('sharp', 'flat', ...), or undefined if unknown. */
export function accidentalShift(name: string | undefined): number | undefined {
  return name === undefined ? undefined : ACCIDENTALS[name];
}

export class PitchSpeller {
  private key = new Map<string, number>();
  private bar = new Map<number, number>();

  /** Replaces the key signature (at the tune's start or a K: change). */
  setKey(key: AbcKey | { acc: string; note: string }[] | undefined): void {
    const list = Array.isArray(key) ? key : key?.accidentals ?? [];
    this.key = new Map(list.map((a) => [a.note.toLowerCase(), accidentalShift(a.acc) ?? 0]));
    this.bar.clear();
  }

  /** Forgets accidentals written in the bar that just ended. */
  newBar(): void {
    this.bar.clear();
  }

  /** MIDI number of a staff position with an optional written accidental. */
  midi(position: number, accidental?: string): number {
    const step = ((position % 7) + 7) % 7;
    const octave = Math.floor(position / 7);
    const written = accidentalShift(accidental);
    if (written !== undefined) this.bar.set(position, written);
    const shift = this.bar.get(position) ?? this.key.get(LETTERS[step]) ?? 0;
    return Math.round(60 + 12 * octave + STEP_SEMITONES[step] + shift);
  }
}
