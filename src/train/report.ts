// What training shows and leaves behind: the progress line (step, loss, tokens/s, ETA) and
// an SVG loss curve drawn from the training log. Pure formatting, no I/O.

export interface LogEntry {
  step: number;
  epoch: number;
  /** Training loss in bits per character (mean over the steps since the last entry). */
  trainBpc?: number;
  /** Validation bits per character, on evaluation entries. */
  validBpc?: number;
  lr?: number;
  tokensPerSec?: number;
  seconds: number;
}

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

/** One progress line: a bar over the whole run, then step, epoch, loss, speed and ETA. */
export function progressLine(p: { step: number; totalSteps: number; epoch: number; bpc: number; tokensPerSec: number }): string {
  const width = 24;
  const frac = Math.min(1, p.step / Math.max(1, p.totalSteps));
  const filled = Math.round(frac * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] step ${p.step}/${p.totalSteps} epoch ${p.epoch.toFixed(2)} loss ${p.bpc.toFixed(3)} bits/char ${Math.round(p.tokensPerSec)} tok/s`;
}

/** The same line with an ETA from the seconds per step so far. */
export function progressWithEta(p: Parameters<typeof progressLine>[0] & { secondsPerStep: number }): string {
  return `${progressLine(p)} ETA ${clock((p.totalSteps - p.step) * p.secondsPerStep)}`;
}

/** An SVG line chart of training and validation bits/char against step. */
export function lossCurveSvg(entries: LogEntry[], title = 'Loss (bits per character)'): string {
  const w = 640;
  const h = 360;
  const pad = { l: 56, r: 16, t: 32, b: 40 };
  const train = entries.filter((e) => e.trainBpc !== undefined).map((e) => [e.step, e.trainBpc!] as const);
  const valid = entries.filter((e) => e.validBpc !== undefined).map((e) => [e.step, e.validBpc!] as const);
  const all = [...train, ...valid];
  const maxX = Math.max(1, ...all.map((p) => p[0]));
  const ys = all.map((p) => p[1]);
  const minY = ys.length ? Math.floor(Math.min(...ys) * 10) / 10 : 0;
  const maxY = ys.length ? Math.ceil(Math.max(...ys) * 10) / 10 : 1;
  const x = (v: number) => pad.l + (v / maxX) * (w - pad.l - pad.r);
  const y = (v: number) => h - pad.b - ((v - minY) / Math.max(1e-9, maxY - minY)) * (h - pad.t - pad.b);
  const path = (pts: readonly (readonly [number, number])[]) => pts.map((p, i) => `${i ? 'L' : 'M'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ');
  const ticks = Array.from({ length: 6 }, (_, i) => minY + ((maxY - minY) * i) / 5);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="12">`,
    `<rect width="${w}" height="${h}" fill="white"/>`,
    `<text x="${w / 2}" y="20" text-anchor="middle" font-size="14">${title}</text>`,
    ...ticks.map((t) => `<line x1="${pad.l}" x2="${w - pad.r}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#ddd"/><text x="${pad.l - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${t.toFixed(2)}</text>`),
    `<text x="${w / 2}" y="${h - 8}" text-anchor="middle">step (of ${maxX})</text>`,
    train.length ? `<path d="${path(train)}" fill="none" stroke="#1f77b4" stroke-width="1.5"/>` : '',
    valid.length ? `<path d="${path(valid)}" fill="none" stroke="#d62728" stroke-width="2"/>` : '',
    `<text x="${w - pad.r - 150}" y="${pad.t + 12}" fill="#1f77b4">training</text>`,
    `<text x="${w - pad.r - 80}" y="${pad.t + 12}" fill="#d62728">validation</text>`,
    '</svg>',
  ].join('\n') + '\n';
}
