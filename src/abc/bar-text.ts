// Bars of a normal-form tune body as plain text, for novelty and repetition checks: the body is
// cut at every bar line (| || |] |: :| :: and ending numbers after them) and line breaks are
// ignored, so two bars are "the same" when their normalised text is identical. Pure.

const BAR_LINE = /(?::*\|+[\]:]*|::)\d*/g;

/** The bars of a body, in order, without bar lines; empty pieces are dropped. */
export function splitBars(body: string): string[] {
  return body.replace(/\n/g, '').split(BAR_LINE).filter((b) => b !== '');
}

/** True when some bar is written 4 or more times in a row: the tune is a loop of one bar. */
export function isOneBarLoop(body: string): boolean {
  const bars = splitBars(body);
  let run = 1;
  for (let i = 1; i < bars.length; i++) {
    run = bars[i] === bars[i - 1] ? run + 1 : 1;
    if (run >= 4) return true;
  }
  return false;
}
