import type { DeliveryContext } from '../adapter.contract.js';
import { composeEmailBody } from '../email/email.message.js';
import { renderGazetteIssue } from '../gazette/gazette.render.js';
import { buildArticle } from '../wechat-oa/wechat-oa.article.js';
import { attachmentsHtml, attachmentsText, fileSize } from './render.js';

const files = [
  { id: 'a1', filename: '附件1 实施方案.pdf', contentType: 'application/pdf', sizeBytes: 1_258_291, sha256: 'x', url: 'https://gk.genhe.gov.cn/api/public/attachments/a1/%E9%99%84%E4%BB%B61.pdf' },
  { id: 'a2', filename: '附件2 "预算"<表>.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', sizeBytes: 35_000, sha256: 'y', url: 'https://gk.genhe.gov.cn/api/public/attachments/a2/b.xlsx' },
];

function ctx(attachments?: typeof files): DeliveryContext {
  return {
    delivery: { id: 'd1', carrier: 'new_media', channel: 'wechat', attempt: 1, operation: 'publish', interrupted: false, remoteId: null, remoteUrl: null, state: {} },
    disclosure: {
      id: 'x1', title: '关于印发实施方案的通知', body: '<p>现印发给你们。</p>', metadata: {}, generatedAt: '2026-11-24T01:00:00.000Z', dueAt: null,
      revision: 1, catalogueCode: 'genhe-zwfw', itemId: '01-01', itemPath: ['履职依据'], publisher: '根河市政务服务与数据管理局', office: '办公室', departmentCode: 'genhe-zwfw',
      ...(attachments ? { attachments } : {}),
    },
    saveState: async () => undefined,
  };
}

describe('attachment lists in the channels', () => {
  it('lists names with sizes, escaped, as links only where asked', () => {
    expect(fileSize(1_258_291)).toBe('1.2 MB');
    expect(fileSize(35_000)).toBe('34 KB');
    expect(fileSize(10)).toBe('1 KB');
    const linked = attachmentsHtml(files, { links: true });
    expect(linked).toBe(
      '<p>附件：</p><ol><li><a href="https://gk.genhe.gov.cn/api/public/attachments/a1/%E9%99%84%E4%BB%B61.pdf" rel="noopener noreferrer">附件1 实施方案.pdf</a>（1.2 MB）</li>' +
        '<li><a href="https://gk.genhe.gov.cn/api/public/attachments/a2/b.xlsx" rel="noopener noreferrer">附件2 &quot;预算&quot;&lt;表&gt;.xlsx</a>（34 KB）</li></ol>',
    );
    expect(attachmentsHtml(files, { links: false })).not.toContain('<a ');
    expect(attachmentsHtml([], { links: true })).toBe('');
    expect(attachmentsText(files)).toBe(`附件：\n1. 附件1 实施方案.pdf（1.2 MB） ${files[0].url}\n2. 附件2 "预算"<表>.xlsx（34 KB） ${files[1].url}`);
  });

  it('puts the names (no outside links) under the WeChat article and points to 阅读原文', () => {
    const article = buildArticle(ctx(files), { author: '', contentSourceBaseUrl: 'https://www.genhe.gov.cn/xxgk' });
    expect(article.content).toContain('<li>附件1 实施方案.pdf（1.2 MB）</li>');
    expect(article.content).toContain('附件请点击“阅读原文”在政府网站下载。');
    expect(article.content).not.toContain('gk.genhe.gov.cn');
    expect(buildArticle(ctx(), { author: '', contentSourceBaseUrl: '' }).content).not.toContain('附件');
  });

  it('links each file in the e-mail (HTML and text) and names them in the printed gazette', () => {
    const mail = composeEmailBody(ctx(files));
    expect(mail.html).toContain(`<a href="${files[0].url}" rel="noopener noreferrer">附件1 实施方案.pdf</a>`);
    expect(mail.text).toContain(`1. 附件1 实施方案.pdf（1.2 MB） ${files[0].url}`);
    expect(composeEmailBody(ctx()).text).not.toContain('附件');
    const issue = renderGazetteIssue({ title: '根河市人民政府公报', publisher: '', year: 2026, number: 1, date: '2026-12-01' }, [
      { title: '通知', body: '正文', publisher: '', metadata: {}, itemPath: [], generatedAt: '2026-11-24T01:00:00.000Z', attachments: files },
    ]);
    expect(issue).toContain('<div class="attachments"><p>附件：</p><ol><li>附件1 实施方案.pdf（1.2 MB）</li>');
    expect(issue).not.toContain('gk.genhe.gov.cn');
  });
});
