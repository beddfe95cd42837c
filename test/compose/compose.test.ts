// composeTunes on a tiny random model: the attempt budget ends the run with a reason naming the
// commonest cause, progress events arrive, titles are folded to the vocabulary and what cannot be
// written is refused, the time budget and cancelling stop beam search inside a round, and runs
// repeat by seed. A composer loaded from a directory names its model by the folder's name, shape
// and step (what N: lines and book headers print), never by a path.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend.js';
import { checkComposeOptions, composeTunes, type ComposeEvent, type Composer, loadComposer, OptionError } from '../../src/compose/compose.js';
import { saveModel } from '../../src/model/model-dir.js';
import { initParams } from '../../src/model/params.js';
import { settingsLine } from '../../src/tunebook/format.js';
import { table, tinyNet, vocab } from '../sample/tiny-net.js';
import { AS_WRITTEN } from '../../src/abc/text-format.js';

let composer: Composer;
beforeAll(async () => {
  await selectBackend('wasm');
  composer = { dir: 'tiny', model: 'tiny (2x16 lstm)', network: tinyNet(), table, backend: 'wasm', format: AS_WRITTEN };
});

// The budgets are what these cases test: without the guides the tiny untrained model writes no valid tune.
const opts = (extra: object) => checkComposeOptions({ tunes: 2, seed: 3, maxAttempts: 4, title: 'a', meter: '4/4', key: 'G', barGuide: false, ...extra });

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
  it('folds a title to the vocabulary, and refuses what still cannot be written', async () => {
    const texts: string[] = [];
    await composeTunes(composer, opts({ title: 'Rêel Jíg', maxAttempts: 1 }), (e) => e.type === 'attempt' && texts.push(e.text ?? ''));
    expect(texts[0]).toMatch(/^T:Reel Jig\n/);
    await expect(composeTunes(composer, opts({ title: 'Ünder' }))).rejects.toThrow(/title uses characters the model does not know: "U" "n"/);
    await expect(composeTunes(composer, opts({ title: 'a\u2603' }))).rejects.toThrow(OptionError);
  });
  it('checks its time budget inside beam search, keeping what finished (10 tunes x beam 32, 0.5 s)', async () => {
    const cpu = process.cpuUsage(); // CPU time: steadier than wall time beside a training run
    const r = await composeTunes(composer, opts({ tunes: 10, beam: 32, maxSeconds: 0.5, maxAttempts: 100 }));
    expect((process.cpuUsage(cpu).user) / 1e6).toBeLessThan(3); // a whole round took minutes
    expect(r.complete).toBe(false);
    expect(r.reason).toMatch(/^time budget of 0.5 s ran out/);
  });
  it('stops at once when cancelled, saying so', async () => {
    let asked = 0;
    const r = await composeTunes(composer, opts({ tunes: 2, beam: 4, maxAttempts: 100 }), undefined, () => ++asked > 20);
    expect(r.reason).toMatch(/^cancelled: /);
    expect(asked).toBeLessThan(30);
  });
  it('names the commonest cause when the budget runs out', async () => {
    const r = await composeTunes(composer, opts({ maxAttempts: 3 }));
    expect(r.reason).toMatch(/^attempt budget of 3 ran out: 0 of 2 tunes; [23] of 3 attempts were invalid: /); // the commonest of the causes
  });
});

describe('the model\'s name in N: lines', () => {
  it('is the folder name, shape and step, never the path it was loaded from', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'compose-name-'));
    try {
      const model = { cell: 'lstm' as const, layers: 2, hidden: 16, dropout: 0 };
      const dir = join(tmp, 'reels');
      await saveModel({ dir, model, vocab, params: initParams(model, vocab.tokens.length, 1), step: 120 });
      const loaded = await loadComposer(dir, { backend: 'wasm' });
      expect(loaded.model).toBe('reels, 2x16 lstm, step 120');
      const line = settingsLine({ model: loaded.model, seed: 5 }, checkComposeOptions({ seed: 5 }));
      expect(line).toBe('composed by folk-lstm: model reels, 2x16 lstm, step 120, seed 5, temperature 1');
      expect(line).not.toContain(tmp);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
