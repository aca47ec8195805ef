import { AdapterError, type DeliveryContext } from '../adapter.contract.js';
import { attachmentsHtml, escapeHtml, renderHtml, renderText, truncate } from '../render/render.js';

/** WeChat's documented limits for one news article in draft/add. */
export const LIMITS = { title: 32, author: 16, digest: 128, contentChars: 20000, contentBytes: 1024 * 1024, contentSourceUrlBytes: 1024 } as const;

export interface Article {
  title: string;
  author: string;
  digest: string;
  content: string;
  contentSourceUrl: string;
}

export interface ArticleSettings {
  author: string;
  contentSourceBaseUrl: string;
}

/** Stands in for an image URL WeChat will hand back, so the length check before any call is close to the real one. */
const UPLOADED_URL_ESTIMATE = 'x'.repeat(110);

/**
 * The article WeChat will get: the disclosure's metadata (索引号, 文号, 发布机构, 成文日期) above the sanitized body.
 * Every limit is checked here, before any call, so content WeChat would refuse fails at once naming the field.
 */
export function buildArticle(ctx: DeliveryContext, s: ArticleSettings): Article {
  const { disclosure } = ctx;
  const meta = disclosure.metadata;
  const author = s.author || disclosure.publisher;
  const summary = typeof meta.summary === 'string' && meta.summary.trim() ? meta.summary : renderText(disclosure.body);
  const article: Article = {
    title: disclosure.title.trim(),
    author,
    digest: truncate(summary, LIMITS.digest),
    content: '',
    contentSourceUrl: sourceUrl(s.contentSourceBaseUrl, disclosure.id),
  };
  // WeChat keeps no link to outside its platform in an article, so the files are named and 阅读原文 leads to them.
  const files = attachmentsHtml(disclosure.attachments, { links: false, note: article.contentSourceUrl ? '附件请点击“阅读原文”在政府网站下载。' : '附件请到政府网站下载。' });
  article.content = metadataBlock(ctx) + renderHtml(disclosure.body) + files;
  checkLimits(article, inlineImageSources(article.content).reduce((html, src) => html.split(escapeAttr(src)).join(UPLOADED_URL_ESTIMATE), article.content));
  return article;
}

export function checkLimits(a: Article, content = a.content): void {
  const len = (s: string) => Array.from(s).length;
  if (!a.title) throw limitError('title', '微信公众号图文标题（title）不能为空');
  if (len(a.title) > LIMITS.title) {
    throw limitError('title', `微信公众号图文标题（title）最多 ${LIMITS.title} 字，当前 ${len(a.title)} 字，请缩短标题`, len(a.title), LIMITS.title);
  }
  if (len(a.author) > LIMITS.author) {
    throw limitError('author', `作者（author）最多 ${LIMITS.author} 字，当前 ${len(a.author)} 字，请修改渠道设置 settings.author`, len(a.author), LIMITS.author);
  }
  if (len(a.digest) > LIMITS.digest) throw limitError('digest', `摘要（digest）最多 ${LIMITS.digest} 字`, len(a.digest), LIMITS.digest);
  // draft/add: content_source_url (阅读原文) 小于 1KB
  const urlBytes = Buffer.byteLength(a.contentSourceUrl, 'utf8');
  if (urlBytes >= LIMITS.contentSourceUrlBytes) {
    throw limitError('content_source_url', `原文链接（content_source_url）须小于 1 KB，当前 ${urlBytes} 字节：请缩短渠道设置 settings.contentSourceBaseUrl`, urlBytes, LIMITS.contentSourceUrlBytes);
  }
  const chars = content.length;
  const bytes = Buffer.byteLength(content, 'utf8');
  if (chars >= LIMITS.contentChars || bytes >= LIMITS.contentBytes) {
    throw limitError(
      'content',
      `正文（content）过长：微信公众号要求正文少于 ${LIMITS.contentChars} 字且小于 1 MB，当前 ${chars} 字、${bytes} 字节，请精简正文或改为发布摘要并附原文链接`,
      chars,
      LIMITS.contentChars,
    );
  }
}

/** Image sources WeChat would not show: anything not already on its own image host. */
export function inlineImageSources(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<img\b[^>]*?\bsrc="([^"]*)"/gi)) {
    const src = unescapeAttr(m[1]);
    if (/^data:/i.test(src)) out.add(src);
    else if (/^https?:\/\//i.test(src) && !isWechatImageHost(src)) out.add(src);
  }
  return [...out];
}

export function replaceImageSources(html: string, replaced: Map<string, string>): string {
  return html.replace(/(<img\b[^>]*?\bsrc=")([^"]*)(")/gi, (m, pre: string, src: string, post: string) => {
    const url = replaced.get(unescapeAttr(src));
    return url ? `${pre}${escapeAttr(url)}${post}` : m;
  });
}

function isWechatImageHost(src: string): boolean {
  try {
    const host = new URL(src).hostname;
    return host === 'mmbiz.qpic.cn' || host.endsWith('.qpic.cn');
  } catch {
    return false;
  }
}

function metadataBlock(ctx: DeliveryContext): string {
  const m = ctx.disclosure.metadata;
  const rows: [string, unknown][] = [
    ['索引号', m.indexNo],
    ['文号', m.docNo],
    ['发布机构', ctx.disclosure.publisher],
    ['成文日期', m.writtenAt],
  ];
  const lines = rows.filter(([, v]) => typeof v === 'string' && v.trim()).map(([k, v]) => `<p>${k}：${escapeHtml(String(v))}</p>`);
  return lines.length ? `${lines.join('')}<hr>` : '';
}

function sourceUrl(base: string, id: string): string {
  if (!base) return '';
  return base.includes('{id}') ? base.replace('{id}', encodeURIComponent(id)) : `${base.replace(/\/+$/, '')}/${encodeURIComponent(id)}`;
}

function limitError(field: string, message: string, actual?: number, limit?: number): AdapterError {
  return new AdapterError(message, 'permanent', { field, actual, limit });
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

function unescapeAttr(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}
