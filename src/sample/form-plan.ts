// Form plans: the parts of a tune in order, written once or repeated, named as players name
// them: AABB is two repeated parts, AB two parts played once, AABBCC three repeated parts, AAB
// a repeated part and one played once. Parts have 8 bars, or as many as the numbers after a
// colon say: one for every part (AABB:4, two repeated 4-bar parts) or one each (AABB:4,8).
// Without a wish, a plan is drawn in the proportions of the training corpus (FORM_SHARES,
// counted by scripts/form-shares.ts; the form guide's test checks that most training tunes
// follow a plan). Pure.

import { Rng } from '../model/rng.js';

export interface FormPlan {
  /** The plan's name (AABB, or AABB:4 when its parts are not 8 bars). */
  name: string;
  parts: { repeat: boolean; bars: number }[];
}

/** Most parts a plan may have. */
export const MAX_PARTS = 4;

/** Bars a part may have. */
export const PART_LENGTHS = [4, 8, 16];

/**
 * The plan a name such as `AABB`, `ABC`, `AABB:4` or `AABB:4,8` stands for (letters in order, a
 * doubled letter repeated), or null when it is not one or does not play a whole number of 8-bar
 * phrases, at least two.
 */
export function parseForm(name: string): FormPlan | null {
  const m = /^([A-Z]+)(?::(\d+(?:,\d+)*))?$/.exec(name);
  const runs = m?.[1].match(/([A-Z])\1*/g);
  if (!m || !runs || runs.length > MAX_PARTS) return null;
  if (runs.some((r, i) => r.length > 2 || r[0] !== String.fromCharCode(65 + i))) return null;
  const lengths = (m[2] ?? '8').split(',').map(Number);
  if (lengths.length !== 1 && lengths.length !== runs.length) return null;
  if (lengths.some((b) => !PART_LENGTHS.includes(b))) return null;
  const parts = runs.map((r, i) => ({ repeat: r.length === 2, bars: lengths[lengths.length === 1 ? 0 : i] }));
  const played = parts.reduce((sum, p) => sum + (p.repeat ? 2 : 1) * p.bars, 0);
  return played >= 16 && played % 8 === 0 ? { name, parts } : null;
}

/** The name of a plan's parts (repeated or not, and their bars): `[true, false]` of 8 bars is AAB. */
export function formName(repeats: boolean[], bars: number[] = [8]): string {
  const letters = repeats.map((r, i) => String.fromCharCode(65 + i).repeat(r ? 2 : 1)).join('');
  const same = bars.every((b) => b === bars[0]);
  if (same && bars[0] === 8) return letters;
  return `${letters}:${same ? bars[0] : bars.join(',')}`;
}

/**
 * Every plan of 1 to MAX_PARTS parts, repeated or not, that parseForm takes: parts of one length
 * first (8, 4, 16 bars), then, up to three parts, of mixed lengths.
 */
export function allForms(): FormPlan[] {
  const plans: FormPlan[] = [];
  const add = (repeats: boolean[], bars: number[]) => {
    const plan = parseForm(formName(repeats, bars));
    if (plan && !plans.some((p) => p.name === plan.name)) plans.push(plan);
  };
  const shapes = (n: number) => Array.from({ length: 1 << n }, (_, mask) => Array.from({ length: n }, (_, i) => ((mask >> i) & 1) === 1));
  for (const bars of [8, 4, 16]) for (let n = 1; n <= MAX_PARTS; n++) for (const r of shapes(n)) add(r, [bars]);
  const mixed = (n: number): number[][] => (n === 0 ? [[]] : mixed(n - 1).flatMap((l) => PART_LENGTHS.map((b) => [...l, b])));
  for (let n = 2; n <= 3; n++) for (const r of shapes(n)) for (const bars of mixed(n)) add(r, bars);
  return plans;
}

/**
 * Training tunes of each plan that 25 or more follow (of 3,577 in corpus-abc/train.abc as
 * imported on 2026-11-29, 2,555 follow some plan; `npx tsx scripts/form-shares.ts` counts them).
 * Plans are drawn in these proportions.
 */
export const FORM_SHARES: Record<string, number> = {
  AABB: 1042, AB: 508, 'AABC:4': 258, 'AABB:4': 138, ABCD: 116, AABC: 80, AABBCC: 76, ABC: 55, AAB: 47,
  'AABB:4,8': 42, AABBCCDD: 32, 'AABB:8,16': 28,
};

/** The plan drawn for `u` in [0, 1) in proportion to `shares`. */
export function drawForm(u: number, shares: Record<string, number> = FORM_SHARES): FormPlan {
  const entries = Object.entries(shares);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let left = u * total;
  for (const [name, w] of entries) {
    left -= w;
    if (left < 0) return parseForm(name) as FormPlan;
  }
  return parseForm(entries[entries.length - 1][0]) as FormPlan;
}

/** Chooses the form plan of a tune from its header (T: to K:, once written); null: no form guide. */
export type FormChooser = (header: string) => FormPlan | null;

/** A number in [0, 1) from a seed and a text: FNV-1a of the text, then one draw of the project's Rng. */
export function hashUnit(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return new Rng(h).next();
}

/**
 * The chooser for a request's `form` option: none for 'off', the named plan for every tune, or
 * for 'auto' a plan drawn from the tune's header and the seed (so beams sharing a header share
 * a plan, and a seed gives the same plans again).
 */
export function formChooser(form: string | undefined, seed: number): FormChooser | undefined {
  if (form === 'off') return undefined;
  if (form !== undefined && form !== 'auto') {
    const plan = parseForm(form);
    if (!plan) throw new Error(`form ${form} is not a plan`);
    return () => plan;
  }
  return (header) => drawForm(hashUnit(seed, header));
}
