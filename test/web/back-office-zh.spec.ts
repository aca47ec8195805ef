import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, publishBody, startStack, type Stack } from '../support/stack.js';
import { launch } from './browser.js';
import { allDelivered, openPicker, openSelect, People, typeDateTime } from './pages.js';

/**
 * Staff read the back office in Chinese: every page, as admin with data on it, must show no Latin-script word,
 * raw enum value, id or ISO timestamp outside this allow-list. Keep it tight: each entry is a word staff really
 * meet in Chinese offices, a name the data itself holds, or a file or address format. Text inside <code> is left
 * out on purpose: the pages put there only identifiers a person types into a filter or a config file (an audit
 * action, a channel's or queue's configured name, a department or catalogue code on the admin pages), always
 * beside their Chinese label.
 */
const ALLOWED = new Set([
  'admin', // the bootstrap user's name (user names are data)
  'API', 'App', 'HTTP', 'LED', // product terms used as such in Chinese government IT
  'MB', // file sizes (附件 limit)
  'Bull', 'Board', // 「打开队列看板」's Bull Board, the tool's name
  'config', 'channels', 'yaml', // the file name config/channels.yaml an admin edits
]);
/** File formats, on buttons and in hints, in either case (导出 XLSX, “.xlsx 或 .csv”). */
const FORMATS = new Set(['CSV', 'XLSX', 'XLS', 'EXCEL', 'PDF', 'OFD', 'WORD', 'WPS', 'POWERPOINT', 'JPG', 'JPEG', 'PNG', 'DOC', 'DOCX', 'TXT']);
/** Latin words, ids (hex runs), ISO timestamps: anything staff would have to decode. */
const LATIN = /[A-Za-z][A-Za-z0-9_-]*/g;
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

