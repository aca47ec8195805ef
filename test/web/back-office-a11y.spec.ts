import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, publishBody, startStack, type Stack } from '../support/stack.js';
import { registerScreen, screensChannels, SCREENS_ENV } from '../screens/screens-support.js';
import { launch } from './browser.js';
import { ALL_CHECKS, allDelivered, logIn, openPicker, openSelect, PASSWORD, People } from './pages.js';

/** axe-core's own build, injected into each page from node_modules: nothing is fetched from outside. */
const AXE = path.resolve('node_modules/axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

type Role = 'editor' | 'reviewer' | 'publisher' | 'auditor' | 'admin';
const ROLES: Role[] = ['editor', 'reviewer', 'publisher', 'auditor', 'admin'];

/**
 * Every back-office page passes axe-core with no violation of impact 'serious' or 'critical' (WCAG 2.1 A/AA rules
 * and axe's best practices), as each role that can open it sees it — the menu, the buttons and the forms follow the
 * roles — and with the popups staff open: a date picker's calendar, a Select's list, each confirmation dialog.
 * 'moderate' and 'minor' findings are not failures here; they are worth a look but include judgement calls (e.g. a
 * region around every piece of content).
 */
describe('back office (browser): accessibility, checked by axe-core on every page as every role', () => {
  let s: Stack;
  let browser: Browser;
  let people: People;
  let disclosureId: string;
  let draftId: string;
  let approvedId: string;
  /** every request the pages make: the server's own origin or data:/blob: only */
  const outside: string[] = [];

  beforeAll(async () => {
    // a pull-feed screens channel, so the screens page lists a screen whose token can be revoked (a dialog)
    s = await startStack({ channels: screensChannels(), env: SCREENS_ENV });
    const admin = await s.token();
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const r = await s.call('POST', '/api/users', { token: admin, body: { username: role, password: PASSWORD, roles: [role], departmentCode: 'genhe-zwfw' } });
      expect(r.status).toBe(201);
    }
    // every list has rows: a published disclosure (deliveries, manual tasks, audit entries), a submitted draft
    // (the review form) and an approved one (the publish form with 定时发布)
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-01', { title: '关于印发管理办法的通知' }) });
    expect(r.status).toBe(201);
    disclosureId = r.body.id;
    const draft = async (title: string) => {
      const d = await s.call('POST', '/api/drafts', { token: admin, body: publishBody('genhe-zwfw:01-01', { title, body: '<p>正文。</p>' }) });
      expect((await s.call('POST', `/api/drafts/${d.body.id}/submit`, { token: admin })).status).toBe(200);
      return d.body.id as string;
    };
    draftId = await draft('待审核的稿件');
    approvedId = await draft('待发布的稿件');
    expect((await s.call('POST', `/api/drafts/${approvedId}/review`, { token: admin, body: { decision: 'approve', checks: ALL_CHECKS } })).status).toBe(200);
    await registerScreen(s, admin, 'community', '幸福社区一号屏', '幸福社区服务站门口');
    browser = await launch();
    // the pages' CSP (script-src 'self') would refuse the injected checker; the pages' own scripts are unchanged
    people = new People(browser, s.url.replace('[::1]', '127.0.0.1'), { bypassCSP: true });
  }, 120_000);

  afterAll(async () => {
    await people?.close();
    await browser?.close();
    await s?.close();
  });

  /** The pages a role may open, as the route table in apps/web/src/app.tsx gives them (admin: all). */
  function pagesFor(role: Role): string[] {
    const may = (...roles: Role[]) => role === 'admin' || roles.includes(role);
    return [
      '/', '/drafts', `/drafts/${draftId}`, `/drafts/${approvedId}`, '/disclosures', `/disclosures/${disclosureId}`, '/overdue', '/freshness', '/account/password', '/no-such-page',
      ...(may('editor', 'publisher') ? ['/compose', `/drafts/${draftId}/edit`] : []),
      ...(may('publisher') ? ['/tasks'] : []),
      ...(may('auditor') ? ['/audit', `/audit/timeline/${disclosureId}`, '/reports'] : []),
      ...(may() ? ['/admin/users', '/admin/departments', '/admin/channels', '/admin/catalogues', '/admin/screens', '/admin/queues'] : []),
    ];
  }

  /** Serious and critical violations on the page as it is now, one line each: rule, element, its HTML. */
  async function serious(page: Page): Promise<string[]> {
    await page.locator('.loading').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
    // popups and dialogs fade in: checked mid-way, their text is blended with the background (a false contrast
    // failure). Endless animations (a spinner, the live dot) are left running.
    await page
      .waitForFunction('document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity)', undefined, { timeout: 5_000 })
      .catch(() => undefined);
    if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ path: AXE });
    const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`)) as Violation[];
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}: ${v.help}) at ${JSON.stringify(n.target)}: ${n.html.slice(0, 160)} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`));
  }

  const watch = (p: Page) =>
    p.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(people.base) && !/^(data|blob):/.test(u)) outside.push(u);
    });

  async function signIn(role: Role): Promise<Page> {
    const page = await people.open();
    watch(page);
    await page.goto(`${people.base}/login`);
    await logIn(page, role, role === 'admin' ? ADMIN_PASSWORD : PASSWORD);
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    return page;
  }

  async function goto(page: Page, p: string): Promise<void> {
    await page.goto(`${people.base}${p}`);
    await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle').catch(() => undefined);
  }

  /** Each page the role may open, then the popups and dialogs that role can open, with axe-core on each. */
  async function sweep(role: Role): Promise<Record<string, string[]>> {
    const found: Record<string, string[]> = {};
    const check = async (page: Page, what: string) => {
      const bad = await serious(page);
      if (bad.length) found[`${role} ${what}`] = bad;
    };
    const page = await signIn(role);
    if (role === 'admin') {
      await page.goto(`${people.base}/disclosures/${disclosureId}`);
      await allDelivered(page).catch(() => undefined); // manual tasks and the screens stay open; the rest settle
    }
    for (const p of pagesFor(role)) {
      await goto(page, p);
      await check(page, p);
    }

    // a Select's list open (every role filters the disclosures)
    await goto(page, '/disclosures');
    await openSelect(page, '状态');
    await check(page, '/disclosures (状态 list open)');
    await page.keyboard.press('Escape');

    if (role === 'editor' || role === 'publisher' || role === 'admin') {
      // compose with an item picked (the channel panel and the previews), then the calendar and a list open
      await goto(page, '/compose');
      await page.getByLabel('搜索公开事项').fill('规范性文件');
      await page.locator('[data-item="genhe-zwfw:01-01"]').click();
      await page.locator('.item-preview').getByText('将分发到').waitFor();
      await check(page, '/compose (item picked)');
      await openPicker(page, /^信息形成时间/);
      await check(page, '/compose (信息形成时间 calendar open)');
      await page.keyboard.press('Escape');
      await openSelect(page, '主题分类');
      await check(page, '/compose (主题分类 list open)');
      await page.keyboard.press('Escape');
    }
    if (role === 'publisher' || role === 'admin') {
      await goto(page, `/drafts/${approvedId}`);
      await page.getByRole('radio', { name: '定时发布' }).check();
      await openPicker(page, /^发布时间（北京时间）/);
      await check(page, '/drafts/:id (发布时间 calendar open)');
      await page.keyboard.press('Escape');

      // the update's and the withdrawal's confirmation dialogs, each cancelled
      await goto(page, `/disclosures/${disclosureId}`);
      await page.getByRole('button', { name: '更新内容' }).click();
      await page.getByRole('form', { name: '更新内容' }).getByRole('button', { name: '保存并推送更新' }).click();
      const update = page.getByRole('dialog', { name: '确认更新' });
      await update.waitFor();
      await check(page, '/disclosures/:id (确认更新 dialog)');
      await update.getByRole('button', { name: '取消' }).click();
      await update.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: '撤回', exact: true }).first().click();
      const form = page.getByRole('form', { name: '撤回' });
      await form.getByLabel(/^撤回原因/).fill('仅检查对话框，不撤回。');
      await form.getByRole('button', { name: '撤回' }).click();
      const withdraw = page.getByRole('dialog', { name: '确认撤回' });
      await withdraw.waitFor();
      await check(page, '/disclosures/:id (确认撤回 dialog)');
      await withdraw.getByRole('button', { name: '取消' }).click();
      await withdraw.waitFor({ state: 'hidden' });
    }
    if (role === 'auditor' || role === 'admin') {
      await goto(page, '/audit');
      await openSelect(page, '操作类型');
      await check(page, '/audit (操作类型 list open, searchable)');
      await page.keyboard.press('Escape');
    }
    if (role === 'admin') {
      await goto(page, '/admin/screens');
      await page.getByRole('button', { name: '吊销' }).first().click();
      const revoke = page.getByRole('dialog', { name: '确认吊销' });
      await revoke.waitFor();
      await check(page, '/admin/screens (确认吊销 dialog)');
      await revoke.getByRole('button', { name: '取消' }).click();
      await revoke.waitFor({ state: 'hidden' });
      await openSelect(page, /^分组/);
      await check(page, '/admin/screens (分组 list open)');
      await page.keyboard.press('Escape');
    }
    return found;
  }

  it('finds no serious or critical violation on the login page', async () => {
    const anon = await people.open();
    watch(anon);
    await anon.goto(`${people.base}/login`);
    await anon.getByLabel('用户名').waitFor();
    expect(await serious(anon)).toEqual([]);
  }, 60_000);

  for (const role of ROLES) {
    it(`finds none on any page ${role === 'admin' ? 'an admin' : `a ${role}`} opens, nor in its calendars, lists and dialogs`, async () => {
      expect(await sweep(role)).toEqual({});
    }, 300_000);
  }

  it('loaded nothing from outside the server, and no page failed', async () => {
    expect(outside).toEqual([]);
    // the dialogs above were all cancelled
    expect((await s.call('GET', `/api/disclosures/${disclosureId}`, { token: await s.token() })).body.status).not.toBe('withdrawn');
    expect(people.pageErrors).toEqual([]);
  });
});
