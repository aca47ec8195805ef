import type { Browser, Page } from 'puppeteer-core';
import { ADMIN_PASSWORD, startStack, type Stack } from '../support/stack.js';
import { shoot } from './browser.js';
import { byLabel, chooseByTyping, clickButton, launchFirefox, text, typeDateTime, until } from './firefox.js';

/**
 * The back office in Firefox (Debian's ESR), not only Chromium: one person holding every role, as in a small
 * office, composes with the keyboard, reviews and publishes, and watches every channel deliver.
 */
describe('back office (Firefox)', () => {
  let s: Stack;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    s = await startStack();
    browser = await launchFirefox();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('logs in, composes from the keyboard, reviews, publishes and shows every channel delivered', async () => {
    const base = s.url.replace('[::1]', '127.0.0.1');
    const page: Page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(String((e as Error).message ?? e)));
    await page.setViewport({ width: 1366, height: 900 });
    await page.goto(`${base}/compose`);
    await (await byLabel(page, '用户名')).type('admin');
    await (await byLabel(page, '密码')).type(ADMIN_PASSWORD);
    await page.keyboard.press('Enter'); // the form submits from the keyboard
    await text(page, '撰写公开信息', 'h1');

    // pick the item with the keyboard only: type in the search box, Tab to the item, Enter
    const search = await byLabel(page, '搜索公开事项');
    await search.focus();
    await page.keyboard.type('规范性文件');
    await text(page, '找到');
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate(`document.activeElement?.getAttribute('data-item')`)) === 'genhe-zwfw:01-01';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await text(page, '已选：');

    await (await byLabel(page, '标题')).type('关于公布根河市政务服务事项清单的通知');
    await (await byLabel(page, '正文')).type('各有关单位：\n\n现将政务服务事项清单予以公布。');
    // antd's date picker and list from the keyboard too: a typed time (Beijing, an hour ago), a subject found by typing
    const generatedAt = Math.floor((Date.now() - 3600_000) / 60_000) * 60_000;
    await typeDateTime(page, '信息形成时间', new Date(generatedAt + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' '));
    await chooseByTyping(page, '主题分类', '财政', '财政、金融、审计');
    await text(page, '将分发到', '.item-preview');
    expect(await page.$eval('.item-preview .due strong', (e) => e.textContent)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await clickButton(page, '保存并提交审核');
    await until(page, String.raw`/\/drafts\/[0-9a-f-]{36}\?saved=submitted/.test(location.href)`);

    for (const name of ['secrecy', 'political', 'legal', 'wording']) await page.locator(`input[type=checkbox][name=${name}]`).click();
    await (await byLabel(page, '审核意见')).type('同意。');
    await clickButton(page, '审核通过');
    await text(page, '审核通过，待发布', '.page-title');
    await clickButton(page, '立即发布');
    await until(page, String.raw`/\/disclosures\/[0-9a-f-]{36}/.test(location.href)`);
    await until(page, `document.querySelectorAll('li.delivery').length > 0 && !document.querySelector('li.delivery:not([data-status="delivered"])')`);
    await text(page, '实时更新中');
    await shoot(page, 'firefox-disclosure-live');

    const id = /\/disclosures\/([0-9a-f-]{36})/.exec(page.url())![1];
    const d = (await s.call('GET', `/api/disclosures/${id}`, { token: await s.token() })).body;
    expect(d.title).toBe('关于公布根河市政务服务事项清单的通知');
    expect(Date.parse(d.generatedAt)).toBe(generatedAt);
    expect(d.metadata.subject).toBe('财政、金融、审计');
    expect(d.deliveries.every((x: { status: string }) => x.status === 'delivered')).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 150_000);
});
