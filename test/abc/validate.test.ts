// Unit tests of validateTune, one rule at a time, with small hand-written tunes.
import { describe, expect, it } from 'vitest';
import { validateTune } from '../../src/abc/validate.js';

/** A tune in normal form with the given body (and meter). */
const tune = (body: string, meter = '6/8') => `X:1\nT:Test\nM:${meter}\nL:1/8\nK:Dmaj\n${body}\n`;
const messages = (abc: string, minBars?: number) => validateTune(abc, { minBars }).problems.map((p) => p.message);
const expectValid = (abc: string) => expect(validateTune(abc).problems).toEqual([]);
const expectProblem = (abc: string, pattern: RegExp) => expect(messages(abc).join('\n')).toMatch(pattern);

describe('bar lengths', () => {
  it('accepts full bars', () => expectValid(tune('d2e fed|B2A AFA|d2e fed|e3 e3|]')));
  it('accepts a pickup bar and a final partial bar', () => {
    expectValid(tune('A|d2e fed|B2A AFA|d2e fed|e3 e2|]'));
  });
  it('rejects a short bar in the middle', () => {
    expectProblem(tune('d2e fed|B2A AF|d2e fed|e3 e3|]'), /bar is short: 5\/8 of 3\/4/);
  });
  it('rejects a bar longer than the meter, even the first or last', () => {
    expectProblem(tune('d2e fedA|B2A AFA|d2e fed|e3 e3|]'), /too long: 7\/8/);
    expectProblem(tune('d2e fed|B2A AFA|d2e fed|e3 e3 A|]'), /too long: 7\/8/);
  });
  it('counts tuplets', () => {
    expectValid(tune('|:G2BG dGBG|(3ABc BA GAB2|G2BG dGBG|A2FA DEFA:|', '4/4'));
    expectProblem(tune('G2BG dGBG|(3ABc BA GABcd|G2BG dGBG|A2FA DEFA|]', '4/4'), /too long: 9\/8/);
    expectValid(tune('B2c2 d2e2|(5cdefg a4g2|f4 f4|d4 B4|]', '2/4').replace('L:1/8', 'L:1/16'));
  });
  it('counts (p:q:r tuplets', () => {
    expectValid(tune('(3:2:6defgab c4|d8|e8|f8|]', '4/4'));
    expectProblem(tune('(3:2:4d2e2f2g2 c4|d8|e8|f8|]', '4/4'), /too long: 7\/6/);
  });
  it('counts broken rhythm', () => {
    expectValid(tune('AB|c>BA>G A2e>c|d>cB>A G2B>d|c>BA>G A>Bc>d|e>dc>B A2|]', '4/4'));
    expectValid(tune('c>>B A<G A2 ec|d>cB>A G2B>d|c>BA>G A>Bc>d|e>dc>B A4|]', '4/4'));
  });
  it('rejects broken rhythm between notes of unequal length (abc2midi refuses it)', () => {
    expectProblem(tune('A2>B C2|d2 e2|d2 e2|d2 e2|]', '2/4'), /broken rhythm/);
  });
  it('counts chords by their length', () => {
    expectValid(tune('[ceg]2 A [ce]3|d6|[Ace]6|d6|]'));
    expectProblem(tune('[ceg]3 A [ce]3|d6|[Ace]6|d6|]'), /too long/);
  });
  it('follows inline and body meter changes', () => {
    expectValid(tune('F4 A2|c4 A2|[M:2/4]F2 A2|c2 c2|[M:3/4]B2 A2 G2|F6|]', '3/4'));
    expectValid(tune('F4 A2|c4 A2|\nM:2/4\nF2 A2|c2 c2|F4|]', '3/4'));
    expectProblem(tune('F4 A2|c4 A2|[M:2/4]F2 A2 G2|c2 c2|F4|]', '3/4'), /too long: 3\/4 of 1\/2/);
  });
  it('reads common and cut time', () => {
    expectValid(tune('d2e2 f2g2|a8|g8|f8|]', 'C'));
    expectValid(tune('d2e2 f2g2|a8|g8|f8|]', 'C|'));
  });
});

