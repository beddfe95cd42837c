// The validator agrees with abc2midi on composed tunes: tunes composed with the shipped model
// (models/default, bar guide on, as compose runs by default) are each abc2midi-clean (no error,
// no bar-length warning but a short pickup "in repeat"), and replayed through the guides none
// of them needed the bar guide's fallback. AGREE_TUNES=N composes another number (default 20).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkComposeOptions, type Composer, composeTunes, disposeComposer, loadComposer } from '../../src/compose/compose.js';
import { checkWithAbc2midi, hasAbc2midi } from '../helpers/abc2midi.js';
import { replayGuide } from '../helpers/guide-replay.js';
import { GUIDE_CHARS } from '../helpers/guide-walk.js';

const MODEL = join(import.meta.dirname, '..', '..', 'models', 'default');
const TUNES = Number(process.env.AGREE_TUNES ?? 20);
let composer: Composer;
beforeAll(async () => {
  composer = await loadComposer(MODEL, { backend: 'wasm' });
}, 60_000);
afterAll(() => composer && disposeComposer(composer));

describe.skipIf(!hasAbc2midi())('composed tunes and abc2midi', () => {
  it(`${TUNES} tunes from the shipped model are abc2midi-clean and never cornered the guide`, async () => {
    const opts = checkComposeOptions({ tunes: TUNES, maxAttempts: 3 * TUNES, seed: 7, allowCopies: true, maxSeconds: 600 });
    const r = await composeTunes(composer, opts);
    expect(r.tunes.length).toBe(TUNES);
    const text = r.tunes.map((t) => t.abc).join('\n');
    const unclean = checkWithAbc2midi(text).filter((t) => t.problems.length > 0);
    expect(unclean.map((t) => `${t.problems[0].message}\n${r.tunes[t.index].abc}`)).toEqual([]);
    for (const t of r.tunes) {
      const body = t.abc.replace(/^X:[^\n]*\n/, '');
      expect(replayGuide(body, GUIDE_CHARS, 8).corners, body).toBe(0);
    }
  }, 600_000);
});
