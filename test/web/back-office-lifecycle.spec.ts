import type { Browser, Page } from 'playwright-core';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';
import { launch, shoot } from './browser.js';
import { ALL_CHECKS, allDelivered, focusedText, openPicker, PASSWORD, People, typeBody, typeDateTime, waitUntil } from './pages.js';

/**
 * The rest of a disclosure's life in headless Chromium against the real API and worker: a draft returned with
 * comments and revised, publishing at a chosen time (the worker's scheduler does it, not the test), and an update
 * and a withdrawal from the disclosure's own page.
 */
describe('back office (browser): return, schedule, update, withdraw', () => {
  let s: Stack;
  let browser: Browser;
  let people: People;
  let admin: string;
  let editorToken: string;

  beforeAll(async () => {
    s = await startStack();
    admin = await s.token();
    for (const [username, roles] of [['editor', ['editor']], ['reviewer', ['reviewer']], ['publisher', ['publisher']]] as const) {
      const r = await s.call('POST', '/api/users', { token: admin, body: { username, password: PASSWORD, roles, departmentCode: 'genhe-zwfw' } });
      expect(r.status).toBe(201);
    }
    editorToken = await s.token('editor', PASSWORD);
    browser = await launch();
    people = new People(browser, s.url.replace('[::1]', '127.0.0.1'));
  }, 120_000);

  afterAll(async () => {
    await people?.close();
    await browser?.close();
    await s?.close();
  });

  const base = () => people.base;

  async function submittedDraft(itemId: string, title: string): Promise<string> {
    const d = await s.call('POST', '/api/drafts', { token: editorToken, body: publishBody(itemId, { title, body: `<p>${title}的正文。</p>` }) });
    expect(d.status).toBe(201);
    expect((await s.call('POST', `/api/drafts/${d.body.id}/submit`, { token: editorToken })).status).toBe(200);
    return d.body.id;
  }

  const badge = (page: Page, text: string) => page.locator('.page-title .badge', { hasText: text }).waitFor();

  it('returns a draft with comments; the editor sees them, revises and resubmits', async () => {
    const draftId = await submittedDraft('genhe-zwfw:01-01', '关于调整政务数据目录的通知');
    const reviewer = await people.signIn('reviewer');
    await reviewer.goto(`${base()}/drafts/${draftId}`);
    // a return must say what to change: stopped on the page, before any request
    await reviewer.getByRole('button', { name: '退回修改' }).click();
    await reviewer.getByText('退回修改时请写明需要修改的内容').waitFor();
    await reviewer.getByRole('checkbox', { name: /^保密审查/ }).check();
    await reviewer.getByLabel('审核意见').fill('文号缺失，请补充文号后再提交。');
    await reviewer.getByRole('button', { name: '退回修改' }).click();
    await badge(reviewer, '已退回修改');

    const editor = await people.signIn('editor');
    await editor.goto(`${base()}/drafts/${draftId}`);
    await editor.getByText('意见：文号缺失，请补充文号后再提交。').waitFor();
    await shoot(editor, 'draft-returned');
    await editor.getByRole('link', { name: '修改稿件' }).click();
    await editor.getByRole('heading', { name: /撰写公开信息|修改稿件/, level: 1 }).waitFor();
    await editor.getByLabel('文号').fill('根政数发〔2026〕7号');
    await editor.getByRole('button', { name: '保存并提交审核' }).click();
    await editor.waitForURL(new RegExp(`/drafts/${draftId}\\?saved=submitted`));
    await badge(editor, '待审核');
    const draft = (await s.call('GET', `/api/drafts/${draftId}`, { token: admin })).body;
    expect(draft.status).toBe('submitted');
    expect(draft.metadata.docNo).toBe('根政数发〔2026〕7号');
    const reviewed = await s.db.query(`SELECT details FROM audit_log WHERE action = 'draft.reviewed' AND details->>'draftId' = $1`, [draftId]);
    expect(reviewed.rows.map((x) => x.details)).toEqual([expect.objectContaining({ decision: 'return', comments: '文号缺失，请补充文号后再提交。' })]);
  }, 120_000);

  it('publishes at the chosen time: the worker publishes the scheduled draft when it comes, not before', async () => {
    const draftId = await submittedDraft('genhe-zwfw:01-02', '定时发布的公告');
    expect((await s.call('POST', `/api/drafts/${draftId}/review`, { token: admin, body: { decision: 'approve', checks: ALL_CHECKS } })).status).toBe(200);
    const publisher = await people.signIn('publisher');
    await publisher.goto(`${base()}/drafts/${draftId}`);
    await publisher.getByRole('radio', { name: '定时发布' }).check();
    const field = /^发布时间（北京时间）/;
    // the calendar speaks Chinese, and its 此刻 is Beijing's clock (the context runs in Asia/Shanghai as staff do)
    const calendar = await openPicker(publisher, field);
    await calendar.getByRole('button', { name: '此刻（北京时间）' }).click();
    const now = Date.now();
    const around = [beijingMinute(now - 60_000), beijingMinute(now), beijingMinute(now + 60_000)];
    let shown = '';
    await waitUntil(async () => around.includes((shown = await publisher.getByLabel(field).inputValue())), `now (${around[1]}) in the field`).catch((e) => {
      throw new Error(`${(e as Error).message}; it shows ${JSON.stringify(shown)}`);
    });
    await publisher.keyboard.press('Escape');
    await typeDateTime(publisher, field, beijingMinute(Date.now() - 3600_000));
    // the Enter that took the typed time did not also submit the form (that would have checked the time already)
    expect(await publisher.getByText('请选择一个晚于现在的发布时间（北京时间）').count()).toBe(0);
    await publisher.getByRole('button', { name: '确定定时发布' }).click();
    await publisher.getByText('请选择一个晚于现在的发布时间（北京时间）').waitFor();
    // the next whole minute at least 20 s away (the field has minute precision)
    const at = Math.ceil((Date.now() + 20_000) / 60_000) * 60_000;
    await typeDateTime(publisher, field, beijingMinute(at));
    await publisher.getByRole('button', { name: '确定定时发布' }).click();
    await badge(publisher, '已定时');
    await publisher.getByText(/已定时在 .* 发布/).waitFor();
    await shoot(publisher, 'draft-scheduled');
    const scheduled = (await s.call('GET', `/api/drafts/${draftId}`, { token: admin })).body;
    expect(scheduled.status).toBe('scheduled');
    expect(Date.parse(scheduled.scheduledAt)).toBe(at);

    const published = await eventually(async () => {
      const d = (await s.call('GET', `/api/drafts/${draftId}`, { token: admin })).body;
      return d.status === 'published' ? d : undefined;
    }, 120_000);
    const disclosure = (await s.call('GET', `/api/disclosures/${published.disclosureId}`, { token: admin })).body;
    expect(Date.parse(disclosure.createdAt)).toBeGreaterThanOrEqual(at);
    await publisher.reload();
    await publisher.getByRole('link', { name: '查看各渠道分发状态' }).click();
    await allDelivered(publisher);
  }, 200_000);

  it('updates and then withdraws a published disclosure from its page', async () => {
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-03', { title: '政策文件解读' }) });
    expect(r.status).toBe(201);
    const id = r.body.id;
    const publisher = await people.signIn('publisher');
    await publisher.goto(`${base()}/disclosures/${id}`);
    await allDelivered(publisher);

    await publisher.getByRole('button', { name: '更新内容' }).click();
    const update = publisher.getByRole('form', { name: '更新内容' });
    await update.getByLabel(/^标题/).fill('政策文件解读（修订）');
    await typeBody(update.getByLabel(/^正文/), ['修订后的解读正文。', '第二段。']);
    await update.getByRole('button', { name: '保存并推送更新' }).click();
    // it goes to every channel, so it is asked for again in a modal dialog; 取消 goes back to the form's button
    const sure = publisher.getByRole('dialog', { name: '确认更新' });
    await sure.getByText('确定要更新《政策文件解读》并推送到各渠道吗？').waitFor();
    await sure.getByRole('button', { name: '取消' }).click();
    await sure.waitFor({ state: 'hidden' });
    await waitUntil(async () => (await focusedText(publisher)) === '保存并推送更新', 'focus back on 保存并推送更新');
    expect(await publisher.getByRole('heading', { name: '政策文件解读', exact: true, level: 1 }).count()).toBe(1);
    await update.getByRole('button', { name: '保存并推送更新' }).click();
    await sure.getByRole('button', { name: '确认更新' }).click();
    await publisher.getByRole('heading', { name: '政策文件解读（修订）', level: 1 }).waitFor();
    await publisher.locator('li.delivery .chip', { hasText: '更新' }).first().waitFor();
    await allDelivered(publisher);
    const updates = await eventually(async () => {
      const got = s.sink.for('website').map((x) => x.body.disclosure as { id: string; revision: number; title: string }).filter((x) => x.id === id && x.revision === 2);
      return got.length ? got : undefined;
    });
    expect(updates![0].title).toBe('政策文件解读（修订）');

    await publisher.getByRole('button', { name: '撤回' }).click();
    const withdraw = publisher.getByRole('form', { name: '撤回' });
    await withdraw.getByRole('button', { name: '撤回' }).click();
    await publisher.getByText('请写明撤回原因，原因会记入审计日志').waitFor();
    await withdraw.getByLabel(/^撤回原因/).fill('政策已废止，按规定撤回。');
    await withdraw.getByRole('button', { name: '撤回' }).click();
    // a second step is asked for, in a modal dialog; 取消 goes back with nothing done
    const confirm = publisher.getByRole('dialog', { name: '确认撤回' });
    await confirm.getByText('确定要撤回《政策文件解读（修订）》吗？').waitFor();
    await waitUntil(async () => (await publisher.evaluate('document.activeElement?.closest("[role=dialog]")?.getAttribute("aria-labelledby") ?? ""')) === (await confirm.getAttribute('aria-labelledby')), 'focus in the dialog');
    await confirm.getByRole('button', { name: '取消' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await waitUntil(async () => (await focusedText(publisher)) === '撤回', 'focus back on 撤回');
    expect(await publisher.locator('.page-title .badge', { hasText: '已撤回' }).count()).toBe(0);
    await withdraw.getByRole('button', { name: '撤回' }).click();
    await confirm.getByRole('button', { name: '确认撤回' }).click();
    await publisher.locator('.page-title .badge', { hasText: '已撤回' }).waitFor();
    await publisher.getByText('政策已废止，按规定撤回。').waitFor();
    expect(await publisher.getByRole('button', { name: '更新内容' }).count()).toBe(0);
    // every automated channel takes it down; nothing is left queued or sending
    await publisher.locator('li.delivery[data-status="withdrawn"]').first().waitFor({ timeout: 30_000 });
    await publisher.locator('li.delivery[data-status="queued"], li.delivery[data-status="in_progress"]').first().waitFor({ state: 'detached', timeout: 30_000 });
    // publish, update and take-down were three calls to the website channel, and the row says so, not "tried 3 times"
    await publisher.locator('li.delivery[data-status="withdrawn"]', { hasText: '共调用该渠道 3 次（含发布、更新与撤回）' }).first().waitFor();
    expect(await publisher.getByText(/已尝试 3 次/).count()).toBe(0);
    await shoot(publisher, 'disclosure-withdrawn');
    const d = (await s.call('GET', `/api/disclosures/${id}`, { token: admin })).body;
    expect(d.status).toBe('withdrawn');
    expect(d.withdrawReason).toBe('政策已废止，按规定撤回。');
    expect(people.pageErrors).toEqual([]);
  }, 150_000);
});

/** An instant as the date-and-time field shows it, Beijing time to the minute: '2026-11-24 09:00'. */
function beijingMinute(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
