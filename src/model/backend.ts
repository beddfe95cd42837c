// Chooses the TensorFlow.js backend: the one place in the project that does.
// auto: tfjs-node-gpu if it loads and sees a GPU, else tfjs-node (native CPU), else wasm.
// tfjs-node(-gpu) are optional dependencies: their install downloads libtensorflow and is
// skipped where that fails, so every native path is tried with a dynamic import.
import * as tf from '@tensorflow/tfjs-core';
import { installWasmKernels } from './wasm-kernels.js';

export type BackendName = 'auto' | 'gpu' | 'cpu' | 'wasm';
export const BACKENDS: readonly BackendName[] = ['auto', 'gpu', 'cpu', 'wasm'];

/** What was selected: the name asked for and the tfjs backend actually running. */
export interface BackendInfo {
  requested: BackendName;
  /** 'gpu' (tfjs-node-gpu), 'cpu' (tfjs-node) or 'wasm'. */
  active: 'gpu' | 'cpu' | 'wasm';
}

async function tryImport(name: string): Promise<boolean> {
  try {
    await import(name);
    return true;
  } catch {
    return false;
  }
}

/** True when the tensorflow backend of tfjs-node-gpu reports a CUDA build with a visible device. */
function gpuVisible(): boolean {
  const env = tf.env() as unknown as { getBool?: (flag: string) => boolean };
  try {
    return tf.getBackend() === 'tensorflow' && Boolean(env.getBool?.('IS_NODE')) && process.env.CUDA_VISIBLE_DEVICES !== '-1';
  } catch {
    return false;
  }
}

async function useWasm(): Promise<void> {
  await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend('wasm'))) throw new Error('backend: the wasm backend failed to initialise');
  await tf.ready();
  installWasmKernels();
}

/** Resolves the backend name from a flag or TFJS_BACKEND, checks it and initialises tfjs. */
export async function selectBackend(requested: string | undefined = process.env.TFJS_BACKEND): Promise<BackendInfo> {
  const name = (requested ?? 'auto') as BackendName;
  if (!BACKENDS.includes(name)) throw new Error(`backend: unknown backend "${requested}" (use ${BACKENDS.join(', ')})`);
  if (name === 'wasm') {
    await useWasm();
    return { requested: name, active: 'wasm' };
  }
  if (name === 'gpu' || name === 'auto') {
    if ((await tryImport('@tensorflow/tfjs-node-gpu')) && (await tf.setBackend('tensorflow')) && gpuVisible()) {
      return { requested: name, active: 'gpu' };
    }
    if (name === 'gpu') throw new Error('backend: gpu needs @tensorflow/tfjs-node-gpu and a CUDA GPU; neither is usable here (try --backend wasm)');
  }
  if ((await tryImport('@tensorflow/tfjs-node')) && (await tf.setBackend('tensorflow'))) {
    return { requested: name, active: 'cpu' };
  }
  if (name === 'cpu') throw new Error('backend: cpu needs @tensorflow/tfjs-node, which is not installed (its install downloads libtensorflow); try --backend wasm');
  await useWasm();
  return { requested: name, active: 'wasm' };
}
