// The style histograms of a set and its reference as one SVG: three panels side by side
// (scale degree, melodic interval, note length), each bin a pair of bars (set, reference)
// giving its share of melody notes. Pure (tier 1): returns the SVG text.
import { binLabels, HISTOGRAM_NAMES, normalise, type HistogramName, type StyleHistograms } from './histograms.js';

const PANEL = { width: 400, height: 260, left: 44, right: 10, top: 56, bottom: 30 };
const LEGEND = 28; // height of the legend row above the panels
const COLOURS = { set: '#c0392b', reference: '#7f8c8d' };
const TITLES: Record<HistogramName, string> = {
  scaleDegree: 'scale degree (semitones above the tonic)',
  interval: 'melodic interval (semitones)',
  noteLength: 'note length (quarter notes)',
};

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmt = (x: number) => Number(x.toFixed(1)).toString();
const text = (x: number, y: number, body: string, attrs = '') =>
  `<text x="${fmt(x)}" y="${fmt(y)}"${attrs ? ` ${attrs}` : ''}>${escapeXml(body)}</text>`;
const rect = (x: number, y: number, w: number, h: number, fill: string) =>
  `<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(w)}" height="${fmt(h)}" fill="${fill}"/>`;

/** Which bins get a label under the axis, so labels do not crowd. */
function labelled(name: HistogramName, label: string): boolean {
  if (name === 'interval') return Number(label) % 3 === 0;
  if (name === 'noteLength') return ['0.25', '0.5', '1', '1.5', '2', '3', '4'].includes(label);
  return true;
}

function panel(name: HistogramName, set: number[], reference: number[], x0: number, jsd?: number | null): string[] {
  const { width, height, left, right, top, bottom } = PANEL;
  const [p, q] = [normalise(set), normalise(reference)];
  const [plotW, plotH] = [width - left - right, height - top - bottom];
  const most = Math.max(0.01, ...p, ...q);
  const slot = plotW / p.length;
  const base = top + plotH;
  const out = [`<g transform="translate(${x0},${LEGEND})">`];
  out.push(text(width / 2, top - 34, TITLES[name], 'text-anchor="middle" font-weight="bold"'));
  if (jsd != null) {
    out.push(text(width / 2, top - 18, `Jensen-Shannon divergence ${jsd.toFixed(4)} bits`, 'text-anchor="middle" font-size="11"'));
  }
  out.push(`<path d="M${left},${top}V${base}H${width - right}" fill="none" stroke="#333"/>`);
  for (const tick of [0, most / 2, most]) {
    const y = base - (tick / most) * plotH;
    out.push(text(left - 4, y + 4, `${(100 * tick).toFixed(0)}%`, 'text-anchor="end" font-size="10"'));
  }
  binLabels(name).forEach((label, i) => {
    const x = left + i * slot;
    const [hp, hq] = [(p[i] / most) * plotH, (q[i] / most) * plotH];
    out.push(rect(x + slot * 0.1, base - hp, slot * 0.4, hp, COLOURS.set));
    out.push(rect(x + slot * 0.5, base - hq, slot * 0.4, hq, COLOURS.reference));
    if (labelled(name, label)) out.push(text(x + slot / 2, base + 14, label, 'text-anchor="middle" font-size="10"'));
  });
  out.push('</g>');
  return out;
}

/** The three histograms of `set` beside `reference`'s, labelled with the two names (and the JSDs). */
export function histogramsSvg(
  set: StyleHistograms,
  reference: StyleHistograms,
  names: { set: string; reference: string },
  jsd?: Partial<Record<HistogramName, number | null>>,
): string {
  const [width, height] = [PANEL.width * HISTOGRAM_NAMES.length, PANEL.height + LEGEND];
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    rect(0, 0, width, height, 'white'),
    rect(PANEL.left, 10, 12, 12, COLOURS.set),
    text(PANEL.left + 18, 20, `${names.set} (shares of melody notes)`),
    rect(PANEL.width + PANEL.left, 10, 12, 12, COLOURS.reference),
    text(PANEL.width + PANEL.left + 18, 20, `${names.reference} (reference)`),
  ];
  HISTOGRAM_NAMES.forEach((name, k) => out.push(...panel(name, set[name], reference[name], k * PANEL.width, jsd?.[name])));
  out.push('</svg>');
  return out.join('\n') + '\n';
}
