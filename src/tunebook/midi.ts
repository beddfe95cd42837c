// MIDI for one tune of the book: abcjs parses it (in Node, without a DOM) and the project's
// own writer (src/playback/tune-midi.ts) writes the notes the page plays, at the page's default
// tempo and swing.
import abcjs from 'abcjs';
import type { AbcTune } from '../playback/abc-types.js';
import { tuneMidiFile } from '../playback/tune-midi.js';

/** The MIDI bytes of the first tune in `abc`. */
export function tuneMidi(abc: string): Uint8Array {
  const tunes = abcjs.parseOnly(abc) as unknown as AbcTune[];
  if (tunes.length === 0) throw new Error('midi: no tune to write');
  return tuneMidiFile(tunes[0]);
}
