import { escapeHtml } from '../../../../libs/channels/src/index.js';
/**
 * The few pages a subscriber sees, in zh-CN. Every one is a plain form: nothing changes on GET (mail scanners
 * open links), the button POSTs back to the same URL.
 */
export function page(title, body) {
    return (`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>` +
        `<body style="margin:0;padding:24px;font-family:'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;line-height:1.7;color:#222">` +
        `<main style="max-width:520px;margin:40px auto"><h1 style="font-size:20px">${escapeHtml(title)}</h1>${body}</main></body></html>`);
}
const button = (label) => `<button type="submit" style="padding:8px 20px;font-size:16px;border:0;border-radius:4px;background:#b00;color:#fff;cursor:pointer">${escapeHtml(label)}</button>`;
export function unsubscribeConfirmPage(token, email) {
    const who = email ? `邮箱 <strong>${escapeHtml(email)}</strong>` : '您的邮箱';
    return page('退订政务公开邮件推送', `<p>确认后，${who}将不再收到政务公开信息的邮件推送。</p>` +
        `<form method="post" action="?token=${encodeURIComponent(token)}"><input type="hidden" name="List-Unsubscribe" value="One-Click">${button('确认退订')}</form>`);
}
export function unsubscribedPage(email, already) {
    return page('已退订', `<p>${already ? '该邮箱此前已退订，' : ''}${email ? `邮箱 ${escapeHtml(email)} ` : ''}不会再收到政务公开信息的邮件推送。</p><p>如需重新订阅，请联系发布机关。</p>`);
}
export function verifyConfirmPage(token, email, verified) {
    if (verified)
        return page('邮箱已确认', `<p>邮箱 ${escapeHtml(email)} 已确认，无需重复操作。</p>`);
    return page('确认订阅政务公开信息', `<p>请确认邮箱 <strong>${escapeHtml(email)}</strong> 订阅政务公开信息推送。</p>` +
        `<form method="post" action="?token=${encodeURIComponent(token)}">${button('确认订阅')}</form>`);
}
export function verifiedPage(email) {
    return page('订阅成功', `<p>邮箱 ${escapeHtml(email)} 已确认，今后将收到您所订阅事项的政务公开信息。每封邮件底部都有一键退订链接。</p>`);
}
export function invalidLinkPage(kind) {
    return page('链接无效', kind === 'verify' ? '<p>该确认链接无效或已过期（有效期7天）。请联系发布机关重新发送确认邮件。</p>' : '<p>该退订链接无效。请联系发布机关办理退订。</p>');
}
