// MIDI for one tune through abcjs, which runs its parser and MIDI writer in Node without a DOM.
import abcjs from 'abcjs';

/** The MIDI bytes of the first tune in `abc`. */
export function tuneMidi(abc: string): Uint8Array {
  const tunes = abcjs.parseOnly(abc) as unknown as unknown[];
  if (tunes.length === 0) throw new Error('midi: no tune to write');
  const synth = (abcjs as unknown as { synth: { getMidiFile: (t: unknown, o: object) => unknown } }).synth;
  const out = synth.getMidiFile(tunes[0], { midiOutputType: 'binary' });
  const bytes = Array.isArray(out) ? out[0] : out;
  if (!(bytes instanceof Uint8Array)) throw new Error('midi: abcjs returned no MIDI data');
  return bytes;
}
