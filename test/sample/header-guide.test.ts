// Constrained decoding of the header: requested fields are forced, the rest left to the model.
import { Lexicon } from '../../src/sample/title-lexicon.js';
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
    expect(guideNext('T:', {}).ban).toContain('\n');
    expect(guideNext('T:Th', {}).force).toBeUndefined();
    expect(guideNext('T:Th', {}).noEnd).toBe(true);
  });
  it('forces a requested title, meter and key', () => {
    const c = { title: 'The Lark', meter: '6/8', key: 'Ador' };
    expect(forceRun('', c)).toBe('T:The Lark\nM:6/8\nL:');
    const r = 'T:The Lark\nM:6/8\nL:1/8\n';
    expect(forceRun(r, c)).toBe(r + 'K:Ador\n');
    expect(forceRun(r, {})).toBe(r + 'K:');
  });
  it('lets the model write the title before a forced meter', () => {
    expect(forceRun('T:', { meter: '3/4' })).toBe('T:');
    expect(forceRun('T:Waltz\n', { meter: '3/4' })).toBe('T:Waltz\nM:3/4\nL:');
  });
  it('forces the primer after K: and forbids ending before the body', () => {
    const h = 'T:a\nM:4/4\nL:1/8\nK:Gmaj\n';
    expect(forceRun(h, { prime: '|:GABc' })).toBe(h + '|:GABc');
    expect(guideNext(h, {}).noEnd).toBe(true);
    expect(guideNext(h + 'G|A|B|', {}).noEnd).toBe(true);
    expect(guideNext(h + 'G|A|B|c|', {}).noEnd).toBe(false);
  });
  it('keeps the body to normal-form characters outside inline fields', () => {
    const h = 'T:a\nM:4/4\nL:1/8\nK:Gmaj\nG|A|B|c|';
    const accepts = (text: string, chars: string) => chars.split('').filter((ch) => guideNext(text, {}).accept?.(ch) ?? true);
    expect(accepts(h, 'Gz2|[ "~xT.')).toEqual(['G', 'z', '2', '|', '[']);
    expect(accepts(h + '[', 'KMceg')).toEqual(['K', 'M', 'c', 'e', 'g']);
    expect(accepts(h + '[K:Dm', 'ajx')).toEqual(['a', 'j', 'x']);
    expect(accepts(h + '[ce', 'gKx]')).toEqual(['g', ']']);
  });
  it('keeps unrequested fields within the normal form grammar', () => {
    const accepts = (text: string, chars: string) => chars.split('').filter((ch) => guideNext(text, {}).accept?.(ch));
    expect(accepts('T:a\nM:', '06/x\n')).toEqual(['6']);
    expect(accepts('T:a\nM:6', '08/\n')).toEqual(['/']);
    expect(accepts('T:a\nM:1', '068/\n')).toEqual(['0', '6', '/']);
    expect(accepts('T:a\nM:6/', '0123468\n')).toEqual(['1', '2', '4', '8']);
    expect(accepts('T:a\nM:6/1', '06/\n')).toEqual(['6', '\n']);
    expect(accepts('T:a\nM:6/8\nL:1/', '12348\n')).toEqual(['1', '2', '3', '4', '8']);
    expect(accepts('T:a\nM:6/8\nL:1/8\nK:', 'AHa#')).toEqual(['A']);
    expect(accepts('T:a\nM:6/8\nL:1/8\nK:F#', 'mdx\n')).toEqual(['m', 'd']);
    expect(accepts('T:a\nM:6/8\nL:1/8\nK:F#mi', 'nx\n')).toEqual(['n', 'x']);
    expect(accepts('T:a\nM:6/8\nL:1/8\nK:F#min', 'n\n')).toEqual(['\n']);
  });
  it('finds the end of the header', () => {
    expect(headerEnd('T:a\nM:4/4\nL:1/8\nK:G')).toBe(-1);
    expect(headerEnd('T:a\nM:4/4\nL:1/8\nK:G\nabc')).toBe(20);
  });
});

describe('titles within a lexicon', () => {
  const lexicon = new Lexicon(['the', 'lark', 'morning']);
  const allows = (text: string, ch: string) => guideNext(text, { lexicon }).accept!(ch);
  it('lets the model write only lexicon words in a title it chooses', () => {
    expect(allows('T:The La', 'r')).toBe(true);
    expect(allows('T:The La', 'x')).toBe(false);
    expect(allows('T:The Lar', ' ')).toBe(false);
    expect(allows('T:The Lark', '\n')).toBe(true);
    expect(allows('T:', ' ')).toBe(false);
  });
  it('leaves a requested title alone', () => {
    expect(guideNext('T:Zq', { title: 'Zqx', lexicon }).force).toBe('x');
  });
});
