import { escapeHtml } from '../../../channels/src/render/render.js';
import type { FeedItem } from '../notices/feed-item.js';

const NS = 'urn:gongkai-dispatch:screens';

/**
 * The feed as Atom (RFC 4287), for vendor controllers that read feeds. Display fields that Atom has no element for
 * (索引号, window, duration, priority) travel in a namespace of their own; the body is the sanitized HTML, escaped.
 */
export function atomEntries(items: FeedItem[]): string {
  return items
    .map((i) =>
      [
        '<entry>',
        `<id>urn:gongkai-dispatch:disclosure:${x(i.id)}:r${i.revision}</id>`,
        `<title type="text">${x(i.title)}</title>`,
        `<published>${i.publishedAt}</published>`,
        `<updated>${i.publishedAt}</updated>`,
        `<author><name>${x(i.publisher || '—')}</name></author>`,
        i.url ? `<link rel="alternate" href="${x(i.url)}"/>` : '',
        `<summary type="text">${x(i.text.slice(0, 500))}</summary>`,
        `<content type="html">${x(i.html)}</content>`,
        i.indexNo ? `<gk:indexNo>${x(i.indexNo)}</gk:indexNo>` : '',
        `<gk:startsAt>${i.startsAt}</gk:startsAt>`,
        `<gk:endsAt>${i.endsAt}</gk:endsAt>`,
        `<gk:durationSeconds>${i.durationSeconds}</gk:durationSeconds>`,
        `<gk:priority>${i.priority}</gk:priority>`,
        '</entry>',
      ].join(''),
    )
    .join('\n');
}

export function atomFeed(screen: { id: string; name: string }, version: number, updated: string, entries: string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xmlns:gk="${NS}" xml:lang="zh-CN">\n` +
    `<id>urn:gongkai-dispatch:screen:${x(screen.id)}</id>\n<title>${x(screen.name)} 公告</title>\n<updated>${updated}</updated>\n` +
    `<gk:version>${version}</gk:version>\n${entries}\n</feed>\n`
  );
}

/** XML text and attribute escaping; also drops characters XML 1.0 cannot carry. */
function x(s: string): string {
  return escapeHtml(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
}
