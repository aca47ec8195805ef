import { chromium, type Browser } from 'playwright-core';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Debian's Chromium (scripts/setup.sh installs it); CHROMIUM_PATH points elsewhere if needed. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// playwright gives every launch a fresh temporary profile (--user-data-dir); these keep Chromium from calling out
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--lang=zh-CN'];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

export const SCREENSHOTS = path.resolve('docs/screenshots');

/** What shoot() needs of a page: playwright's (Chromium) and puppeteer's (Firefox) pages both have it. */
interface Shootable {
  evaluate(expression: string): Promise<unknown>;
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>;
}

/** Saves a screenshot of a main page for the README; the run fails if the page is blank. */
export async function shoot(page: Shootable, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate('document.fonts.ready');
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export function tmpFile(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gkd-web-')), name);
}
