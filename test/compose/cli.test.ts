// The compose command line: bad options fail with one line, a non-zero exit and no files; a
// real run writes a book whose tunes pass the project's validator and abc2midi, with titles,
// MIDI and (with --pdf) a PDF. The run uses a tiny model over-fitted on two tunes (so it does
// not depend on how far the shipped model's training has got), or COMPOSE_TEST_MODEL.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainOverfitModel } from '../helpers/test-model.js';
import { splitTunes } from '../../src/abc/read.js';
import { validateTune } from '../../src/abc/validate.js';
import { checkWithAbc2midi, hasAbc2midi } from '../helpers/abc2midi.js';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'compose-cli-'));
/** The model the integration run uses; COMPOSE_TEST_MODEL points it at another (e.g. models/default). */
const MODEL = process.env.COMPOSE_TEST_MODEL ?? join(tmp, 'overfit');
const TUNES = process.env.COMPOSE_TEST_TUNES ?? '2';
beforeAll(async () => {
  if (!process.env.COMPOSE_TEST_MODEL) {
    await trainOverfitModel(MODEL);
  }
}, 120_000);
const canPdf = existsSync('/usr/bin/chromium') || existsSync('/usr/bin/abcm2ps');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    // as `npm run compose` runs it: compiled by bin/run.mjs, stepping on as many threads as there are cores
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'run.mjs'), 'compose', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

describe('compose CLI, bad options', () => {
  const cases: [string, string[], RegExp][] = [
    ['--tunes 0', ['--tunes', '0'], /--tunes/], ['--tunes abc', ['--tunes', 'abc'], /--tunes/],
    ['--temperature -1', ['--temperature', '-1'], /--temperature/], ['--beam 0', ['--beam', '0'], /--beam/],
    ['an unknown key', ['--key', 'H#dorian'], /--key/], ['a missing model', ['--model', join(tmp, 'nope')], /no model in/],
    ['an unknown flag', ['--colour', 'red'], /colour/], ['an empty key', ['--key', ''], /--key must not be empty/],
    ['a meter abc2midi refuses', ['--meter', '99/99'], /--meter is not a meter abc2midi accepts/],
    ['an unclosed chord', ['--prime', '[[[['], /--prime cannot begin a tune: its character 2/],
    ['a tuplet of non-notes', ['--prime', '(3ABCDEFGHI'], /--prime cannot begin a tune: its character 10 \("H"\)/],
    ['greedy beam search', ['--greedy', '--beam', '4'], /--greedy is for sampling only/],
    ['both beam kinds', ['--beam', '4', '--stochastic', '--deterministic'], /--stochastic and --deterministic exclude each other/],
    ['no threads', ['--threads', '0'], /--threads must be an integer >= 1/],
  ];
  it.each(cases)('%s: one line, exit code 2, nothing written', async (_, args, message) => {
    const out = join(tmp, `bad-${args.join('')}`.replace(/[^a-z0-9-]/gi, ''));
    const r = await run([...args, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });
});

describe('compose CLI on a trained model', () => {
  it('folds a title to the model\'s characters, and refuses one it cannot write with exit code 2', async () => {
    const out = join(tmp, 'snowman');
    const r = await run(['--model', MODEL, '--tunes', '1', '--title', 'Jig \u2603', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('compose: --title uses characters the model does not know: "\u2603"');
    expect(existsSync(out)).toBe(false);
  });
  it('writes a valid, titled book (abc, html, midi, pdf) and a JSON summary', async () => {
    const out = join(tmp, 'book');
    // two threads, so the helper thread runs from the compiled build as it does for long jobs
    const r = await run(['--model', MODEL, '--tunes', TUNES, '--seed', '1', '--threads', '2', '--out', out, '--json', ...(canPdf ? ['--pdf'] : [])]);
    expect(r.code, `compose failed on ${MODEL}: ${r.stderr}`).toBe(0);
    expect(r.stderr.replace(/^compose: .*no novelty.*\n/m, '')).toBe('');
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ attempts: expect.any(Number), validRate: expect.any(Number), copiesRejected: expect.any(Number) });
    expect(summary.tunes).toHaveLength(Number(TUNES));
    const abc = readFileSync(join(out, 'tunebook.abc'), 'utf8');
    const tunes = splitTunes(abc);
    expect(tunes.map((t) => t.text.split('\n')[0])).toEqual(tunes.map((_, i) => `X:${i + 1}`));
    expect(tunes).toHaveLength(Number(TUNES));
    for (const t of tunes) {
      expect(validateTune(t.text).problems).toEqual([]);
      expect(t.text).toMatch(/^T:\S.*$/m);
      expect(t.text).toMatch(/^N:composed by folk-lstm: .*seed 1/m);
    }
    if (hasAbc2midi()) expect(checkWithAbc2midi(abc).flatMap((t) => t.problems)).toEqual([]);
    expect(readFileSync(join(out, 'tunebook.html'), 'utf8')).toContain('ABCJS.renderAbc');
    expect(readdirSync(join(out, 'mid'))).toHaveLength(Number(TUNES));
    if (canPdf) expect(readFileSync(join(out, 'tunebook.pdf')).subarray(0, 4).toString()).toBe('%PDF');
  });
});
