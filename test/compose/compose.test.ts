// composeTunes on a tiny random model: the attempt budget ends the run with a reason, progress
// events arrive, unknown characters in conditions are refused, and runs repeat by seed.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend.js';
import { checkComposeOptions, composeTunes, type ComposeEvent, type Composer } from '../../src/compose/compose.js';
import { table, tinyNet } from '../sample/tiny-net.js';

let composer: Composer;
beforeAll(async () => {
  await selectBackend('wasm');
  composer = { dir: 'tiny', model: 'tiny (2x16 lstm)', network: tinyNet(), table, backend: 'wasm' };
});

const opts = (extra: object) => checkComposeOptions({ tunes: 2, seed: 3, maxAttempts: 4, title: 'a', meter: '4/4', key: 'G', ...extra });

describe('composeTunes', () => {
  it('stops at the attempt budget and says why', async () => {
    const events: ComposeEvent[] = [];
    const r = await composeTunes(composer, opts({}), (e) => events.push(e));
    expect(r.attempts).toBe(4);
    expect(r.complete).toBe(false);
    expect(r.reason).toMatch(/attempt budget of 4 ran out: 0 of 2 tunes/);
    expect(events.filter((e) => e.type === 'attempt')).toHaveLength(4);
    expect(Object.values(r.failures).reduce((a, b) => a + b, 0)).toBe(4);
    expect(r).toMatchObject({ validRate: 0, model: 'tiny (2x16 lstm)', seed: 3, noveltyChecked: false });
  });
  it('repeats itself for the same seed', async () => {
    const texts = async (seed: number, beam = 0) => {
      const out: string[] = [];
      await composeTunes(composer, opts({ seed, beam }), (e) => e.type === 'attempt' && out.push(e.text ?? ''));
      return out;
    };
    expect(await texts(9)).toEqual(await texts(9));
    expect(await texts(9)).not.toEqual(await texts(10));
    expect(await texts(9, 3)).toEqual(await texts(9, 3));
  });
  it('refuses conditions the vocabulary cannot write', async () => {
    await expect(composeTunes(composer, opts({ title: 'Ünder' }))).rejects.toThrow(/title uses characters the model does not know: "Ü"/);
  });
});
