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
