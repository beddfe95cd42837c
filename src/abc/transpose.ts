// Transposing a tune in the normal form by a number of semitones, spelt correctly: the key
// (header and inline `[K:]`) moves to the enharmonic spelling with the fewer accidentals, each
// note moves by the same number of letters, and explicit accidentals are rewritten so every
// note sounds exactly the interval higher or lower. Notes without an accidental need no change
// (the new key signature carries them), so bar-scoped accidentals keep their meaning too.

/** Semitones above C of each natural letter, C D E F G A B. */
const NATURAL = [0, 2, 4, 5, 7, 9, 11];
const LETTERS = 'CDEFGAB';
/** Fifths from C of each major tonic letter; a sharp adds 7, a flat takes 7. */
const FIFTHS = [0, 2, 4, -1, 1, 3, 5];
/** Fifths of each mode's tonic above the relative major's tonic. */
const MODE_FIFTHS: Record<string, number> = { maj: 0, min: 3, dor: 2, phr: 4, lyd: -1, mix: 1, loc: 5 };
const ACCIDENTAL: Record<string, number> = { '^^': 2, '^': 1, '=': 0, '_': -1, '__': -2 };
const ACCIDENTAL_TEXT: Record<number, string> = { 2: '^^', 1: '^', 0: '=', [-1]: '_', [-2]: '__' };

/** The fiddle's range, as MIDI numbers: G below middle C to E two octaves and a sixth above. */
export const FIDDLE_RANGE = { low: 55, high: 88 } as const;

interface Key {
  letter: number;
  /** -1 flat, 0 natural, 1 sharp. */
  alter: number;
  mode: string;
}

