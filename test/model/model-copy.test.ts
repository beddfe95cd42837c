// The stored forms of a model's weights (src/model/quantize.ts, model-copy.ts): float16 rounds
// to nearest even and round-trips every half; a float16 or 8-bit copy loads through the same
// reader as the original (model-bytes.ts) with its weights within the form's step, keeps its
// step and text form, and a short or mismatched weights file is named.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelCopy } from '../../src/model/model-copy.js';
import { loadModel, saveModel } from '../../src/model/model-dir.js';
import { initParams } from '../../src/model/params.js';
import { fromHalf, toHalf } from '../../src/model/quantize.js';
import { describeModel } from '../../src/model/model-bytes.js';
import { vocab } from '../sample/tiny-net.js';

const tmp = mkdtempSync(join(tmpdir(), 'model-copy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('float16', () => {
  it('round-trips every half and rounds to nearest even', () => {
    for (let h = 0; h < 0x10000; h++) if (!Number.isNaN(fromHalf(h))) expect(toHalf(fromHalf(h))).toBe(h);
    expect(toHalf(1 + 2 ** -11)).toBe(0x3c00); // a tie goes to the even neighbour
    expect(toHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(fromHalf(toHalf(1e6))).toBe(Infinity);
    expect(fromHalf(toHalf(2 ** -25))).toBe(0); // a tie between 0 and the least subnormal
  });
});

describe('a stored copy of a model', () => {
  const model = { cell: 'lstm' as const, layers: 2, hidden: 16, dropout: 0 };
  const params = initParams(model, vocab.tokens.length, 5);
  const source = join(tmp, 'source');
  it.each([['float16', 2 ** -11], ['uint8', 1 / 255]] as const)('%s loads back within its step', async (dtype, step) => {
    await saveModel({ dir: source, model, vocab, params, step: 42, text: { tonic: 'C', tonics: { maj: { D: 3 } } } });
    const original = await loadModel(source);
    const out = join(tmp, dtype);
    rmSync(out, { recursive: true, force: true });
    const files = modelCopy(original, dtype);
    mkdirSync(out);
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(out, name), bytes);
    const copy = await loadModel(out);
    const weights = Object.keys(files).find((n) => n.endsWith('.bin'))!;
    const bytesPer = dtype === 'float16' ? 2 : 1;
    expect(files[weights].length).toBe(Object.values(params).reduce((n, p) => n + p.length, 0) * bytesPer);
    for (const [name, p] of Object.entries(params)) {
      const range = Math.max(...p.map(Math.abs), 1e-9) * 2;
      p.forEach((v, i) => expect(Math.abs(copy.params[name][i] - v)).toBeLessThanOrEqual(range * step));
    }
    expect(describeModel('copy', copy.manifest)).toBe('copy, 2x16 lstm, step 42');
    expect(copy.manifest.text).toEqual(original.manifest.text);
    expect(copy.manifest.training).toEqual({ step: 42 });
    writeFileSync(join(out, weights), files[weights].subarray(0, 100));
    await expect(loadModel(out)).rejects.toThrow(new RegExp(`${weights} holds 100 bytes but the manifest needs`));
  });
});
