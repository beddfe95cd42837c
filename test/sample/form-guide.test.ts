// The form guide and its plans: plan names; hand-made tunes that follow a plan or not (an AABB
// jig with a pickup and short last bars, a reel with first and second endings, an AB tune, a
// 9-bar fragment, a tune ending off the tonic); the corpus's tunes mostly follow a plan; and
// random walks through the bar and form guides (any allowed character, chosen at random) give,
// where the form guide held, a tune that plays a whole number of 8-bar phrases
// and ends on the tonic. The form gives way to the bar guide alone when it would refuse every
// character: random choices corner it in about 2 walks in 5 (a pickup of more than half a bar
// before `|:`, endings chosen at random), tunes the model samples in 2 of 119.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { applyBarGuide, trackBars } from '../../src/sample/bar-guide.js';
import { drawForm, FORM_SHARES, formChooser, formName, parseForm } from '../../src/sample/form-plan.js';
import { followsForm, formOfTune } from '../../src/sample/form-fit.js';
import { measureTune } from '../../src/music/measure.js';
import { Rng } from '../../src/model/rng.js';
import { splitTunes } from '../../src/abc/read.js';
import { modelText } from '../../src/abc/tune-text.js';

const head = (meter: string, unit: string, key = 'Gmaj') => `T:x\nM:${meter}\nL:${unit}\nK:${key}\n`;
const plan = (name: string) => parseForm(name)!;

describe('form plans', () => {
  it('reads names: doubled letters repeat, a colon gives the bars of the parts', () => {
    expect(plan('AABB').parts).toEqual([{ repeat: true, bars: 8 }, { repeat: true, bars: 8 }]);
    expect(plan('AB').parts).toEqual([{ repeat: false, bars: 8 }, { repeat: false, bars: 8 }]);
    expect(plan('AABB:4,8').parts).toEqual([{ repeat: true, bars: 4 }, { repeat: true, bars: 8 }]);
    expect(plan('AABC:4').parts.map((p) => p.repeat)).toEqual([true, false, false]);
    for (const bad of ['ABA', 'BA', 'AAAB', 'AB:4', 'AB:5', 'A', 'AABB:4,8,8', 'aabb', '']) expect(parseForm(bad)).toBeNull();
    expect(formName([true, true])).toBe('AABB');
    expect(formName([true, false], [4, 8])).toBe('AAB:4,8');
  });
  it('draws plans in the shares given, and the same plan for the same header and seed', () => {
    const counts: Record<string, number> = {};
    const rng = new Rng(5);
    for (let i = 0; i < 4000; i++) {
      const name = drawForm(rng.next()).name;
      counts[name] = (counts[name] ?? 0) + 1;
    }
    const total = Object.values(FORM_SHARES).reduce((a, b) => a + b, 0);
    expect(counts.AABB / 4000).toBeCloseTo(FORM_SHARES.AABB / total, 1);
    const choose = formChooser('auto', 7)!;
    expect(choose(head('6/8', '1/8'))).toEqual(choose(head('6/8', '1/8')));
    expect(formChooser('off', 7)).toBeUndefined();
    expect(formChooser('AB', 7)!('')!.name).toBe('AB');
  });
});

describe('following a plan', () => {
  const jig = head('6/8', '1/8') + 'D|GAG GBd|edB dBG|AGA BAG|ABA AGE|\nGAG GBd|edB dBG|AGA BAG|AGF G2:|\nd|gfg dBG|gfg age|dcB cBA|BAG AFD|\ngfg dBG|gfg age|dcB AGF|AGF G2:|\n';
  it('an AABB jig with pickups and short last bars, ending on the tonic', () => {
    const t = jig.replace(/ /g, '');
    expect(followsForm(t, plan('AABB'), true)).toBe(true);
    expect(followsForm(t, plan('AB'))).toBe(false);
    expect(formOfTune(t, true)?.name).toBe('AABB');
  });
  it('a tune ending off the tonic follows the plan only when the tonic is not asked', () => {
    const t = jig.replace(/ /g, '').replace(/AGFG2:\|\n$/, 'AGFA2:|\n');
    expect(t).not.toBe(jig.replace(/ /g, ''));
    expect(followsForm(t, plan('AABB'), false)).toBe(true);
    expect(followsForm(t, plan('AABB'), true)).toBe(false);
  });
  it('a reel with first and second endings', () => {
    const t = head('4/4', '1/8', 'Dmaj') + '|:DFAF DFAF|GBdB GBdB|AFAF DFAF|1EFGA BAGF:|2EFGE D4|:\ndfaf dfaf|gbag fedB|AFAF DFAF|1EFGA BAGF:|2EFGE D4|]\n';
    expect(followsForm(t.replace(/ /g, ''), plan('AABB:4'), true)).toBe(true);
    expect(followsForm(t.replace(/ /g, ''), plan('AABB'), true)).toBe(false);
  });
  it('a 9-bar fragment follows no plan', () => {
    const t = head('4/4', '1/8') + 'GABc dBAG|GABc dBAG|GABc dBAG|GABc dBAG|\nGABc dBAG|GABc dBAG|GABc dBAG|GABc dBAG|G8|]\n';
    expect(formOfTune(t.replace(/ /g, ''))).toBeNull();
  });
});