describe('endings and section boundaries', () => {
  it('reads second endings as alternatives of the first', () => {
    expectValid(tune('A|:d2e fed|B2A AFA|1A3 A2:|2A3 A2e||\n|:f2a afd|g2b bag|1d3 d2e:|2d3 d2|]'));
  });
  it('accepts a short bar before :| and a pickup that completes it', () => {
    expectValid(tune('A|:d2e fed|B2A AFA|d2e fed|e3 e2:|\n|:f|f2a afd|g2b bag|fed B2c|d3 d2:|'));
  });
  it('refuses a short bar before :| followed by a full bar (abc2midi: one bar too long "in repeat")', () => {
    expectProblem(tune('A|:d2e fed|B2A AFA|d2e fed|e3 e2:|\nf2a afd|g2b bag|fed B2c|d3 d3|]'), /next section starts with a full bar/);
    expectValid(tune('A|:d2e fed|B2A AFA|d2e fed|e3 e2:|\nA|f2a afd|g2b bag|fed B2c|d3 d3|]'));
  });
  it('rejects a short bar and pickup that do not add up to one bar', () => {
    expectProblem(tune('A|:d2e fed|B2A AFA|d2e fed|e3 e:|\n|:f|f2a afd|g2b bag|fed B2c|d3 d2:|'), /make 5\/8, not one bar/);
  });
  it('rejects a pickup after a section that ends on a full bar at ||', () => {
    expectProblem(tune('d2e fed|B2A AFA|d2e fed|e3 e3||\nf|f2a afd|g2b bag|fed B2c|d3 d2|]'), /pickup bar/);
  });
  it('accepts a pickup standing between || and |: that completes the bar before it', () => {
    expectValid(tune('d2e fed|B2A AFA|d2e fed|e3 e2||f|:f2a afd|g2b bag|fed B2c|d3 d3:|'));
  });
  it('rejects a short bar before || when the next section starts on a full bar', () => {
    expectProblem(tune('d2e fed|B2A AFA|d2e fed|e3 e2||\nf2a afd|g2b bag|fed B2c|d3 d3|]'), /section end/);
  });
  it('rejects a short last bar ending with a plain bar line (abc2midi does)', () => {
    expectProblem(tune('d2e fed|B2A AFA|d2e fed|e3 e2|'), /last bar is short/);
  });
});

describe('repeats', () => {
  it('accepts :| without |: in the first part', () => expectValid(tune('d2e fed|B2A AFA|d2e fed|e3 e3:|')));
  it('accepts :: between two repeated parts', () => {
    expectValid(tune('|:d2e fed|B2A AFA|d2e fed|e3 e3::f2a afd|g2b bag|fed B2c|d3 d3:|'));
  });
  it('rejects a |: never closed', () => {
    expectProblem(tune('|:d2e fed|B2A AFA|d2e fed|e3 e3|]'), /never closed/);
  });
  it('rejects a second |: while one is open', () => {
    expectProblem(tune('|:d2e fed|B2A AFA|:d2e fed|e3 e3:|'), /still open/);
  });
  it('rejects a first ending outside a repeat and a second ending without a first', () => {
    expectProblem(tune('d2e fed|B2A AFA:|f2a afd|1g2b bag:|2fed B2c|]'), /not inside a repeat/);
    expectProblem(tune('|:d2e fed|B2A AFA|d2e fed:|2e3 e3|]'), /without a first ending/);
  });
});

describe('header, tune count, size, ties', () => {
  it('requires X, T, M and K', () => {
    expectProblem('T:x\nM:6/8\nK:D\nd2e fed|B2A AFA|d2e fed|e3 e3|]', /no line starts with X:/);
    expectProblem('X:1\nM:6/8\nK:D\nd2e fed|B2A AFA|d2e fed|e3 e3|]', /missing T:/);
    expectProblem('X:1\nT:t\nK:D\nd2e fed|B2A AFA|d2e fed|e3 e3|]', /missing M:/);
    expectProblem('X:1\nT:t\nM:6/8\nd2e fed|B2A AFA|d2e fed|e3 e3|]', /missing K:/);
  });
  it('accepts a missing L:', () => expectValid('X:1\nT:t\nM:6/8\nK:D\nd2e fed|B2A AFA|d2e fed|e3 e3|]'));
  it('wants exactly one tune', () => {
    expectProblem(`${tune('d6|d6|d6|d6|]')}\n${tune('d6|d6|d6|d6|]')}`, /2 tunes found/);
  });
  it('needs a minimum number of bars (option)', () => {
    expectProblem(tune('d2e fed|B2A AFA|]'), /only 2 bars, at least 4/);
    expect(validateTune(tune('d2e fed|B2A AFA|]'), { minBars: 2 }).valid).toBe(true);
  });
  it('rejects a tie to another note', () => expectProblem(tune('d3-e3|d6|d6|d6|]'), /tie/));
  it('accepts ties to the same note across a bar line', () => expectValid(tune('d6-|d6|d6|d6|]')));
  it('reports abcjs warnings without HTML', () => {
    const found = messages(tune('d2e fed|B2A AFA|d2e fed|e3 e3|] Y:AB'));
    expect(found.some((m) => m.startsWith('abcjs:') && !/[<>]/.test(m.replace(/^abcjs: /, '').replace(/[<>]\d/g, '')))).toBe(true);
  });
});

