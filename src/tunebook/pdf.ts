// PDF of a tune book: headless Chromium through playwright-core printing tunebook.html (the
// print stylesheet keeps tunes whole), or else abcm2ps + ps2pdf on tunebook.abc. Node I/O.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

async function viaChromium(dir: string, pdf: string): Promise<boolean> {
  const executablePath = CHROMIUMS.find((p) => existsSync(p));
  if (!executablePath) return false;
  let pw: { chromium: { launch: (o: object) => Promise<any> } }; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    pw = (await import('playwright-core' as string)) as typeof pw;
  } catch {
    return false;
  }
  const browser = await pw.chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, 'tunebook.html')).href, { waitUntil: 'load' });
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    return true;
  } finally {
    await browser.close();
  }
}

function viaAbcm2ps(dir: string, pdf: string): boolean {
  const ps = join(dir, 'tunebook.ps');
  const a = spawnSync('abcm2ps', ['-q', '-O', ps, join(dir, 'tunebook.abc')], { encoding: 'utf8' });
  if (a.error) return false;
  const b = spawnSync('ps2pdf', [ps, pdf], { encoding: 'utf8' });
  rmSync(ps, { force: true });
  if (b.error) return false;
  if (b.status !== 0) throw new Error(`pdf: ps2pdf failed: ${b.stderr.trim().split('\n')[0]}`);
  return existsSync(pdf);
}

/** Writes tunebook.pdf into `dir` (which holds tunebook.html and .abc); returns how it was made. */
export async function writePdf(dir: string): Promise<string> {
  const pdf = join(dir, 'tunebook.pdf');
  if (await viaChromium(dir, pdf)) return 'chromium';
  if (viaAbcm2ps(dir, pdf)) return 'abcm2ps+ps2pdf';
  throw new Error('pdf: needs playwright-core with Chromium (apt-get install chromium), or abcm2ps and ps2pdf (apt-get install abcm2ps ghostscript)');
}
