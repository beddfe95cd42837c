// Play order of a voice's elements with repeats and numbered endings expanded, as a list of
// element indices. `|:`/`::` open a section; `:|`/`::` send the player back to the section's
// start until every pass is played; `[1`, `[2` (or `|1 ... :|2`) endings are played only on
// their pass. A `:|` with no `|:` before it goes back to the tune's start or the last repeat.
import type { AbcElement } from './abc-types.js';

const RIGHT = new Set(['bar_right_repeat', 'bar_dbl_repeat']);
const LEFT = new Set(['bar_left_repeat', 'bar_dbl_repeat']);

/** The passes an ending label names: "1", "2", "1,3", "1-3", "1 2". */
export function endingPasses(label: string): number[] {
  const out: number[] = [];
  for (const part of label.split(/[,\s]+/).filter(Boolean)) {
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range) for (let n = Number(range[1]); n <= Number(range[2]); n++) out.push(n);
    else if (/^\d+$/.test(part)) out.push(Number(part));
  }
  return out;
}

const isBar = (el: AbcElement | undefined): el is AbcElement => el?.el_type === 'bar';

/** How many passes the section starting at `from` needs: its highest ending number, at least 2. */
function passesNeeded(els: AbcElement[], from: number): number {
  let most = 2;
  for (let j = from; j < els.length; j++) {
    const el = els[j];
    if (!isBar(el)) continue;
    if (j > from && el.type === 'bar_left_repeat') break;
    if (el.startEnding) most = Math.max(most, ...endingPasses(el.startEnding));
  }
  return most;
}

/** Index of the bar where `pass`'s ending starts after `from`, or past the current ending. */
function skipEnding(els: AbcElement[], from: number, pass: number): number {
  for (let j = from + 1; j < els.length; j++) {
    const el = els[j];
    if (!isBar(el)) continue;
    if (el.startEnding && endingPasses(el.startEnding).includes(pass)) return j;
    if (el.endEnding && !el.startEnding) return j;
    if (el.type === 'bar_left_repeat') return j;
  }
  return els.length;
}

/** Element indices in the order they sound. */
export function playOrder(els: AbcElement[]): number[] {
  const order: number[] = [];
  let start = 0;
  let pass = 1;
  let lastEnding: number[] = [];
  let landed = false; // arrived at this bar by skipping an ending: ignore its repeat sign
  for (let i = 0, guard = 0; i < els.length && guard < els.length * 16; guard++) {
    const el = els[i];
    if (!isBar(el)) {
      order.push(i++);
      continue;
    }
    if (!landed && el.type && RIGHT.has(el.type)) {
      if (pass < passesNeeded(els, start)) {
        pass++;
        i = start;
        continue;
      }
      pass = 1;
      start = i + 1;
    } else if (el.endEnding && lastEnding.length && Math.max(...lastEnding) <= pass && !landed) {
      // the last ending of a section is over: what follows is a new section
      if (pass > 1) start = i;
      pass = 1;
    }
    landed = false;
    if (el.type && LEFT.has(el.type) && !RIGHT.has(el.type)) {
      start = i + 1;
      pass = 1;
    }
    lastEnding = el.startEnding ? endingPasses(el.startEnding) : el.endEnding ? [] : lastEnding;
    if (el.startEnding && !lastEnding.includes(pass)) {
      i = skipEnding(els, i, pass);
      landed = true;
      continue;
    }
    order.push(i++);
  }
  return order;
}
