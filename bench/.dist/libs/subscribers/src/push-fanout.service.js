var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a, _b;
import { Injectable } from '@nestjs/common';
import { PushProducer } from './push.producer.js';
import { PushRecipients } from './push-recipients.repository.js';
import { topicsForItem } from './topics.js';
/**
 * The first step of a push delivery, run by the channel's ordinary job: fix the audience (once per delivery),
 * then queue batch jobs over id ranges. A re-run or a person's retry reuses the audience and queues only the
 * recipients still pending or refused, so nobody is sent the same disclosure twice.
 */
let PushFanout = class PushFanout {
    recipients;
    producer;
    constructor(recipients, producer) {
        this.recipients = recipients;
        this.producer = producer;
    }
    async start(ctx, o) {
        const id = ctx.delivery.id;
        const state = ctx.delivery.state.push;
        let total;
        if (!state) {
            const topics = topicsForItem(ctx.disclosure.catalogueCode, ctx.disclosure.itemId, ctx.disclosure.itemPath);
            total = await this.recipients.snapshot(id, o.medium, topics);
            await ctx.saveState({ push: { snapshotAt: new Date().toISOString(), recipients: total, topics } });
        }
        else {
            total = state.recipients;
            await this.recipients.resetFailed(id);
        }
        const ranges = await this.recipients.ranges(id, o.batchSize);
        if (ranges.length === 0)
            return { kind: 'done', outcome: await this.recipients.outcome(id, o.unit, o.unknownHint, o.staleMs) };
        await this.producer.enqueueBatches(o.channel, id, ctx.delivery.attempt, ranges, o.policy);
        return { kind: 'queued', recipients: total, batches: ranges.length };
    }
};
PushFanout = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof PushRecipients !== "undefined" && PushRecipients) === "function" ? _a : Object, typeof (_b = typeof PushProducer !== "undefined" && PushProducer) === "function" ? _b : Object])
], PushFanout);
export { PushFanout };
