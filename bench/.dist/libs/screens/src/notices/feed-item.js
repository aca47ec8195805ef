import QRCode from 'qrcode';
import { renderHtml, renderText } from '../../../channels/src/render/render.js';
export async function buildFeedItem(src, timing, url) {
    const indexNo = typeof src.metadata.indexNo === 'string' && src.metadata.indexNo.trim() ? renderText(src.metadata.indexNo) : null;
    return {
        id: src.id,
        revision: src.revision,
        // titles are plain text on every screen: markup typed into one is dropped, never interpreted
        title: renderText(src.title),
        text: renderText(src.body),
        html: renderHtml(src.body),
        indexNo,
        publisher: src.publisher ? renderText(src.publisher) : '',
        publishedAt: timing.publishedAt.toISOString(),
        startsAt: timing.startsAt.toISOString(),
        endsAt: timing.endsAt.toISOString(),
        durationSeconds: timing.durationSeconds,
        priority: timing.priority,
        url,
        qr: url ? await qrDataUrl(url) : null,
    };
}
export async function qrDataUrl(text) {
    const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1, color: { dark: '#000000', light: '#ffffff' } });
    return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
/** The QR target: the website's own URL for the item when its delivery reported one, else the configured base. */
export function noticeUrl(websiteUrl, qrBaseUrl, disclosureId) {
    if (websiteUrl && /^https?:\/\//i.test(websiteUrl))
        return websiteUrl;
    if (!qrBaseUrl)
        return null;
    if (qrBaseUrl.includes('{id}'))
        return qrBaseUrl.replaceAll('{id}', encodeURIComponent(disclosureId));
    return `${qrBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(disclosureId)}`;
}
/** Display priority from the record's metadata when it carries one (-100..100), else 0. */
export function noticePriority(metadata) {
    const p = Number(metadata.screenPriority ?? metadata.priority);
    return Number.isInteger(p) ? Math.max(-100, Math.min(100, p)) : 0;
}
