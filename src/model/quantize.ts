// Smaller weight files for the page: float32 weights stored as float16 or as 8-bit steps of a
// per-tensor range (min + q * scale), in the tfjs weights-manifest form (`quantization` on an
// entry), and decoded back to float32 on load. Pure: the Node loader, the page's loader and the
// build all use it, so a quantised model gives the same numbers everywhere.

/** How one weight is stored; absent: plain float32. */
export type Quantization = { dtype: 'float16' } | { dtype: 'uint8'; min: number; scale: number };
export type StoredDtype = 'float32' | 'float16' | 'uint8';

/** Bytes one stored value takes. */
export function bytesPer(q: Quantization | undefined): number {
  return q === undefined ? 4 : q.dtype === 'float16' ? 2 : 1;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE half-precision bits of a float, rounded to nearest even (overflow to infinity). */
export function toHalf(value: number): number {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // a subnormal half: the value in steps of 2^-24, rounded to nearest even
    const steps = Math.abs(f32[0]) * 2 ** 24;
    const q = Math.floor(steps);
    const up = steps - q > 0.5 || (steps - q === 0.5 && q % 2 === 1);
    return sign | (q + (up ? 1 : 0));
  }
  const round = mant & 0x1fff;
  mant >>>= 13;
  if (round > 0x1000 || (round === 0x1000 && mant & 1)) {
    mant++;
    if (mant === 0x400) {
      mant = 0;
      e++;
      if (e >= 0x1f) return sign | 0x7c00;
    }
  }
  return sign | (e << 10) | mant;
}

/** The float a half-precision bit pattern stands for. */
export function fromHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** Encodes float32 values in the given form; returns the bytes and the manifest's quantization. */
export function quantize(values: Float32Array, dtype: StoredDtype): { bytes: Uint8Array; quantization?: Quantization } {
  if (dtype === 'float32') return { bytes: new Uint8Array(values.slice().buffer) };
  if (dtype === 'float16') {
    const out = new Uint16Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = toHalf(values[i]);
    return { bytes: new Uint8Array(out.buffer), quantization: { dtype: 'float16' } };
  }
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (!Number.isFinite(min)) min = max = 0;
  const scale = max > min ? (max - min) / 255 : 1;
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round((values[i] - min) / scale);
  return { bytes: out, quantization: { dtype: 'uint8', min, scale } };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Decodes `count` stored values starting at `bytes[offset]` to float32. */
export function dequantize(bytes: Uint8Array, offset: number, count: number, q: Quantization | undefined): Float32Array {
  // stored float32 is little-endian, as the machine's own floats nearly always are: one copy (a
  // value-by-value read of the 22 MB shipped model took a tenth of a second)
  if (q === undefined && LITTLE_ENDIAN) return new Float32Array(bytes.slice(offset, offset + count * 4).buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * bytesPer(q));
  const out = new Float32Array(count);
  if (q === undefined) for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  else if (q.dtype === 'float16') for (let i = 0; i < count; i++) out[i] = fromHalf(view.getUint16(i * 2, true));
  else for (let i = 0; i < count; i++) out[i] = q.min + view.getUint8(i) * q.scale;
  return out;
}
