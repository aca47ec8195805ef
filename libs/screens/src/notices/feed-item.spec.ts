import { atomEntries, atomFeed } from '../feed/atom.js';
import { buildFeedItem, noticePriority, noticeUrl } from './feed-item.js';

const timing = {
  publishedAt: new Date('2026-11-24T01:00:00Z'),
  startsAt: new Date('2026-11-24T02:00:00Z'),
  endsAt: new Date('2026-12-24T02:00:00Z'),
  durationSeconds: 20,
  priority: 0,
};

describe('feed items', () => {
  it('renders title and body so that nothing in them can run on a screen', async () => {
    const item = await buildFeedItem(
      {
        id: 'd1', revision: 3, title: '<script>alert(1)</script>公告 & 通知', publisher: '根河市<b>政务</b>局',
        body: '<p onclick="x()">正文<iframe src="http://evil"></iframe></p><a href="javascript:alert(1)">链接</a>',
        metadata: { indexNo: ' 123/2026-00001 ' },
      },
      timing,
      'https://www.example.gov.cn/a.html',
    );
    expect(item.title).toBe('公告 & 通知');
    expect(item.publisher).toBe('根河市政务局');
    expect(item.html).toBe('<p>正文</p><a>链接</a>');
    expect(item.text).toBe('正文\n\n链接');
    expect(item.indexNo).toBe('123/2026-00001');
    expect(item).toEqual(expect.objectContaining({ id: 'd1', revision: 3, startsAt: '2026-11-24T02:00:00.000Z', endsAt: '2026-12-24T02:00:00.000Z', durationSeconds: 20 }));
    expect(Buffer.from(item.qr!.split(',')[1], 'base64').toString()).toContain('<svg');
  });

  it('points the QR code at the website, else at the configured base', () => {
    expect(noticeUrl('https://gov.cn/x/1.html', 'https://base', 'id1')).toBe('https://gov.cn/x/1.html');
    expect(noticeUrl('javascript:alert(1)', 'https://base/xxgk/', 'id1')).toBe('https://base/xxgk/id1');
    expect(noticeUrl(null, 'https://base/detail?id={id}', 'a b')).toBe('https://base/detail?id=a%20b');
    expect(noticeUrl(null, undefined, 'id1')).toBeNull();
  });

  it('takes a display priority from the record when it has one', () => {
    expect(noticePriority({})).toBe(0);
    expect(noticePriority({ screenPriority: 5 })).toBe(5);
    expect(noticePriority({ priority: 1000 })).toBe(100);
    expect(noticePriority({ priority: 'high' })).toBe(0);
  });

  it('writes Atom with every text escaped', async () => {
    const item = await buildFeedItem({ id: 'd"1', revision: 1, title: 'A < B & "C"', body: 'x\u0001y', metadata: {}, publisher: '' }, timing, null);
    const xml = atomFeed({ id: 's1', name: '屏<1>' }, 7, '2026-11-24T00:00:00.000Z', atomEntries([item]));
    expect(xml).toContain('<title type="text">A &lt; B &amp; &quot;C&quot;</title>');
    expect(xml).toContain('<title>屏&lt;1&gt; 公告</title>');
    expect(xml).toContain('<id>urn:gongkai-dispatch:disclosure:d&quot;1:r1</id>');
    expect(xml).toContain('<gk:version>7</gk:version>');
    expect(xml).not.toContain('\u0001');
    expect(xml).not.toContain('<link');
  });
});
