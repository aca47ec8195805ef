import fc from 'fast-check';
import { channelPreview } from '../../apps/api/src/web/channel-preview.js';
import { AdapterError, type DeliveryContext } from '../../libs/channels/src/adapter.contract.js';
import { composeEmailBody, personalize } from '../../libs/channels/src/email/email.message.js';
import { renderGazetteIssue } from '../../libs/channels/src/gazette/gazette.render.js';
import { renderHtml, renderText } from '../../libs/channels/src/render/render.js';
import { buildArticle } from '../../libs/channels/src/wechat-oa/wechat-oa.article.js';
import { atomEntries } from '../../libs/screens/src/feed/atom.js';
import { buildFeedItem } from '../../libs/screens/src/notices/feed-item.js';
import { ATTACKS, hostileString, runs, unsafeMarkup } from './fuzz-support.js';

/**
 * Script or markup typed into any field never runs wherever the disclosure is shown: every HTML rendering a
 * channel sends or serves (website preview, WeChat article, email, gazette issue, screen feed, Atom) is checked
 * for anything a browser would execute, for arbitrary and hostile input.
 */
describe('rendering of hostile input', () => {
  it('the checker itself finds each known attack in unsanitized markup', () => {
    // each attack that is markup must be caught raw, or the properties below could pass vacuously
    const caught = ATTACKS.filter((a) => /<\s*[a-z!]/i.test(a) && !a.startsWith('<!--') && !a.startsWith('<![CDATA') && !a.startsWith('<noscript')).filter((a) => unsafeMarkup(a) === null);
    expect(caught).toEqual([]);
    expect(unsafeMarkup('<p>onclick=alert(1) javascript:alert(1) 纯文本</p><a href="https://example.gov.cn/x" rel="noopener noreferrer">链接</a>')).toBeNull();
  });

  it('renderHtml output never carries script, event handlers or script URLs', () => {
    fc.assert(
      fc.property(hostileString(2000), (body) => {
        const html = renderHtml(body);
        const found = unsafeMarkup(html);
        if (found) throw new Error(`${found} in ${JSON.stringify(html)}`);
      }),
      { numRuns: runs(1200) },
    );
  });

  it('renderText output is plain text: no tag survives', () => {
    fc.assert(
      fc.property(hostileString(1000), (body) => {
        const text = renderText(body);
        if (/<\s*(script|img|a|iframe|svg)\b/i.test(text) && unsafeMarkup(renderHtml(text)) !== null) throw new Error(`markup in text: ${JSON.stringify(text)}`);
      }),
      { numRuns: runs(400) },
    );
  });

  it('the back office channel preview renders every HTML view safely', () => {
    fc.assert(
      fc.property(hostileString(200), hostileString(2000), fc.option(hostileString(200)), fc.option(hostileString(100)), fc.option(hostileString(100)), (title, body, summary, publisher, indexNo) => {
        const p = channelPreview({ title, body, summary: summary ?? undefined, publisher: publisher ?? undefined, indexNo: indexNo ?? undefined });
        for (const [where, html] of [['website', p.website.html], ['wechat', p.wechat.html], ['screen', p.screen.html]] as const) {
          const found = unsafeMarkup(html);
          if (found) throw new Error(`${where}: ${found} in ${JSON.stringify(html)}`);
        }
      }),
      { numRuns: runs(400) },
    );
  });

  it('the WeChat article content is sanitized, metadata included', () => {
    fc.assert(
      fc.property(hostileString(40), hostileString(3000), metadata(), hostileString(60), (title, body, meta, publisher) => {
        let content: string;
        try {
          content = buildArticle(ctx({ title, body, metadata: meta, publisher }), { author: '', contentSourceBaseUrl: 'https://www.example.gov.cn/xxgk' }).content;
        } catch (err) {
          if (err instanceof AdapterError && err.kind === 'permanent') return; // a WeChat limit (title length …): refused before any call
          throw err;
        }
        const found = unsafeMarkup(content);
        if (found) throw new Error(`${found} in ${JSON.stringify(content)}`);
      }),
      { numRuns: runs(400) },
    );
  });

  it('the push e-mail is sanitized, metadata and unsubscribe footer included', () => {
    fc.assert(
      fc.property(hostileString(200), hostileString(2000), metadata(), hostileString(60), (title, body, meta, publisher) => {
        const mail = personalize(composeEmailBody(ctx({ title, body, metadata: meta, publisher })), 'https://www.example.gov.cn/api/subscribers/unsubscribe?token=abc');
        const found = unsafeMarkup(mail.html);
        if (found) throw new Error(`${found} in ${JSON.stringify(mail.html)}`);
        if (/[\r\n]/.test(mail.subject)) throw new Error(`a line break in the subject: ${JSON.stringify(mail.subject)}`);
      }),
      { numRuns: runs(300) },
    );
  });

  it('the gazette issue document is sanitized', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ title: hostileString(200), body: hostileString(2000), publisher: hostileString(60), metadata: metadata() }), { minLength: 1, maxLength: 3 }), hostileString(60), (entries, issueTitle) => {
        const html = renderGazetteIssue(
          { title: issueTitle, publisher: '根河市人民政府', year: 2026, number: 12, date: '2026-11-24' },
          entries.map((e) => ({ ...e, itemPath: ['履职依据', '规范性文件'], generatedAt: '2026-11-24T01:00:00.000Z' })),
        );
        const found = unsafeMarkup(html, { allowStyleElement: true });
        if (found) throw new Error(`${found} in ${JSON.stringify(html.slice(0, 3000))}`);
        if ((html.match(/<style>/g) ?? []).length !== 1) throw new Error('a <style> element came from the input');
      }),
      { numRuns: runs(150) },
    );
  });

  it('screen feed items and the Atom feed carry sanitized HTML and plain-text titles', async () => {
    const timing = { publishedAt: new Date('2026-11-24T01:00:00Z'), startsAt: new Date('2026-11-24T01:00:00Z'), endsAt: new Date('2026-12-24T01:00:00Z'), durationSeconds: 15, priority: 0 };
    await fc.assert(
      fc.asyncProperty(hostileString(200), hostileString(2000), metadata(), hostileString(60), async (title, body, meta, publisher) => {
        const item = await buildFeedItem({ id: '0b5f3d4e-8a47-4b8e-9b43-2c5d0a6f7e11', title, body, metadata: meta, revision: 1, publisher }, timing, null);
        const found = unsafeMarkup(item.html);
        if (found) throw new Error(`feed html: ${found} in ${JSON.stringify(item.html)}`);
        for (const [k, v] of [['title', item.title], ['text', item.text], ['publisher', item.publisher], ['indexNo', item.indexNo ?? '']]) {
          if (unsafeMarkup(v) !== null) throw new Error(`feed ${k} is not plain text: ${JSON.stringify(v)}`);
        }
        const atom = atomEntries([item]);
        const content = /<content type="html">([\s\S]*?)<\/content>/.exec(atom)?.[1];
        if (content === undefined) throw new Error(`no content element in ${atom}`);
        const unescaped = content.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
        const inAtom = unsafeMarkup(unescaped);
        if (inAtom) throw new Error(`atom content: ${inAtom}`);
        // outside the known elements, no markup: every value is escaped
        const stripped = atom.replace(/<\/?(entry|id|title|published|updated|author|name|link|summary|content|gk:[a-zA-Z]+)\b[^>]*>/g, '');
        if (stripped.includes('<')) throw new Error(`unescaped markup in the Atom entry: ${atom.slice(0, 1000)}`);
      }),
      { numRuns: runs(200) },
    );
  });
});

function metadata(): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    { indexNo: hostileString(100), docNo: hostileString(100), writtenAt: hostileString(30), summary: hostileString(300), keywords: fc.array(hostileString(30), { maxLength: 3 }) },
    { requiredKeys: [] },
  );
}

function ctx(d: { title: string; body: string; metadata: Record<string, unknown>; publisher: string }): DeliveryContext {
  return {
    delivery: { id: '1d4c8a0e-2f7b-4c1e-9a51-6b0e3f2d7c88', carrier: 'new_media', channel: 'wechat', attempt: 1, operation: 'publish', interrupted: false, remoteId: null, remoteUrl: null, state: {} },
    disclosure: {
      id: '0b5f3d4e-8a47-4b8e-9b43-2c5d0a6f7e11', title: d.title, body: d.body, metadata: d.metadata, generatedAt: '2026-11-24T01:00:00.000Z', dueAt: null,
      revision: 1, catalogueCode: 'genhe-zwfw', itemId: '01-01', itemPath: ['履职依据', '规范性文件'], publisher: d.publisher, office: '办公室', departmentCode: 'genhe-zwfw',
    },
    saveState: async () => undefined,
  };
}
