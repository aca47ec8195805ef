var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var WechatPublishResults_1;
var _a, _b, _c;
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChannelRegistry, publishOutcome, WechatOaAdapter } from '../../../../libs/channels/src/index.js';
import { DeliveriesService } from '../../../../libs/dispatch/src/index.js';
/** How long an event that beat the worker's own bookkeeping waits for the delivery to be marked awaiting. */
const RACE_WAIT_MS = 4000;
/**
 * Settles WeChat deliveries from PUBLISHJOBFINISH events. The delivery is found by the publish_id its adapter
 * saved in state; completeRemote settles it once, so WeChat's repeated pushes and a racing poll are harmless.
 */
let WechatPublishResults = WechatPublishResults_1 = class WechatPublishResults {
    db;
    channels;
    deliveries;
    logger = new Logger(WechatPublishResults_1.name);
    constructor(db, channels, deliveries) {
        this.db = db;
        this.channels = channels;
        this.deliveries = deliveries;
    }
    adapter(channel) {
        const config = this.channels.get(channel);
        const adapter = config && this.channels.adapter(channel);
        if (!(adapter instanceof WechatOaAdapter)) {
            throw new NotFoundException({ error: 'Not Found', message: `没有名为 ${channel} 的微信公众号渠道`, field: 'channel' });
        }
        if (!adapter.settings.callbackToken) {
            throw new NotFoundException({ error: 'Not Found', message: `渠道 ${channel} 未配置 settings.callbackToken，不接收回调`, field: 'channel' });
        }
        return adapter;
    }
    async settle(channel, event) {
        const outcome = publishOutcome(event);
        if (outcome.status === 'pending')
            return 'pending';
        const id = await this.findDelivery(channel, event.publishId);
        if (!id) {
            this.logger.warn(`wechat ${channel}: PUBLISHJOBFINISH for unknown publish_id ${event.publishId} (published outside this system?)`);
            return 'not_found';
        }
        const done = await this.deliveries.completeRemote(id, {
            actor: 'callback:wechat',
            ...(outcome.status === 'delivered' ? { status: 'delivered', remoteId: outcome.remoteId, remoteUrl: outcome.remoteUrl } : { status: 'failed', error: outcome.error }),
            details: { publishId: event.publishId, publishStatus: event.publishStatus, failIdx: event.failIdx.length ? event.failIdx : undefined },
        });
        return done ? 'settled' : 'already_settled';
    }
    /**
     * WeChat may finish before the worker has recorded the submit (it saves publish_id, then marks the delivery
     * awaiting): such an event waits briefly rather than being dropped.
     */
    async findDelivery(channel, publishId) {
        const end = Date.now() + RACE_WAIT_MS;
        for (;;) {
            const [row] = await this.db.query(`SELECT id, status, awaiting_remote FROM deliveries WHERE channel = $1 AND state->>'publishId' = $2 ORDER BY awaiting_remote DESC LIMIT 1`, [channel, publishId]);
            if (!row)
                return undefined;
            if (row.awaiting_remote || row.status !== 'in_progress' || Date.now() >= end)
                return row.id;
            await new Promise((r) => setTimeout(r, 150));
        }
    }
};
WechatPublishResults = WechatPublishResults_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof ChannelRegistry !== "undefined" && ChannelRegistry) === "function" ? _b : Object, typeof (_c = typeof DeliveriesService !== "undefined" && DeliveriesService) === "function" ? _c : Object])
], WechatPublishResults);
export { WechatPublishResults };
