import { describeError, labelOf } from '../../apps/web/src/api/errors.js';
import { dueWarningText } from '../../apps/web/src/lib/due-warning.js';
import { fromWordHtml, isBlankHtml, plainToHtml, storedHtml } from '../../apps/web/src/components/rich-text/body-html.js';
import { visibleError } from '../../apps/web/src/pages/compose/field-errors.js';
import { createElement, Fragment } from 'react';
import { matches, optionsOf } from '../../apps/web/src/components/select-options.js';
import { fromLocalInput, toLocalInput } from '../../apps/web/src/lib/format.js';

/** The body editor's HTML helpers and the error wording, as plain functions (no browser needed). */
describe('body HTML from the rich-text editor', () => {
  it('treats an editor holding no text, picture or table as an empty body', () => {
    expect(isBlankHtml('')).toBe(true);
    expect(isBlankHtml('<p></p>')).toBe(true);
    expect(isBlankHtml('<p></p><p>&nbsp; </p>')).toBe(true);
    expect(isBlankHtml('<p>通知</p>')).toBe(false);
    expect(isBlankHtml('<p><img src="data:image/png;base64,iVBORw0KGgo="></p>')).toBe(false);
    expect(isBlankHtml('<table><tbody><tr><td><p></p></td></tr></tbody></table>')).toBe(false);
  });

  it('stores the HTML without the empty paragraphs that pressing Enter twice leaves', () => {
    expect(storedHtml('<p>各有关单位：</p><p></p><p>现将有关事项通知如下。</p>')).toBe('<p>各有关单位：</p><p>现将有关事项通知如下。</p>');
  });

  it('turns a body kept as text by the old Markdown page into escaped paragraphs', () => {
    expect(plainToHtml('各有关单位：\n\n现将<有关>事项通知如下。\n第二行\n\n\n')).toBe('<p>各有关单位：</p><p>现将&lt;有关&gt;事项通知如下。<br>第二行</p>');
    expect(plainToHtml('')).toBe('');
  });

  it('moves Word\'s 标题 1 (h1) to the body\'s first heading level: the page title is the only h1', () => {
    expect(fromWordHtml('<h1 class="x">一、总则</h1><H1>二</H1><h2>三</h2>')).toBe('<h2 class="x">一、总则</h2><h2>二</h2><h2>三</h2>');
  });

  it('names the content check\'s fields in Chinese', () => {
    expect(labelOf('contentCheckOverride.reason')).toBe('仍要发布的理由');
    expect(labelOf('attachments[0]')).toBe('第 1 个附件');
  });
});

describe('describeError', () => {
  it('puts validation problems on their fields in Chinese', () => {
    const d = describeError(400, { message: 'password must be longer than or equal to 10 characters', fields: [{ field: 'password', problem: 'password must be longer than or equal to 10 characters' }] });
    expect(d.fields).toEqual({ password: '至少需要 10 个字符' });
    expect(d.message).toBe('密码：至少需要 10 个字符。');
    expect(d.detail).toContain('password must be');
  });

  it('keeps a Chinese message, names the field, and falls back by status', () => {
    expect(describeError(400, { message: '当前密码不正确', field: 'currentPassword' })).toEqual({ message: '当前密码：当前密码不正确。', fields: { currentPassword: '当前密码不正确' }, detail: null });
    expect(describeError(401, { message: '用户名或密码错误' }).message).toBe('用户名或密码错误。');
    expect(describeError(409, { message: 'draft x is approved; this step needs it to be draft or returned' }).message).toMatch(/^稿件当前的状态不允许/);
    expect(describeError(500, null).message).toMatch(/^服务器出错了/);
    expect(describeError(403, { message: 'Forbidden resource' }).message).toBe('您没有执行此操作的权限。');
  });
});

describe('compose field messages', () => {
  const none = new Set<string>();
  const base = { live: { title: '请填写标题' }, attempted: false, touched: none, changed: none };

  it('speaks only for a field that is invalid now, once it was left or a save was tried', () => {
    expect(visibleError('title', base)).toBeUndefined(); // untouched, nothing tried
    expect(visibleError('title', { ...base, touched: new Set(['title']) })).toBe('请填写标题');
    expect(visibleError('title', { ...base, attempted: true })).toBe('请填写标题');
    expect(visibleError('title', { ...base, live: {}, attempted: true })).toBeUndefined(); // filled after the try
    expect(visibleError('body', { ...base, attempted: true })).toBeUndefined();
  });

  it("keeps the server's message until the field is edited", () => {
    const server = { indexNo: '索引号已被使用', 'metadata.docNo': '文号太长' };
    expect(visibleError('indexNo', { ...base, live: {}, attempted: true, server })).toBe('索引号已被使用');
    expect(visibleError('docNo', { ...base, live: {}, attempted: true, server })).toBe('文号太长');
    expect(visibleError('indexNo', { ...base, live: {}, attempted: true, server, changed: new Set(['indexNo']) })).toBeUndefined();
  });
});

describe('due-date warnings in Chinese', () => {
  it('translates the API wording and never passes English through', () => {
    expect(dueWarningText('provisional: no holiday arrangement loaded for 2027; counted with weekends only')).toBe('尚未载入 2027 年的节假日安排，暂只按周末计算，期限为暂定');
    expect(dueWarningText('provisional: no holiday arrangement loaded for 2027, 2028; counted with weekends only')).toMatch(/^尚未载入 2027、2028 年/);
    expect(dueWarningText('due date 2026-10-03 is a rest day (国庆节)')).toBe('截止日 2026-10-03 是休息日（国庆节），请留意');
    expect(dueWarningText('something new')).not.toMatch(/[A-Za-z]/);
    expect(dueWarningText(null)).toBeNull();
  });
});

describe('the antd Select and date-and-time fields', () => {
  it('reads the <option> children the pages pass, as the native <select> did', () => {
    const options = optionsOf([
      createElement('option', { key: 'a', value: '' }, '全部'),
      createElement('option', { key: 'b' }, '综合政务'), // no value: the text is the value
      createElement(Fragment, { key: 'c' }, createElement('option', { value: 'auth.*' }, '登录与账号', '（全部）')),
      '  ',
    ]);
    expect(options).toEqual([
      { value: '', label: '全部' },
      { value: '综合政务', label: '综合政务' },
      { value: 'auth.*', label: '登录与账号（全部）' },
    ]);
  });

  it('finds options by any part of their Chinese text or their value, spaces and case aside', () => {
    const office = { value: 'genhe-zwfw', label: '电子政务与政务公开办' };
    expect(matches('政务', office)).toBe(true);
    expect(matches('公开 办', office)).toBe(true);
    expect(matches('ZWFW', office)).toBe(true);
    expect(matches('财政', office)).toBe(false);
    expect(matches('', office)).toBe(true);
  });

  it('keeps Beijing wall-clock time to the minute and sends it with +08:00, whatever the machine\'s zone', () => {
    expect(toLocalInput('2026-11-24T01:00:00Z')).toBe('2026-11-24T09:00');
    expect(toLocalInput('2026-11-24T16:30:00Z')).toBe('2026-11-25T00:30'); // past midnight in Beijing
    expect(fromLocalInput('2026-11-24T09:00')).toBe('2026-11-24T09:00:00+08:00');
    expect(fromLocalInput('2026-11-24 09:00')).toBeUndefined(); // the field keeps the T form; the shown form is only typed
  });
});
