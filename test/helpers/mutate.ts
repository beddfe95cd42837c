// Deterministic mutations of ABC tune text for fuzz tests, as a careless editor or a broken
// file would make them: a character changed, a span deleted or duplicated, an ABC symbol
// inserted. The same seed gives the same mutants.
import { Rng } from '../../src/model/rng.js';

/** Symbols a mutation may insert: bar lines, endings, tuplets, lengths, fields, decorations. */
export const ABC_SYMBOLS = [
  '|', '||', '|]', '|:', ':|', '::', '[1', '[2', '|1', ':|2', '(3', '(5', '(3:2:3', '>', '<', '>>', '-', '[', ']',
  'z', 'x', 'Z', 'Z4', '^', '_', '=', '^^', ',', "'", '/', '2', '3/2', '/4', '8', '[K:Am]', '[M:3/4]', '[L:1/16]',
  '[M:5/8]', '\nM:6/8\n', '\nK:D\n', '\nL:1/4\n', '{g}', '"C"', '!trill!', '~', '.', '+', '(', ')', '\n', ' ', 'A', 'c',
  '[ceg]', 'A:', 'B:|', '\\', '%', 'y', '$', '[M:6/6]', '\nM:3/3\n', '\nL:3/8\n', '[L:3/8]', '|1', ':|1', '\nA:|', 'Z999',
];

/** A printable character or a line break, for character flips. */
function randomChar(rng: Rng): string {
  const r = rng.int(100);
  if (r < 3) return '\n';
  return String.fromCharCode(32 + rng.int(95));
}

/** One mutation of `text` (kinds: flip, delete, duplicate, insert). */
export function mutate(text: string, rng: Rng): string {
  if (text.length === 0) return ABC_SYMBOLS[rng.int(ABC_SYMBOLS.length)];
  const at = rng.int(text.length);
  const span = 1 + rng.int(Math.min(40, text.length - at));
  switch (rng.int(4)) {
    case 0:
      return text.slice(0, at) + randomChar(rng) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + text.slice(at + span);
    case 2:
      return text.slice(0, at + span) + text.slice(at, at + span) + text.slice(at + span);
    default:
      return text.slice(0, at) + ABC_SYMBOLS[rng.int(ABC_SYMBOLS.length)] + text.slice(at);
  }
}

/** `count` mutants of `tunes` (each 1-4 mutations of a tune picked by the seeded generator). */
export function mutants(tunes: string[], count: number, seed: number): string[] {
  const rng = new Rng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = tunes[rng.int(tunes.length)];
    const n = 1 + rng.int(4);
    for (let k = 0; k < n; k++) text = mutate(text, rng);
    out.push(text.replace(/\n\s*\n/g, '\n')); // a blank line would end the tune
  }
  return out;
}
