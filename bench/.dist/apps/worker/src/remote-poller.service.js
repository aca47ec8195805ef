var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var RemotePoller_1;
var _a, _b, _c, _d, _e;
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../libs/config/src/index.js';
import { ChannelRegistry } from '../../../libs/channels/src/index.js';
import { DeliveriesService, DeliveryRunner } from '../../../libs/dispatch/src/index.js';
/**
 * Asks remotes about deliveries they accepted but have not finished (awaiting_remote), for adapters that can
 * poll. Callbacks usually settle them first; polling covers a lost callback. Several workers may poll at once:
 * completeRemote settles each delivery only once.
 */
let RemotePoller = RemotePoller_1 = class RemotePoller {
    db;
    channels;
    runner;
    deliveries;
    config;
    logger = new Logger(RemotePoller_1.name);
    timer;
    running;
    stopped = false;
    constructor(db, channels, runner, deliveries, config) {
        this.db = db;
        this.channels = channels;
        this.runner = runner;
        this.deliveries = deliveries;
        this.config = config;
    }
    onApplicationBootstrap() {
        this.schedule();
    }
    async onApplicationShutdown() {
        this.stopped = true;
        clearTimeout(this.timer);
        await this.running;
    }
    schedule() {
        if (this.stopped)
            return;
        this.timer = setTimeout(() => {
            this.running = this.pollOnce()
                .catch((err) => this.logger.warn(`poll: ${err.message}`))
                .then(() => undefined)
                .finally(() => this.schedule());
        }, this.config.get('POLL_INTERVAL_MS'));
    }
    async pollOnce() {
        const pollable = this.channels.list().filter((c) => typeof this.channels.adapter(c.name).poll === 'function').map((c) => c.name);
        if (pollable.length === 0)
            return 0;
        const rows = await this.db.query(`SELECT x.*, row_to_json(d.*) AS disclosure FROM deliveries x JOIN disclosures d ON d.id = x.disclosure_id
       WHERE x.awaiting_remote AND x.channel = ANY($1) ORDER BY x.updated_at LIMIT 200`, [pollable]);
        let settled = 0;
        for (const row of rows) {
            const adapter = this.channels.adapter(row.channel);
            try {
                const outcome = await adapter.poll(this.runner.context(row, row.disclosure));
                if (outcome.status === 'pending')
                    continue;
                const done = await this.deliveries.completeRemote(row.id, {
                    actor: 'system:poller',
                    ...(outcome.status === 'delivered' ? { status: 'delivered', remoteId: outcome.remoteId, remoteUrl: outcome.remoteUrl } : { status: 'failed', error: outcome.error }),
                });
                if (done)
                    settled++;
            }
            catch (err) {
                this.logger.warn(`poll delivery ${row.id} (${row.channel}): ${err.message}`);
            }
        }
        return settled;
    }
};
RemotePoller = RemotePoller_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof ChannelRegistry !== "undefined" && ChannelRegistry) === "function" ? _b : Object, typeof (_c = typeof DeliveryRunner !== "undefined" && DeliveryRunner) === "function" ? _c : Object, typeof (_d = typeof DeliveriesService !== "undefined" && DeliveriesService) === "function" ? _d : Object, typeof (_e = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _e : Object])
], RemotePoller);
export { RemotePoller };
