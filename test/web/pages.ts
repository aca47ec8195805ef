import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';

export const PASSWORD = 'Long-Password-1';
export const ALL_CHECKS = { secrecy: true, political: true, legal: true, wording: true };

/**
 * Signing people in to the back office in their own browser contexts (as separate people on separate computers),
 * collecting every uncaught page error so a spec can assert there were none.
 */
export class People {
  readonly pageErrors: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  constructor(
    private readonly browser: Browser,
    readonly base: string,
    /** extra context options, e.g. bypassCSP for a spec that injects a checker script (axe-core) into the page */
    private readonly extra: BrowserContextOptions = {},
  ) {}

  async open(): Promise<Page> {
    const ctx = await this.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true, ...this.extra });
    this.contexts.push(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => this.pageErrors.push(e.message));
    return page;
  }

  async signIn(username: string, password = PASSWORD): Promise<Page> {
    const page = await this.open();
    await page.goto(`${this.base}/`);
    await page.waitForURL(/\/login\?next=/);
    await logIn(page, username, password);
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    return page;
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
  }
}

export async function logIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel(/^密码/).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

export const menu = (page: Page) => page.getByRole('navigation', { name: '主菜单' });

/** Waits until the page lists deliveries and none of them is anything but delivered (the SSE updates the page). */
export async function allDelivered(page: Page): Promise<void> {
  await page.locator('li.delivery').first().waitFor();
  await page.locator('li.delivery:not([data-status="delivered"])').first().waitFor({ state: 'detached', timeout: 30_000 });
}

/**
 * A field's value as the person sees it: an input's value, or the rich-text editor's text. `within` is the page or
 * the form holding the field (a page with an antd table also names its sortable column headers by aria-label).
 */
export async function valueOf(within: Page | Locator, label: string): Promise<string> {
  const field = within.getByLabel(new RegExp(`^${label}`));
  return (await field.getAttribute('contenteditable')) ? field.innerText() : field.inputValue();
}

export async function expectValue(within: Page | Locator, label: string, re: RegExp): Promise<void> {
  const end = Date.now() + 10_000;
  let value = await valueOf(within, label);
  while (!re.test(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    value = await valueOf(within, label);
  }
  expect(value).toMatch(re);
}

/**
 * Types a body into the rich-text editor as a person does, paragraph by paragraph (Enter between them), replacing
 * what was there. The editor's input rules apply as typed: "## " starts a heading, "1. " a numbered list.
 */
export async function typeBody(field: Locator, paragraphs: string[]): Promise<void> {
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.press('Backspace');
  for (const [i, p] of paragraphs.entries()) {
    if (i) await field.press('Enter');
    await field.pressSequentially(p);
  }
}

type Scope = Page | Locator;
const pageOf = (scope: Scope): Page => ('goto' in scope ? scope : scope.page());

/** Polls a condition in the test (not in the page), for up to `ms`. */
export async function waitUntil(test: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Picks an option of an antd Select (components/Select.tsx) by the text a person reads, as a person does: click
 * the field, type a few characters when it has a search box, click the option in the list that opened. (The
 * native <select> it replaced took playwright's selectOption.) Waits until the field shows the choice.
 */
export async function choose(scope: Scope, label: string | RegExp, option: string): Promise<void> {
  const page = pageOf(scope);
  const box = scope.getByRole('combobox', { name: label });
  await box.click();
  if ((await box.getAttribute('readonly')) === null) await box.fill(option);
  // the visible option (antd's role="option" elements are a hidden copy of the few around the active one)
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title=${JSON.stringify(option)}]`).click();
  const shown = box.locator(`xpath=ancestor::*[contains(concat(' ', @class, ' '), ' ant-select ')][1]`).locator('.ant-select-content');
  await waitUntil(async () => (await shown.innerText().catch(() => '')).trim() === option, `「${option}」 chosen in ${label}`);
}

/** Opens an antd Select's list and returns it, e.g. to read its options or check it with axe-core. */
export async function openSelect(scope: Scope, label: string | RegExp): Promise<Locator> {
  await scope.getByRole('combobox', { name: label }).click();
  const list = pageOf(scope).locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await list.locator('.ant-select-item-option').first().waitFor();
  return list;
}

/**
 * Types a date and time into a DateTimeField (antd DatePicker) as a person does: click, replace what is there,
 * Enter. `value` as the field shows it, '2031-03-02 09:00' (the 'T' form is taken too). Waits until the field
 * shows it. (The native datetime-local input it replaced took playwright's fill.)
 */
export async function typeDateTime(scope: Scope, label: string | RegExp, value: string): Promise<void> {
  const box = scope.getByLabel(label);
  await box.click();
  await box.fill(value);
  await box.press('Enter');
  const shown = value.replace('T', ' ');
  await waitUntil(async () => (await box.inputValue()) === shown, `${shown} in ${label}`);
}

/** Opens a date picker's calendar and returns it (a dialog-like popup rendered at the end of <body>). */
export async function openPicker(scope: Scope, label: string | RegExp): Promise<Locator> {
  await scope.getByLabel(label).click();
  const panel = pageOf(scope).locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
  await panel.locator('.ant-picker-panel').first().waitFor();
  return panel;
}

/** The text of the element that has the keyboard focus (e.g. to see focus come back to a button after a dialog). */
export async function focusedText(page: Page): Promise<string> {
  return ((await page.evaluate('document.activeElement?.textContent ?? ""')) as string).trim();
}
