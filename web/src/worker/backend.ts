// The page's TensorFlow.js backend, chosen in the worker: wasm (the default: the same kernels as
// the command line, so the same seed gives the same tunes) or WebGL. The wasm package is a chunk
// loaded when asked for, its binaries fetched from `wasmBase` (the build copies them into tfjs/);
// WebGL comes with the tfjs union package, which src/model/ops.ts imports for its gradients.
import * as tf from '@tensorflow/tfjs-core';
import { installWasmKernels } from '../../../src/model/wasm-kernels.js';

export type PageBackend = 'wasm' | 'webgl';
export const PAGE_BACKENDS: readonly PageBackend[] = ['wasm', 'webgl'];

/** Makes `name` the current tfjs backend (registering it on first use); throws when it cannot start. */
export async function startBackend(name: PageBackend, wasmBase: string): Promise<void> {
  if (tf.getBackend() === name) return;
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(wasmBase);
  } else {
    await import('@tensorflow/tfjs-backend-webgl');
  }
  if (!(await tf.setBackend(name))) throw new Error(`${name} is not available in this browser`);
  await tf.ready();
  if (name === 'wasm') installWasmKernels();
}
