// The MIDI writer against abc2midi, the independent implementation: over corpus tunes (every
// tune with an inline key or meter change among them) the tune book's MIDI files must have
// abc2midi's notes (pitch, onset and length), its opening time and key signatures exactly, and
// the same signatures in force under the notes after a change. Where they differ by design:
// abc2midi does not write the key again when a repeat goes back to before a key change, and
// places a change that follows a rest before the rest.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitTunes } from '../../src/abc/read.js';
import { tuneMidi } from '../../src/tunebook/midi.js';
import { hasAbc2midi } from '../helpers/abc2midi.js';
import { type MidiMeta, type MidiNote, readMidiMeta, readMidiNotes } from '../helpers/midi-read.js';
import { abc2midiFiles } from '../helpers/notes-compare.js';

const CORPUS = 'corpus-abc/train.abc';
const ready = existsSync(CORPUS) && hasAbc2midi();
/** Quarter notes: abc2midi starts each note a tick late, ends it a tick early and staggers chords. */
const TOLERANCE = 0.05;

/** 200 tunes spread over the training file, plus every tune that changes key or meter inside. */
function sampleTunes(count: number): string[] {
  const all = splitTunes(readFileSync(CORPUS, 'utf8')).map((t) => t.text);
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((t, i) => i % step === 0 || /\[[KM]:/.test(t));
}

/** Notes of `a` with a partner in `b`: same pitch, onset and length within the tolerance. */
function sharedNotes(a: MidiNote[], b: MidiNote[]): number {
  const used = new Uint8Array(b.length);
  let shared = 0;
  for (const x of a) {
    const j = b.findIndex((y, k) => !used[k] && y.pitch === x.pitch && Math.abs(y.start - x.start) <= TOLERANCE
      && Math.abs(y.duration - x.duration) <= TOLERANCE);
    if (j >= 0) (used[j] = 1), shared++;
  }
  return shared;
}

/** The signature event of `type` in force at `at` quarter notes, as "data". */
function inForce(metas: MidiMeta[], type: number, at: number): string {
  let value = '';
  for (const m of metas) if (m.type === type && m.at <= at + TOLERANCE) value = m.data.slice(0, 2).join(',');
  return value;
}

describe.skipIf(!ready)('the MIDI writer against abc2midi', () => {
  it('writes abc2midi\'s notes, time signatures and key signatures', () => {
    const tunes = sampleTunes(200);
    const theirs = abc2midiFiles(tunes);
    const t = { tunes: 0, notes: 0, shared: 0, opening: 0, changed: 0, underNotes: 0, agreeUnderNotes: 0 };
    tunes.forEach((text, i) => {
      if (!theirs[i]) return;
      const ours = tuneMidi(text);
      const [a, b] = [readMidiNotes(ours), readMidiNotes(theirs[i])];
      t.tunes++;
      t.notes += Math.max(a.length, b.length);
      t.shared += sharedNotes(a, b);
      const [ma, mb] = [readMidiMeta(ours), readMidiMeta(theirs[i])];
      if ([0x58, 0x59].every((type) => inForce(ma, type, 0) === inForce(mb, type, 0))) t.opening++;
      if (!/\[[KM]:/.test(text)) return;
      t.changed++;
      for (const n of a) {
        t.underNotes++;
        if ([0x58, 0x59].every((type) => inForce(ma, type, n.start) === inForce(mb, type, n.start))) t.agreeUnderNotes++;
      }
    });
    const pct = (x: number, of: number) => `${(100 * x / of).toFixed(2)}% (${x}/${of})`;
    console.log(`MIDI writer vs abc2midi over ${t.tunes} tunes: notes ${pct(t.shared, t.notes)} (pitch, onset, length); ` +
      `opening signatures ${pct(t.opening, t.tunes)}; signatures under the notes of the ${t.changed} tunes that change key or meter ` +
      `${pct(t.agreeUnderNotes, t.underNotes)}`);
    expect(t.tunes).toBeGreaterThanOrEqual(250);
    expect(t.changed).toBeGreaterThanOrEqual(50);
    expect(t.shared / t.notes).toBeGreaterThanOrEqual(0.999);
    expect(t.opening).toBe(t.tunes);
    expect(t.agreeUnderNotes / t.underNotes).toBeGreaterThanOrEqual(0.98);
  });
});

/** Literal tunes: every mode, the meters of the corpus and C, C|, and Q: fields of three kinds. */
const HEADERS = [
  ['Ador', '6/8', '3/8=100'], ['Dmix', 'C|', '1/2=80'], ['Em', '9/8', ''], ['Bbm', '3/4', '1/4=140'],
  ['F#m', 'C', ''], ['Eaeo', '2/4', '1/4=96'], ['Clyd', '4/4', ''], ['Bloc', '12/8', '3/8=120'],
  ['Ephr', '3/2', ''], ['Cb', '2/2', ''], ['C#', '6/4', ''], ['Gmaj', '5/4', ''],
];
const literal = ([key, meter, q]: string[], n: number) =>
  `X:${n}\nT:Tune ${n}\nM:${meter}\nL:1/8\n${q ? `Q:${q}\n` : ''}K:${key}\nABcd efga|[K:D]fedc BAGF|]\n`;
const metaOf = (metas: MidiMeta[], type: number) => metas.filter((m) => m.type === type).map((m) => `${m.at}:${m.data.join(',')}`);

describe.skipIf(!hasAbc2midi())('the MIDI writer\'s signatures and tempo against abc2midi', () => {
  it('writes the key, meter and Q: tempo abc2midi writes', () => {
    const tunes = HEADERS.map((h, i) => literal(h, i + 1));
    const theirs = abc2midiFiles(tunes);
    tunes.forEach((text, i) => {
      const [ma, mb] = [readMidiMeta(tuneMidi(text)), readMidiMeta(theirs[i]!)];
      expect(metaOf(ma, 0x59), text).toEqual(metaOf(mb, 0x59));
      const meters = (ms: MidiMeta[]) => ms.filter((m) => m.type === 0x58).map((m) => m.data.slice(0, 2).join('/'));
      expect(meters(ma), text).toEqual(meters(mb));
      if (HEADERS[i][2]) expect(metaOf(ma, 0x51), text).toEqual(metaOf(mb, 0x51));
    });
  });
});
