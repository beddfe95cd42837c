// Exact rational arithmetic for note lengths and bar durations.
// Lengths in ABC are fractions of the unit note length (L:); floating point would make
// "is this bar full?" comparisons flaky, so every duration is a reduced fraction n/d.

/** A non-negative fraction n/d with d > 0, always kept in lowest terms. */
export interface Frac {
  n: number;
  d: number;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return Math.abs(a) || 1;
}

export function frac(n: number, d = 1): Frac {
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}

export const ZERO: Frac = { n: 0, d: 1 };
export const ONE: Frac = { n: 1, d: 1 };

export function add(a: Frac, b: Frac): Frac {
  return frac(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sub(a: Frac, b: Frac): Frac {
  return frac(a.n * b.d - b.n * a.d, a.d * b.d);
}

export function mul(a: Frac, b: Frac): Frac {
  return frac(a.n * b.n, a.d * b.d);
}

export function div(a: Frac, b: Frac): Frac {
  return frac(a.n * b.d, a.d * b.n);
}

export function equals(a: Frac, b: Frac): boolean {
  return a.n === b.n && a.d === b.d;
}

export function less(a: Frac, b: Frac): boolean {
  return a.n * b.d < b.n * a.d;
}

export function toNumber(a: Frac): number {
  return a.n / a.d;
}

/** Canonical ABC length suffix: 1 -> "", 2 -> "2", 1/2 -> "/", 1/4 -> "/4", 3/2 -> "3/2". */
export function formatLength(a: Frac): string {
  if (a.d === 1) return a.n === 1 ? '' : String(a.n);
  if (a.n === 1) return a.d === 2 ? '/' : `/${a.d}`;
  return `${a.n}/${a.d}`;
}

/** Parses "n/d" (or a bare "n") as a fraction; undefined when malformed or zero. */
export function parseFrac(text: string): Frac | undefined {
  const m = /^\s*(\d{1,4})\s*(?:\/\s*(\d{1,4}))?\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const d = m[2] === undefined ? 1 : Number(m[2]);
  return n > 0 && d > 0 ? frac(n, d) : undefined;
}
