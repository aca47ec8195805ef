import type { Browser, Page } from 'playwright-core';
import * as fs from 'node:fs';
import { ADMIN_PASSWORD, eventually, publishBody, startStack, type Stack } from '../support/stack.js';
import { waitSealed } from '../support/sealed.js';
import { launch, shoot, tmpFile } from './browser.js';
import { ALL_CHECKS, allDelivered, choose, expectValue, logIn, menu, PASSWORD, People, typeBody } from './pages.js';

/**
 * The back office in headless Chromium against the real API and worker: 先审后发 from compose to every channel
 * delivered, a failed channel retried from the page, a manual task confirmed with evidence, the auditor's log and
 * export, permissions by role, and session expiry that keeps what was typed. Saves screenshots to docs/screenshots.
 */
describe('back office (browser)', () => {
  let s: Stack;
  let browser: Browser;
  let base: string;
  let admin: string;
  let people: People;

  beforeAll(async () => {
    s = await startStack();
    base = s.url.replace('[::1]', '127.0.0.1');
    admin = await s.token();
    for (const [username, roles] of [['editor', ['editor']], ['reviewer', ['reviewer']], ['publisher', ['publisher']], ['auditor', ['auditor']], ['editor2', ['editor']]] as const) {
      const r = await s.call('POST', '/api/users', { token: admin, body: { username, password: PASSWORD, roles, departmentCode: 'genhe-zwfw' } });
      expect(r.status).toBe(201);
    }
    browser = await launch();
    people = new People(browser, base);
  }, 120_000);

  afterAll(async () => {
    await people?.close();
    await browser?.close();
    await s?.close();
  });

  const open = () => people.open();
  const signIn = (username: string, password = PASSWORD) => people.signIn(username, password);

  /** A draft approved through the API, for the tests that start at publishing. */
  async function approvedDraft(itemId: string, title: string): Promise<string> {
    const d = await s.call('POST', '/api/drafts', { token: admin, body: publishBody(itemId, { title, body: `<p>${title}的正文。</p>` }) });
    await s.call('POST', `/api/drafts/${d.body.id}/submit`, { token: admin });
    await s.call('POST', `/api/drafts/${d.body.id}/review`, { token: admin, body: { decision: 'approve', checks: ALL_CHECKS } });
    return d.body.id;
  }

  let disclosureId: string;

  it('takes a disclosure from compose through review to every channel delivered', async () => {
    const editor = await open();
    await editor.goto(`${base}/compose`);
    await editor.getByRole('button', { name: '登录' }).waitFor();
    await shoot(editor, 'login');
    await logIn(editor, 'editor');
    // back on the page the session started from
    await editor.getByRole('heading', { name: '撰写公开信息', level: 1 }).waitFor();

    // a save with nothing chosen is stopped here, naming each field in Chinese
    await editor.getByRole('button', { name: '保存草稿' }).click();
    await editor.getByText('请从目录中选择公开事项').waitFor();
    await editor.getByText('请填写标题').waitFor();

    await editor.getByLabel('搜索公开事项').fill('规范性文件');
    await editor.locator('[data-item="genhe-zwfw:01-01"]').click();
    await editor.getByText('已选：').waitFor();
    await editor.getByLabel(/^标题/).fill('关于印发《根河市政务数据共享管理办法》的通知');
    await typeBody(editor.getByLabel(/^正文/), ['各有关单位：', '现将《根河市政务数据共享管理办法》印发给你们，请认真贯彻执行。', '## 一、总则', '1. 为规范政务数据共享，制定本办法。', '本办法适用于本市各级行政机关。']);
    await editor.getByLabel('文号').fill('根政数发〔2026〕1号');
    await editor.getByRole('button', { name: '生成索引号' }).click();
    await expectValue(editor, '索引号', /^genhe-zwfw\/\d{4}-00001$/);
    // before anything is sent: the channels the item resolves to and its legal due date
    const preview = editor.locator('.item-preview');
    await preview.getByText('将分发到').waitFor();
    expect(await preview.locator('li[data-channel="website"]').count()).toBe(1);
    expect(await preview.locator('li[data-channel="targeted-push"]').count()).toBe(1);
    expect(await preview.locator('.due strong').innerText()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // per-channel previews rendered by the server
    await editor.locator('.doc h2', { hasText: '一、总则' }).waitFor(); // typed "## ": the editor's heading
    await editor.locator('.doc ol li', { hasText: '本办法适用于本市各级行政机关。' }).waitFor();
    await editor.getByRole('tab', { name: '短信' }).click();
    expect(await editor.getByTestId('sms-length').innerText()).toMatch(/共 \d+ 字/);
    await editor.getByRole('tab', { name: '微信公众号' }).click();
    await editor.locator('.wechat h1').waitFor();
    await editor.getByRole('tab', { name: '政府网站' }).click();
    await shoot(editor, 'compose');

    await editor.getByRole('button', { name: '保存并提交审核' }).click();
    await editor.waitForURL(/\/drafts\/[0-9a-f-]{36}\?saved=submitted/);
    const draftId = /\/drafts\/([0-9a-f-]{36})/.exec(editor.url())![1];
    await editor.locator('.badge', { hasText: '待审核' }).first().waitFor();

    const reviewer = await signIn('reviewer');
    await reviewer.goto(`${base}/drafts/${draftId}`);
    // approval needs all four checks: the page says so before sending
    await reviewer.getByRole('button', { name: '审核通过' }).click();
    await reviewer.getByText('四项审查须全部通过').waitFor();
    for (const name of ['保密审查', '政治审查', '法律审查', '文字审查']) await reviewer.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check();
    await reviewer.getByLabel('审核意见').fill('同意发布。');
    await shoot(reviewer, 'review');
    await reviewer.getByRole('button', { name: '审核通过' }).click();
    await reviewer.locator('.page-title .badge', { hasText: '审核通过，待发布' }).waitFor();

    // an editor cannot publish: no button, and the API refuses
    await editor.reload();
    await editor.getByText('审核已通过，等待发布人员发布。').waitFor();
    expect(await editor.getByRole('button', { name: '立即发布' }).count()).toBe(0);
    const editorToken = await s.token('editor', PASSWORD);
    expect((await s.call('POST', `/api/drafts/${draftId}/publish`, { token: editorToken, body: {} })).status).toBe(403);

    const publisher = await signIn('publisher');
    await publisher.goto(`${base}/drafts/${draftId}`);
    await publisher.locator('.item-preview').getByText('将分发到').waitFor();
    await publisher.getByRole('button', { name: '立即发布' }).dblclick(); // a double click publishes once
    await publisher.waitForURL(/\/disclosures\/[0-9a-f-]{36}/);
    disclosureId = /\/disclosures\/([0-9a-f-]{36})/.exec(publisher.url())![1];
    await allDelivered(publisher);
    await publisher.getByText('实时更新中').waitFor();
    expect(await publisher.getByRole('link', { name: '查看已发布的页面' }).count()).toBeGreaterThanOrEqual(1);
    await shoot(publisher, 'disclosure-live');
    const { rows } = await s.db.query(`SELECT count(*)::int AS n FROM disclosures WHERE idempotency_key = $1`, [`draft:${draftId}`]);
    expect(rows[0].n).toBe(1);
  }, 180_000);

  it('shows a failed channel with its reason and delivers it after a retry from the page', async () => {
    s.sink.failNext('website', 1, 400);
    const draftId = await approvedDraft('genhe-zwfw:01-02', '规范性文件清理结果的公告');
    const publisher = await signIn('publisher');
    await publisher.goto(`${base}/drafts/${draftId}`);
    await publisher.getByRole('button', { name: '立即发布' }).click();
    await publisher.waitForURL(/\/disclosures\//);
    const website = publisher.locator('li.delivery[data-channel="website"]');
    await publisher.locator('li.delivery[data-channel="website"][data-status="failed"]').waitFor({ timeout: 30_000 });
    // the reason in Chinese; the receiver's own answer folded under 技术细节 for whoever checks with its operator
    expect(await website.locator('.delivery-error').innerText()).toContain('对方返回 HTTP 400：请求被拒绝');
    await website.locator('.delivery-error summary', { hasText: '技术细节' }).click();
    expect(await website.locator('.delivery-error code').innerText()).toMatch(/^HTTP 400 from website/);
    await shoot(publisher, 'delivery-failed');
    await website.getByRole('button', { name: '重新发送' }).click();
    await allDelivered(publisher);
    expect(s.sink.for('website').length).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('lists manual tasks per office and confirms one with evidence', async () => {
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:07-01', { title: '政府信息公开指南（2026年修订）' }) });
    expect(r.status).toBe(201);
    const publisher = await signIn('publisher');
    await menu(publisher).getByRole('link', { name: '人工任务' }).click();
    const task = publisher.locator('.tasks-table tr.ant-table-row', { hasText: '政府信息公开指南（2026年修订）' });
    await task.waitFor({ timeout: 30_000 });
    await choose(publisher, '责任科室', '电子政务与政务公开办');
    await task.waitFor();
    await shoot(publisher, 'manual-tasks');
    await task.getByRole('button', { name: '确认已办结' }).click();
    const evidence = publisher.getByRole('form', { name: '确认办结' }); // opens in the row under the task's
    await evidence.getByLabel('办理说明').fill('已在政务服务中心一楼公示栏张贴纸质文本。');
    await evidence.getByLabel('办理地点').fill('政务服务中心一楼');
    await evidence.getByLabel('佐证材料').fill('照片 IMG_0412，存于办公室共享盘/公开佐证/2026');
    await evidence.getByRole('button', { name: '确认已办结' }).click();
    await publisher.getByText('已确认办结：政府信息公开指南（2026年修订）').waitFor();
    const manual = (await s.call('GET', `/api/disclosures/${r.body.id}`, { token: admin })).body.deliveries.find((d: { channel: string }) => d.channel === 'manual');
    expect(manual.status).toBe('confirmed');
    expect(manual.confirmation).toEqual(expect.objectContaining({ evidence: '照片 IMG_0412，存于办公室共享盘/公开佐证/2026', by: 'publisher' }));
  }, 120_000);

  it('lets an auditor filter and export the log, read a timeline and the report, and change nothing', async () => {
    const auditor = await signIn('auditor');
    await menu(auditor).getByRole('link', { name: '审计日志' }).click();
    await choose(auditor, '操作类型', '发布公开信息'); // disclosure.published, by its label
    await auditor.getByRole('button', { name: '查询' }).click();
    await auditor.waitForURL(/action=disclosure.published/);
    const rows = auditor.locator('.audit-table tbody tr.ant-table-row'); // antd Table: data rows only
    await rows.first().waitFor();
    // the unfiltered page stays on screen until the filtered one arrives (api/query-client.ts keeps the last answer)
    await rows.filter({ hasNotText: 'disclosure.published' }).first().waitFor({ state: 'detached' });
    const actions = await rows.locator('td:nth-child(4)').allInnerTexts();
    expect(actions.length).toBeGreaterThanOrEqual(3);
    for (const a of actions) expect(a).toContain('disclosure.published');
    // how far the sealer has come, in one line; the export carries sealed entries, so let it catch up first
    expect(await auditor.getByTestId('seal-status').innerText()).toMatch(/^已封存至第 \d+ 条，待封存 \d+ 条$/);
    await shoot(auditor, 'audit-log');
    // the 时间 column sorts on the server (oldest first), which keeps its keyset paging and the filter
    const time = auditor.locator('.audit-table').getByRole('columnheader', { name: '时间' });
    const [asc] = await Promise.all([auditor.waitForResponse((x) => /\/api\/audit\?.*action=disclosure\.published.*order=asc/.test(x.url())), time.click()]);
    expect(asc.status()).toBe(200);
    await auditor.waitForURL(/order=asc/);
    expect(await time.getAttribute('aria-sort')).toBe('ascending');
    await auditor.mouse.move(0, 0); // as a person moves on from the header (a hover hint there once covered 导出 CSV)
    await waitSealed(s.databaseUrl);
    const [download] = await Promise.all([auditor.waitForEvent('download'), auditor.getByRole('button', { name: '导出 CSV' }).click()]);
    const file = tmpFile('audit.csv');
    await download.saveAs(file);
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv).toContain('disclosure.published');
    expect(csv).not.toContain('auth.login');
    // written once the last byte is sent: it may land just after the download finished
    const exported = await eventually(async () => (await s.db.query(`SELECT details FROM audit_log WHERE action = 'audit.exported' ORDER BY id DESC LIMIT 1`)).rows[0]);
    expect(exported.details).toEqual(expect.objectContaining({ format: 'csv' }));

    // read-only: no update or withdraw on a disclosure, no compose page, and the API refuses a change
    await auditor.goto(`${base}/disclosures/${disclosureId}`);
    await auditor.locator('li.delivery').first().waitFor();
    expect(await auditor.getByRole('button', { name: '更新内容' }).count()).toBe(0);
    expect(await auditor.getByRole('button', { name: '撤回' }).count()).toBe(0);
    await auditor.getByRole('link', { name: '查看审计时间线' }).click();
    await auditor.locator('ol.timeline li').first().waitFor();
    await shoot(auditor, 'timeline');
    await auditor.goto(`${base}/compose`);
    await auditor.getByRole('heading', { name: '没有权限' }).waitFor();
    const auditorToken = await s.token('auditor', PASSWORD);
    expect((await s.call('PATCH', `/api/disclosures/${disclosureId}`, { token: auditorToken, body: { title: '改' } })).status).toBe(403);

    await auditor.goto(`${base}/reports`);
    await auditor.locator('.chart canvas').first().waitFor();
    await shoot(auditor, 'compliance-report');
  }, 120_000);

  it('shows menus by role, maps API errors to fields, and keeps typed text across a session that ended', async () => {
    const adminPage = await signIn('admin', ADMIN_PASSWORD);
    for (const link of ['用户与角色', '任务队列', '审计日志', '撰写公开信息']) expect(await menu(adminPage).getByRole('link', { name: link }).count()).toBe(1);
    const editor = await signIn('editor');
    expect(await menu(editor).getByRole('link', { name: '撰写公开信息' }).count()).toBe(1);
    for (const link of ['人工任务', '审计日志', '用户与角色']) expect(await menu(editor).getByRole('link', { name: link }).count()).toBe(0);

    // the API's {message, fields} lands on the form field, in Chinese, and the form keeps what was typed
    await menu(adminPage).getByRole('link', { name: '用户与角色' }).click();
    const newUser = adminPage.getByRole('form', { name: '新建用户' }); // the users table's 用户名 header has the same name
    await newUser.getByLabel('用户名').fill('new.clerk');
    await newUser.getByLabel('初始密码').fill('short');
    await adminPage.getByRole('checkbox', { name: /^编辑/ }).check();
    await adminPage.getByRole('button', { name: '创建用户' }).click();
    await adminPage.locator('.field-error', { hasText: '至少需要 10 个字符' }).waitFor();
    await expectValue(newUser, '用户名', /^new\.clerk$/);
    await shoot(adminPage, 'admin-users');
    await menu(adminPage).getByRole('link', { name: '任务队列' }).click();
    await adminPage.locator('tr[data-queue="channel-website"]').waitFor();
    await shoot(adminPage, 'admin-queues');
    // Bull Board opens in a new tab on the cookie the button asked for, and lists the channel queues
    const [boardTab] = await Promise.all([adminPage.context().waitForEvent('page'), adminPage.getByRole('button', { name: '打开队列看板' }).click()]);
    await boardTab.waitForURL(/\/api\/admin\/queues\/board\/$/);
    await boardTab.getByText('channel-website').first().waitFor();
    expect(await boardTab.title()).toBe('队列看板');
    await boardTab.getByText('加载中').waitFor({ state: 'detached' });
    await shoot(boardTab, 'admin-queue-board');
    await boardTab.close();

    // editor2 types in one tab; changing the password in another ends the first tab's session
    const typing = await signIn('editor2');
    await typing.goto(`${base}/compose`);
    await typing.getByLabel(/^标题/).fill('尚未保存的标题');
    await typing.getByLabel(/^正文/).fill('尚未保存的正文。');
    const other = await signIn('editor2');
    await other.getByRole('link', { name: '修改密码' }).click();
    await other.getByLabel('当前密码').fill(PASSWORD);
    await other.getByLabel(/^新密码/).fill('Another-Password-2');
    await other.getByLabel('再次输入新密码').fill('Another-Password-2');
    await other.getByRole('button', { name: '修改密码' }).click();
    await other.getByText('密码已修改').waitFor();
    const changed = await s.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.password_changed' AND actor = 'user:editor2'`);
    expect(changed.rows[0].n).toBe(1);

    // the next request the tab makes (the channel preview of the edited title) is refused: back to the login page
    await typing.getByLabel(/^标题/).fill('尚未保存的标题（续）');
    await typing.waitForURL(/\/login\?next=%2Fcompose/);
    await typing.getByText('登录已失效').waitFor();
    await logIn(typing, 'editor2', 'Another-Password-2');
    await typing.getByRole('heading', { name: '撰写公开信息', level: 1 }).waitFor();
    await expectValue(typing, '标题', /^尚未保存的标题（续）$/);
    await expectValue(typing, '正文', /^尚未保存的正文。$/);
    await typing.getByText('已恢复您上次未保存的填写内容').waitFor();

    expect(people.pageErrors).toEqual([]);
  }, 180_000);
});
