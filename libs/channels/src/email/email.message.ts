import type { DeliveryContext } from '../adapter.contract.js';
import { attachmentsHtml, attachmentsText, escapeHtml, renderHtml, renderText } from '../render/render.js';

/** The parts of a push mail that are the same for every recipient: rendered once per delivery and revision. */
export interface EmailBody {
  subject: string;
  /** HTML up to the footer; the footer carries the recipient's own unsubscribe link */
  html: string;
  text: string;
  reason: string;
}

export interface PersonalMail {
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

export function composeEmailBody(ctx: DeliveryContext): EmailBody {
  const d = ctx.disclosure;
  const meta = metadataRows(ctx);
  const topic = d.itemPath.length ? d.itemPath.join(' / ') : d.itemId;
  const html =
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(d.title)}</title></head>` +
    `<body style="margin:0;padding:16px;background:#fff;color:#222;font-family:'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;line-height:1.7">` +
    `<div style="max-width:720px;margin:0 auto">` +
    `<p style="margin:0 0 8px;color:#666;font-size:13px">${escapeHtml(d.publisher || d.office)} · 政府信息主动公开</p>` +
    `<h1 style="margin:0 0 12px;font-size:20px;line-height:1.4">${escapeHtml(d.title)}</h1>` +
    (meta.length
      ? `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px;font-size:13px;color:#444">` +
        meta.map(([k, v]) => `<tr><td style="padding:2px 12px 2px 0;color:#888;white-space:nowrap">${k}</td><td style="padding:2px 0">${escapeHtml(v)}</td></tr>`).join('') +
        `</table>`
      : '') +
    `<div>${renderHtml(d.body)}</div>` +
    attachmentsHtml(d.attachments, { links: true });
  const files = attachmentsText(d.attachments);
  const text = [d.title, '', ...meta.map(([k, v]) => `${k}：${v}`), '', renderText(d.body), ...(files ? ['', files] : [])].join('\n');
  return { subject: `【${d.publisher || d.office || '政务公开'}】${d.title}`.replace(/[\r\n]+/g, ' '), html, text, reason: topic };
}

/** The recipient's copy: the shared body plus a footer and RFC 8058 headers naming their own unsubscribe link. */
export function personalize(body: EmailBody, unsubscribeUrl: string, extraHeaders: Record<string, string> = {}): PersonalMail {
  return {
    subject: body.subject,
    html: body.html + footerHtml(body, unsubscribeUrl),
    text: body.text + footerText(body, unsubscribeUrl),
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      // no out-of-office replies to a bulk send
      'Auto-Submitted': 'auto-generated',
      ...extraHeaders,
    },
  };
}

/** What follows the shared HTML in a recipient's copy (EmailTemplate encodes it per recipient). */
export function footerHtml(body: EmailBody, unsubscribeUrl: string): string {
  return (
    `<hr style="margin:24px 0 8px;border:0;border-top:1px solid #ddd">` +
    `<p style="margin:0;font-size:12px;color:#888">${escapeHtml(why(body))}不想再收到？<a href="${escapeHtml(unsubscribeUrl)}" style="color:#888">一键退订</a>（无需登录）。</p>` +
    `</div></body></html>`
  );
}

/** What follows the shared text in a recipient's copy. */
export function footerText(body: EmailBody, unsubscribeUrl: string): string {
  return `\n\n——\n${why(body)}\n退订（无需登录）：${unsubscribeUrl}\n`;
}

function why(body: EmailBody): string {
  return `您收到此邮件，是因为您订阅了“${body.reason}”相关的政务公开信息。`;
}

export function unsubscribeUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/api/subscribers/unsubscribe?token=${encodeURIComponent(token)}`;
}

function metadataRows(ctx: DeliveryContext): [string, string][] {
  const m = ctx.disclosure.metadata;
  const rows: [string, unknown][] = [
    ['索引号', m.indexNo],
    ['文号', m.docNo],
    ['发布机构', ctx.disclosure.publisher],
    ['成文日期', m.writtenAt],
    ['生成日期', shanghaiDate(ctx.disclosure.generatedAt)],
    ['公开事项', ctx.disclosure.itemPath.join(' / ')],
  ];
  return rows.filter((r): r is [string, string] => typeof r[1] === 'string' && r[1].trim() !== '').map(([k, v]) => [k, v.trim()]);
}

function shanghaiDate(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : new Date(t + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
