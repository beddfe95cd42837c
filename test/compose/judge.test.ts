// The tune judge: a valid tune is kept; the same tune again, or another tune under a title the
// book already has, is dropped as a duplicate (unless the title was asked for, when every tune
// shares it); an invalid one is counted under its first problem.
import { describe, expect, it } from 'vitest';
import { TuneJudge } from '../../src/compose/judge.js';
import { checkComposeOptions } from '../../src/compose/options.js';

const tune = (title: string, body: string) => ({ text: `T:${title}\nM:4/4\nL:1/8\nK:Gmaj\n${body}`, ended: true, logProb: -10, chosen: 10 });
const A = '|:GABcdedB|GABcd2B2|GABcdedB|AGFAG4|\nGABcdedB|GABcd2B2|gfedcBAF|AGFAG4:|\n';
const B = '|:DEFGAGFE|DEFGA2F2|DEFGAGFE|EDCED4|\nDEFGAGFE|DEFGA2F2|dcBAGFED|EDCED4:|\n';

const judge = (extra: object = {}) => new TuneJudge(checkComposeOptions({ tunes: 5, seed: 1, ...extra }), undefined, 10, Date.now() + 60_000);

describe('the tune judge', () => {
  it('keeps no tune twice and no title twice', () => {
    const j = judge();
    j.consider(tune('The Cuckoo', A));
    j.consider(tune('Another', A)); // the same tune under a new title
    j.consider(tune('the cuckoo', B)); // a new tune under a title already used
    j.consider(tune('Rolling Wave', B));
    expect(j.tunes.map((t) => t.title)).toEqual(['The Cuckoo', 'Rolling Wave']);
    expect(j.summary(60).duplicatesDropped).toBe(2);
  });
  it('keeps every tune under a title that was asked for', () => {
    const j = judge({ title: 'The Cuckoo' });
    j.consider(tune('The Cuckoo', A));
    j.consider(tune('The Cuckoo', B));
    expect(j.tunes).toHaveLength(2);
  });
  it('counts an invalid tune under its first problem', () => {
    const j = judge();
    j.consider(tune('Short', 'GABc|\n'));
    expect(j.tunes).toHaveLength(0);
    expect(Object.values(j.summary(60).failures)).toEqual([1]);
  });
});
