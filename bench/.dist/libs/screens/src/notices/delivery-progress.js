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
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/src/index.js';
const LIST_CAP = 200;
let DeliveryProgressService = class DeliveryProgressService {
    db;
    config;
    constructor(db, config) {
        this.db = db;
        this.config = config;
    }
    async progress(deliveryId) {
        const notices = await this.db.query(`SELECT group_code, phase, published_at FROM screen_notices WHERE delivery_id = $1 ORDER BY group_code`, [deliveryId]);
        const screens = await this.db.query(`SELECT s.id, s.name, s.group_code, s.location, s.last_seen_at,
              COALESCE(s.last_seen_at > now() - make_interval(secs => $2), false) AS online,
              (s.shown_version IS NOT NULL AND s.shown_version >= n.published_version) AS acked,
              (SELECT min(a.at) FROM screen_acks a WHERE a.screen_id = s.id AND a.group_code = n.group_code AND a.version >= n.published_version) AS acked_at
       FROM screen_notices n JOIN screens s ON s.group_code = n.group_code AND s.revoked_at IS NULL
       WHERE n.delivery_id = $1 AND n.phase = 'live'
       ORDER BY s.group_code, s.name, s.id`, [deliveryId, this.config.get('SCREEN_ONLINE_SECONDS')]);
        const ref = (r) => ({
            id: r.id, name: r.name, group: r.group_code, location: r.location, lastSeenAt: r.last_seen_at ? new Date(r.last_seen_at).toISOString() : null,
        });
        const acknowledged = screens.filter((s) => s.acked).map((s) => ({ ...ref(s), acknowledgedAt: s.acked_at ? new Date(s.acked_at).toISOString() : null }));
        const waiting = screens.filter((s) => !s.acked && s.online).map(ref);
        const offline = screens.filter((s) => !s.acked && !s.online).map(ref);
        const live = notices.filter((n) => n.phase === 'live');
        const liveSince = live.reduce((max, n) => (n.published_at && (!max || n.published_at > max) ? n.published_at : max), null);
        return {
            groups: notices.map((n) => n.group_code),
            complete: notices.length > 0 && !notices.some((n) => n.phase === 'scheduled') && waiting.length === 0,
            gone: notices.length > 0 && notices.every((n) => n.phase === 'withdrawn' || n.phase === 'expired'),
            total: screens.length,
            online: screens.filter((s) => s.online).length,
            acknowledged,
            waiting,
            offline,
            liveSince: liveSince ? new Date(liveSince).toISOString() : null,
        };
    }
};
DeliveryProgressService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _b : Object])
], DeliveryProgressService);
export { DeliveryProgressService };
/**
 * The `screens` part of the delivery's state, shown by GET /api/deliveries/:id. Lists are capped so one delivery to
 * thousands of screens keeps a small row; the counts stay exact.
 */
export function progressState(p, extra = {}) {
    const cap = (list) => list.slice(0, LIST_CAP);
    return {
        groups: p.groups,
        acknowledgedCount: p.acknowledged.length,
        total: p.total,
        online: p.online,
        summary: `已在 ${p.acknowledged.length}/${p.total} 块电子屏显示（在线 ${p.online} 块）`,
        acknowledged: cap(p.acknowledged),
        waiting: cap(p.waiting),
        offline: cap(p.offline),
        liveSince: p.liveSince,
        checkedAt: new Date().toISOString(),
        ...extra,
    };
}
