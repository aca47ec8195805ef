import { renderHtml, renderText, truncate } from './render.js';

describe('render', () => {
  it('strips script, event handlers and javascript: links from HTML', () => {
    const html = renderHtml('<p onclick="alert(1)">通知<script>alert(2)</script><a href="javascript:alert(3)">链接</a><img src=x onerror=alert(4)></p>');
    expect(html).not.toMatch(/script|onclick|onerror|javascript:/i);
    expect(html).toContain('通知');
  });

  it('turns plain text into escaped paragraphs', () => {
    expect(renderHtml('第一段 1 < 2 & 3\n续行\n\n第二段')).toBe('<p>第一段 1 &lt; 2 &amp; 3<br />续行</p><p>第二段</p>');
  });

  it('renders plain text without markup and cuts to a limit counting 汉字 as one', () => {
    expect(renderText('<h1>标题</h1><p>正文<b>加粗</b></p>')).toBe('标题\n\n正文加粗');
    expect(truncate('一二三四五六七八九十', 6)).toBe('一二三四五…');
    expect(truncate('一二三四五六七八九十', 12, ' http://x')).toBe('一二… http://x');
    expect(Array.from(truncate('一二三四五六七八九十', 12, ' https://a.b')).length).toBeLessThanOrEqual(12);
  });
});