function parseKey(value: string): Key | null {
  const m = /^([A-G])([#b]?)(maj|min|dor|phr|lyd|mix|loc)$/.exec(value);
  if (!m) return null;
  return { letter: LETTERS.indexOf(m[1]), alter: m[2] === '#' ? 1 : m[2] === 'b' ? -1 : 0, mode: m[3] };
}

/** Sharps (positive) or flats (negative) in the key's signature. */
function signature(k: Key): number {
  return FIFTHS[k.letter] + 7 * k.alter - MODE_FIFTHS[k.mode];
}

function keyText(k: Key): string {
  return LETTERS[k.letter] + (k.alter === 1 ? '#' : k.alter === -1 ? 'b' : '') + k.mode;
}

/** The key `semitones` away, moved by `letters` letter steps; null if it cannot be spelt. */
function shiftKey(k: Key, semitones: number, letters: number): Key | null {
  const letter = (((k.letter + letters) % 7) + 7) % 7;
  const pitch = NATURAL[k.letter] + k.alter + semitones;
  const alter = ((((pitch - NATURAL[letter]) % 12) + 18) % 12) - 6;
  if (Math.abs(alter) > 1) return null;
  const moved = { letter, alter, mode: k.mode };
  return Math.abs(signature(moved)) <= 7 ? moved : null;
}

/** Letter steps for moving key `k` by `semitones`: the spelling with the fewest accidentals (sharps on a tie). */
function letterSteps(k: Key, semitones: number): number | null {
  const base = Math.round((semitones * 7) / 12);
  const spelt = [base - 1, base, base + 1].flatMap((steps) => {
    const moved = shiftKey(k, semitones, steps);
    return moved ? [{ steps, sig: signature(moved) }] : [];
  });
  spelt.sort((a, b) => Math.abs(a.sig) - Math.abs(b.sig) || b.sig - a.sig);
  return spelt[0]?.steps ?? null;
}

interface Shift {
  semitones: number;
  letters: number;
  low: number;
  high: number;
}

/** One note `[accidental]letter[octave marks]` moved; null when it cannot be spelt. */
function shiftNote(acc: string, letter: string, marks: string, sh: Shift, keyAlter: (l: number) => number): string | null {
  const upper = letter.toUpperCase();
  const octave = (letter === upper ? 4 : 5) + (marks.match(/'/g)?.length ?? 0) - (marks.match(/,/g)?.length ?? 0);
  const step = octave * 7 + LETTERS.indexOf(upper) + sh.letters;
  const newOctave = Math.floor(step / 7);
  const newLetter = step - newOctave * 7;
  const oldIndex = LETTERS.indexOf(upper);
  const oldAlter = acc === '' ? keyAlter(oldIndex) : ACCIDENTAL[acc];
  const midi = 12 * (octave + 1) + NATURAL[oldIndex] + oldAlter + sh.semitones;
  sh.low = Math.min(sh.low, midi);
  sh.high = Math.max(sh.high, midi);
  let newAcc = '';
  if (acc !== '') {
    const alter = midi - (12 * (newOctave + 1) + NATURAL[newLetter]);
    if (!(alter in ACCIDENTAL_TEXT)) return null;
    newAcc = ACCIDENTAL_TEXT[alter];
  }
  const name = newOctave >= 5 ? LETTERS[newLetter].toLowerCase() : LETTERS[newLetter];
  const mark = newOctave >= 5 ? "'".repeat(newOctave - 5) : ','.repeat(4 - newOctave);
  return newAcc + name + mark;
}

/** Alteration of each letter under a key signature of `sig` sharps (or flats if negative). */
function alterations(sig: number): (letter: number) => number {
  const sharps = [3, 0, 4, 1, 5, 2, 6]; // F C G D A E B
  const flats = [6, 2, 5, 1, 4, 0, 3]; // B E A D G C F
  return (letter) => (sig > 0 && sharps.slice(0, sig).includes(letter) ? 1 : sig < 0 && flats.slice(0, -sig).includes(letter) ? -1 : 0);
}

const NOTE_OR_KEY = /\[K:([^\]\n]*)\]|(\^\^|\^|__|_|=)?([A-Ga-g])([,']*)/g;

export interface Transposed {
  text: string;
  /** Lowest and highest sounding MIDI note after transposing. */
  low: number;
  high: number;
}

/**
 * The tune (normal form, header and body) moved by `semitones`; null when a key or note cannot
 * be spelt. Pitches before the header's K: are not touched (the title may contain letters).
 */
export function transposeTune(tune: string, semitones: number): Transposed | null {
  const keyLine = /^K:(.*)$/m.exec(tune);
  const key = keyLine ? parseKey(keyLine[1].trim()) : null;
  if (!keyLine || !key) return null;
  const letters = letterSteps(key, semitones);
  if (letters === null) return null;
  const sh: Shift = { semitones, letters, low: Infinity, high: -Infinity };
  const newKey = shiftKey(key, semitones, letters)!;
  const bodyStart = keyLine.index + keyLine[0].length;
  let keyAlter = alterations(signature(key));
  let failed = false;
  const body = tune.slice(bodyStart).replace(NOTE_OR_KEY, (all, inlineKey: string | undefined, acc = '', letter: string, marks: string) => {
    if (failed) return all;
    if (inlineKey !== undefined) {
      const k = parseKey(inlineKey);
      const moved = k && shiftKey(k, semitones, letters);
      if (!k || !moved) { failed = true; return all; }
      keyAlter = alterations(signature(k));
      return `[K:${keyText(moved)}]`;
    }
    const out = shiftNote(acc, letter, marks, sh, keyAlter);
    if (out === null) failed = true;
    return out ?? all;
  });
  if (failed) return null;
  const head = tune.slice(0, keyLine.index) + `K:${keyText(newKey)}`;
  return { text: head + body, low: sh.low, high: sh.high };
}

/** The tonic's pitch class (0 = C) of a tune's header key, or null. */
export function tonicPitchClass(tune: string): number | null {
  const m = /^K:(.*)$/m.exec(tune);
  const key = m ? parseKey(m[1].trim()) : null;
  return key ? (((NATURAL[key.letter] + key.alter) % 12) + 12) % 12 : null;
}

/** Whether every note lies within the given MIDI range. */
export function inRange(t: Transposed, range: { low: number; high: number } = FIDDLE_RANGE): boolean {
  return t.low >= range.low && t.high <= range.high;
}
