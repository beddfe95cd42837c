// The MIDI writer on literal tunes: a well-formed file (chunk lengths, one track), the meta
// events at the start (name, tempo, time and key signature) and at each change, notes that read
// back as written, a note-off before a repeated note's note-on, a bad tempo refused; and the
// signatures worked out from abcjs's keys and meters.
import abcjs from 'abcjs';
import { describe, expect, it } from 'vitest';
import type { AbcTune } from '../../src/playback/abc-types.js';
import { keySignatureEvent, timeSignatureEvent, writeMidiFile } from '../../src/playback/midi-file.js';
import { buildPlayback } from '../../src/playback/notes.js';
import { keySignature } from '../../src/playback/signature.js';
import { tuneMidiFile } from '../../src/playback/tune-midi.js';
import { readMidiMeta, readMidiNotes } from '../helpers/midi-read.js';

const parse = (abc: string) => abcjs.parseOnly(abc)[0] as unknown as AbcTune;
const tune = (body: string, head = 'M:4/4\nK:C') => parse(`X:1\nT:Tune\n${head.replace('\nK:', '\nL:1/8\nK:')}\n${body}\n`);

describe('key and time signatures', () => {
  it('counts sharps and flats from the tonic and mode, minor only for minor', () => {
    const key = (k: string) => keySignature(parse(`X:1\nT:t\nK:${k}\nC|]\n`).lines[0].staff![0].key!);
    expect(key('D')).toEqual({ sharps: 2, minor: false });
    expect(key('Ador')).toEqual({ sharps: 1, minor: false });
    expect(key('Em')).toEqual({ sharps: 1, minor: true });
    expect(key('Bbm')).toEqual({ sharps: -5, minor: true });
    expect(key('F#m')).toEqual({ sharps: 3, minor: true });
    expect(key('Gmix')).toEqual({ sharps: 0, minor: false });
    expect(key('Cb')).toEqual({ sharps: -7, minor: false });
  });

  it('writes them as MIDI meta events', () => {
    expect(keySignatureEvent({ sharps: -3, minor: true })).toEqual([0xff, 0x59, 2, 0xfd, 1]);
    expect(timeSignatureEvent({ num: 6, den: 8 })).toEqual([0xff, 0x58, 4, 6, 3, 36, 8]);
    expect(timeSignatureEvent({ num: 3, den: 4 })).toEqual([0xff, 0x58, 4, 3, 2, 24, 8]);
  });

  it('follows inline key and meter changes in playing order, repeats included', () => {
    const played = buildPlayback(tune('|:AB cd:|[K:Bb][M:3/4]ef ga bc|]', 'M:2/4\nK:G'));
    expect(played.keys).toEqual([{ at: 0, value: { sharps: 1, minor: false } }, { at: 1, value: { sharps: -2, minor: false } }]);
    expect(played.meters).toEqual([{ at: 0, value: { num: 2, den: 4 } }, { at: 1, value: { num: 3, den: 4 } }]);
  });
});

describe('writeMidiFile', () => {
  it('writes a well-formed file with tempo, signatures and name first', () => {
    const bytes = tuneMidiFile(tune('|:AB cd:|[K:Bb]ef ga|]', 'M:2/4\nQ:1/4=120\nK:Ador'));
    const view = new DataView(bytes.buffer);
    expect(String.fromCharCode(...bytes.slice(0, 4), ...bytes.slice(14, 18))).toBe('MThdMTrk');
    expect([view.getUint16(8), view.getUint16(10), view.getUint16(12)]).toEqual([0, 1, 480]); // format 0, one track
    expect(view.getUint32(18)).toBe(bytes.length - 22);
    const metas = readMidiMeta(bytes);
    expect(metas.map((m) => [m.at, m.type, ...m.data])).toEqual([
      [0, 0x03, ...new TextEncoder().encode('Tune')],
      [0, 0x51, 0x07, 0xa1, 0x20], // 500,000 us a quarter: 120 a minute
      [0, 0x58, 2, 2, 24, 8],
      [0, 0x59, 1, 0], // A dorian: one sharp, not minor
      [4, 0x59, 0xfe, 0], // after both passes of the repeat: B flat major
      [6, 0x2f],
    ]);
  });

  it('reads back the notes as played, repeats and chords included', () => {
    const t = tune('|:C>D [EG]2-|[EG] z c2:|');
    const events = buildPlayback(t).events;
    const back = readMidiNotes(tuneMidiFile(t, { bpm: 90 }));
    const ours = events.map((e) => [e.pitch, e.start * 4, e.duration * 4]).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    expect(back.map((n) => [n.pitch, n.start, n.duration])).toEqual(ours);
  });

  it('ends a note before the same pitch sounds again at that moment', () => {
    const e = (start: number) => ({ pitch: 60, start, duration: 0.25, startChar: 0, endChar: 1 });
    const back = readMidiNotes(writeMidiFile({ events: [e(0), e(0.25)], qpm: 120 }));
    expect(back.map((n) => [n.start, n.duration])).toEqual([[0, 1], [1, 1]]);
  });

  it('takes the tempo asked for, and refuses one that is not a positive number', () => {
    const t = tune('CDEF|]', 'M:6/8\nK:C');
    const tempo = (bpm: number) => readMidiMeta(tuneMidiFile(t, { bpm })).find((m) => m.type === 0x51)!.data;
    expect(tempo(100)).toEqual([0x06, 0x1a, 0x80]); // 100 dotted quarters = 150 quarters a minute: 400,000 us
    for (const qpm of [0, -5, NaN, Infinity]) expect(() => writeMidiFile({ events: [], qpm })).toThrow(/tempo must be a positive number/);
  });
});
