import type { Browser } from 'playwright-core';
import { buildDocx, idNumber } from '../support/office-files.js';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';
import { launch, shoot } from './browser.js';
import { PASSWORD, People, valueOf } from './pages.js';

/** Word import, pasted Word HTML and the pre-publish check in headless Chromium: compose, then review. */
describe('back office (browser): Word import and content check', () => {
  let s: Stack;
  let browser: Browser;
  let people: People;
  let admin: string;

  beforeAll(async () => {
    s = await startStack({ worker: false });
    admin = await s.token();
    for (const [username, roles] of [['editor', ['editor']], ['reviewer', ['reviewer']]] as const) {
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

  it('imports a .docx into the form, shows findings under the field with their fix, and makes the reviewer give a reason', async () => {
    const id = idNumber('150785', '19850315', '021');
    const editorToken = await s.token('editor', PASSWORD);
    const d = await s.call('POST', '/api/drafts', { token: editorToken, body: publishBody('genhe-zwfw:01-01', { title: '待导入', body: '<p>待导入。</p>' }) });
    const editor = await people.signIn('editor');
    await editor.goto(`${people.base}/drafts/${d.body.id}/edit`);

    // a .docx built with the docx library: 文号, title, headings, a list, a table, a PNG, and personal data
    const docx = await buildDocx({ docNo: '根政数发〔2026〕12号', title: '关于公示2026年就业补贴名单的通知', extra: [`申请人李某，身份证号 ${id}，联系电话 13912345678。`, '难以想像的变化。'] });
    await editor.getByLabel('从 Word/WPS 导入正文（.docx）').setInputFiles({ name: '补贴名单通知.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx });
    await editor.getByText('已导入标题“关于公示2026年就业补贴名单的通知”、文号“根政数发〔2026〕12号”、正文').waitFor();
    expect(await editor.getByLabel(/^标题/).inputValue()).toBe('关于公示2026年就业补贴名单的通知');
    expect(await editor.getByLabel(/^文号/).inputValue()).toBe('根政数发〔2026〕12号');
    // the editor holds the document's structure: headings, lists, the table and the picture
    const bodyField = editor.getByLabel(/^正文/);
    await bodyField.locator('h2', { hasText: '一、工作目标' }).waitFor();
    await bodyField.locator('ul li', { hasText: '更新主动公开目录' }).waitFor();
    expect(await bodyField.locator('table tr').first().innerText()).toMatch(/事项\s+责任科室\s+时限/);
    expect(await bodyField.locator('img').first().getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    // the preview renders the table and the picture
    await editor.locator('table').filter({ hasText: '财政预决算' }).first().waitFor();

    // findings appear under the body, in place, with the fix; an unmasked 身份证号 must be changed
    const idFinding = editor.locator('.content-findings li[data-kind="id_card"]');
    await idFinding.waitFor();
    expect(await idFinding.innerText()).toContain('必须修改');
    expect(await idFinding.innerText()).toContain(`${id.slice(0, 6)}********${id.slice(14)}`);
    await editor.locator('.content-findings li[data-kind="expression"]').waitFor();
    await editor.locator('.content-findings li[data-kind="mobile"]').waitFor();
    await shoot(editor, 'compose-content-check');

    await idFinding.getByRole('button').click();
    await idFinding.waitFor({ state: 'detached' });
    await editor.locator('.content-findings li[data-kind="expression"]').getByRole('button', { name: '改为“想象”' }).click();
    await editor.locator('.content-findings li[data-kind="expression"]').waitFor({ state: 'detached' });
    expect(await valueOf(editor, '正文')).toContain(`${id.slice(0, 6)}********${id.slice(14)}`);

    // rich text pasted from Word at the end of the body: the editor keeps its structure (the style sheet, classes
    // and Office tags dropped; Word's 标题 1 becomes the body's first heading level)
    const body = editor.getByLabel(/^正文/);
    const wordHtml = '<html><head><style>p.MsoNormal{margin:0}</style></head><body><h1>三、保障措施</h1><p class="MsoNormal"><b>加强组织领导</b><o:p></o:p></p><table><tr><td>单位</td><td>联系人</td></tr><tr><td>办公室</td><td>王某</td></tr></table></body></html>';
    await body.click();
    // the caret goes to the end of the last paragraph, and the paste waits for the selectionchange event, by which
    // the editor (listening first) has taken the caret into its state
    // (a string runs in the page: the specs' tsconfig has no DOM types; the editor has focus after the click)
    await editor.evaluate(`(async () => {
      const el = document.activeElement;
      const last = [...el.querySelectorAll(':scope > p')].find((p) => p.textContent.includes('难以想象的变化。'));
      await new Promise((done) => {
        document.addEventListener('selectionchange', done, { once: true });
        const r = document.createRange();
        r.selectNodeContents(last);
        r.collapse(false);
        getSelection().removeAllRanges();
        getSelection().addRange(r);
      });
      // the DOM's own paste event with a DataTransfer, as the browser fires it for Ctrl+V from Word
      const dt = new DataTransfer();
      dt.setData('text/html', ${JSON.stringify(wordHtml)});
      dt.setData('text/plain', '三、保障措施');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    })()`);
    await body.locator('h2', { hasText: '三、保障措施' }).waitFor();
    const pasted = await body.innerHTML();
    expect(pasted).toMatch(/难以想象的变化。<\/p>.*<h2>三、保障措施<\/h2>/s); // its own block, after the text before it
    expect(pasted).toContain('<strong>加强组织领导</strong>');
    expect(await body.locator('table').last().innerText()).toMatch(/单位\s+联系人\s+办公室\s+王某/);
    expect(pasted).not.toMatch(/MsoNormal|<o:p|<style/);
    await shoot(editor, 'compose-word-import');
    await editor.getByRole('button', { name: '保存并提交审核' }).click();
    await editor.waitForURL(new RegExp(`/drafts/${d.body.id}\\?saved=submitted`));

    // the reviewer sees the remaining warning (the mobile number) and may approve only with a reason
    const reviewer = await people.signIn('reviewer');
    await reviewer.goto(`${people.base}/drafts/${d.body.id}`);
    await reviewer.locator('.content-check-summary li[data-kind="mobile"]').waitFor();
    for (const box of await reviewer.locator('.review-form fieldset input[type="checkbox"]').all()) await box.check();
    await reviewer.getByRole('button', { name: '审核通过' }).click();
    const reason = reviewer.locator('textarea[name="contentCheckOverride.reason"]');
    await reason.waitFor();
    await reviewer.getByText('仍要发布的理由：发布前检查发现 1 处需要确认').waitFor(); // the banner names the field in Chinese
    await shoot(reviewer, 'review-content-check');
    await reason.fill('该号码为申请人同意公开的联系电话');
    await reviewer.getByRole('button', { name: '审核通过' }).click();
    await reviewer.getByText('审核通过').first().waitFor();
    await eventually(async () => (await s.call('GET', `/api/drafts/${d.body.id}`, { token: admin })).body.status === 'approved' || undefined);
    const [entry] = (await s.db.query(`SELECT actor, details FROM audit_log WHERE action = 'content_check.overridden'`)).rows;
    expect(entry).toEqual({ actor: 'user:reviewer', details: expect.objectContaining({ step: 'draft.review', reason: '该号码为申请人同意公开的联系电话' }) });
    expect(people.pageErrors).toEqual([]);
  }, 180_000);
});

