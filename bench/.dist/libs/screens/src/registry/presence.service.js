var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var PresenceService_1;
var _a, _b, _c;
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../audit/src/index.js';
import { AppConfig } from '../../../config/src/index.js';
import { returning } from '../../../database/src/returning.js';
/**
 * When each screen last called in. Feed polls are frequent, so sightings are kept in memory and written in one
 * statement every few seconds. A screen that stops calling in is reported once (`screen.offline`), and again when it
 * is back (`screen.online`).
 */
let PresenceService = PresenceService_1 = class PresenceService {
    db;
    audit;
    config;
    logger = new Logger(PresenceService_1.name);
    sightings = new Map();
    timer;
    flushing;
    constructor(db, audit, config) {
        this.db = db;
        this.audit = audit;
        this.config = config;
    }
    get onlineSeconds() {
        return this.config.get('SCREEN_ONLINE_SECONDS');
    }
    onModuleInit() {
        // often enough that a screen calling in is never mistaken for a silent one
        const every = Math.max(250, Math.min(2000, (this.onlineSeconds * 1000) / 4));
        this.timer = setInterval(() => void this.flush(), every);
        this.timer.unref();
    }
    async onModuleDestroy() {
        clearInterval(this.timer);
        await this.flush();
    }
    seen(screenId) {
        this.sightings.set(screenId, Date.now());
    }
    async flush() {
        if (this.flushing)
            return this.flushing;
        if (this.sightings.size === 0)
            return;
        const batch = this.sightings;
        this.sightings = new Map();
        this.flushing = this.write(batch)
            .catch((err) => {
            this.logger.warn(`screens last-seen not written: ${err.message}`);
            for (const [id, at] of batch)
                if (!this.sightings.has(id))
                    this.sightings.set(id, at);
        })
            .finally(() => (this.flushing = undefined));
        return this.flushing;
    }
    /** Screens silent for longer than SCREEN_ONLINE_SECONDS, each reported once until it calls in again. */
    async sweepOffline() {
        const rows = returning(await this.db.query(`UPDATE screens SET offline_since = last_seen_at
       WHERE revoked_at IS NULL AND offline_since IS NULL AND last_seen_at IS NOT NULL AND last_seen_at < now() - make_interval(secs => $1)
       RETURNING id, name, group_code, location, last_seen_at`, [this.onlineSeconds]));
        if (rows.length) {
            await this.audit.record(...rows.map((r) => ({
                actor: 'system:screens',
                action: 'screen.offline',
                screenId: r.id,
                outcome: 'offline',
                details: { name: r.name, group: r.group_code, location: r.location, lastSeenAt: new Date(r.last_seen_at).toISOString(), onlineSeconds: this.onlineSeconds },
            })));
        }
        return rows.length;
    }
    async write(batch) {
        const ids = [...batch.keys()];
        const ats = ids.map((id) => new Date(batch.get(id)).toISOString());
        const back = returning(await this.db.query(`WITH v AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, at)),
            prev AS (SELECT s.id, s.offline_since FROM screens s JOIN v ON v.id = s.id)
       UPDATE screens s SET last_seen_at = GREATEST(COALESCE(s.last_seen_at, v.at), v.at), offline_since = NULL
       FROM v, prev WHERE s.id = v.id AND prev.id = s.id AND s.revoked_at IS NULL
       RETURNING s.id, s.name, s.group_code, prev.offline_since AS was_offline`, [ids, ats]));
        const returned = back.filter((r) => r.was_offline);
        if (returned.length) {
            await this.audit.record(...returned.map((r) => ({
                actor: `screen:${r.id}`,
                action: 'screen.online',
                screenId: r.id,
                outcome: 'online',
                details: { name: r.name, group: r.group_code, offlineSince: new Date(r.was_offline).toISOString() },
            })));
        }
    }
};
PresenceService = PresenceService_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof AuditService !== "undefined" && AuditService) === "function" ? _b : Object, typeof (_c = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _c : Object])
], PresenceService);
export { PresenceService };
