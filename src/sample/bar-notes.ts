// Note-level rules of the bar guide: the length suffixes the normal form uses (those found in
// corpus-abc/train.abc), whether abcjs can draw a duration (it warns "Duration not representable"
// for a note or rest under a whole note that is not a plain, dotted or multiply dotted value), and
// the pitch a tie (`-`) must reach: same letter, octave mark and sounding accidental. Pure logic.
import { frac, less, toNumber, type Frac } from '../abc/fraction.js';

/** Length suffixes of the corpus's normal form (its 4 uses of `/8` left out: they corner tuplets). */
export const LEN_SUFFIXES = ['', '/', '2', '3', '4', '/4', '3/2', '6', '3/4', '8'];

function parseSuffix(t: string): Frac {
  const [num, den] = t.split('/');
  return frac(num ? Number(num) : 1, den === undefined ? 1 : den ? Number(den) : 2);
}

/** Each suffix's value and, for every beginning of one, the smallest length it can still become. */
export const LEN_VALUE = new Map<string, Frac>(LEN_SUFFIXES.map((t) => [t, parseSuffix(t)]));
export const PREFIX_MIN = new Map<string, Frac>();
for (const [t, f] of LEN_VALUE) {
  for (let i = 0; i <= t.length; i++) {
    const m = PREFIX_MIN.get(t.slice(0, i));
    if (!m || less(f, m)) PREFIX_MIN.set(t.slice(0, i), f);
  }
}

/** abcjs's drawable durations under a whole note: 1/2 .. 1/64 with up to five dots. */
const DRAWABLE = new Set<number>();
for (let k = 1; k <= 6; k++) for (let j = 0; j <= 5; j++) DRAWABLE.add(2 ** -k * (2 - 2 ** -j));

/** Whether abcjs draws a note or rest of `whole` whole notes without a warning. */
export function drawable(whole: Frac): boolean {
  const v = toNumber(whole);
  return v >= 1 || v === 0 || DRAWABLE.has(v);
}

/** A written pitch: letter with its octave mark, and the accidental it sounds with ('' for the key's). */
export interface Pitch {
  key: string;
  acc: string;
}

/** The pitch part of the bar state. */
export interface PitchCount {
  /** Accidentals written earlier in the bar, by letter and octave mark (they last to the bar line). */
  accs: Readonly<Record<string, string>>;
  /** The note being written: its explicit accidental and letter (plus octave mark once written). */
  noteAcc: string;
  noteKey: string;
  pitchOpen: boolean;
  /** The note just finished, while a `-` may still follow it (not a rest or chord). */
  lastNote: Pitch | null;
  /** The pitch a `-` ties to: the next note must match it. */
  tie: Pitch | null;
}

export const NO_PITCH: PitchCount = { accs: {}, noteAcc: '', noteKey: '', pitchOpen: false, lastNote: null, tie: null };

/** Starts a note with accidental `acc` ('' for none) and letter `letter`; true when a tie rules it out. */
export function openPitch(s: PitchCount, acc: string, letter: string): boolean {
  s.noteAcc = acc;
  s.noteKey = letter;
  s.pitchOpen = true;
  s.lastNote = null;
  if (s.tie === null) return false;
  return s.tie.key[0] !== letter || (acc ? acc : s.accs[s.tie.key] || '') !== s.tie.acc;
}

/** An accidental `text` (so far) before a note: true when a pending tie rules it out. */
export function accBreaksTie(s: PitchCount, text: string): boolean {
  return s.tie !== null && (s.tie.acc === '' || !s.tie.acc.startsWith(text));
}

/** The pitch of the note being written: its letter and octave mark, and the accidental it sounds with. */
export function pitchOf(s: PitchCount): Pitch {
  return { key: s.noteKey, acc: s.noteAcc || s.accs[s.noteKey] || '' };
}

/** The note's pitch is complete (no more octave marks): checks a pending tie; true when it breaks it. */
export function closePitch(s: PitchCount): boolean {
  const p = pitchOf(s);
  if (s.noteAcc) s.accs = { ...s.accs, [s.noteKey]: s.noteAcc };
  const bad = s.tie !== null && (s.tie.key !== p.key || s.tie.acc !== p.acc);
  s.pitchOpen = false;
  s.tie = null;
  s.lastNote = p;
  return bad;
}

/** A `-`: ties the note just finished; true when there is none (after a rest, chord or bar line). */
export function startTie(s: PitchCount): boolean {
  const bad = s.lastNote === null;
  s.tie = s.lastNote;
  s.lastNote = null;
  return bad;
}
