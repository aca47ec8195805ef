import { Injectable } from '@nestjs/common';
import { buildFeedItem, noticePriority, noticeUrl, type FeedItem, type NoticeSource } from './feed-item.js';
import { NoticeStore } from './notice-store.js';

export interface DisplaySettings {
  displayDays: number;
  durationSeconds: number;
  qrBaseUrl?: string;
}

const DAY_MS = 86_400_000;

/**
 * Renders a disclosure as a screen notice and puts it on its groups. The display window and 发布日期 are fixed by
 * the first publish: an update changes what a notice says, not how long it stays up.
 */
@Injectable()
export class NoticePublisher {
  constructor(private readonly store: NoticeStore) {}

  async compose(source: NoticeSource, deliveryId: string | null, display: DisplaySettings): Promise<FeedItem> {
    const [first] = deliveryId ? await this.store.rows(deliveryId) : [];
    const publishedAt = first ? new Date(first.content.publishedAt) : new Date();
    const startsAt = first ? new Date(first.starts_at) : publishedAt;
    const endsAt = first ? new Date(first.ends_at) : new Date(startsAt.getTime() + display.displayDays * DAY_MS);
    const url = noticeUrl(await this.store.websiteUrl(source.id), display.qrBaseUrl, source.id);
    return buildFeedItem(source, { publishedAt, startsAt, endsAt, durationSeconds: display.durationSeconds, priority: noticePriority(source.metadata) }, url);
  }

  async publish(args: { deliveryId: string; channel: string; groups: string[]; source: NoticeSource; display: DisplaySettings }): Promise<FeedItem> {
    const item = await this.compose(args.source, args.deliveryId, args.display);
    await this.store.publish({ deliveryId: args.deliveryId, disclosureId: args.source.id, channel: args.channel, groups: args.groups, item });
    return item;
  }
}
