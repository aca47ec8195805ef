var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a, _b, _c;
import { Injectable } from '@nestjs/common';
import { DeliveryProgressService, progressState } from '../../../screens/src/notices/delivery-progress.js';
import { NoticePublisher } from '../../../screens/src/notices/notice-publisher.js';
import { NoticeStore } from '../../../screens/src/notices/notice-store.js';
import { parseScreensSettings } from '../../../screens/src/notices/screens-settings.js';
import { AdapterError } from '../adapter.contract.js';
/**
 * Electronic screens that pull their feed. Sending pushes nothing: it puts the notice live on the screen groups mapped
 * to the delivery's carrier and waits (`pending`) until every online screen of those groups acknowledged the content
 * version that carries it, or until the acknowledgement timeout, when the screens still missing are listed.
 */
export class ScreensAdapter {
    channel;
    publisher;
    store;
    tracker;
    type = 'screens';
    // publishing the same revision twice changes nothing: a retry after a crash is harmless
    idempotent = true;
    settings;
    problems;
    constructor(channel, publisher, store, tracker) {
        this.channel = channel;
        this.publisher = publisher;
        this.store = store;
        this.tracker = tracker;
        const parsed = parseScreensSettings(channel.name, channel.settings);
        this.settings = parsed.settings;
        this.problems = parsed.problems;
    }
    checkConfig() {
        if (!this.settings)
            return this.problems;
        const where = `channel ${this.channel.name}`;
        const problems = [];
        for (const g of this.settings.groups) {
            if (!this.channel.carriers.includes(g.carrier))
                problems.push(`${where}: settings.groups.${g.code}: carrier ${g.carrier} is not in the channel's carriers`);
        }
        for (const c of this.channel.carriers) {
            if (!this.settings.groups.some((g) => g.carrier === c))
                problems.push(`${where}: carriers: no screen group shows carrier ${c} (add one under settings.groups)`);
        }
        return problems;
    }
    send(ctx) {
        return this.publish(ctx);
    }
    /** A new revision replaces the notice in place; screens must acknowledge the version that carries it. */
    update(ctx) {
        return this.publish(ctx);
    }
    async withdraw(ctx) {
        await this.store.takeDown(ctx.delivery.id, 'withdrawn');
        await ctx.saveState({ screens: { ...ctx.delivery.state.screens, withdrawnAt: new Date().toISOString() } });
    }
    async poll(ctx) {
        const s = this.mustSettings();
        const p = await this.tracker.progress(ctx.delivery.id);
        if (p.complete) {
            await ctx.saveState({ screens: progressState(p, { settled: p.gone ? 'taken_down' : 'acknowledged' }) });
            return { status: 'delivered' };
        }
        const timeoutAt = p.liveSince ? new Date(Date.parse(p.liveSince) + s.ackTimeoutSeconds * 1000) : null;
        if (timeoutAt && Date.now() >= timeoutAt.getTime()) {
            const missing = p.waiting.map((x) => ({ id: x.id, name: x.name, group: x.group, location: x.location }));
            await ctx.saveState({
                screens: progressState(p, { settled: 'timeout', timeoutAt: timeoutAt.toISOString(), missing, note: `确认超时：${missing.length} 块在线电子屏未确认（${missing.map((x) => x.name).join('、')}）` }),
            });
            return { status: 'delivered' };
        }
        await ctx.saveState({ screens: progressState(p, { timeoutAt: timeoutAt?.toISOString() ?? null }) });
        return { status: 'pending' };
    }
    async publish(ctx) {
        const s = this.mustSettings();
        const groups = s.groups.filter((g) => g.carrier === ctx.delivery.carrier).map((g) => g.code);
        if (groups.length === 0)
            throw new AdapterError(`channel ${this.channel.name}: no screen group shows carrier ${ctx.delivery.carrier}`, 'permanent');
        const d = ctx.disclosure;
        await this.publisher.publish({
            deliveryId: ctx.delivery.id,
            channel: this.channel.name,
            groups,
            source: { id: d.id, title: d.title, body: d.body, metadata: d.metadata, revision: d.revision, publisher: d.publisher },
            display: s,
        });
        const p = await this.tracker.progress(ctx.delivery.id);
        const timeoutAt = p.liveSince ? new Date(Date.parse(p.liveSince) + s.ackTimeoutSeconds * 1000).toISOString() : null;
        if (p.complete) {
            // no online screen to wait for: the notice is live and offline screens take it when they call in again
            await ctx.saveState({ screens: progressState(p, { settled: p.gone ? 'taken_down' : p.waiting.length + p.acknowledged.length === 0 ? 'no_online_screens' : 'acknowledged' }) });
            return { status: 'delivered' };
        }
        await ctx.saveState({ screens: progressState(p, { timeoutAt }) });
        return { status: 'pending', note: `等待 ${p.waiting.length} 块在线电子屏确认` };
    }
    mustSettings() {
        if (!this.settings)
            throw new AdapterError(this.problems.join('; '), 'permanent');
        return this.settings;
    }
}
let ScreensAdapterFactory = class ScreensAdapterFactory {
    publisher;
    store;
    tracker;
    type = 'screens';
    constructor(publisher, store, tracker) {
        this.publisher = publisher;
        this.store = store;
        this.tracker = tracker;
    }
    create(channel) {
        return new ScreensAdapter(channel, this.publisher, this.store, this.tracker);
    }
};
ScreensAdapterFactory = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof NoticePublisher !== "undefined" && NoticePublisher) === "function" ? _a : Object, typeof (_b = typeof NoticeStore !== "undefined" && NoticeStore) === "function" ? _b : Object, typeof (_c = typeof DeliveryProgressService !== "undefined" && DeliveryProgressService) === "function" ? _c : Object])
], ScreensAdapterFactory);
export { ScreensAdapterFactory };
