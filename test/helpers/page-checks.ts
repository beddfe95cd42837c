// Drives the page in headless Chromium (Debian's /usr/bin/chromium through playwright-core):
// compose two tunes, check the score is drawn, play (transport running, a note highlighted),
// stop, print to PDF, and save a screenshot; reports the first tune's ABC as shown. Shared by the end-to-end test and manual runs.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = (): boolean => existsSync(CHROMIUM);

/** Headless Chromium; with `webgl`, WebGL through SwiftShader (ANGLE's CPU renderer) instead of no GPU at all. */
export async function launchChromium(opts: { webgl?: boolean } = {}): Promise<Browser> {
  const gpu = opts.webgl ? ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'] : ['--disable-gpu'];
  // playwright gives each launch a fresh temporary profile (user-data-dir) of its own
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', ...gpu, '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
  });
}

export interface PageReport {
  staffLines: number;
  notes: number;
  tunes: number;
  transport: string;
  highlighted: number;
  afterStop: string;
  pdfPages: number;
  consoleErrors: string[];
  /** The first tune's ABC as the page shows it (and downloads it). */
  abc: string;
}

async function composeTwo(page: Page, url: string, timeoutMs: number): Promise<void> {
  await page.goto(url);
  await page.fill('input[name=tunes]', '2');
  await page.fill('input[name=temperature]', '0.8');
  await page.fill('input[name=seed]', '7');
  await page.click('#compose');
  // the page disables Compose while it works (set in the click's own task) and enables it when done
  await page.waitForFunction(() => !(document.querySelector('#compose') as HTMLButtonElement).disabled, null, { timeout: timeoutMs });
}

/** Runs the whole user journey on `url`; writes the screenshot and PDF into `outDir`. */
export async function checkPage(browser: Browser, url: string, outDir: string, timeoutMs = 240_000): Promise<PageReport> {
  mkdirSync(outDir, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('response', (r) => r.status() >= 400 && consoleErrors.push(`${r.status()} ${r.url()}`));
  await composeTwo(page, url, timeoutMs);
  const count = (sel: string) => page.locator(sel).count();
  const report: PageReport = {
    tunes: await count('#tunes .tune'), staffLines: await count('#tunes svg .abcjs-staff path, #tunes svg .abcjs-staff'),
    notes: await count('#tunes svg .abcjs-note'), transport: '', highlighted: 0, afterStop: '', pdfPages: 0, consoleErrors,
    abc: (await page.textContent('#tune-1 details pre')) ?? '',
  };
  if (report.tunes === 0) throw new Error(`no tunes: ${await page.textContent('#status')}`);
  await page.click('#tune-1 button.play');
  await page.waitForFunction(() => (window as any).__player.transportState() === 'started' && (window as any).__player.highlighted() > 0, null, { timeout: 15_000 });
  report.transport = await page.evaluate(() => (window as any).__player.transportState());
  report.highlighted = await page.evaluate(() => (window as any).__player.highlighted());
  await page.locator('#tune-1').screenshot({ path: join(outDir, 'tune-playing.png') });
  await page.click('#tune-1 button.stop');
  report.afterStop = await page.evaluate(() => (window as any).__player.transportState());
  await page.screenshot({ path: join(outDir, 'page.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(outDir, 'page-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  writeFileSync(join(outDir, 'tunes.pdf'), pdf);
  report.pdfPages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  await page.close();
  return report;
}
