var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var ScreensHousekeeping_1;
var _a, _b, _c, _d, _e, _f;
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/src/index.js';
import { NoticePublisher } from '../notices/notice-publisher.js';
import { NoticeStore } from '../notices/notice-store.js';
import { PresenceService } from '../registry/presence.service.js';
import { ScreenGroupsService } from '../registry/screen-groups.service.js';
const OFFLINE_SWEEP_MS = 5_000;
const PRUNE_MS = 10 * 60_000;
const EVENT_RETENTION_DAYS = 7;
/**
 * Keeps what screens show in step with the records, whatever path changed them: a disclosure withdrawn while its
 * screens delivery still waited for acknowledgements leaves every screen at once, a record updated meanwhile is shown
 * in its new revision, a display window that ends takes the notice down and one that begins puts it up. Each step is
 * a conditional update, so several API processes running this at once change each notice once.
 */
let ScreensHousekeeping = ScreensHousekeeping_1 = class ScreensHousekeeping {
    db;
    store;
    publisher;
    groups;
    presence;
    config;
    logger = new Logger(ScreensHousekeeping_1.name);
    timer;
    running;
    stopped = false;
    lastSweep = 0;
    lastPrune = 0;
    constructor(db, store, publisher, groups, presence, config) {
        this.db = db;
        this.store = store;
        this.publisher = publisher;
        this.groups = groups;
        this.presence = presence;
        this.config = config;
    }
    onApplicationBootstrap() {
        this.schedule();
    }
    async onModuleDestroy() {
        this.stopped = true;
        clearTimeout(this.timer);
        await this.running;
    }
    schedule() {
        if (this.stopped)
            return;
        this.timer = setTimeout(() => {
            this.running = this.tick()
                .catch((err) => this.logger.warn(`screens housekeeping: ${err.message}`))
                .finally(() => this.schedule());
        }, this.config.get('SCREEN_HOUSEKEEPING_MS'));
    }
    async tick() {
        await this.followRecords();
        await this.followWindows();
        const now = Date.now();
        if (now - this.lastSweep >= Math.min(OFFLINE_SWEEP_MS, this.presence.onlineSeconds * 500)) {
            this.lastSweep = now;
            await this.presence.flush();
            await this.presence.sweepOffline();
        }
        if (now - this.lastPrune >= PRUNE_MS) {
            this.lastPrune = now;
            await this.db.query(`DELETE FROM screen_events WHERE created_at < now() - make_interval(days => $1)`, [EVENT_RETENTION_DAYS]);
        }
    }
    /** Notices on screens whose record was withdrawn or changed since they were rendered. */
    async followRecords() {
        const rows = await this.db.query(`SELECT DISTINCT ON (n.delivery_id) n.delivery_id, n.channel, d.status, d.id, d.title, d.body, d.metadata, d.revision
       FROM screen_notices n JOIN disclosures d ON d.id = n.disclosure_id
       WHERE n.phase IN ('scheduled','live') AND (d.status = 'withdrawn' OR d.revision > n.revision)
       ORDER BY n.delivery_id LIMIT 200`);
        for (const r of rows) {
            if (r.status === 'withdrawn') {
                const groups = await this.store.takeDown(r.delivery_id, 'withdrawn');
                if (groups.length)
                    this.logger.log(`disclosure ${r.id} withdrawn: taken off screen groups ${groups.join(', ')}`);
                continue;
            }
            const display = this.groups.channelSettings(r.channel);
            if (!display)
                continue;
            const groups = await this.db.query(`SELECT group_code FROM screen_notices WHERE delivery_id = $1 AND phase IN ('scheduled','live')`, [r.delivery_id]);
            await this.publisher.publish({
                deliveryId: r.delivery_id,
                channel: r.channel,
                groups: groups.map((g) => g.group_code),
                source: { id: r.id, title: r.title, body: r.body, metadata: r.metadata, revision: r.revision, publisher: String(r.metadata?.publisher ?? '') },
                display,
            });
        }
    }
    async followWindows() {
        const rows = await this.db.query(`SELECT id, delivery_id, phase, starts_at, ends_at FROM screen_notices
       WHERE (phase = 'scheduled' AND starts_at <= now()) OR (phase IN ('scheduled','live') AND ends_at <= now())
       ORDER BY id LIMIT 500`);
        const expired = new Set();
        for (const r of rows) {
            if (new Date(r.ends_at).getTime() <= Date.now())
                expired.add(r.delivery_id);
            else
                await this.store.goLive(r.id);
        }
        for (const deliveryId of expired)
            await this.store.takeDown(deliveryId, 'expired');
    }
};
ScreensHousekeeping = ScreensHousekeeping_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof NoticeStore !== "undefined" && NoticeStore) === "function" ? _b : Object, typeof (_c = typeof NoticePublisher !== "undefined" && NoticePublisher) === "function" ? _c : Object, typeof (_d = typeof ScreenGroupsService !== "undefined" && ScreenGroupsService) === "function" ? _d : Object, typeof (_e = typeof PresenceService !== "undefined" && PresenceService) === "function" ? _e : Object, typeof (_f = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _f : Object])
], ScreensHousekeeping);
export { ScreensHousekeeping };
