import * as fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { pdf, zip } from '../attachments/files.js';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';
import { launch, shoot } from './browser.js';
import { ALL_CHECKS, allDelivered, PASSWORD, People } from './pages.js';

/** 附件 in headless Chromium: chosen on the form, refused with a reason, listed on the draft, published, downloaded. */
describe('back office (browser): attachments', () => {
  let s: Stack;
  let browser: Browser;
  let people: People;
  let admin: string;

  beforeAll(async () => {
    s = await startStack();
    admin = await s.token();
    for (const [username, roles] of [['editor', ['editor']], ['publisher', ['publisher']]] as const) {
      expect((await s.call('POST', '/api/users', { token: admin, body: { username, password: PASSWORD, roles, departmentCode: 'genhe-zwfw' } })).status).toBe(201);
    }
    browser = await launch();
    people = new People(browser, s.url.replace('[::1]', '127.0.0.1'));
  }, 120_000);

  afterAll(async () => {
    await people?.close();
    await browser?.close();
    await s?.close();
  });

  it('uploads files on the compose form, refuses a disguised one by name, and publishes the rest with the disclosure', async () => {
    const editorToken = await s.token('editor', PASSWORD);
    const d = await s.call('POST', '/api/drafts', { token: editorToken, body: publishBody('genhe-zwfw:01-01', { title: '关于印发数据共享实施方案的通知', body: '<p>现将实施方案印发给你们。</p>' }) });
    const editor = await people.signIn('editor');
    await editor.goto(`${people.base}/drafts/${d.body.id}/edit`);
    await editor.getByLabel('添加附件').setInputFiles([
      { name: '附件1 实施方案.pdf', mimeType: 'application/pdf', buffer: pdf() },
      { name: '附件2 名单.pdf', mimeType: 'application/pdf', buffer: zip({ 'a.txt': '不是 PDF' }) },
      { name: '附件3 说明.pdf', mimeType: 'application/pdf', buffer: pdf() },
    ]);
    await editor.getByText('“附件2 名单.pdf”未能上传：文件内容与扩展名 .pdf 不符').waitFor();
    const listed = editor.locator('.attachments-field li');
    await listed.nth(1).waitFor();
    expect(await listed.allInnerTexts()).toEqual([expect.stringContaining('附件1 实施方案.pdf'), expect.stringContaining('附件3 说明.pdf')]);
    await editor.getByRole('button', { name: '上移 附件3 说明.pdf' }).click();
    expect(await listed.first().innerText()).toContain('附件3 说明.pdf');
    // the text is there, so the preview never asks for it; it shows the attachments once it arrives
    expect(await editor.getByLabel('各渠道预览').getByText('输入标题和正文后显示预览').count()).toBe(0);
    await editor.getByRole('tabpanel').getByText('附件3 说明.pdf').waitFor();
    await shoot(editor, 'compose-attachments');
    await editor.getByRole('button', { name: '保存并提交审核' }).click();
    await editor.waitForURL(new RegExp(`/drafts/${d.body.id}\\?saved=submitted`));
    const onDraft = editor.locator('section.attachments li');
    await onDraft.nth(1).waitFor();
    expect(await onDraft.allInnerTexts()).toEqual([expect.stringMatching(/^附件3 说明\.pdf\s*（1 KB）/), expect.stringMatching(/^附件1 实施方案\.pdf/)]);
    // staff download through the API under the file's own name
    const [file] = await Promise.all([editor.waitForEvent('download'), editor.getByRole('button', { name: '附件3 说明.pdf' }).click()]);
    expect(file.suggestedFilename()).toBe('附件3 说明.pdf');
    expect(fs.readFileSync((await file.path())!).equals(pdf())).toBe(true);

    expect((await s.call('POST', `/api/drafts/${d.body.id}/review`, { token: admin, body: { decision: 'approve', checks: ALL_CHECKS } })).status).toBe(200);
    const publisher = await people.signIn('publisher');
    await publisher.goto(`${people.base}/drafts/${d.body.id}`);
    await publisher.getByRole('button', { name: '立即发布' }).click();
    await publisher.waitForURL(/\/disclosures\/[0-9a-f-]{36}/);
    await allDelivered(publisher);
    const publicLink = publisher.locator('section.attachments li').first().getByRole('link', { name: '公开下载地址' });
    const href = await publicLink.getAttribute('href');
    expect(href).toMatch(/^\/api\/public\/attachments\/[0-9a-f-]{36}\/%E9%99%84%E4%BB%B63/);
    const open = await fetch(`${people.base}${href}`);
    expect(open.status).toBe(200);
    expect(Buffer.from(await open.arrayBuffer()).equals(pdf())).toBe(true);
    await shoot(publisher, 'disclosure-attachments');
    const id = /\/disclosures\/([0-9a-f-]{36})/.exec(publisher.url())![1];
    await eventually(async () => s.sink.receipts.some((r) => (r.body.disclosure as { id: string; attachments?: unknown[] }).id === id && (r.body.disclosure as { attachments: unknown[] }).attachments.length === 2));
  }, 120_000);
});
