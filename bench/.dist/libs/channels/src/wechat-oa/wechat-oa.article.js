import { AdapterError } from '../adapter.contract.js';
import { escapeHtml, renderHtml, renderText, truncate } from '../render/render.js';
/** WeChat's documented limits for one news article in draft/add. */
export const LIMITS = { title: 32, author: 16, digest: 128, contentChars: 20000, contentBytes: 1024 * 1024 };
/** Stands in for an image URL WeChat will hand back, so the length check before any call is close to the real one. */
const UPLOADED_URL_ESTIMATE = 'x'.repeat(110);
/**
 * The article WeChat will get: the disclosure's metadata (索引号, 文号, 发布机构, 成文日期) above the sanitized body.
 * Every limit is checked here, before any call, so content WeChat would refuse fails at once naming the field.
 */
export function buildArticle(ctx, s) {
    const { disclosure } = ctx;
    const meta = disclosure.metadata;
    const author = s.author || disclosure.publisher;
    const summary = typeof meta.summary === 'string' && meta.summary.trim() ? meta.summary : renderText(disclosure.body);
    const article = {
        title: disclosure.title.trim(),
        author,
        digest: truncate(summary, LIMITS.digest),
        content: metadataBlock(ctx) + renderHtml(disclosure.body),
        contentSourceUrl: sourceUrl(s.contentSourceBaseUrl, disclosure.id),
    };
    checkLimits(article, inlineImageSources(article.content).reduce((html, src) => html.split(escapeAttr(src)).join(UPLOADED_URL_ESTIMATE), article.content));
    return article;
}
export function checkLimits(a, content = a.content) {
    const len = (s) => Array.from(s).length;
    if (!a.title)
        throw limitError('title', '微信公众号图文标题（title）不能为空');
    if (len(a.title) > LIMITS.title) {
        throw limitError('title', `微信公众号图文标题（title）最多 ${LIMITS.title} 字，当前 ${len(a.title)} 字，请缩短标题`, len(a.title), LIMITS.title);
    }
    if (len(a.author) > LIMITS.author) {
        throw limitError('author', `作者（author）最多 ${LIMITS.author} 字，当前 ${len(a.author)} 字，请修改渠道设置 settings.author`, len(a.author), LIMITS.author);
    }
    if (len(a.digest) > LIMITS.digest)
        throw limitError('digest', `摘要（digest）最多 ${LIMITS.digest} 字`, len(a.digest), LIMITS.digest);
    const chars = content.length;
    const bytes = Buffer.byteLength(content, 'utf8');
    if (chars >= LIMITS.contentChars || bytes >= LIMITS.contentBytes) {
        throw limitError('content', `正文（content）过长：微信公众号要求正文少于 ${LIMITS.contentChars} 字且小于 1 MB，当前 ${chars} 字、${bytes} 字节，请精简正文或改为发布摘要并附原文链接`, chars, LIMITS.contentChars);
    }
}
/** Image sources WeChat would not show: anything not already on its own image host. */
export function inlineImageSources(html) {
    const out = new Set();
    for (const m of html.matchAll(/<img\b[^>]*?\bsrc="([^"]*)"/gi)) {
        const src = unescapeAttr(m[1]);
        if (/^data:/i.test(src))
            out.add(src);
        else if (/^https?:\/\//i.test(src) && !isWechatImageHost(src))
            out.add(src);
    }
    return [...out];
}
export function replaceImageSources(html, replaced) {
    return html.replace(/(<img\b[^>]*?\bsrc=")([^"]*)(")/gi, (m, pre, src, post) => {
        const url = replaced.get(unescapeAttr(src));
        return url ? `${pre}${escapeAttr(url)}${post}` : m;
    });
}
function isWechatImageHost(src) {
    try {
        const host = new URL(src).hostname;
        return host === 'mmbiz.qpic.cn' || host.endsWith('.qpic.cn');
    }
    catch {
        return false;
    }
}
function metadataBlock(ctx) {
    const m = ctx.disclosure.metadata;
    const rows = [
        ['索引号', m.indexNo],
        ['文号', m.docNo],
        ['发布机构', ctx.disclosure.publisher],
        ['成文日期', m.writtenAt],
    ];
    const lines = rows.filter(([, v]) => typeof v === 'string' && v.trim()).map(([k, v]) => `<p>${k}：${escapeHtml(String(v))}</p>`);
    return lines.length ? `${lines.join('')}<hr>` : '';
}
function sourceUrl(base, id) {
    if (!base)
        return '';
    return base.includes('{id}') ? base.replace('{id}', encodeURIComponent(id)) : `${base.replace(/\/+$/, '')}/${encodeURIComponent(id)}`;
}
function limitError(field, message, actual, limit) {
    return new AdapterError(message, 'permanent', { field, actual, limit });
}
function escapeAttr(s) {
    return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}
function unescapeAttr(s) {
    return s.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}
