// Novelty against the training corpus without shipping the corpus: every window of 4
// consecutive bars of every training tune (bars as normalised text) is hashed to 32 bits,
// and the sorted, unique hashes are what the model directory keeps (novelty.bin). A composed
// tune "copies" when one of its own 4-bar windows hashes to a stored value. Pure logic.
import { splitBars } from '../abc/bar-text.js';
import { moveToTonic } from '../abc/text-format.js';
import { modelText } from '../abc/tune-text.js';
import { fnv1a } from '../corpus/split.js';
import { headerEnd } from '../sample/header-guide.js';

export const WINDOW = 4;
const MAGIC = 0x31564f4e; // "NOV1" little-endian

/** Hashes of every window of `size` consecutive bars of a body. */
export function windowHashes(body: string, size = WINDOW): number[] {
  const bars = splitBars(body);
  const out: number[] = [];
  for (let i = 0; i + size <= bars.length; i++) out.push(fnv1a(bars.slice(i, i + size).join('|')));
  return out;
}

/** Sorted unique hashes of all windows of all bodies. */
export function buildIndex(bodies: Iterable<string>, size = WINDOW): Uint32Array {
  const all: number[] = [];
  for (const body of bodies) all.push(...windowHashes(body, size));
  const sorted = Uint32Array.from(all).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i];
  return sorted.slice(0, n);
}

/** True when `h` is in the sorted array (binary search). */
export function contains(sorted: Uint32Array, h: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] === h) return true;
    if (sorted[mid] < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export interface NoveltyIndex {
  window: number;
  hashes: Uint32Array;
  /** Training tunes the index was built from. */
  tunes: number;
}

/** How many of a body's windows occur in the training corpus (0 = novel). */
export function copiedWindows(index: NoveltyIndex, body: string): number {
  return windowHashes(body, index.window).filter((h) => contains(index.hashes, h)).length;
}

/** The file form: magic, window size, tune count, hash count, then the hashes (little-endian). */
export function encodeIndex(index: NoveltyIndex): Uint8Array {
  const out = new Uint32Array(4 + index.hashes.length);
  out.set([MAGIC, index.window, index.tunes, index.hashes.length]);
  out.set(index.hashes, 4);
  return new Uint8Array(out.buffer);
}

export function decodeIndex(bytes: Uint8Array): NoveltyIndex {
  const words = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length - (bytes.length % 4)));
  if (words.length < 4 || words[0] !== MAGIC || words[3] !== words.length - 4) throw new Error('novelty: not a novelty index (or truncated)');
  return { window: words[1], tunes: words[2], hashes: words.slice(4) };
}

/** The body of a tune in normal form (model text after its K: line). */
export function tuneBody(text: string): string {
  const t = modelText(text);
  const end = headerEnd(t);
  return end >= 0 ? t.slice(end) : '';
}

/**
 * The body that novelty is judged on: the tune moved to the tonic C, octaves folded together
 * (letters in one case, no octave marks, no spaces), so that a training tune copied into another key or
 * octave is still a copy.
 */
export function noveltyBody(text: string): string {
  const t = modelText(text);
  return tuneBody(moveToTonic(t, 0) ?? t).replace(/[ ,']/g, '').toLowerCase();
}
