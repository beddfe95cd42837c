// checkComposeOptions: defaults, normalised keys and meters, and one-line errors for bad fields;
// threadsFor, the threads a job steps on by default.
import { describe, expect, it } from 'vitest';
import { checkComposeOptions } from '../../src/compose/options.js';
import { threadsFor } from '../../src/compose/run.js';

describe('checkComposeOptions', () => {
  it('fills defaults', () => {
    expect(checkComposeOptions({})).toEqual({ tunes: 10, temperature: 1, topK: 0, topP: 1, beam: 0, seed: 1 });
  });
  it.each([
    ['D', 'Dmaj'], ['Ador', 'Ador'], ['F#m', 'F#min'], ['Bb', 'Bbmaj'], ['G mixolydian', 'Gmix'], ['e minor', 'Emin'], ['Cphr', 'Cphr'],
  ])('normalises key %s to %s', (key, want) => {
    expect(checkComposeOptions({ key }).key).toBe(want);
  });
  it('takes barGuide as a boolean only', () => {
    expect(checkComposeOptions({ barGuide: false }).barGuide).toBe(false);
    expect(checkComposeOptions({}).barGuide).toBeUndefined();
    expect(() => checkComposeOptions({ barGuide: 'no' })).toThrow(/barGuide/);
  });
  it('takes greedy decoding for one sampled tune', () => {
    expect(checkComposeOptions({ greedy: true, tunes: 1 })).toMatchObject({ greedy: true, tunes: 1 });
  });
  it('normalises meters, titles and primers', () => {
    const o = checkComposeOptions({ meter: 'C', title: '  The  Lark. ', prime: '|:GAB c2d|' });
    expect(o).toMatchObject({ meter: '4/4', title: 'The Lark', prime: '|:GABc2d|' });
  });
  it.each([
    [{ tunes: 0 }, /^tunes /], [{ tunes: 'abc' }, /^tunes /], [{ tunes: 2.5 }, /^tunes /], [{ temperature: -1 }, /^temperature /],
    [{ temperature: 0 }, /^temperature /], [{ beam: -1 }, /^beam /], [{ topP: 0 }, /^topP /], [{ topK: -2 }, /^topK /],
    [{ key: 'H' }, /^key /], [{ key: 'Gfoo' }, /^key /], [{ key: 'D ^c' }, /^key /], [{ meter: '6-8' }, /^meter /], [{ title: '50% off' }, /^title /],
    [{ prime: 'K:G' }, /^prime /], [{ colour: 'red' }, /unknown option "colour"/], [{ greedy: 'yes' }, /^greedy /], [null, /object/],
    [{ key: '' }, /^key must not be empty/], [{ meter: ' ' }, /^meter must not be empty/], [{ title: '' }, /^title must not be empty/],
    [{ prime: '' }, /^prime must not be empty/], [{ meter: '99/99' }, /^meter is not a meter abc2midi accepts/], [{ meter: '3/3' }, /^meter /],
    [{ prime: '[[[[' }, /^prime cannot begin a tune: its character 2 \("\["\)/], [{ prime: '(3ABCDEFGHI' }, /^prime cannot begin a tune: its character 10 \("H"\)/],
    [{ prime: '{' }, /^prime cannot begin a tune: its character 1/], [{ prime: '@' }, /^prime cannot begin a tune/],
    [{ greedy: true, beam: 4, tunes: 1 }, /^greedy is for sampling only/], [{ greedy: true, tunes: 2 }, /^greedy writes the same tune every time: ask for 1 tune/],
  ])('refuses %j with one line', (raw, message) => {
    expect(() => checkComposeOptions(raw)).toThrow(message);
    try {
      checkComposeOptions(raw);
    } catch (err) {
      expect((err as Error).message).not.toContain('\n');
    }
  });
});

describe('threadsFor', () => {
  it('steps on one thread for up to 39 sampled tunes, on every core for more and for beam search', () => {
    expect(threadsFor({ tunes: 10, beam: 1 }, 2)).toBe(1);
    expect(threadsFor({ tunes: 39, beam: 1 }, 8)).toBe(1);
    expect(threadsFor({ tunes: 40, beam: 1 }, 2)).toBe(2);
    expect(threadsFor({ tunes: 1, beam: 4 }, 4)).toBe(4);
    expect(threadsFor({ tunes: 100, beam: 1 }, 1)).toBe(1);
  });
});
