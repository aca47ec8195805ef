import { chineseDate, renderGazetteIssue } from './gazette.render.js';

describe('gazette issue HTML', () => {
  it('escapes titles and metadata, sanitizes bodies, and prints masthead, number and contents', () => {
    const html = renderGazetteIssue({ title: '根河市人民政府公报', publisher: '根河市人民政府办公室', year: 2026, number: 3, date: '2026-11-24' }, [
      {
        title: '关于<b>测试</b>的通知', body: '<p>正文</p><script>alert(1)</script><img src="x" onerror="alert(2)">', publisher: '根河市政务服务与数据管理局',
        metadata: { indexNo: 'genhe-zwfw/2026-00001', docNo: '根政发〔2026〕1号<x>' }, itemPath: ['履职依据', '规范性文件'], generatedAt: '2026-11-24T00:00:00Z',
      },
    ]);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('2026年第3期');
    expect(html).toContain('2026年11月24日出版');
    expect(html).toContain('关于&lt;b&gt;测试&lt;/b&gt;的通知');
    expect(html).toContain('根政发〔2026〕1号&lt;x&gt;');
    expect(html).toContain('<p>正文</p>');
    expect(html).not.toMatch(/<script|onerror/i);
    expect(html).toContain('@page { size: A4');
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
  });
});
