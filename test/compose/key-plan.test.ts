// Keys for models that write in C: the forced key and prime move to C, finished tunes move to
// the wanted key (or a drawn one), and models that write in their own keys are left alone.
import { describe, expect, it } from 'vitest';
import { AS_WRITTEN, type TextFormat, drawTonic, keyBits, tonicProbability } from '../../src/abc/text-format.js';
import { planKey } from '../../src/compose/key-plan.js';

const C_FORMAT: TextFormat = { tonic: 'C', tonics: { maj: { D: 6, G: 3, A: 1 }, dor: { A: 1 } } };
const TUNE_IN_C = 'T:Test\nM:6/8\nL:1/8\nK:Cmaj\nGAB c2e|dcB c3|]\n';

describe('planKey', () => {
  it('is the identity for a model that writes each tune in its own key', () => {
    const plan = planKey(AS_WRITTEN, { key: 'Gmaj', prime: 'GAB' });
    expect(plan).toMatchObject({ key: 'Gmaj', prime: 'GAB' });
    expect(plan.written(TUNE_IN_C, 0.5)).toBe(TUNE_IN_C);
  });

  it('forces C in the wanted mode and moves the finished tune to the wanted key', () => {
    const plan = planKey(C_FORMAT, { key: 'Ador' });
    expect(plan.key).toBe('Cdor');
    expect(plan.written('T:x\nM:2/4\nL:1/8\nK:Cdor\nCD_EF|G2c2|]\n', 0)).toBe('T:x\nM:2/4\nL:1/8\nK:Ador\nA,B,=CD|E2A2|]\n');
  });

  it('moves a prime to C and the tune back by the same interval, so the typed notes stay', () => {
    const plan = planKey(C_FORMAT, { key: 'Dmaj', prime: 'd2f' });
    expect(plan.prime).toBe('c2e');
    expect(plan.written(TUNE_IN_C.replace('GAB c2e', 'c2e c2e'), 0)).toContain('K:Dmaj\nd2f d2f|');
  });

  it('draws the key as the corpus has them for the mode the model chose', () => {
    const plan = planKey(C_FORMAT, {});
    expect(plan.key).toBeUndefined();
    expect(plan.written(TUNE_IN_C, 0.05)).toContain('K:Amaj\n');
    expect(plan.written(TUNE_IN_C, 0.5)).toContain('K:Dmaj\n');
    expect(plan.written(TUNE_IN_C, 0.95)).toContain('K:Gmaj\n');
  });

  it('keeps a tune primed without a key in C', () => {
    expect(planKey(C_FORMAT, { prime: 'GAB' }).written(TUNE_IN_C, 0.5)).toBe(TUNE_IN_C);
  });
});

describe('tonic counts', () => {
  it('draws, scores and charges bits as counted, with add-half smoothing', () => {
    expect(drawTonic(C_FORMAT, 'maj', 0)).toBe('A');
    expect(tonicProbability(C_FORMAT, 'maj', 'D')).toBeCloseTo(6.5 / 18.5, 10);
    expect(keyBits(C_FORMAT, 'K:Dmaj\n')).toBeCloseTo(-Math.log2(6.5 / 18.5), 10);
    expect(keyBits(AS_WRITTEN, 'K:Dmaj\n')).toBe(0);
  });
});
