// Tensor operations whose gradients are written to suit the wasm backend.
// On wasm a matMul with transposeA/transposeB runs 10-40x slower than a plain one, so these
// gradients transpose explicitly; and wasm has no UnsortedSegmentSum, so the gradient of a
// row gather is a one-hot product instead. The sums done in plain JS on wasm are tensor ops
// on other backends, where a read back would stall the device.
import * as tf from '@tensorflow/tfjs-core';

/**
 * a [m,k] x b [k,n] whose gradient uses plain products only: da = dy x bT, db = aT x dy.
 * `bT` (b transposed) may be passed in when the same b is used many times, e.g. at every
 * time step. It is captured, not saved: the tape saves by copying, and a fresh copy each
 * step would also defeat the wasm backend's cache of packed matrices (4x slower products).
 * The caller keeps `bT` alive until the gradients are taken.
 */
export function matMul(a: tf.Tensor2D, b: tf.Tensor2D, bT?: tf.Tensor2D): tf.Tensor2D {
  const fn = tf.customGrad(((x: tf.Tensor, w: tf.Tensor, save: tf.GradSaveFunc) => {
    save(bT ? [x] : [x, tf.transpose(w)]);
    return {
      value: tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const sx = saved[0] as tf.Tensor2D;
        const swT = (bT ?? saved[1]) as tf.Tensor2D;
        return [tf.matMul(dy as tf.Tensor2D, swT), tf.matMul(tf.transpose(sx), dy as tf.Tensor2D)];
      },
    };
  }) as never) as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;
  return fn(a, b);
}

/** Column sums of a [N, C] matrix. On wasm a plain JS loop beats both tf.sum(axis 0) and ones x dy. */
function columnSum(dy: tf.Tensor2D): tf.Tensor1D {
  if (tf.getBackend() !== 'wasm') return tf.sum(dy, 0);
  const [rows, cols] = dy.shape;
  const d = dy.dataSync();
  const out = new Float32Array(cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) out[j] += d[base + j];
  }
  return tf.tensor1d(out);
}

/** x [N, D] x w [D, C] + b [C], differentiable with the wasm-friendly products. */
export function linear(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  const fn = tf.customGrad(((xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor, save: tf.GradSaveFunc) => {
    save([xi, tf.transpose(wi)]);
    return {
      value: tf.add(tf.matMul(xi as tf.Tensor2D, wi as tf.Tensor2D), bi),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, swT] = saved as tf.Tensor2D[];
        const g = dy as tf.Tensor2D;
        return [tf.matMul(g, swT), tf.matMul(tf.transpose(sx), g), columnSum(g)];
      },
    };
  }) as never) as (xi: tf.Tensor2D, wi: tf.Tensor2D, bi: tf.Tensor1D) => tf.Tensor2D;
  return fn(x, w, b);
}

/** One-hot rows [N, V] as floats: the network's input encoding. */
export function oneHotRows(ids: tf.Tensor1D, vocab: number): tf.Tensor2D {
  return tf.cast(tf.oneHot(ids, vocab), 'float32') as tf.Tensor2D;
}

/** The mean of -log p[target] over rows: in plain JS on wasm (faster there than reductions). */
function meanNll(probs: tf.Tensor2D, targets: Int32Array, onehot: () => tf.Tensor): tf.Scalar {
  const [rows, vocab] = probs.shape;
  if (tf.getBackend() !== 'wasm') {
    // elsewhere as tensor ops, so nothing is read back inside a training step (the native path)
    const picked = tf.sum(tf.mul(probs, onehot()), 1);
    return tf.neg(tf.mean(tf.log(tf.maximum(picked, 1e-30))) as tf.Scalar);
  }
  const p = probs.dataSync();
  let total = 0;
  for (let i = 0; i < rows; i++) total -= Math.log(Math.max(p[i * vocab + targets[i]], 1e-30));
  return tf.scalar(total / rows);
}

/**
 * Mean softmax cross-entropy in nats of logits [N, V] against int targets [N], with the fused
 * gradient (softmax - onehot) / N.
 */
export function crossEntropy(logits: tf.Tensor2D, targets: Int32Array): tf.Scalar {
  const [rows, vocab] = logits.shape;
  const onehot = () => tf.oneHot(tf.tensor1d(targets, 'int32'), vocab);
  const fn = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
    const probs = tf.softmax(x as tf.Tensor2D);
    save([probs]);
    return {
      value: meanNll(probs, targets, onehot),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(tf.sub(saved[0], onehot()), tf.div(dy, rows)),
    };
  }) as never) as (x: tf.Tensor2D) => tf.Scalar;
  return fn(logits);
}
