// abcjs in headless Chromium draws the beams groupBeats means: a 6/8 jig in threes of eighths,
// a 4/4 reel in half bars of four eighths (by the quarter around a quarter note), a 2/4
// hornpipe's sixteenths by the quarter. Each tune is drawn grouped and, for comparison, in the
// normal form (abcjs then beams whole runs); beam groups (`abcjs-beam-elem` paths) are counted.
// Saves test-output/beaming.png. Skipped when /usr/bin/chromium is missing.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { groupBeats } from '../../src/abc/beaming.js';
import { hasChromium, launchChromium } from '../helpers/page-checks.js';

const head = (title: string, meter: string, unit: string) => `X:1\nT:${title}\nM:${meter}\nL:${unit}\nK:Gmaj\n`;
const TUNES = [
  { abc: `${head('Jig (6/8)', '6/8', '1/8')}D|GABcde|d2Bc2A|BAGAGF|G3G3|]\n`,
    grouped: 'D|GAB cde|d2B c2A|BAG AGF|G3 G3|]', beams: 4, normalBeams: 2 },
  { abc: `${head('Reel (4/4)', '4/4', '1/8')}DEFGABcd|edcBA2FA|d2dfedcB|A2F2D4|]\n`,
    grouped: 'DEFG ABcd|edcB A2 FA|d2 df edcB|A2 F2 D4|]', beams: 6, normalBeams: 4 },
  { abc: `${head('Hornpipe (2/4)', '2/4', '1/16')}BA|G2GABdGB|cdecdgGB|A2F2D4|G4G4|]\n`,
    grouped: 'BA|G2GA BdGB|cdec dgGB|A2F2 D4|G4 G4|]', beams: 6, normalBeams: 4 },
];

const chromium = hasChromium();
if (!chromium) console.warn('beaming e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

describe.skipIf(!chromium)('beams drawn by abcjs in Chromium', () => {
  it('match the beat groups, and the screenshot is saved', async () => {
    for (const t of TUNES) expect(groupBeats(t.abc).split('\n')[5]).toBe(t.grouped);
    const abcjsPath = createRequire(import.meta.url).resolve('abcjs/dist/abcjs-basic-min.js');
    const cells = TUNES.flatMap((t, i) => [
      { id: `grouped-${i}`, abc: groupBeats(t.abc), label: 'grouped by beat (tune book, page, download)' },
      { id: `normal-${i}`, abc: t.abc, label: 'normal form (the model\'s text)' },
    ]);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      await page.setContent(`<!doctype html><body style="font: 14px sans-serif; margin: 12px">${cells
        .map((c) => `<p style="margin: 8px 0 0">${c.label}</p><div id="${c.id}"></div>`).join('')}</body>`);
      await page.addScriptTag({ path: abcjsPath });
      await page.evaluate((list) => {
        const w = window as unknown as { ABCJS: { renderAbc(el: string, abc: string, o: object): unknown } };
        for (const c of list) w.ABCJS.renderAbc(c.id, c.abc, { add_classes: true, staffwidth: 900, paddingbottom: 0 });
      }, cells);
      const beams = (id: string) => page.locator(`#${id} svg .abcjs-beam-elem`).count();
      for (const [i, t] of TUNES.entries()) {
        expect(await beams(`grouped-${i}`), t.abc.split('\n')[1]).toBe(t.beams);
        expect(await beams(`normal-${i}`), t.abc.split('\n')[1]).toBe(t.normalBeams);
      }
      mkdirSync('test-output', { recursive: true });
      await page.screenshot({ path: 'test-output/beaming.png', fullPage: true });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