describe('garbage never throws', () => {
  const samples = ['', ' ', 'X:', 'X:1', 'K:', '|||:::|]', '\u0000\uffff\ud800', 'X:1\nK:D\n((((((((', 'X:1\nT:t\nM:0/0\nL:0\nK:Q\n[[[[A|'];
  it.each(samples)('%j', (abc) => {
    const result = validateTune(abc);
    expect(result.valid).toBe(false);
    expect(result.problems.length).toBeGreaterThan(0);
  });
  it('handles random text quickly', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'ABCDEFGabcdefgz|:[]()<>-/23468^_=,\'"!{}XTMKL\n %';
    for (let n = 0; n < 200; n++) {
      const body = Array.from({ length: 300 }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      expect(() => validateTune(tune(body))).not.toThrow();
    }
  });
  it('rejects oversized input without parsing it', () => {
    expect(messages(tune('d6|'.repeat(40_000)))).toEqual(['tune text is longer than 20000 characters']);
  });
  it('refuses a line abcjs would take quadratic time over, in milliseconds, without throwing', () => {
    const started = process.cpuUsage(); // CPU time: steadier than wall time beside a training run
    expect(messages(tune('{'.repeat(65_000)), 0)).toEqual(['tune text is longer than 20000 characters']);
    expect(messages(tune('{'.repeat(65_000)), 0).length).toBe(1);
    expect(validateTune(tune('{'.repeat(65_000)), { maxChars: 100_000 }).problems.map((p) => p.message)).toEqual([
      'line 6 is longer than 2000 characters: not parsed',
    ]);
    expect(messages(tune('{'.repeat(1_900)))).toEqual(['line 6 has more than 50 unclosed { or &: not parsed']);
    expect(process.cpuUsage(started).user / 1000).toBeLessThan(1000);
  });
  it('keeps at most 100 problems, counting the rest', () => {
    const found = messages(tune(`${'d7|'.repeat(10)}\n`.repeat(100)));
    expect(found).toHaveLength(101);
    expect(found[100]).toMatch(/^\.\.\. and \d+ more problems$/);
  });
});

describe('what abc2midi refuses', () => {
  it('finds a body line read as a header field (A:|), whose music would go unchecked', () => {
    const hidden = 'X:1\nT:t\nM:4/4\nL:1/8\nK:G\nABcdABcd|ABcdABcd|ABcdABcd|ABcdABcd|\nA:|ABcdABcdABcdABcdABcd|ABcdABcd|]\n';
    expect(messages(hidden).join('\n')).toMatch(/line 7 begins "A:\|", which ABC readers take for a header field/);
    expectValid(hidden.replace('ABcdABcd|\nA:|', 'ABcdABcA:|').replace('ABcdABcdABcdABcdABcd|', 'ABcdABcd|'));
  });
  it('refuses meters and unit lengths abc2midi refuses, in the header and inline', () => {
    expectProblem(tune('ABc|ABc|ABc|ABc|]', '3/3'), /M:3\/3: abc2midi accepts only a power of two/);
    expectProblem(tune('ABc|[M:6/6]ABcABc|ABc|ABc|]', '3/8'), /M:6\/6: abc2midi accepts only a power of two/);
    expectProblem(tune('d2e fed|B2A AFA|d2e fed|e3 e3|]').replace('L:1/8', 'L:3/8'), /L:3\/8: abc2midi accepts a unit length only as 1\/d/);
    expectValid(tune('ABcde|ABcde|ABcde|ABcde|]', '5/8'));
  });
  it('refuses a second first ending before the first is closed', () => {
    expectProblem(tune('d|1bgafgfed|1A8:|2e8|]', '4/4').replace('L:1/8', 'L:1/16'), /ending \[1 starts before the ending \[1 is closed/);
  });
  it('refuses an ending that starts before the one before it is closed', () => {
    expectProblem(tune('|:ABcd|1ABcd:|2ABcd|3ABcd||', '2/4'), /ending \[3 starts before the ending \[2 is closed/);
    expectValid(tune('|:ABcd|ABcd|1ABcd:|2ABcd:|3ABcd||', '2/4'));
  });
  it('refuses :: after a repeat closed by :| (abc2midi: found :: before |:)', () => {
    expectProblem(tune('|:ABcd|ABcd:|ABcd|ABcd::ABcd|ABcd:|', '2/4'), /:: after a repeat closed by :\|/);
    expectValid(tune('ABcd|ABcd::ABcd|ABcd:|', '2/4'));
  });
});
