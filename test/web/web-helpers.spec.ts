import { describeError, labelOf } from '../../apps/web/src/api/errors.js';
import { dueWarningText } from '../../apps/web/src/lib/due-warning.js';
import { markdownToHtml } from '../../apps/web/src/lib/markdown.js';
import { visibleError } from '../../apps/web/src/pages/compose/field-errors.js';

/** The compose page's Markdown renderer and the error wording, as plain functions (no browser needed). */
describe('markdownToHtml', () => {
  it('renders the subset official notices use', () => {
    expect(markdownToHtml('各有关单位：\n\n现将有关事项通知如下。\n第二行')).toBe('<p>各有关单位：</p>\n<p>现将有关事项通知如下。<br>第二行</p>');
    expect(markdownToHtml('## 一、总则\n\n1. 第一条\n2. 第二条\n\n- 甲\n- 乙')).toBe('<h3>一、总则</h3>\n<ol><li>第一条</li><li>第二条</li></ol>\n<ul><li>甲</li><li>乙</li></ul>');
    expect(markdownToHtml('**加粗**和*强调*')).toBe('<p><strong>加粗</strong>和<em>强调</em></p>');
    expect(markdownToHtml('| 项目 | 金额 |\n| --- | --- |\n| 办公费 | 12 |')).toBe('<table><thead><tr><th>项目</th><th>金额</th></tr></thead><tbody><tr><td>办公费</td><td>12</td></tr></tbody></table>');
    expect(markdownToHtml('> 引文')).toBe('<blockquote><p>引文</p></blockquote>');
  });

  it('escapes markup and keeps only safe links', () => {
    expect(markdownToHtml('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(markdownToHtml('[官网](https://www.genhe.gov.cn/) [坏](javascript:alert(1))')).toBe('<p><a href="https://www.genhe.gov.cn/">官网</a> [坏](javascript:alert(1))</p>');
    expect(markdownToHtml('[x](https://a.cn/"onmouseover="y)')).not.toContain('onmouseover="');
  });

  it('shows pictures imported from Word (data: PNG/JPEG/GIF) and web images, and nothing else as an image', () => {
    expect(markdownToHtml('![图1](data:image/png;base64,iVBORw0KGgo=)')).toBe('<p><img src="data:image/png;base64,iVBORw0KGgo=" alt="图1"></p>');
    expect(markdownToHtml('![](https://www.genhe.gov.cn/a.jpg)')).toBe('<p><img src="https://www.genhe.gov.cn/a.jpg" alt=""></p>');
    expect(markdownToHtml('![x](data:text/html;base64,PHNjcmlwdD4=)')).not.toContain('<img');
    expect(markdownToHtml('![x](javascript:alert(1))')).not.toContain('<img');
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
