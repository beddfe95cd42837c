// A tune's MIDI file from its abcjs parse: the note events with the swing and tempo chosen
// (by default the ones the page starts with: the Q: field or a pace for the meter, and the
// hornpipe lilt for an R:hornpipe), its key and time signatures and its title. The tune book
// and the page's download both come through here, so the same tune at the same settings gives
// the same bytes. Pure (tier 1).
import type { AbcTune } from './abc-types.js';
import { writeMidiFile } from './midi-file.js';
import { buildPlayback } from './notes.js';
import { applySwing, defaultSwing } from './swing.js';
import { defaultBpm, quartersPerMinute } from './tempo.js';

export interface TuneMidiOptions {
  /** Beats per minute (the beat as the meter counts it); default defaultBpm. */
  bpm?: number;
  /** Long-short ratio of eighth pairs (0.5 straight); default defaultSwing. */
  swing?: number;
  /** Track name; default the tune's T: (the page draws the title itself and parses the tune without it). */
  title?: string;
}

/** The MIDI bytes of a parsed tune. */
export function tuneMidiFile(tune: AbcTune, opts: TuneMidiOptions = {}): Uint8Array {
  const played = buildPlayback(tune);
  return writeMidiFile({
    events: applySwing(played.events, opts.swing ?? defaultSwing(tune)),
    qpm: quartersPerMinute(opts.bpm ?? defaultBpm(tune), tune),
    keys: played.keys,
    meters: played.meters,
    title: opts.title ?? tune.metaText?.title,
  });
}
