// Playback notes from literal ABC: repeats and endings, ties, tuplets, broken rhythm, chords,
// key signature and bar accidentals, and swing. The MIDI writer's own tests are in test/playback.
import abcjs from 'abcjs';
import { describe, expect, it } from 'vitest';
import type { AbcTune } from '../../src/playback/abc-types.js';
import { buildNoteEvents } from '../../src/playback/notes.js';
import { applySwing } from '../../src/playback/swing.js';

const tune = (body: string, key = 'C', meter = '4/4') =>
  abcjs.parseOnly(`X:1\nT:t\nM:${meter}\nL:1/8\nK:${key}\n${body}\n`)[0] as unknown as AbcTune;
const names = (body: string, key?: string) => buildNoteEvents(tune(body, key)).map((e) => e.pitch);
const starts = (body: string) => buildNoteEvents(tune(body)).map((e) => e.start * 8);

describe('buildNoteEvents', () => {
  it('plays repeats and first/second endings as written', () => {
    expect(names('|:C D:|E|]')).toEqual([60, 62, 60, 62, 64]);
    expect(names('|:C|1D:|2E|]')).toEqual([60, 62, 60, 64]);
    expect(names('|:C|[1D:|[2E|]')).toEqual([60, 62, 60, 64]);
    expect(names('|:C::D:|')).toEqual([60, 60, 62, 62]);
    expect(names('C D:|E F:|')).toEqual([60, 62, 60, 62, 64, 65, 64, 65]);
    expect(names('|:C|1D:|2E||F:|')).toEqual([60, 62, 60, 64, 65, 65]);
  });

  it('joins ties, scales tuplets and keeps broken rhythm', () => {
    const e = buildNoteEvents(tune('C2-|C2 (3DEF G>A|'));
    expect(e.map((x) => [x.pitch, +(x.start * 24).toFixed(6), +(x.duration * 24).toFixed(6)])).toEqual([
      [60, 0, 12], [62, 12, 2], [64, 14, 2], [65, 16, 2], [67, 18, 4.5], [69, 22.5, 1.5],
    ]);
  });

  it('applies the key signature and carries accidentals to the end of the bar', () => {
    expect(names('F ^C C c | C f =F F|', 'G')).toEqual([66, 61, 61, 72, 60, 78, 65, 65]);
    expect(names('B _B B|B', 'F')).toEqual([70, 70, 70, 70]);
  });

  it('sounds chords together and rests as silence', () => {
    const e = buildNoteEvents(tune('[CEG]2 z C|'));
    expect(e.map((x) => [x.pitch, x.start * 8])).toEqual([[60, 0], [64, 0], [67, 0], [60, 3]]);
    expect(starts('C z2 D')).toEqual([0, 3]);
  });
});

describe('applySwing', () => {
  it('plays eighth pairs long-short and leaves triplets alone', () => {
    const e = applySwing(buildNoteEvents(tune('CD E2 (3FGA B')), 2 / 3);
    expect(e.map((x) => +(x.start * 12).toFixed(6))).toEqual([0, 2, 3, 6, 7, 8, 9]);
    expect(+(e[0].duration * 12).toFixed(6)).toBe(2);
  });
});
