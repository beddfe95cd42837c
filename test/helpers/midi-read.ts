// A small Standard MIDI File reader for tests: note-on/off pairs from every track, with
// onsets and lengths in quarter notes (ticks / division). Tempo is ignored on purpose:
// comparisons are made in beats. Handles running status, meta and sysex events; the meta
// events themselves (tempo, signatures, names) are read by readMidiMeta.

export interface MidiNote {
  pitch: number;
  channel: number;
  track: number;
  /** In quarter notes. */
  start: number;
  duration: number;
}

class Reader {
  constructor(private bytes: Uint8Array, public at = 0) {}
  u8(): number {
    return this.bytes[this.at++];
  }
  u16(): number {
    return (this.u8() << 8) | this.u8();
  }
  u32(): number {
    return ((this.u16() << 16) >>> 0) + this.u16();
  }
  varLen(): number {
    let n = 0;
    for (let i = 0; i < 4; i++) {
      const b = this.u8();
      n = n * 128 + (b & 0x7f);
      if (!(b & 0x80)) break;
    }
    return n;
  }
  /** Skips n bytes (n read first: `at += varLen()` would read `at` before varLen moves it). */
  skip(n: number): void {
    this.at += n;
  }
  text(n: number): string {
    return String.fromCharCode(...this.bytes.subarray(this.at, (this.at += n)));
  }
}

export interface MidiMeta {
  /** Meta event type: 0x03 track name, 0x51 tempo, 0x58 time signature, 0x59 key signature, ... */
  type: number;
  /** In quarter notes. */
  at: number;
  data: number[];
}

function readTrack(r: Reader, end: number, track: number, division: number, out: MidiNote[], metas: MidiMeta[] = []): void {
  let tick = 0;
  let status = 0;
  const open = new Map<number, { tick: number }[]>();
  while (r.at < end) {
    tick += r.varLen();
    let byte = r.u8();
    if (byte === 0xff) {
      const type = r.u8();
      const n = r.varLen();
      metas.push({ type, at: tick / division, data: [...r.text(n)].map((c) => c.charCodeAt(0)) });
      continue;
    }
    if (byte === 0xf0 || byte === 0xf7) {
      r.skip(r.varLen());
      continue;
    }
    if (byte & 0x80) status = byte;
    else r.at--; // running status: this byte is data
    byte = status;
    const kind = byte & 0xf0;
    const channel = byte & 0x0f;
    if (kind === 0xc0 || kind === 0xd0) {
      r.u8();
      continue;
    }
    const [a, b] = [r.u8(), r.u8()];
    if (kind !== 0x80 && kind !== 0x90) continue;
    const id = channel * 128 + a;
    if (kind === 0x90 && b > 0) (open.get(id) ?? open.set(id, []).get(id)!).push({ tick });
    else {
      const on = open.get(id)?.shift();
      if (on) out.push({ pitch: a, channel, track, start: on.tick / division, duration: (tick - on.tick) / division });
    }
  }
}

/** Every note in the file, sorted by onset then pitch. */
export function readMidiNotes(bytes: Uint8Array): MidiNote[] {
  return readMidi(bytes).notes;
}

/** Every meta event in the file, in file order. */
export function readMidiMeta(bytes: Uint8Array): MidiMeta[] {
  return readMidi(bytes).metas;
}

function readMidi(bytes: Uint8Array): { notes: MidiNote[]; metas: MidiMeta[] } {
  const r = new Reader(bytes);
  if (r.text(4) !== 'MThd') throw new Error('not a MIDI file');
  const headerEnd = r.u32() + r.at;
  r.u16();
  const tracks = r.u16();
  const division = r.u16();
  if (division & 0x8000) throw new Error('SMPTE time division is not supported');
  r.at = headerEnd;
  const out: MidiNote[] = [];
  const metas: MidiMeta[] = [];
  for (let t = 0; t < tracks && r.at < bytes.length; t++) {
    if (r.text(4) !== 'MTrk') throw new Error(`track ${t}: bad chunk`);
    const length = r.u32();
    const end = r.at + length;
    readTrack(r, end, t, division, out, metas);
    if (r.at !== end) throw new Error(`track ${t}: events run ${r.at - end} bytes past the chunk's length`);
    r.at = end;
  }
  return { notes: out.sort((x, y) => x.start - y.start || x.pitch - y.pitch), metas };
}