describe('the corpus', () => {
  const file = 'corpus-abc/train.abc';
  it.runIf(existsSync(file))('most training tunes follow a plan (three in four of the whole corpus; scripts/form-shares.ts)', () => {
    const tunes = splitTunes(readFileSync(file, 'utf8')).filter((_, i) => i % 12 === 0).map((t) => modelText(t.text));
    const followed = tunes.filter((t) => formOfTune(t) !== null).length;
    expect(followed / tunes.length).toBeGreaterThan(0.65);
  }, 120_000);
});

// Notes, rests, accidentals, lengths and bar lines (chords, tuplets, ties, broken rhythm and
// octave marks chosen at random corner the form guide more often still).
const CHARS = ['<bos>', '<eos>', '<unk>', ...'\n/0123456789:ABCDEFG]^_=abcdefgz|'];

/** A tune from random choices among the characters the guides allow; null when it runs over `cap` characters. */
function randomWalk(rng: Rng, header: string, name: string, cap = 2000): { text: string; gaveWay: boolean } | null {
  const choose = () => parseForm(name);
  let text = header;
  let gaveWay = false;
  let memo = trackBars(undefined, text, undefined, choose);
  for (let i = 0; i < cap; i++) {
    const form = memo!.form;
    const g = applyBarGuide({ noEnd: false }, memo!.state, CHARS, false, form);
    const allowed = CHARS.slice(3).filter((c) => !g.accept || g.accept(c));
    // The end, when allowed, half the time; a form guide that gave way lets it come early.
    if (!g.noEnd && (allowed.length === 0 || rng.next() < 0.5)) return { text, gaveWay: gaveWay || !followsForm(text, choose()!, true) };
    if (allowed.length === 0) return null;
    // Bar lines and endings are rare among the characters: give them a fair chance.
    const bars = allowed.filter((c) => '|:]12'.includes(c));
    const pool = bars.length > 0 && rng.next() < 0.3 ? bars : allowed;
    text += pool[rng.int(pool.length)];
    memo = trackBars(memo, text, undefined, choose);
    if (form && !memo!.form) gaveWay = true;
  }
  return null;
}

describe('random walks through the guides', () => {
  const headers = [head('6/8', '1/8'), head('4/4', '1/8', 'Dmix'), head('3/4', '1/4', 'Ador'), head('2/4', '1/16', 'F#min'), head('9/8', '1/8', 'Bbmaj')];
  it('where the form holds (three walks in five), give tunes of whole 8-bar phrases ending on the tonic', () => {
    const rng = new Rng(2026);
    let walks = 0;
    let gaveWay = 0;
    for (let i = 0; i < 60; i++) {
      const name = ['AABB', 'AB', 'AABBCC', 'AABB:4', 'AABC:4', 'AABB:4,8'][i % 6];
      const walk = randomWalk(rng, headers[i % headers.length], name);
      if (!walk) continue;
      walks++;
      const tune = `X:1\n${walk.text}`;
      if (walk.gaveWay) {
        gaveWay++; // the bar guide alone: its own property test covers these
        continue;
      }
      const m = measureTune(tune);
      expect(m?.regular, tune).toBe(true);
      expect(m?.tonicEnd, tune).toBe(true);
    }
    expect(walks).toBeGreaterThan(40);
    expect(gaveWay / walks).toBeLessThan(0.5);
  }, 120_000);
});
