import { compile } from 'html-to-text';

/** Compiled once: convert() compiles its options (selectors into a decision tree) on every call, which profiles
 * showed as a tenth of the API's time per publish. */
const toPlainText = compile({ wordwrap: false, selectors: [{ selector: 'a', options: { ignoreHref: true } }, { selector: 'img', format: 'skip' }] });
import sanitizeHtml from 'sanitize-html';

/**
 * One body, rendered per channel. Staff write the body in the back office's editor as HTML; every channel gets
 * a rendering that can carry no script: a whitelist of tags and attributes for HTML channels (website, WeChat,
 * email, screens), and plain text cut to the channel's limit for SMS and Weibo.
 */
const HTML_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'h1', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'img', 'span', 'div', 'hr', 'sup', 'sub'],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'width', 'height'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
};

/** A body typed as plain text (no tags) becomes paragraphs, so both kinds of input render the same way. */
export function renderHtml(body: string): string {
  const source = /<[a-z][\s\S]*>/i.test(body) ? body : plainToHtml(body);
  return sanitizeHtml(source, HTML_OPTIONS);
}

export function renderText(body: string): string {
  const html = /<[a-z][\s\S]*>/i.test(body) ? body : plainToHtml(body);
  const text = toPlainText(sanitizeHtml(html, HTML_OPTIONS)).trim();
  // an unclosed "<script …" survives as text; a full-width ＜ keeps it readable and makes it inert even for a
  // receiver that wrongly renders plain text as HTML
  return text.replace(/<(?=[a-zA-Z/!?])/g, '＜');
}

/** Cuts to `max` characters (code points, so a 汉字 is one) with an ellipsis, keeping room for a suffix. */
export function truncate(text: string, max: number, suffix = ''): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  const room = max - Array.from(suffix).length;
  if (room <= 0) return Array.from(suffix).slice(0, max).join('');
  const body = chars.length <= room ? chars.join('') : chars.slice(0, room - 1).join('') + '…';
  return body + suffix;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function plainToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** What the attachment lists below need of each file (a disclosure's attachments, with or without a public link). */
export interface AttachmentLine {
  filename: string;
  sizeBytes: number;
  url?: string;
}

/** 1.2 MB, 350 KB: how Chinese government sites show a file's size next to its name. */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * "附件：1. name（size）" as official documents list them, each name a link when the channel may carry one
 * (WeChat refuses links outside its platform, so its article lists names and points to 阅读原文).
 */
export function attachmentsHtml(list: AttachmentLine[] | undefined, o: { links: boolean; note?: string }): string {
  if (!list?.length) return '';
  const items = list
    .map((a) => {
      const name = escapeHtml(a.filename);
      const label = o.links && a.url ? `<a href="${escapeHtml(a.url)}" rel="noopener noreferrer">${name}</a>` : name;
      return `<li>${label}（${fileSize(a.sizeBytes)}）</li>`;
    })
    .join('');
  return `<p>附件：</p><ol>${items}</ol>${o.note ? `<p>${escapeHtml(o.note)}</p>` : ''}`;
}

export function attachmentsText(list: AttachmentLine[] | undefined): string {
  if (!list?.length) return '';
  return ['附件：', ...list.map((a, i) => `${i + 1}. ${a.filename}（${fileSize(a.sizeBytes)}）${a.url ? ` ${a.url}` : ''}`)].join('\n');
}
