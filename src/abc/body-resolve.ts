// Second pass over the lexed body, with the meter and unit length known at each point:
// normalises mid-tune [K:]/[M:] values, rescales lengths after a mid-tune L: change (the
// header L: stays the unit), writes tuplets canonically, expands Z rests (within a cap on the
// tokens written, so `Z999` bars cost no more than the tune they make), merges bar lines.
import { div, frac, mul, ONE, type Frac } from './fraction.js';
import { isPowerOfTwo, meterValue, normalizeKey, normalizeMeter, normalizeUnit } from './key.js';
import { LexError } from './body-lexer.js';
import type { Token } from './body-tokens.js';

interface Context {
  meter: string;
  key: string;
  unit: Frac; // the header unit: every length is written in it
  scale: Frac; // current L: divided by the header unit
}

/** q of `(p` when not written: 3 in the time of 2, 2 in 3, 4 in 3, ... (ABC 2.1 4.13). */
export function defaultTupletQ(p: number, meter: string): number {
  const compound = Number(meter.split('/')[0]) % 3 === 0 && Number(meter.split('/')[0]) > 3;
  if (p === 3 || p === 6) return 2;
  if (p === 2 || p === 4 || p === 8) return 3;
  return compound ? 2 : 3;
}

export function tupletText(p: number, q: number, r: number, meter: string): string {
  const qq = q || defaultTupletQ(p, meter);
  const rr = r || p;
  if (rr !== p) return `(${p}:${qq}:${rr}`;
  return qq === defaultTupletQ(p, meter) ? `(${p}` : `(${p}:${qq}`;
}

function resolveField(t: Token & { kind: 'field' }, ctx: Context, out: Token[]): void {
  if (t.key === 'L') {
    const u = normalizeUnit(t.value);
    if (!u || !isPowerOfTwo(u.d)) throw new LexError('bad unit length');
    ctx.scale = div(u, ctx.unit);
    return;
  }
  const r = t.key === 'K' ? normalizeKey(t.value) : normalizeMeter(t.value);
  if (!r.ok) throw new LexError(r.reason);
  if (r.value === (t.key === 'M' ? ctx.meter : ctx.key)) return; // no change: not written
  if (t.key === 'M') ctx.meter = r.value;
  else ctx.key = r.value;
  out.push({ kind: 'field', key: t.key, value: r.value });
}

/** Most tokens a resolved body may hold: a tune of 100,000 characters lexes into fewer. */
export const MAX_TOKENS = 100_000;

function expandMultiRest(bars: number, ctx: Context, out: Token[]): void {
  if (out.length + 2 * bars > MAX_TOKENS) throw new LexError('tune too long once its Z rests are written out');
  const len = div(meterValue(ctx.meter), ctx.unit);
  for (let b = 0; b < bars; b++) {
    if (b > 0) out.push({ kind: 'bar', text: '|', ending: '' });
    out.push({ kind: 'rest', len });
  }
}

/**
 * Applies context to every token; throws LexError when something cannot be normalised.
 * `scale` multiplies every length until a mid-tune L: (a header `L:3/8` written `L:1/8`).
 */
export function resolveBody(tokens: Token[], meter: string, key: string, unit: Frac, scale: Frac = ONE): Token[] {
  const ctx: Context = { meter, key, unit, scale };
  const out: Token[] = [];
  for (const t of tokens) {
    if (t.kind === 'field') resolveField(t, ctx, out);
    else if (t.kind === 'multirest') expandMultiRest(t.bars, ctx, out);
    else if (t.kind === 'tuplet') out.push({ ...t, text: tupletText(t.p, t.q, t.r, ctx.meter) });
    else if (t.kind === 'note' || t.kind === 'rest') out.push({ ...t, len: mul(t.len, ctx.scale) });
    else if (t.kind === 'chord') {
      const notes = t.notes.map((n) => ({ ...n, len: mul(n.len, ctx.scale) }));
      out.push({ ...t, notes });
    } else out.push(t);
  }
  while (out.length > 0 && (out[out.length - 1].kind === 'field' || out[out.length - 1].kind === 'eol')) out.pop();
  return mergeBars(dropFalseTies(out));
}

function pitchesOf(t: Token | undefined): string[] {
  if (!t) return [];
  const bare = (p: string) => p.replace(/[\^_=]/g, '');
  if (t.kind === 'note') return [bare(t.pitch)];
  return t.kind === 'chord' ? t.notes.map((n) => bare(n.pitch)) : [];
}

/** A `-` between different pitches is a slur mark in some sources (O'Neill's): dropped. */
function dropFalseTies(tokens: Token[]): Token[] {
  const out: Token[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== 'tie') return out.push(t);
    const before = pitchesOf(out[out.length - 1]);
    const next = tokens.slice(i + 1, i + 6).find((u) => u.kind === 'note' || u.kind === 'chord' || u.kind === 'rest');
    const after = pitchesOf(next);
    if (before.some((p) => after.includes(p))) out.push(t);
  });
  return out;
}

/**
 * Adjacent bar lines become one (`:|` `|:` -> `::`, `|` `[2` -> `|2`); fields found between
 * two bar lines move after them; an ending with no bar line before it gets `|`.
 */
export function mergeBars(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    if (t.kind !== 'bar') {
      out.push(t);
      continue;
    }
    let k = out.length;
    while (k > 0 && (out[k - 1].kind === 'field' || out[k - 1].kind === 'eol')) k--;
    const prev = out[k - 1];
    if (prev && prev.kind === 'bar' && prev.ending === '') {
      const text = t.text === '' ? prev.text : canonPair(prev.text, t.text);
      const fields = out.splice(k, out.length - k);
      out[k - 1] = { kind: 'bar', text, ending: t.ending };
      out.push(...fields);
    } else out.push(t.text === '' ? { ...t, text: '|' } : t);
  }
  return out;
}

function canonPair(a: string, b: string): string {
  const left = a.startsWith(':') || a === '::';
  const right = b.endsWith(':') || b === '::';
  if (left && right) return '::';
  if (left) return ':|';
  if (right) return '|:';
  if (a === '|]' || b === '|]') return '|]';
  return a === '|' && b === '|' ? '|' : '||'; // `|` at a line end and `|` starting the next
}
