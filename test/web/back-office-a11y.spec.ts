import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, publishBody, startStack, type Stack } from '../support/stack.js';
import { launch } from './browser.js';
import { allDelivered, logIn, People } from './pages.js';

/** axe-core's own build, injected into each page from node_modules: nothing is fetched from outside. */
const AXE = path.resolve('node_modules/axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

/**
 * Every back-office page passes axe-core with no violation of impact 'serious' or 'critical' (WCAG 2.1 A/AA rules
 * and axe's best practices). 'moderate' and 'minor' findings are not failures here; they are worth a look but
 * include judgement calls (e.g. a region around every piece of content).
 */
describe('back office (browser): accessibility, checked by axe-core on every page', () => {
  let s: Stack;
  let browser: Browser;
  let people: People;
  let disclosureId: string;
  let draftId: string;

  beforeAll(async () => {
    s = await startStack();
    const admin = await s.token();
    // every list has rows: a published disclosure (deliveries, manual tasks, audit entries) and a submitted draft
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-01', { title: '关于印发管理办法的通知' }) });
    expect(r.status).toBe(201);
    disclosureId = r.body.id;
    const d = await s.call('POST', '/api/drafts', { token: admin, body: publishBody('genhe-zwfw:01-01', { title: '待审核的稿件', body: '<p>正文。</p>' }) });
    draftId = d.body.id;
    await s.call('POST', `/api/drafts/${draftId}/submit`, { token: admin });
    browser = await launch();
    // the pages' CSP (script-src 'self') would refuse the injected checker; the pages' own scripts are unchanged
    people = new People(browser, s.url.replace('[::1]', '127.0.0.1'), { bypassCSP: true });
  }, 120_000);

  afterAll(async () => {
    await people?.close();
    await browser?.close();
    await s?.close();
  });

  /** Serious and critical violations on the page as it is now, one line each: rule, element, its HTML. */
  async function serious(page: Page): Promise<string[]> {
    await page.locator('.loading').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
    if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ path: AXE });
    const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`)) as Violation[];
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}: ${v.help}) at ${JSON.stringify(n.target)}: ${n.html.slice(0, 160)} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`));
  }

  it('finds no serious or critical violation on the login page or any page an admin opens, and nothing loads from outside', async () => {
    const found: Record<string, string[]> = {};
    // every request the pages make, from both pages below: the server's own origin or data:/blob: only
    const outside: string[] = [];
    const watch = (p: Page) => p.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(people.base) && !/^(data|blob):/.test(u)) outside.push(u);
    });
    const anon = await people.open();
    watch(anon);
    await anon.goto(`${people.base}/login`);
    await anon.getByLabel('用户名').waitFor();
    const login = await serious(anon);
    if (login.length) found['/login'] = login;

    const page = await people.open();
    watch(page);
    await page.goto(`${people.base}/login`);
    await logIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    await page.goto(`${people.base}/disclosures/${disclosureId}`);
    await allDelivered(page).catch(() => undefined); // manual tasks stay open; the automated ones settle
    const paths = [
      '/', '/compose', '/drafts', `/drafts/${draftId}`, `/drafts/${draftId}/edit`, '/disclosures', `/disclosures/${disclosureId}`, '/tasks',
      '/overdue', '/freshness', '/audit', `/audit/timeline/${disclosureId}`, '/reports', '/admin/users', '/admin/departments', '/admin/channels',
      '/admin/catalogues', '/admin/screens', '/admin/queues', '/account/password', '/no-such-page',
    ];
    for (const p of paths) {
      await page.goto(`${people.base}${p}`);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      const bad = await serious(page);
      if (bad.length) found[p] = bad;
    }
    // compose with an item picked: the channel panel and the previews are on screen too
    await page.goto(`${people.base}/compose`);
    await page.getByLabel('搜索公开事项').fill('规范性文件');
    await page.locator('[data-item="genhe-zwfw:01-01"]').click();
    await page.locator('.item-preview').getByText('将分发到').waitFor();
    const compose = await serious(page);
    if (compose.length) found['/compose (item picked)'] = compose;
    expect(found).toEqual({});
    expect(outside).toEqual([]);
    expect(people.pageErrors).toEqual([]);
  }, 240_000);
});
