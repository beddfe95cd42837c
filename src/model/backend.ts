// Chooses the TensorFlow.js backend: the one place in the project that does.
// auto: tfjs-node-gpu if TensorFlow reports a GPU device, else tfjs-node (native CPU), else wasm.
// tfjs-node(-gpu) are optional dependencies: their install downloads libtensorflow and is
// skipped where that fails, so each is tried with a dynamic import. 'gpu' is claimed only when
// the native backend says TensorFlow placed its ops on a GPU (`isUsingGpuDevice`); every option
// passed over is said in one line (not installed, addon or CUDA libraries missing, no GPU
// device), and a package that is installed but fails to load is reported even under auto.
import * as tf from '@tensorflow/tfjs-core';
import { createRequire } from 'node:module';
import { installWasmKernels } from './wasm-kernels.js';

export type BackendName = 'auto' | 'gpu' | 'cpu' | 'wasm';
export const BACKENDS: readonly BackendName[] = ['auto', 'gpu', 'cpu', 'wasm'];
export const GPU_PACKAGE = '@tensorflow/tfjs-node-gpu';
export const CPU_PACKAGE = '@tensorflow/tfjs-node';
/** What tfjs-node-gpu 4.22 runs on: its libtensorflow 2.9.1 is built for these. */
export const GPU_NEEDS = 'an NVIDIA driver with CUDA 11.2 and cuDNN 8.1 libraries on the library path';

/** What was selected: the name asked for, the backend running, and why the ones before it were passed over. */
export interface BackendInfo {
  requested: BackendName;
  /** 'gpu' (tfjs-node-gpu on a GPU), 'cpu' (TensorFlow's native CPU kernels) or 'wasm'. */
  active: 'gpu' | 'cpu' | 'wasm';
  /** One line per option passed over, e.g. "@tensorflow/tfjs-node-gpu is not installed". */
  passedOver: string[];
}

/** What selection needs from the machine; tests pass stand-ins. */
export interface BackendHost {
  /** Whether the package can be found at all. */
  installed(pkg: string): boolean;
  /** Imports the package and makes its TensorFlow backend current; true when TensorFlow uses a GPU. Throws if it cannot load. */
  startNative(pkg: string): Promise<{ gpuDevice: boolean }>;
  startWasm(): Promise<void>;
  /** Reports an installed native package that failed to load. */
  warn(line: string): void;
}

/** One line saying why a native package that is installed could not be used. */
export function explainLoadFailure(pkg: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const lib = /(lib[\w.+-]+\.so[\w.]*): cannot open shared object file/.exec(message)?.[1];
  if (lib && /^lib(cu|nv)/.test(lib)) return `${pkg} is installed but CUDA libraries are missing (${lib}); it needs ${GPU_NEEDS}`;
  if (lib) return `${pkg} is installed but cannot load ${lib} (its libtensorflow download failed? npm rebuild ${pkg})`;
  if (/tfjs_binding\.node\) can not be found|tfjs_binding\.node/.test(message)) {
    return `${pkg} is installed without its native addon (libtensorflow could not be downloaded at install; npm rebuild ${pkg})`;
  }
  return `${pkg} is installed but failed to load: ${message.split('\n')[0]}`;
}

const realHost: BackendHost = {
  installed(pkg) {
    try {
      createRequire(import.meta.url).resolve(pkg);
      return true;
    } catch {
      return false;
    }
  },
  async startNative(pkg) {
    await import(pkg);
    if (!(await tf.setBackend('tensorflow'))) throw new Error('the tensorflow backend failed to initialise');
    // NodeJSKernelBackend reads isUsingGpuDevice from the binding: true when TensorFlow listed a GPU device
    return { gpuDevice: (tf.backend() as unknown as { isUsingGpuDevice?: boolean }).isUsingGpuDevice === true };
  },
  async startWasm() {
    await import('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend('wasm'))) throw new Error('backend: the wasm backend failed to initialise');
    await tf.ready();
    installWasmKernels();
  },
  warn: (line) => process.stderr.write(`backend: ${line}\n`),
};

/** Starts `pkg`, or says in one line why it cannot run (reporting a failed load of an installed package). */
async function tryNative(pkg: string, host: BackendHost): Promise<{ gpuDevice: boolean } | string> {
  if (!host.installed(pkg)) return `${pkg} is not installed`; // npm skips it where libtensorflow cannot be downloaded
  try {
    return await host.startNative(pkg);
  } catch (err) {
    const why = explainLoadFailure(pkg, err);
    host.warn(why);
    return why;
  }
}

/** Resolves the backend name from a flag or TFJS_BACKEND, checks it and initialises tfjs. */
export async function selectBackend(requested: string | undefined = process.env.TFJS_BACKEND, host: BackendHost = realHost): Promise<BackendInfo> {
  const name = (requested ?? 'auto') as BackendName;
  if (!BACKENDS.includes(name)) throw new Error(`backend: unknown backend "${requested}" (use ${BACKENDS.join(', ')})`);
  const passedOver: string[] = [];
  if (name === 'gpu' || name === 'auto') {
    const gpu = await tryNative(GPU_PACKAGE, host);
    if (typeof gpu !== 'string' && gpu.gpuDevice) return { requested: name, active: 'gpu', passedOver };
    const why = typeof gpu === 'string' ? gpu : `${GPU_PACKAGE} loaded but TensorFlow found no GPU device (it needs ${GPU_NEEDS})`;
    if (name === 'gpu') throw new Error(`backend: gpu is not available: ${why}; try --backend cpu or wasm`);
    passedOver.push(why);
    // loaded without a GPU, TensorFlow runs on the CPU: that is the native cpu backend
    if (typeof gpu !== 'string') return { requested: name, active: 'cpu', passedOver };
  }
  if (name === 'cpu' || name === 'auto') {
    const cpu = await tryNative(CPU_PACKAGE, host);
    if (typeof cpu !== 'string') return { requested: name, active: 'cpu', passedOver };
    if (name === 'cpu') throw new Error(`backend: cpu is not available: ${cpu}; try --backend wasm`);
    passedOver.push(cpu);
  }
  await host.startWasm();
  return { requested: name, active: 'wasm', passedOver };
}

/** One line for a command's output: "wasm (asked for auto; ...passed over)". */
export function describeBackend(info: BackendInfo): string {
  const why = info.passedOver.length ? `; ${info.passedOver.join('; ')}` : '';
  return `${info.active} (asked for ${info.requested}${why})`;
}
