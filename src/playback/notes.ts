// Note events for playback, built from an abcjs parsed tune: repeats and endings expanded,
// ties joined, tuplets scaled, accidentals carried through the bar, chords as simultaneous
// notes; and the key and time signatures in force, with the times they change. Times are in
// whole notes from the start; the player and the MIDI writer turn them into seconds or ticks.
// Pure (tier 1): runs in Node for tests and the tune book, and in the browser for the page.
import type { AbcElement, AbcTune } from './abc-types.js';
import { PitchSpeller } from './pitch.js';
import { playOrder } from './repeats.js';
import { type KeySignature, keySignature, sameKey, sameMeter, type Timed, type TimeSignature, timeSignature } from './signature.js';

export interface NoteEvent {
  /** MIDI note number. */
  pitch: number;
  /** Start and length in whole notes. */
  start: number;
  duration: number;
  /** Where the note is written in the ABC text (for highlighting). */
  startChar: number;
  endChar: number;
}

/** What a tune plays: its notes and the signatures in force (each list in time order). */
export interface Playback {
  events: NoteEvent[];
  keys: Timed<KeySignature>[];
  meters: Timed<TimeSignature>[];
}

/** The first voice's elements across all lines, each line's key and meter as elements before them. */
export function voiceElements(tune: AbcTune): AbcElement[] {
  const out: AbcElement[] = [];
  for (const line of tune.lines) {
    const staff = line.staff?.[0];
    if (!staff) continue;
    if (staff.key) out.push({ ...staff.key, el_type: 'key', accidentals: staff.key.accidentals ?? [], startChar: -1, endChar: -1 });
    if (staff.meter) out.push({ ...staff.meter, el_type: 'meter', startChar: -1, endChar: -1 });
    out.push(...(staff.voices?.[0] ?? []));
  }
  return out;
}

interface WalkState {
  time: number;
  tuplet: number;
  speller: PitchSpeller;
  /** Sounding notes that a tie may extend, by MIDI pitch. */
  tied: Map<number, NoteEvent>;
  events: NoteEvent[];
  keys: Timed<KeySignature>[];
  meters: Timed<TimeSignature>[];
}

/** Adds `value` at `at` unless it is what already holds; of two at one moment the later holds. */
function mark<T>(list: Timed<T>[], at: number, value: T | undefined, same: (a: T, b: T) => boolean): void {
  if (value === undefined) return;
  if (list.length > 0 && Math.abs(list[list.length - 1].at - at) < 1e-9) list.pop();
  const last = list[list.length - 1];
  if (!last || !same(last.value, value)) list.push({ at, value });
}

function playNote(el: AbcElement, s: WalkState): void {
  if (el.startTriplet && el.tripletMultiplier) s.tuplet = el.tripletMultiplier;
  const length = (el.duration ?? 0) * s.tuplet;
  if (el.endTriplet) s.tuplet = 1;
  if (length <= 0) return;
  const nextTied = new Map<number, NoteEvent>();
  for (const p of el.rest ? [] : el.pitches ?? []) {
    const pitch = s.speller.midi(p.pitch, p.accidental);
    const held = s.tied.get(pitch);
    const event = held && Math.abs(held.start + held.duration - s.time) < 1e-9
      ? held
      : pushEvent(s.events, { pitch, start: s.time, duration: 0, startChar: el.startChar, endChar: el.endChar });
    event.duration += length;
    if (p.startTie) nextTied.set(pitch, event);
  }
  s.tied = nextTied;
  s.time += length;
}

function pushEvent(events: NoteEvent[], e: NoteEvent): NoteEvent {
  events.push(e);
  return e;
}

/** Note events and signatures of the tune's first voice in playing order. */
export function buildPlayback(tune: AbcTune): Playback {
  const els = voiceElements(tune);
  const s: WalkState = { time: 0, tuplet: 1, speller: new PitchSpeller(), tied: new Map(), events: [], keys: [], meters: [] };
  for (const i of playOrder(els)) {
    const el = els[i];
    if (el.el_type === 'note') playNote(el, s);
    else if (el.el_type === 'bar') s.speller.newBar();
    else if (el.el_type === 'key') {
      s.speller.setKey(el.accidentals);
      mark(s.keys, s.time, keySignature(el), sameKey);
    } else if (el.el_type === 'meter') mark(s.meters, s.time, timeSignature(el), sameMeter);
  }
  return { events: s.events, keys: s.keys, meters: s.meters };
}

/** Note events of the tune's first voice in playing order. */
export function buildNoteEvents(tune: AbcTune): NoteEvent[] {
  return buildPlayback(tune).events;
}

/** Total length in whole notes (end of the last note). */
export function eventsLength(events: NoteEvent[]): number {
  return events.reduce((end, e) => Math.max(end, e.start + e.duration), 0);
}
