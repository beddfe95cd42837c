// Faster Slice and SplitV kernels for the tfjs wasm backend. The stock kernels read the whole
// source tensor out of the wasm heap (a full copy) for every slice, so cutting a [T*B, 4H]
// projection into T steps cost T full copies. These read through a view of the heap; any
// case they do not cover falls through to the stock kernel.
import * as tf from '@tensorflow/tfjs-core';

interface WasmBackendLike {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(id: object): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: string): tf.TensorInfo;
}

function heapView(backend: WasmBackendLike, info: tf.TensorInfo, size: number): Float32Array | Int32Array {
  const { memoryOffset } = backend.dataIdMap.get(info.dataId);
  const Ctor = info.dtype === 'int32' ? Int32Array : Float32Array;
  return new Ctor(backend.wasm.HEAPU8.buffer as ArrayBuffer, memoryOffset, size);
}

/** Installs the fast Slice kernel for the wasm backend. */
function installSlice(): void {
  const stock = tf.getKernel('Slice', 'wasm');
  if (!stock || (stock as { fast?: boolean }).fast) return;
  const kernelFunc: tf.KernelFunc = (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const { begin, size } = args.attrs as unknown as { begin: number[]; size: number[] };
    const [b, s] = tf.slice_util.parseSliceParams(x as tf.TensorInfo & { shape: number[] } as never, begin, size);
    if ((x.dtype !== 'float32' && x.dtype !== 'int32') || x.shape.length > 2) return stock.kernelFunc(args);
    const backend = args.backend as unknown as WasmBackendLike;
    const out = backend.makeOutput(s, x.dtype); // may grow the heap: take views after this
    const cols = x.shape.length === 2 ? x.shape[1] : 1;
    const rowLen = x.shape.length === 2 ? s[1] : s[0];
    const rows = x.shape.length === 2 ? s[0] : 1;
    const src = heapView(backend, x, x.shape.reduce((p, d) => p * d, 1));
    const dst = heapView(backend, out, rows * rowLen);
    const colStart = x.shape.length === 2 ? b[1] : b[0];
    const rowStart = x.shape.length === 2 ? b[0] : 0;
    for (let r = 0; r < rows; r++) {
      const from = (rowStart + r) * cols + colStart;
      dst.set(src.subarray(from, from + rowLen), r * rowLen);
    }
    return out;
  };
  tf.unregisterKernel('Slice', 'wasm');
  tf.registerKernel({ ...stock, kernelFunc, fast: true } as tf.KernelConfig);
}

/** Installs a SplitV kernel for 2-D (or axis-0) splits that copies through heap views. */
function installSplit(): void {
  const stock = tf.getKernel('SplitV', 'wasm');
  if (!stock || (stock as { fast?: boolean }).fast) return;
  const kernelFunc: tf.KernelFunc = (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const { numOrSizeSplits, axis } = args.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number };
    const ax = axis < 0 ? axis + x.shape.length : axis;
    if ((ax !== 0 && x.shape.length !== 2) || (x.dtype !== 'float32' && x.dtype !== 'int32')) return stock.kernelFunc(args);
    const backend = args.backend as unknown as WasmBackendLike;
    // View x as [rows, cols] and cut along the columns: axis 0 is one row of everything.
    const total = x.shape.reduce((p, d) => p * d, 1);
    const rows = ax === 0 ? 1 : x.shape[0];
    const unit = ax === 0 ? total / x.shape[0] : 1;
    const sizes = tf.backend_util.prepareSplitSize(x as never, numOrSizeSplits, ax) as number[];
    const outs = sizes.map((n) => backend.makeOutput(x.shape.map((d, i) => (i === ax ? n : d)), x.dtype));
    const src = heapView(backend, x, total);
    const cols = total / rows;
    let col = 0;
    outs.forEach((out, i) => {
      const width = sizes[i] * unit;
      const dst = heapView(backend, out, rows * width);
      for (let r = 0; r < rows; r++) dst.set(src.subarray(r * cols + col, r * cols + col + width), r * width);
      col += width;
    });
    return outs;
  };
  tf.unregisterKernel('SplitV', 'wasm');
  tf.registerKernel({ ...stock, kernelFunc, fast: true } as tf.KernelConfig);
}

/** Installs the faster kernels once, after the wasm backend is ready. */
export function installWasmKernels(): void {
  installSlice();
  installSplit();
}
