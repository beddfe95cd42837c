// Deterministic train/valid/test assignment. The hash is of the title key, so versions of one
// tune (same title, different settings) always land on the same side of the split.

export type SplitName = 'train' | 'valid' | 'test';

export const SPLITS: SplitName[] = ['train', 'valid', 'test'];

/** Lower-case letters and digits of a title, a leading "the" removed: "The Kesh." -> "kesh". */
export function titleKey(title: string): string {
  const lower = title.toLowerCase().replace(/^\s*the\s+/, '');
  return lower.replace(/[^a-z0-9]/g, '');
}

/** 32-bit FNV-1a over the UTF-16 code units of `text`. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** About 90% train, 5% valid, 5% test. */
export function splitOf(title: string): SplitName {
  const bucket = fnv1a(titleKey(title)) % 100;
  return bucket < 90 ? 'train' : bucket < 95 ? 'valid' : 'test';
}
