// Writes note events as a Standard MIDI File (format 0, one track, 480 ticks per quarter):
// the same events the page plays, so a download sounds like playback, repeats included.
import type { NoteEvent } from './notes.js';

const DIVISION = 480;

function varLen(n: number): number[] {
  const out = [n & 0x7f];
  for (let v = n >>> 7; v > 0; v >>>= 7) out.unshift((v & 0x7f) | 0x80);
  return out;
}

const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

/** MIDI bytes for `events` (times in whole notes) at `qpm` quarter notes per minute. */
export function writeMidiFile(events: NoteEvent[], qpm: number, program = 0): Uint8Array {
  const tick = (wholeNotes: number) => Math.round(wholeNotes * 4 * DIVISION);
  const points: { at: number; bytes: number[] }[] = [];
  for (const e of events) {
    const [on, off] = [tick(e.start), tick(e.start + e.duration)];
    if (off <= on) continue;
    points.push({ at: on, bytes: [0x90, e.pitch, 90] }, { at: off, bytes: [0x80, e.pitch, 0] });
  }
  // note-offs before note-ons at the same tick, so a repeated pitch is not cut short
  points.sort((a, b) => a.at - b.at || a.bytes[0] - b.bytes[0]);
  const usPerQuarter = Math.round(60_000_000 / qpm);
  const body: number[] = [0, 0xff, 0x51, 3, (usPerQuarter >> 16) & 255, (usPerQuarter >> 8) & 255, usPerQuarter & 255, 0, 0xc0, program & 127];
  let now = 0;
  for (const p of points) {
    body.push(...varLen(p.at - now), ...p.bytes);
    now = p.at;
  }
  body.push(0, 0xff, 0x2f, 0);
  const header = [0x4d, 0x54, 0x68, 0x64, ...u32(6), 0, 0, 0, 1, DIVISION >> 8, DIVISION & 255];
  return new Uint8Array([...header, 0x4d, 0x54, 0x72, 0x6b, ...u32(body.length), ...body]);
}
