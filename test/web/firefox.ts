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

/** Replaces what a field holds by typing, from the keyboard alone. */
async function typeOver(page: Page, field: ElementHandle, text: string): Promise<void> {
  await field.focus();
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.keyboard.type(text);
}

/**
 * Types a date and time into a DateTimeField (antd DatePicker) from the keyboard — '2026-11-24 09:00' — and waits
 * until the field shows it. (Firefox's native datetime-local input it replaced had its own per-part keyboard.)
 */
export async function typeDateTime(page: Page, label: string, value: string): Promise<void> {
  const field = await byLabel(page, label);
  // Enter only once the typed text is all in the box: pressed earlier, it takes a half-typed (invalid) text and the
  // field goes back to its old value. Under load the select-all can land before the picker has focused and opened,
  // so the text goes in beside the old one; a person sees that and types it again, and so does this (3 tries).
  for (let attempt = 1; ; attempt++) {
    await typeOver(page, field, value);
    const typed = await page.waitForFunction((f, v) => (f as { value: string }).value === v, { timeout: 10_000 }, field, value).then(() => true, () => false);
    if (typed) break;
    if (attempt === 3) throw new Error(`${label}: typed ${value} three times, it shows ${JSON.stringify(await field.evaluate((f) => (f as { value: string }).value))}`);
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction((f, v) => (f as { value: string }).value === v, { timeout: 10_000 }, field, value).catch(async (e) => {
    throw new Error(`${label}: shows ${JSON.stringify(await field.evaluate((f) => (f as { value: string }).value))}, not ${value} (${String(e)})`);
  });
}

/**
 * Picks an option of a searchable antd Select from the keyboard: type some of its words, and Enter once the list
 * has made `option` the active one (the first match). Waits until the field shows it.
 */
export async function chooseByTyping(page: Page, label: string, words: string, option: string): Promise<void> {
  const field = await byLabel(page, label);
  await typeOver(page, field, words);
  // Enter takes the active option: wait until the filtered list has made the wanted one active
  await page.waitForSelector(`.ant-select-dropdown .ant-select-item-option-active[title=${JSON.stringify(option)}]`, { timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (f, o) => ((f as { closest(s: string): { querySelector(s: string): { textContent: string | null } | null } | null }).closest('.ant-select')?.querySelector('.ant-select-content')?.textContent ?? '').trim() === o,
    { timeout: 10_000 },
    field,
    option,
  );
}
