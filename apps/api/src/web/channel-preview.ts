import { attachmentsHtml, escapeHtml, renderHtml, renderText, truncate } from '../../../../libs/channels/src/index.js';

/** WeChat's documented limits for one news article (wechat-oa/wechat-oa.article.ts checks the same). */
const WECHAT = { title: 32, digest: 128, contentChars: 20000 } as const;
const WEIBO_CHARS = 140;
/** One SMS carries 70 characters; a longer one is sent in parts of 67, each billed. */
const SMS_SINGLE = 70;
const SMS_PART = 67;
/** Stands in for the website link a real send would carry, so lengths are counted with room for it. */
export const LINK_PLACEHOLDER = 'https://example.gov.cn/xxxxxxxx';

export interface PreviewInput {
  title: string;
  body: string;
  summary?: string;
  publisher?: string;
  indexNo?: string;
  attachments?: { filename: string; sizeBytes: number }[];
}

const chars = (s: string) => Array.from(s).length;

/**
 * What each kind of channel would show, rendered by the same functions the adapters use, so the editor sees the
 * sanitized article, the cut-down texts and their lengths before anything is sent. SMS and Weibo texts are
 * indicative: the real ones follow the gateway's approved template.
 */
export function channelPreview(input: PreviewInput) {
  const title = renderText(input.title);
  const text = renderText(input.body);
  const summary = input.summary?.trim() ? renderText(input.summary) : text;
  const publisher = input.publisher?.trim() ?? '';
  const html = renderHtml(input.body);
  // the same lists the adapters append: names only here, as the public links exist once it is published
  const files = attachmentsHtml(input.attachments, { links: false });
  const wechatFiles = attachmentsHtml(input.attachments, { links: false, note: '附件请点击“阅读原文”在政府网站下载。' });

  const wechatHtml = metadataBlock(input) + html + wechatFiles;
  const wechatProblems: { field: string; message: string }[] = [];
  if (!title) wechatProblems.push({ field: 'title', message: '标题不能为空' });
  if (chars(title) > WECHAT.title) wechatProblems.push({ field: 'title', message: `微信公众号图文标题最多 ${WECHAT.title} 字，当前 ${chars(title)} 字` });
  if (wechatHtml.length >= WECHAT.contentChars) wechatProblems.push({ field: 'body', message: `微信公众号正文须少于 ${WECHAT.contentChars} 字，当前 ${wechatHtml.length} 字` });

  const smsText = `【${publisher || '发布机构'}】《${title}》已公开，详见${LINK_PLACEHOLDER}`;
  const smsChars = chars(smsText);
  const weiboSuffix = ` ${LINK_PLACEHOLDER}`;

  return {
    website: { title, html: html + files },
    wechat: {
      title,
      titleChars: chars(title),
      titleLimit: WECHAT.title,
      digest: truncate(summary, WECHAT.digest),
      html: wechatHtml,
      contentChars: wechatHtml.length,
      contentLimit: WECHAT.contentChars,
      problems: wechatProblems,
    },
    weibo: { text: truncate(`【${title}】${summary}`, WEIBO_CHARS, weiboSuffix), limit: WEIBO_CHARS },
    sms: { text: smsText, chars: smsChars, parts: smsChars <= SMS_SINGLE ? 1 : Math.ceil(smsChars / SMS_PART), singleLimit: SMS_SINGLE },
    screen: { title, text, html, indexNo: input.indexNo?.trim() || null, publisher },
  };
}

function metadataBlock(input: PreviewInput): string {
  const rows = [
    ['索引号', input.indexNo],
    ['发布机构', input.publisher],
  ].filter(([, v]) => v && v.trim());
  if (!rows.length) return '';
  return `<p>${rows.map(([k, v]) => `${k}：${escapeHtml(v!.trim())}`).join('<br>')}</p>`;
}