describe('back office (browser): every page speaks Chinese; compose says only what is wrong', () => {
  let s: Stack;
  let browser: Browser;
  let people: People;
  let disclosureId: string;
  let draftId: string;

  beforeAll(async () => {
    s = await startStack();
    const admin = await s.token();
    // something on every list: a published disclosure (delivered and manual tasks) and a submitted draft
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-01', { title: '关于印发管理办法的通知' }) });
    expect(r.status).toBe(201);
    disclosureId = r.body.id;
    const d = await s.call('POST', '/api/drafts', { token: admin, body: publishBody('genhe-zwfw:01-01', { title: '待审核的稿件', body: '<p>正文。</p>' }) });
    draftId = d.body.id;
    await s.call('POST', `/api/drafts/${draftId}/submit`, { token: admin });
    browser = await launch();
    people = new People(browser, s.url.replace('[::1]', '127.0.0.1'));
  }, 120_000);

  afterAll(async () => {
    await people?.close();
    await browser?.close();
    await s?.close();
  });

  /** The visible text's Latin words not allowed, and ISO timestamps. */
  async function foreign(page: Page): Promise<string[]> {
    await page.locator('.loading').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
    // the whole page (top bar included) as rendered, without <code> (see ALLOWED)
    const text = (await page.evaluate(`(() => {
      const codes = [...document.querySelectorAll('code')];
      codes.forEach((c) => (c.style.display = 'none'));
      const t = document.body.innerText;
      codes.forEach((c) => (c.style.display = ''));
      return t;
    })()`)) as string;
    const words = (text.match(LATIN) ?? []).filter((w) => !ALLOWED.has(w) && !FORMATS.has(w.toUpperCase()));
    const iso = text.match(ISO);
    // inputs the browser draws in its own language ("Choose Files", "mm/dd/yyyy"), which no page text can change
    const native = (await page.evaluate(`[...document.querySelectorAll('input')]
      .filter((i) => ['file', 'date', 'datetime-local', 'time', 'month', 'week'].includes(i.type))
      .filter((i) => { const r = i.getBoundingClientRect(); return r.width > 1 && r.height > 1; })
      .map((i) => 'input[type=' + i.type + ']#' + i.id)`)) as string[];
    return [...new Set(words), ...(iso ? [iso[0]] : []), ...native];
  }

  it('shows no English, raw value, id or ISO time on any page', async () => {
    const page = await people.signIn('admin', ADMIN_PASSWORD);
    await page.goto(`${people.base}/disclosures/${disclosureId}`);
    await allDelivered(page).catch(() => undefined); // manual tasks stay open; the automated ones settle
    const paths = [
      '/', '/compose', '/drafts', `/drafts/${draftId}`, `/drafts/${draftId}/edit`, '/disclosures', `/disclosures/${disclosureId}`, '/tasks',
      '/overdue', '/freshness', '/audit', `/audit/timeline/${disclosureId}`, '/reports', '/admin/users', '/admin/departments', '/admin/channels',
      '/admin/catalogues', '/admin/screens', '/admin/queues', '/account/password',
    ];
    const found: Record<string, string[]> = {};
    for (const p of paths) {
      await page.goto(`${people.base}${p}`);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      const bad = await foreign(page);
      if (bad.length) found[p] = bad;
    }
    // the compose page with an item picked in a year without a holiday arrangement: the due date's warning
    await page.goto(`${people.base}/compose`);
    await page.getByLabel('搜索公开事项').fill('规范性文件');
    await page.locator('[data-item="genhe-zwfw:01-01"]').click();
    await typeDateTime(page, /^信息形成时间/, '2031-03-02 09:00');
    await page.locator('.item-preview').getByText('将分发到').waitFor();
    await page.locator('.item-preview').getByText('2031').first().waitFor();
    const compose = await foreign(page);
    if (compose.length) found['/compose (item picked)'] = compose;
    // antd's calendar (month and weekday names, its buttons) and a list, open: Chinese whatever the browser's language
    const calendar = await openPicker(page, /^信息形成时间/);
    await calendar.getByText('2031年').waitFor();
    const open = await foreign(page);
    if (open.length) found['/compose (信息形成时间 calendar open)'] = open;
    await page.keyboard.press('Escape');
    await openSelect(page, '主题分类');
    const list = await foreign(page);
    if (list.length) found['/compose (主题分类 list open)'] = list;
    await page.keyboard.press('Escape');
    expect(found).toEqual({});
    expect(people.pageErrors).toEqual([]);
  }, 180_000);

  it('shows a field\'s message only while that field is invalid, after it was left or a save was tried', async () => {
    const page = await people.signIn('admin', ADMIN_PASSWORD);
    await page.goto(`${people.base}/compose`);
    await page.getByLabel('搜索公开事项').waitFor();
    const errors = () => page.locator('.field-error').allInnerTexts();
    expect(await errors()).toEqual([]); // nothing said before anything was done

    // leaving the title empty speaks for the title alone
    await page.getByLabel(/^标题/).focus();
    await page.getByLabel(/^正文/).focus();
    await page.getByText('请填写标题').waitFor();
    expect(await errors()).toEqual(['请填写标题']);

    // a save tried with nothing chosen names every missing field (the body is left first: its message appearing
    // under the pointer between press and release would move the button away from the click)
    await page.getByLabel(/^正文/).blur();
    await page.getByText('请填写正文').waitFor();
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('请从目录中选择公开事项').waitFor();
    expect((await errors()).sort()).toEqual(['请从目录中选择公开事项', '请填写标题', '请填写正文'].sort());

    // each message goes as its field is put right, the others stay
    await page.getByLabel(/^标题/).fill('关于调整办公时间的通知');
    await page.getByText('请填写标题').waitFor({ state: 'detached' });
    expect((await errors()).sort()).toEqual(['请从目录中选择公开事项', '请填写正文'].sort());
    await page.getByLabel(/^正文/).fill('自下周一起调整。');
    await page.getByText('请填写正文').waitFor({ state: 'detached' });
    await page.getByLabel('搜索公开事项').fill('规范性文件');
    await page.locator('[data-item="genhe-zwfw:01-01"]').click();
    await page.getByText('请从目录中选择公开事项').waitFor({ state: 'detached' });
    expect(await errors()).toEqual([]);
    // emptied again after the try: said again at once
    await page.getByLabel(/^标题/).fill('');
    await page.getByText('请填写标题').waitFor();
    // the date-and-time picker too: emptied with its 清除 button, its message beside it (tied to it for screen
    // readers) at once, as a save was tried; typed again, gone
    await page.getByLabel(/^标题/).fill('关于调整办公时间的通知');
    const when = page.getByLabel(/^信息形成时间/);
    const picker = page.locator('.ant-picker').filter({ has: when });
    await picker.hover();
    await picker.getByRole('button', { name: '清除' }).click();
    await page.getByText('请填写信息形成的日期和时间').waitFor();
    expect(await errors()).toEqual(['请填写信息形成的日期和时间']);
    expect(await when.getAttribute('aria-invalid')).toBe('true');
    const described = (await when.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator('.field-error').getAttribute('id')).toBe(described.split(' ').find((x) => x.endsWith('-err')));
    await typeDateTime(page, /^信息形成时间/, '2026-11-24 09:00');
    await page.getByText('请填写信息形成的日期和时间').waitFor({ state: 'detached' });
    expect(await errors()).toEqual([]);
    expect(people.pageErrors).toEqual([]);
  }, 120_000);
});
