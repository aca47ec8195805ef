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
 * Renders a disclosure as a screen notice and puts it on its groups. 发布日期 is the record's publication; the display
 * window is fixed by the first delivery to screens: an update changes what a notice says, not how long it stays up.
 */
@Injectable()
export class NoticePublisher {
  constructor(private readonly store: NoticeStore) {}

  async compose(source: NoticeSource, deliveryId: string | null, display: DisplaySettings): Promise<FeedItem> {
    const [first] = deliveryId ? await this.store.rows(deliveryId) : [];
    const facts = await this.store.facts(source.id);
    const publishedAt = facts.publishedAt ?? new Date();
    // the window runs from the first delivery to screens, so a record published long ago still gets its full days
    const startsAt = first ? new Date(first.starts_at) : new Date();
    const endsAt = first ? new Date(first.ends_at) : new Date(startsAt.getTime() + display.displayDays * DAY_MS);
    const url = noticeUrl(facts.websiteUrl, display.qrBaseUrl, source.id);
    return buildFeedItem(source, { publishedAt, startsAt, endsAt, durationSeconds: display.durationSeconds, priority: noticePriority(source.metadata) }, url);
  }

  async publish(args: { deliveryId: string; channel: string; groups: string[]; source: NoticeSource; display: DisplaySettings }): Promise<FeedItem> {
    const item = await this.compose(args.source, args.deliveryId, args.display);
    await this.store.publish({ deliveryId: args.deliveryId, disclosureId: args.source.id, channel: args.channel, groups: args.groups, item });
    return item;
  }
}
