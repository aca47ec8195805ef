import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, eventually, publishBody, startStack, type Stack } from '../support/stack.js';
import { launch, shoot } from './browser.js';
import { choose, menu, People } from './pages.js';

const DAY = 86_400_000;

/**
 * 更新监测 in headless Chromium against the real API and worker: the home page's panel, the list of columns and
 * accounts with their state, and an admin editing a rule (a bad limit refused on the field in Chinese, then saved).
 * 工作动态's website delivery is dated 12 days before the test's "now", so it is 2 days from its 14-day limit on any day.
 */
describe('back office (browser): freshness watchdog', () => {
  let s: Stack;
  let browser: Browser;
  let people: People;

  beforeAll(async () => {
    s = await startStack({ env: { OVERDUE_SWEEP_MS: '86400000' } });
    const admin = await s.token();
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:09-01', { title: '我局召开季度工作会议' }) });
    expect(r.status).toBe(201);
    await eventually(async () => (await s.db.query(`SELECT 1 FROM deliveries WHERE disclosure_id = $1 AND carrier = 'website' AND status = 'delivered'`, [r.body.id])).rowCount === 1);
    // every delivery settled before they are back-dated: a new-media delivery finishing after the UPDATE would be
    // dated now, and its account would not count as 即将超期 (seen in CI under load)
    await eventually(async () =>
      (await s.db.query(`SELECT 1 FROM deliveries WHERE disclosure_id = $1 AND (status IN ('queued','in_progress') OR awaiting_remote)`, [r.body.id])).rowCount === 0,
    );
    await s.db.query(`UPDATE deliveries SET delivered_at = $2 WHERE disclosure_id = $1`, [r.body.id, new Date(Date.now() - 12 * DAY)]);
    browser = await launch();
    people = new People(browser, s.url.replace('[::1]', '127.0.0.1'));
  }, 120_000);

  afterAll(async () => {
    await people?.close();
    await browser?.close();
    await s?.close();
  });

  it('shows the panel on 工作台, lists columns and accounts, and lets an admin change a rule', async () => {
    const page = await people.signIn('admin', ADMIN_PASSWORD);
    const panel = page.getByRole('region', { name: '网站与新媒体更新监测' });
    await panel.locator('.card', { hasText: '空白栏目、账号' }).locator('.card-count').filter({ hasText: /^\d+$/ }).waitFor();
    expect(await panel.locator('.card', { hasText: '即将超期' }).locator('.card-count').innerText()).toBe('3'); // the column, the home page and the new-media account
    await panel.getByText('以下单项否决指标已触及').waitFor();
    await shoot(page, 'home-freshness');

    await panel.getByRole('link', { name: /即将超期/ }).click();
    await page.getByRole('heading', { name: '更新监测', level: 1 }).waitFor();
    const row = page.locator('tr', { hasText: '其他相关信息 / 工作动态' });
    await row.getByText('还剩 2 天').waitFor();
    await row.getByText('临期').waitFor();
    await page.getByText('我局召开季度工作会议').first().waitFor();

    await menu(page).getByRole('link', { name: '更新监测' }).waitFor();
    await choose(page, '状态', '全部'); // all states: the empty columns too
    await page.locator('tr', { hasText: '履职依据 / 机构领导' }).getByText('空白').waitFor();
    await shoot(page, 'freshness');

    await page.locator('tr', { hasText: '其他相关信息 / 工作动态' }).getByRole('button', { name: /修改规则/ }).click();
    const form = page.getByRole('form', { name: /更新规则/ });
    await form.getByLabel(/^更新期限/).fill('0');
    await form.getByRole('button', { name: '保存规则' }).click();
    await form.locator('.field-error', { hasText: '须为 1 至 3660 的整数' }).waitFor();
    await shoot(page, 'freshness-rule-error');
    await form.getByLabel(/^更新期限/).fill('30');
    await form.getByLabel(/^提前预警/).fill('5');
    await form.getByRole('button', { name: '保存规则' }).click();
    await form.waitFor({ state: 'detached' });
    const edited = page.locator('tr', { hasText: '其他相关信息 / 工作动态' });
    await edited.getByText('30 天（自定义）').waitFor();
    await edited.getByText('还剩 18 天').waitFor();
    expect(people.pageErrors).toEqual([]);
  });
});
