import QRCode from 'qrcode';
import { renderHtml, renderText } from '../../../channels/src/render/render.js';

/** One notice as a screen receives it: the JSON feed's item, the SSE `notice` event's payload, the vendor push body. */
export interface FeedItem {
  /** the disclosure id: stable across revisions, so a screen replaces a notice in place */
  id: string;
  revision: number;
  title: string;
  /** plain text, for screens that cannot render HTML (LED boards) */
  text: string;
  /** sanitized HTML: a whitelist of tags and attributes, no script, no event handlers */
  html: string;
  /** 索引号 */
  indexNo: string | null;
  publisher: string;
  /** 发布日期: when the notice first went to screens */
  publishedAt: string;
  /** display window: not shown before startsAt, not served after endsAt */
  startsAt: string;
  endsAt: string;
  durationSeconds: number;
  priority: number;
  /** the full text on the website, if known */
  url: string | null;
  /** a QR code for `url` as an SVG data URL, so screens need no QR library and no network */
  qr: string | null;
}

export interface NoticeSource {
  id: string;
  title: string;
  body: string;
  metadata: Record<string, unknown>;
  revision: number;
  publisher: string;
}

export interface NoticeTiming {
  publishedAt: Date;
  startsAt: Date;
  endsAt: Date;
  durationSeconds: number;
  priority: number;
}

export async function buildFeedItem(src: NoticeSource, timing: NoticeTiming, url: string | null): Promise<FeedItem> {
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

export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1, color: { dark: '#000000', light: '#ffffff' } });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** The QR target: the website's own URL for the item when its delivery reported one, else the configured base. */
export function noticeUrl(websiteUrl: string | null, qrBaseUrl: string | undefined, disclosureId: string): string | null {
  if (websiteUrl && /^https?:\/\//i.test(websiteUrl)) return websiteUrl;
  if (!qrBaseUrl) return null;
  if (qrBaseUrl.includes('{id}')) return qrBaseUrl.replaceAll('{id}', encodeURIComponent(disclosureId));
  return `${qrBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(disclosureId)}`;
}

/** Display priority from the record's metadata when it carries one (-100..100), else 0. */
export function noticePriority(metadata: Record<string, unknown>): number {
  const p = Number(metadata.screenPriority ?? metadata.priority);
  return Number.isInteger(p) ? Math.max(-100, Math.min(100, p)) : 0;
}
