// Streaming truncated back-propagation through time over the concatenated training tunes.
// Each epoch the tunes are shuffled and joined into one token stream ([BOS tune EOS] ...),
// which is cut into B contiguous lanes; step s reads characters s*T .. s*T+T of every lane.
// The network's state is carried from one step to the next along each lane, so it sees
// whole tunes in order without padding (tunes run 100-1,000 characters, longer than T).
import { Rng } from '../model/rng.js';

export interface Batch {
  /** Inputs, time-major: entry t*B + b is lane b at step t. */
  inputs: Int32Array;
  /** The next character for each input, same layout. */
  targets: Int32Array;
}

/** Joins tunes in the given order into one stream. */
export function joinTunes(tunes: Int32Array[], order: number[]): Int32Array {
  const total = order.reduce((n, i) => n + tunes[i].length, 0);
  const out = new Int32Array(total);
  let at = 0;
  for (const i of order) {
    out.set(tunes[i], at);
    at += tunes[i].length;
  }
  return out;
}

/** The epoch's stream: tunes shuffled with the epoch's own seed, optionally transformed first. */
export function epochStream(tunes: Int32Array[], seed: number, epoch: number, transform?: (tune: number, rng: Rng) => Int32Array): Int32Array {
  const rng = new Rng((seed * 1_000_003 + epoch * 7919) >>> 0);
  const order = rng.shuffle(tunes.map((_, i) => i));
  if (!transform) return joinTunes(tunes, order);
  const changed = tunes.map((t, i) => transform(i, rng));
  return joinTunes(changed, order);
}

/** Steps of B lanes x T characters that cover every character of a stream at least once. */
export function stepsPerEpoch(streamLength: number, batch: number, seq: number): number {
  return Math.ceil(Math.ceil((streamLength - 1) / batch) / seq);
}

/**
 * The batch for `step` (0-based within the epoch), lanes [laneStart, laneEnd) of `batch`.
 * The last step of a lane runs on into the next lane (the last lane wraps to the start), so
 * no character, the final EOS included, is left out of an epoch.
 */
export function readBatch(stream: Int32Array, batch: number, seq: number, step: number, laneStart = 0, laneEnd = batch): Batch {
  const laneLength = Math.ceil((stream.length - 1) / batch);
  const lanes = laneEnd - laneStart;
  const inputs = new Int32Array(seq * lanes);
  const targets = new Int32Array(seq * lanes);
  for (let t = 0; t < seq; t++) {
    for (let b = 0; b < lanes; b++) {
      const at = ((laneStart + b) * laneLength + step * seq + t) % (stream.length - 1);
      inputs[t * lanes + b] = stream[at];
      targets[t * lanes + b] = stream[at + 1];
    }
  }
  return { inputs, targets };
}
