// Plays note events through Tone.js: a PolySynth bundled with the page (no samples to fetch),
// a Part on the shared Transport, and the note being heard marked in step with the sound via
// Tone's Draw. One tune plays at a time; playing another stops the first.
import * as Tone from 'tone';
import type { NoteEvent } from '../../src/playback/notes.js';

export interface PlayRequest {
  events: NoteEvent[];
  /** Seconds per whole note at the chosen tempo. */
  secondsPerWhole: number;
  /** Called (in step with the sound) with the note now sounding, and with null at the end. */
  onNote(e: NoteEvent | null): void;
}

let synth: Tone.PolySynth | undefined;
let part: Tone.Part<{ time: number; e: NoteEvent }> | undefined;
let current: PlayRequest | undefined;

function instrument(): Tone.PolySynth {
  synth ??= new Tone.PolySynth(Tone.Synth, {
    oscillator: { type: 'triangle8' },
    envelope: { attack: 0.004, decay: 0.25, sustain: 0.35, release: 0.35 },
    volume: -10,
  }).toDestination();
  return synth;
}

/** Stops playback (if any) and clears the highlight. */
export function stop(): void {
  const transport = Tone.getTransport();
  transport.stop();
  transport.cancel(0);
  part?.dispose();
  part = undefined;
  synth?.releaseAll();
  current?.onNote(null);
  current = undefined;
}

/** Starts playing; must be called from a user gesture (a click) the first time. */
export async function play(req: PlayRequest): Promise<void> {
  await Tone.start();
  stop();
  current = req;
  const voice = instrument();
  const s = req.secondsPerWhole;
  const notes = req.events.map((e) => ({ time: e.start * s, e }));
  part = new Tone.Part((time, { e }) => {
    const length = Math.max(0.03, e.duration * s * 0.92);
    voice.triggerAttackRelease(Tone.Frequency(e.pitch, 'midi').toFrequency(), length, time, 0.7);
    Tone.getDraw().schedule(() => current === req && req.onNote(e), time);
  }, notes);
  part.start(0);
  const end = req.events.reduce((m, e) => Math.max(m, (e.start + e.duration) * s), 0);
  const transport = Tone.getTransport();
  transport.scheduleOnce((time) => Tone.getDraw().schedule(() => current === req && stop(), time), end + 0.3);
  transport.start('+0.05');
}

/** For tests and the page: whether the transport runs. */
export function transportState(): string {
  return Tone.getTransport().state;
}
