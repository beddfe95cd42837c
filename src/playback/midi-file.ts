// The project's one MIDI writer: note events (the ones the page plays, repeats included) as a
// Standard MIDI File, format 0, one track, 480 ticks per quarter, with the track name, tempo,
// time signature and key signature as meta events at the start and at each change. Used for
// the tune book's mid/ files (Node) and the page's MIDI download (browser). Pure (tier 1).
import type { NoteEvent } from './notes.js';
import type { KeySignature, Timed, TimeSignature } from './signature.js';

export const DIVISION = 480;
const VELOCITY = 90;

export interface MidiSong {
  /** Times in whole notes. */
  events: NoteEvent[];
  /** Quarter notes per minute. */
  qpm: number;
  keys?: Timed<KeySignature>[];
  meters?: Timed<TimeSignature>[];
  /** Track name. */
  title?: string;
  /** General MIDI program; none written (piano) when absent. */
  program?: number;
}

interface Point {
  tick: number;
  /** Meta events first, then note-offs, then note-ons at one tick. */
  order: number;
  bytes: number[];
}

function varLen(n: number): number[] {
  const out = [n & 0x7f];
  for (let v = n >>> 7; v > 0; v >>>= 7) out.unshift((v & 0x7f) | 0x80);
  return out;
}

const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const tick = (wholeNotes: number) => Math.round(wholeNotes * 4 * DIVISION);
const meta = (type: number, data: number[]) => [0xff, type, ...varLen(data.length), ...data];

/** FF 58: numerator, log2 denominator, MIDI clocks per beat (a dotted beat in compound meters), 32nds per quarter. */
export function timeSignatureEvent({ num, den }: TimeSignature): number[] {
  const compound = num % 3 === 0 && num > 3 && den >= 8;
  const clocks = Math.round((96 / den) * (compound ? 3 : 1));
  return meta(0x58, [num, Math.log2(den), Math.min(255, clocks), 8]);
}

/** FF 59: sharps (two's complement for flats) and 1 for minor. */
export function keySignatureEvent({ sharps, minor }: KeySignature): number[] {
  return meta(0x59, [sharps & 0xff, minor ? 1 : 0]);
}

/** FF 51: microseconds per quarter note. */
export function tempoEvent(qpm: number): number[] {
  const us = Math.round(60_000_000 / qpm);
  return meta(0x51, [(us >> 16) & 255, (us >> 8) & 255, us & 255]);
}

function metaPoints(song: MidiSong): Point[] {
  const points: Point[] = [];
  if (song.title) points.push({ tick: 0, order: 0, bytes: meta(0x03, [...new TextEncoder().encode(song.title)]) });
  points.push({ tick: 0, order: 0, bytes: tempoEvent(song.qpm) });
  for (const m of song.meters ?? []) points.push({ tick: tick(m.at), order: 0, bytes: timeSignatureEvent(m.value) });
  for (const k of song.keys ?? []) points.push({ tick: tick(k.at), order: 0, bytes: keySignatureEvent(k.value) });
  if (song.program !== undefined) points.push({ tick: 0, order: 0, bytes: [0xc0, song.program & 127] });
  return points;
}

/** MIDI bytes for `song`. */
export function writeMidiFile(song: MidiSong): Uint8Array {
  if (!(song.qpm > 0) || !Number.isFinite(song.qpm)) throw new Error(`midi: tempo must be a positive number of quarter notes a minute (got ${song.qpm})`);
  const points = metaPoints(song);
  for (const e of song.events) {
    const [on, off] = [tick(e.start), tick(e.start + e.duration)];
    if (off <= on) continue;
    points.push({ tick: on, order: 2, bytes: [0x90, e.pitch, VELOCITY] }, { tick: off, order: 1, bytes: [0x80, e.pitch, 0] });
  }
  // stable: meta events keep their order; a note-off before a note-on of the same pitch at one tick
  points.sort((a, b) => a.tick - b.tick || a.order - b.order);
  const body: number[] = [];
  let now = 0;
  for (const p of points) {
    body.push(...varLen(p.tick - now), ...p.bytes);
    now = p.tick;
  }
  body.push(0, ...meta(0x2f, []));
  const header = [0x4d, 0x54, 0x68, 0x64, ...u32(6), 0, 0, 0, 1, DIVISION >> 8, DIVISION & 255];
  return new Uint8Array([...header, 0x4d, 0x54, 0x72, 0x6b, ...u32(body.length), ...body]);
}
