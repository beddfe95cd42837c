// Constrained decoding of the header: requested fields are forced, the rest left to the model.
import { describe, expect, it } from 'vitest';
import { guideNext, headerEnd } from '../../src/sample/header-guide.js';

/** Follows forced characters from `text` until the guide leaves a choice. */
function forceRun(text: string, c: Parameters<typeof guideNext>[1]): string {
  for (let g = guideNext(text, c); g.force !== undefined; g = guideNext(text, c)) text += g.force;
  return text;
}

describe('guideNext', () => {
  it('forces T: then leaves the title to the model, never empty', () => {
    expect(forceRun('', {})).toBe('T:');
    expect(guideNext('T:', {}).ban).toBe('\n');
    expect(guideNext('T:Th', {}).force).toBeUndefined();
    expect(guideNext('T:Th', {}).noEnd).toBe(true);
  });
  it('forces a requested title, meter and key', () => {
    const c = { title: 'The Lark', meter: '6/8', key: 'Ador' };
    expect(forceRun('', c)).toBe('T:The Lark\nM:6/8\nL:');
    const r = 'T:The Lark\nM:6/8\nL:1/8\n';
    expect(guideNext(r, c).only).toBe('RK');
    expect(forceRun(r + 'K', c)).toBe(r + 'K:Ador\n');
    expect(forceRun(r + 'R:jig\n', c)).toBe(r + 'R:jig\nK:Ador\n');
  });
  it('lets the model write the title before a forced meter', () => {
    expect(forceRun('T:', { meter: '3/4' })).toBe('T:');
    expect(forceRun('T:Waltz\n', { meter: '3/4' })).toBe('T:Waltz\nM:3/4\nL:');
  });
  it('forces the primer after K: and forbids ending before the body', () => {
    const h = 'T:a\nM:4/4\nL:1/8\nK:Gmaj\n';
    expect(forceRun(h, { prime: '|:GABc' })).toBe(h + '|:GABc');
    expect(guideNext(h, {}).noEnd).toBe(true);
    expect(guideNext(h + 'G', {})).toEqual({ noEnd: false });
  });
  it('finds the end of the header', () => {
    expect(headerEnd('T:a\nM:4/4\nL:1/8\nK:G')).toBe(-1);
    expect(headerEnd('T:a\nM:4/4\nL:1/8\nK:G\nabc')).toBe(20);
  });
});
