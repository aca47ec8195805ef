import type { Browser } from 'playwright-core';
import * as fs from 'node:fs';
import { ADMIN_PASSWORD, eventually, publishBody, startStack, type Stack } from '../support/stack.js';
import { ack, feed, registerScreen, screensChannels, SCREENS_ENV, type Registered } from '../screens/screens-support.js';
import { launch, shoot, tmpFile } from './browser.js';
import { choose, menu, People } from './pages.js';

/**
 * The admin's and the overseer's pages in headless Chromium against the real API and worker, with a real
 * pull-feed `screens` channel: registering a screen from the page, a notice's acknowledgement progress (which
 * screens show it, which are missing) live on the disclosure page, channel health, catalogue versions and export
 * with a check-only re-import, and the overdue list.
 */
describe('back office (browser): screens, channels, catalogues, overdue', () => {
  let s: Stack;
  let browser: Browser;
  let people: People;
  let admin: string;
  const online = new Set<Registered>();
  let poller: NodeJS.Timeout;

  beforeAll(async () => {
    s = await startStack({ channels: screensChannels(), env: { ...SCREENS_ENV, SCREEN_ONLINE_SECONDS: '5' } });
    admin = await s.token();
    browser = await launch();
    people = new People(browser, s.url.replace('[::1]', '127.0.0.1'));
    // screens that call in (so they count as online) but acknowledge only when the test says so
    poller = setInterval(() => {
      for (const x of online) void feed(s, x).catch(() => undefined);
    }, 500);
  }, 120_000);

  afterAll(async () => {
    clearInterval(poller);
    await people?.close();
    await browser?.close();
    await s?.close();
  });

  it('registers a screen from the page and shows on a disclosure which screens show its notice', async () => {
    const page = await people.signIn('admin', ADMIN_PASSWORD);
    await menu(page).getByRole('link', { name: '电子屏' }).click();
    await page.getByText('还没有登记电子屏。').waitFor();
    const form = page.getByRole('form', { name: '登记电子屏' });
    await form.getByRole('button', { name: '登记并生成令牌' }).click();
    await form.locator('.field-error').first().waitFor(); // name and group are required, said on the fields
    await form.getByLabel(/^名称/).fill('幸福社区一号屏');
    await choose(form, /^分组/, '社区公示栏'); // the group community, by its label
    await form.getByLabel(/^位置/).fill('幸福社区服务站门口');
    await form.getByRole('button', { name: '登记并生成令牌' }).click();
    await page.getByText('的新令牌只显示这一次').waitFor();
    const token = await page.locator('code.secret').first().innerText();
    const id = (await s.db.query(`SELECT id FROM screens WHERE name = '幸福社区一号屏'`)).rows[0].id as string;
    const first: Registered = { id, token, name: '幸福社区一号屏', group: 'community' };
    expect((await feed(s, first)).status).toBe(200); // the token shown is the one that works
    const second = await registerScreen(s, admin, 'community', '幸福社区二号屏', '幸福社区广场');
    await registerScreen(s, admin, 'community', '和平社区屏', '和平社区活动室'); // never calls in: offline
    online.add(first).add(second);
    await eventually(async () => (await s.call('GET', '/api/screens', { token: admin })).body.items.filter((x: { health: string }) => x.health === 'online').length === 2, 15_000);
    await page.reload();
    await page.locator('tr', { hasText: '幸福社区二号屏' }).getByText('在线').waitFor();
    await shoot(page, 'admin-screens');

    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:04-01', { title: '关于社区停水的通知' }) });
    expect(r.status).toBe(201);
    await page.goto(`${people.base}/disclosures/${r.body.id}`);
    const row = page.locator('li.delivery[data-channel="screens"]').first();
    const progress = row.getByTestId('screens-progress');
    await progress.getByText('已在 0/3 块电子屏显示').waitFor({ timeout: 30_000 });
    const version = async (x: Registered) =>
      (await eventually(async () => {
        const f = await feed(s, x);
        return f.body.items?.some((i: { id: string }) => i.id === r.body.id) ? (f.body.version as number) : undefined;
      }, 15_000))!;
    expect((await ack(s, first, await version(first))).status).toBe(200);
    await progress.getByText('已在 1/3 块电子屏显示').waitFor({ timeout: 15_000 }); // live, no reload
    expect(await progress.getByText('等待确认的在线电子屏').count()).toBe(1);
    await progress.getByText('幸福社区二号屏').waitFor();
    await progress.getByText('和平社区屏').waitFor();
    await shoot(page, 'disclosure-screens');
    await ack(s, second, await version(second));
    await page.locator('li.delivery[data-channel="screens"][data-status="delivered"]').waitFor({ timeout: 30_000 });
    await row.getByText('已在 2/3 块电子屏显示').waitFor();
    await row.getByText('所有在线电子屏均已确认显示。').waitFor();
    expect(people.pageErrors).toEqual([]);
  }, 150_000);

  it('shows channel types and health, catalogue versions with export and a check-only import, and the overdue list', async () => {
    const page = await people.signIn('admin', ADMIN_PASSWORD);
    await menu(page).getByRole('link', { name: '渠道与健康' }).click();
    const website = page.locator('tr', { hasText: 'website' });
    await website.getByText('正常').waitFor(); // delivered in the test before
    await page.locator('tr', { hasText: 'screens' }).getByText('电子屏（拉取）').waitFor();
    await page.locator('tr', { hasText: 'gazette' }).getByText('通用接口（签名 HTTP）').waitFor();
    await page.locator('tr', { hasText: 'manual' }).getByText(/暂无数据/).waitFor(); // a task awaiting a person says nothing either way
    await shoot(page, 'admin-channels');

    await menu(page).getByRole('link', { name: '公开目录' }).click();
    await page.locator('tr', { hasText: 'genhe-zwfw' }).getByRole('button', { name: '版本与导出' }).click();
    const versions = page.getByRole('region', { name: 'genhe-zwfw 的版本' });
    await versions.getByText('第 1 版').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), versions.getByRole('button', { name: 'Excel' }).first().click()]);
    const file = tmpFile('genhe-zwfw.xlsx');
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    // the exported table reads back: a check-only import of it passes and writes no version
    await page.getByLabel('目录代码').fill('genhe-zwfw');
    await page.locator('#import-file').setInputFiles(file);
    await page.getByRole('checkbox', { name: '只检查，不导入' }).check();
    await page.getByRole('button', { name: '检查文件' }).click();
    await page.getByText(/检查通过：共 \d+ 个事项，可以导入。/).waitFor();
    await shoot(page, 'admin-catalogues');
    const n = await s.db.query(`SELECT count(*)::int AS n FROM catalogue_versions WHERE catalogue_code = 'genhe-zwfw'`);
    expect(n.rows[0].n).toBe(1);

    // a guide due long ago whose manual task nobody has done: overdue
    const late = new Date(Date.now() - 60 * 86400_000).toISOString();
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:07-01', { title: '迟迟未办的公开指南', generatedAt: late }) });
    expect(r.status).toBe(201);
    await menu(page).getByRole('link', { name: '逾期与临期' }).click();
    const overdue = page.locator('tr.row-overdue', { hasText: '迟迟未办的公开指南' });
    await overdue.waitFor({ timeout: 30_000 });
    await overdue.getByText(/已超期 \d+ 个工作日/).waitFor();
    await choose(page, '类别', '已逾期');
    await overdue.waitFor();
    await shoot(page, 'overdue');

    // the disclosures list: only the overdue one with 只看已逾期, only the screens notice by channel
    await menu(page).getByRole('link', { name: '公开记录' }).click();
    const rows = page.locator('.disclosures-table tbody tr.ant-table-row'); // antd Table: data rows only
    await rows.filter({ hasText: '关于社区停水的通知' }).waitFor();
    await page.getByRole('checkbox', { name: '只看已逾期' }).check();
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/overdue=true/);
    await rows.filter({ hasText: '关于社区停水的通知' }).waitFor({ state: 'detached' });
    expect(await rows.allInnerTexts()).toEqual([expect.stringContaining('迟迟未办的公开指南')]);
    await page.getByRole('button', { name: '清除条件' }).click();
    await choose(page, '渠道', '电子屏');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/channel=screens/);
    await rows.filter({ hasText: '迟迟未办的公开指南' }).waitFor({ state: 'detached' });
    expect(await rows.allInnerTexts()).toEqual([expect.stringContaining('关于社区停水的通知')]);
    await shoot(page, 'disclosures-list');
    expect(people.pageErrors).toEqual([]);
  }, 150_000);

  it('tells admins on the 工作台 when a screen goes offline and when it is back, and marks the notice read', async () => {
    const victim = [...online].find((x) => x.name === '幸福社区二号屏')!;
    online.delete(victim);
    const noticeOf = (kind: string) => eventually(async () => (await s.db.query(`SELECT id FROM notifications WHERE kind = $1 AND data->>'screenId' = $2`, [kind, victim.id])).rows[0], 20_000);
    await noticeOf('screen.offline');
    const page = await people.signIn('admin', ADMIN_PASSWORD);
    const note = page.locator('li.note[data-kind="screen.offline"]', { hasText: '电子屏“幸福社区二号屏”离线' });
    await note.getByText(/幸福社区广场，自 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 起未连接/).waitFor();
    await shoot(page, 'home-notes');
    await note.getByRole('button', { name: '标为已读' }).click();
    await note.waitFor({ state: 'detached' });
    expect((await s.db.query(`SELECT read_by FROM notifications WHERE kind = 'screen.offline' AND data->>'screenId' = $1`, [victim.id])).rows[0].read_by).toBe('admin');

    online.add(victim);
    await noticeOf('screen.online');
    await page.reload();
    await page.locator('li.note[data-kind="screen.online"]', { hasText: '电子屏“幸福社区二号屏”已恢复连接' }).waitFor();
    await page.locator('li.note[data-kind="screen.online"]').getByRole('link', { name: '查看电子屏' }).click();
    await page.locator('tr', { hasText: '幸福社区二号屏' }).getByText('在线').waitFor();
    expect(people.pageErrors).toEqual([]);
  }, 120_000);
});
