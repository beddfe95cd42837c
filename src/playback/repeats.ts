// Play order of a voice's elements with repeats and numbered endings expanded, as a list of
// element indices. `|:`/`::` open a section; `:|`/`::` send the player back to the section's
// start until every pass is played; `[1`, `[2` (or `|1 ... :|2`) endings are played only on
// their pass. A `:|` with no `|:` before it goes back to the tune's start or the last repeat.
// Bar lines and ending labels are read through the ABC layer's table (src/abc/bar-lines.ts).
import { endingPasses, kindOfAbcjs, repeatsBack } from '../abc/bar-lines.js';
import type { AbcElement } from './abc-types.js';

const goesBack = (el: AbcElement) => repeatsBack(kindOfAbcjs(el.type));
const opensOnly = (el: AbcElement) => el.type !== undefined && kindOfAbcjs(el.type) === '|:';

const isBar = (el: AbcElement | undefined): el is AbcElement => el?.el_type === 'bar';

/** How many passes the section starting at `from` needs: its highest ending number, at least 2. */
function passesNeeded(els: AbcElement[], from: number): number {
  let most = 2;
  for (let j = from; j < els.length; j++) {
    const el = els[j];
    if (!isBar(el)) continue;
    if (j > from && opensOnly(el)) break;
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
    if (opensOnly(el)) return j;
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
    if (!landed && el.type && goesBack(el)) {
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
    if (opensOnly(el)) {
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
