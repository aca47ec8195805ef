import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';

/**
 * Debian's Firefox ESR (scripts/setup.sh installs it), driven over WebDriver BiDi by puppeteer-core: playwright's
 * Firefox needs its own patched build, which this closed network cannot download. FIREFOX_PATH overrides.
 */
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export function launchFirefox(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: { 'intl.accept_languages': 'zh-CN', 'app.update.enabled': false, 'datareporting.policy.dataSubmissionEnabled': false },
  });
}

// page functions are strings: the server's tsconfig has no DOM types, and these run in the page, not in Node

/**
 * The form control a visible label names, as people find it (the label's text without the required mark): a
 * <label>'s control, or the element that names its label through aria-labelledby (the rich-text body editor).
 */
export async function byLabel(page: Page, text: string): Promise<ElementHandle> {
  const h = await page.waitForFunction(
    `(() => {
      const named = (l) => (l.textContent ?? '').replace(/＊/g, '').trim() === ${JSON.stringify(text)};
      const label = [...document.querySelectorAll('label')].find(named);
      if (label?.control) return label.control;
      return [...document.querySelectorAll('[aria-labelledby]')].find((e) => e.getAttribute('aria-labelledby').split(' ').some((id) => { const l = document.getElementById(id); return l && named(l); })) ?? false;
    })()`,
    { timeout: 20_000 },
  );
  return h as unknown as ElementHandle;
}

/** Waits until a page expression is true. */
export async function until(page: Page, expression: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(expression, { timeout });
}

/** Waits for an element whose text contains `text` (puppeteer's text selector). */
export function text(page: Page, words: string, within = '*'): Promise<ElementHandle | null> {
  return page.waitForSelector(`${within} ::-p-text(${words})`, { timeout: 30_000 });
}

export async function clickButton(page: Page, name: string): Promise<void> {
  await page.locator(`button::-p-text(${name})`).setTimeout(20_000).click();
}
