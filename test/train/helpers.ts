// Shared pieces for training tests: two short hand-written tunes in normal form and a quiet
// run of the real training loop into a temporary directory.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, type RunConfig, resolveConfig } from '../../src/model/config.js';
import { buildVocab, encodeTune } from '../../src/tokenizer/index.js';
import { train } from '../../src/train/loop.js';

export const TWO_TUNES = [
  'T:The Test Jig\nM:6/8\nL:1/8\nK:Dmaj\nA|dfadfa|gfedcB|AFAdAF|GEcd2:|\n|:e|fefgfe|dcBA2G|FAdFAd|cedd2:|\n',
  'T:Sample Reel\nM:4/4\nL:1/8\nK:Gmaj\nGABcdBGB|cAFAdBGB|GABcdBgB|AFDFG2G2:|\n|:gfgdBGBd|cAFAdBGB|gfgdBGBd|AFDFG2G2:|\n',
];

export function tinyConfig(patch: object = {}): RunConfig {
  const preset = JSON.parse(readFileSync(join(import.meta.dirname, '../../src/model/presets/tiny.json'), 'utf8'));
  return resolveConfig(resolveConfig(DEFAULT_CONFIG, preset), patch);
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

/**
 * Runs the real training loop, quietly, on the given texts (validation on the same texts); on
 * the wasm path unless `backend` names another (the caller makes that backend current).
 */
export async function trainOn(texts: string[], config: RunConfig, outDir: string, opts: { resume?: boolean; maxSteps?: number; backend?: string } = {}) {
  const vocab = buildVocab(texts);
  const tunes = texts.map((t) => encodeTune(vocab, t));
  const result = await train({
    config, outDir, vocab, train: tunes, valid: tunes, backend: opts.backend ?? 'wasm', resume: Boolean(opts.resume), maxSteps: opts.maxSteps,
    log: () => {}, progress: () => {},
  });
  return { ...result, vocab, tunes };
}
