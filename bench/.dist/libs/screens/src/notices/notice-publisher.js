var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a;
import { Injectable } from '@nestjs/common';
import { buildFeedItem, noticePriority, noticeUrl } from './feed-item.js';
import { NoticeStore } from './notice-store.js';
const DAY_MS = 86_400_000;
/**
 * Renders a disclosure as a screen notice and puts it on its groups. 发布日期 is the record's publication; the display
 * window is fixed by the first delivery to screens: an update changes what a notice says, not how long it stays up.
 */
let NoticePublisher = class NoticePublisher {
    store;
    constructor(store) {
        this.store = store;
    }
    async compose(source, deliveryId, display) {
        const [first] = deliveryId ? await this.store.rows(deliveryId) : [];
        const facts = await this.store.facts(source.id);
        const publishedAt = facts.publishedAt ?? new Date();
        // the window runs from the first delivery to screens, so a record published long ago still gets its full days
        const startsAt = first ? new Date(first.starts_at) : new Date();
        const endsAt = first ? new Date(first.ends_at) : new Date(startsAt.getTime() + display.displayDays * DAY_MS);
        const url = noticeUrl(facts.websiteUrl, display.qrBaseUrl, source.id);
        return buildFeedItem(source, { publishedAt, startsAt, endsAt, durationSeconds: display.durationSeconds, priority: noticePriority(source.metadata) }, url);
    }
    async publish(args) {
        const item = await this.compose(args.source, args.deliveryId, args.display);
        await this.store.publish({ deliveryId: args.deliveryId, disclosureId: args.source.id, channel: args.channel, groups: args.groups, item });
        return item;
    }
};
NoticePublisher = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof NoticeStore !== "undefined" && NoticeStore) === "function" ? _a : Object])
], NoticePublisher);
export { NoticePublisher };
