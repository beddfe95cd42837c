// The problem record the validator reports, and how durations are written in its messages.
// Bar 0 stands for the header or the tune as a whole; measures are numbered from 1.

export interface Problem {
  bar: number;
  message: string;
}

/** Writes a duration in whole notes as a fraction (`3/8`), or with 3 decimals if none fits. */
export function formatDuration(whole: number): string {
  for (let den = 1; den <= 768; den++) {
    const num = Math.round(whole * den);
    if (Math.abs(num / den - whole) < 1e-9) return den === 1 ? String(num) : `${num}/${den}`;
  }
  return whole.toFixed(3);
}
