import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { startStack, type Stack } from '../support/stack.js';
import { launch } from './browser.js';
import { PASSWORD, People } from './pages.js';

/**
 * Pasting from Word into the body editor, in headless Chromium, with the HTML Word 2016 (zh-CN) puts on the
 * clipboard (fixtures/word-clipboard.html: its head with Office XML and the style sheet, list paragraphs with
 * mso-list and their Wingdings / Courier New markers, Chinese numbering, a blank line, a picture that is a file on
 * the author's computer in VML and <img>, a MsoTableGrid table).
 */
describe('back office (browser): pasting from Word', () => {
  let s: Stack;
  let browser: Browser;
  let people: People;

  beforeAll(async () => {
    s = await startStack({ worker: false });
    const admin = await s.token();
    expect((await s.call('POST', '/api/users', { token: admin, body: { username: 'editor', password: PASSWORD, roles: ['editor'], departmentCode: 'genhe-zwfw' } })).status).toBe(201);
    browser = await launch();
    people = new People(browser, s.url.replace('[::1]', '127.0.0.1'));
  }, 120_000);

  afterAll(async () => {
    await people?.close();
    await browser?.close();
    await s?.close();
  });

  it('keeps the structure the author meant: bullets as lists, numbers as written, no stray markers, and says which pictures it could not bring', async () => {
    const page = await people.signIn('editor');
    await page.goto(`${people.base}/compose`);
    const body = page.getByLabel(/^正文/);
    await body.click();
    const html = fs.readFileSync(path.resolve('test/web/fixtures/word-clipboard.html'), 'utf8');
    // the DOM's own paste event with a DataTransfer, as the browser fires it for Ctrl+V from Word
    await page.evaluate(`(() => {
      const dt = new DataTransfer();
      dt.setData('text/html', ${JSON.stringify(html)});
      dt.setData('text/plain', '一、总体要求');
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    })()`);
    await body.locator('h2', { hasText: '一、总体要求' }).waitFor();

    // bullets: one list, the Courier New "o" item nested under the first, no Wingdings "l" or "o" left as text
    const items = await body.locator(':scope > ul > li').evaluateAll((lis) => lis.map((li) => (li as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim()));
    expect(items).toEqual(['政府信息公开指南 依申请公开办事指南', '政府信息公开年度报告']);
    expect(await body.locator('ul > li > ul > li').innerText()).toBe('依申请公开办事指南');
    // Word's own numbering stays as the author wrote it, as text, not renumbered 1. 2.
    const paragraphs = (await body.locator(':scope > p').allInnerTexts()).map((t) => t.trim());
    expect(paragraphs.filter(Boolean)).toEqual(['为进一步做好政务公开工作，现将有关事项通知如下。', '（一）加强组织领导。', '（二）完善公开目录。']);
    // Word's blank line (a paragraph of &nbsp;) is gone; the one empty paragraph left is the caret's, after the paste
    expect(paragraphs.slice(0, -1)).not.toContain('');
    expect(await body.locator('ol').count()).toBe(0);
    // emphasis kept; the blank line, the picture on the author's computer and everything Office-only gone
    expect(await body.locator('strong').innerText()).toBe('政务公开');
    expect(await body.locator('u').innerText()).toBe('现将有关事项');
    expect(await body.locator('img').count()).toBe(0);
    expect(await body.locator('table tr').allInnerTexts()).toEqual([expect.stringMatching(/公开事项\s+责任科室/), expect.stringMatching(/财政预决算\s+财务科/)]);
    const inner = await body.innerHTML();
    expect(inner).not.toMatch(/Mso|mso-|<o:p|<v:|<style|file:|Wingdings|&nbsp;<\/p>/);
    expect(await body.innerText()).not.toMatch(/^[lo·§Ø]\s/m);

    const notice = page.getByRole('status').filter({ hasText: '从 Word 粘贴时略去了 1 张图片' });
    await notice.waitFor();
    expect(await notice.innerText()).toContain('请用“从 Word/WPS 导入正文”导入 .docx 文件');
    // the notice is tied to the field, so a screen reader reads it with the body
    const noticeId = await notice.getAttribute('id');
    expect((await body.getAttribute('aria-describedby'))?.split(' ')).toContain(noticeId);

    // a later paste of plain text (not Word) leaves the text as it is and the notice goes
    await page.evaluate(`(() => {
      const dt = new DataTransfer();
      dt.setData('text/html', '<p>补充说明</p>');
      dt.setData('text/plain', '补充说明');
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    })()`);
    await body.getByText('补充说明').waitFor();
    await page.getByText('从 Word 粘贴时略去了').waitFor({ state: 'detached' });
    expect(people.pageErrors).toEqual([]);
  });
});
