// Backend selection: auto falls back to wasm where the native packages are missing (as on the
// project's machines); asking for a backend that cannot run here is one clear error.
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend.js';

describe('selectBackend', () => {
  it('falls back to wasm under auto when tfjs-node cannot load', async () => {
    const info = await selectBackend('auto');
    expect(['wasm', 'cpu', 'gpu']).toContain(info.active);
    if (info.active === 'wasm') expect(info.requested).toBe('auto');
  });

  it('rejects an unknown backend by name', async () => {
    await expect(selectBackend('tpu')).rejects.toThrow(/unknown backend "tpu"/);
  });

  it('explains what gpu needs when it is not there', async () => {
    const gpu = await selectBackend('gpu').then((i) => i.active, (e: Error) => e.message);
    expect(gpu === 'gpu' || /tfjs-node-gpu/.test(gpu)).toBe(true);
  });
});
