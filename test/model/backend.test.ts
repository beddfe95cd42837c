// Backend selection: on this machine (no native packages) auto is wasm and says why, and gpu
// and cpu are one clear error each; with a stand-in host, gpu is claimed only when TensorFlow
// reports a GPU device, an installed package that fails to load is reported under auto, and
// the usual load failures are told apart in one line.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { type BackendHost, CPU_PACKAGE, describeBackend, explainLoadFailure, GPU_PACKAGE, selectBackend } from '../../src/model/backend.js';

const installedHere = (pkg: string) => {
  try {
    createRequire(import.meta.url).resolve(pkg);
    return true;
  } catch {
    return false;
  }
};
const nativeHere = installedHere(GPU_PACKAGE) || installedHere(CPU_PACKAGE);

/** A machine where each package is absent, fails to load with an error, or loads with or without a GPU. */
function host(packages: Record<string, 'absent' | Error | { gpuDevice: boolean }>) {
  const warnings: string[] = [];
  const started: string[] = [];
  const h: BackendHost = {
    installed: (pkg) => (packages[pkg] ?? 'absent') !== 'absent',
    startNative: async (pkg) => {
      const p = packages[pkg];
      if (p instanceof Error) throw p;
      started.push(pkg);
      return p as { gpuDevice: boolean };
    },
    startWasm: async () => void started.push('wasm'),
    warn: (line) => void warnings.push(line),
  };
  return { h, warnings, started };
}

const NO_ADDON = new Error(`The Node.js native addon module (tfjs_binding.node) can not be found at path: /x/node_modules/${GPU_PACKAGE}/lib/napi-v8/tfjs_binding.node. \nPlease run command 'npm rebuild'`);
const NO_CUDA = new Error('libcudart.so.11.0: cannot open shared object file: No such file or directory');

describe.skipIf(nativeHere)('selectBackend on a machine without the native packages', () => {
  it('takes wasm under auto and says why the native ones were passed over', async () => {
    const info = await selectBackend('auto');
    expect(info.active).toBe('wasm');
    expect(info.passedOver).toEqual([expect.stringMatching(/^@tensorflow\/tfjs-node-gpu is not installed/), expect.stringMatching(/^@tensorflow\/tfjs-node is not installed/)]);
    expect(describeBackend(info)).toBe('wasm (asked for auto; @tensorflow/tfjs-node-gpu is not installed; @tensorflow/tfjs-node is not installed)');
  });

  it('refuses gpu and cpu in one line that says why', async () => {
    await expect(selectBackend('gpu')).rejects.toThrow(/^backend: gpu is not available: @tensorflow\/tfjs-node-gpu is not installed; try --backend cpu or wasm$/);
    await expect(selectBackend('cpu')).rejects.toThrow(/^backend: cpu is not available: @tensorflow\/tfjs-node is not installed; try --backend wasm$/);
  });

  it('rejects an unknown backend by name', async () => {
    await expect(selectBackend('tpu')).rejects.toThrow(/unknown backend "tpu"/);
  });
});

describe('selectBackend with a stand-in machine', () => {
  it('claims gpu only when TensorFlow reports a GPU device', async () => {
    const withGpu = host({ [GPU_PACKAGE]: { gpuDevice: true } });
    expect(await selectBackend('gpu', withGpu.h)).toEqual({ requested: 'gpu', active: 'gpu', passedOver: [] });
    const noGpu = host({ [GPU_PACKAGE]: { gpuDevice: false } });
    await expect(selectBackend('gpu', noGpu.h)).rejects.toThrow(/tfjs-node-gpu loaded but TensorFlow found no GPU device \(it needs .*CUDA 11\.2 and cuDNN 8\.1/);
    const auto = await selectBackend('auto', host({ [GPU_PACKAGE]: { gpuDevice: false } }).h);
    expect(auto.active).toBe('cpu'); // TensorFlow on the CPU, through the GPU package
    expect(auto.passedOver).toEqual([expect.stringMatching(/found no GPU device/)]);
  });

  it('reports an installed package that fails to load under auto, and goes on', async () => {
    const m = host({ [GPU_PACKAGE]: NO_CUDA, [CPU_PACKAGE]: { gpuDevice: false } });
    const info = await selectBackend('auto', m.h);
    expect(info.active).toBe('cpu');
    expect(m.warnings).toEqual([`${GPU_PACKAGE} is installed but CUDA libraries are missing (libcudart.so.11.0); it needs an NVIDIA driver with CUDA 11.2 and cuDNN 8.1 libraries on the library path`]);
    expect(info.passedOver).toEqual(m.warnings);
    const both = host({ [GPU_PACKAGE]: NO_ADDON, [CPU_PACKAGE]: new Error('boom\nstack') });
    expect((await selectBackend('auto', both.h)).active).toBe('wasm');
    expect(both.warnings).toHaveLength(2);
    expect(both.started).toEqual(['wasm']);
  });

  it('says nothing on stderr when the packages are simply absent', async () => {
    const m = host({});
    expect((await selectBackend('auto', m.h)).active).toBe('wasm');
    expect(m.warnings).toEqual([]);
    expect(m.started).toEqual(['wasm']);
  });
});

describe('explainLoadFailure', () => {
  it('tells the usual failures apart in one line', () => {
    expect(explainLoadFailure(GPU_PACKAGE, NO_ADDON)).toBe(`${GPU_PACKAGE} is installed without its native addon (libtensorflow could not be downloaded at install; npm rebuild ${GPU_PACKAGE})`);
    expect(explainLoadFailure(GPU_PACKAGE, new Error('libcudnn.so.8: cannot open shared object file: No such file or directory'))).toMatch(/CUDA libraries are missing \(libcudnn\.so\.8\)/);
    expect(explainLoadFailure(CPU_PACKAGE, new Error('libtensorflow.so.2: cannot open shared object file: No such file or directory'))).toMatch(/cannot load libtensorflow\.so\.2/);
    expect(explainLoadFailure(CPU_PACKAGE, new Error('first line\nsecond line'))).toBe(`${CPU_PACKAGE} is installed but failed to load: first line`);
  });
});
