// Primes (forced opening notes) that could never begin a valid tune are found before any work.
import { describe, expect, it } from 'vitest';
import { primeProblem } from '../../src/sample/prime-check.js';

describe('primeProblem', () => {
  it.each(['|:GABc2d|', 'ABc', '(3ABc', 'A>B', '[K:Dmix]ABc', 'A8B8', '|:ABc'])('accepts %j', (prime) => {
    expect(primeProblem(prime)).toBeUndefined();
  });
  it.each([
    ['[[[[', 2], ['(3ABCDEFGHI', 10], ['{', 1], ['@', 1], ['"C"ABc', 1],
  ])('refuses %j, naming the character (%i)', (prime, at) => {
    expect(primeProblem(prime)).toMatch(new RegExp(`character ${at} \\(`));
  });
  it('checks against the requested meter only when there is one', () => {
    const long = 'A8'.repeat(9); // 9/8 of a 4/4 bar even at L:1/64
    expect(primeProblem(long, '4/4')).toMatch(/character 17 \("A"\) breaks the normal form's bar rules in 4\/4/);
    expect(primeProblem(long)).toBeUndefined(); // fits a longer meter
  });
});
