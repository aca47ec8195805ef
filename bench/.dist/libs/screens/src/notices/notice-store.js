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
import { returning } from '../../../database/src/returning.js';
import { ScreenSignals } from '../signals/screen-signals.js';
/**
 * What each screen group shows. Every change bumps the group's version and appends an event in the same transaction;
 * the group row's lock orders a group's events by commit, so catch-up by event id never skips one. Other processes
 * hear of the change through a Redis signal sent after the commit.
 */
let NoticeStore = class NoticeStore {
    db;
    signals;
    constructor(db, signals) {
        this.db = db;
        this.signals = signals;
    }
    async rows(deliveryId) {
        return this.db.query(`SELECT * FROM screen_notices WHERE delivery_id = $1 ORDER BY group_code`, [deliveryId]);
    }
    /** When the record was published (发布日期) and the URL its website delivery reported (for the QR code). */
    async facts(disclosureId) {
        const [row] = await this.db.query(`SELECT d.created_at,
              (SELECT x.remote_url FROM deliveries x WHERE x.disclosure_id = d.id AND x.carrier = 'website' AND x.remote_url IS NOT NULL
                 AND x.follow_up_of IS NULL ORDER BY x.delivered_at NULLS LAST LIMIT 1) AS website_url
       FROM disclosures d WHERE d.id = $1`, [disclosureId]);
        return { publishedAt: row?.created_at ? new Date(row.created_at) : null, websiteUrl: row?.website_url ?? null };
    }
    /**
     * Puts a delivery's notice on its groups, or replaces it with a newer revision. Repeating the same revision
     * changes nothing (a retried job), and a notice already withdrawn or expired stays so.
     */
    async publish(n) {
        const changed = {};
        await this.db.transaction(async (m) => {
            for (const group of [...n.groups].sort()) {
                const [existing] = await m.query(`SELECT * FROM screen_notices WHERE delivery_id = $1 AND group_code = $2 FOR UPDATE`, [n.deliveryId, group]);
                if (existing && (existing.revision >= n.item.revision || existing.phase === 'withdrawn' || existing.phase === 'expired'))
                    continue;
                const now = Date.now();
                const phase = Date.parse(n.item.endsAt) <= now ? 'expired' : Date.parse(n.item.startsAt) > now ? 'scheduled' : 'live';
                let version = null;
                if (phase === 'live') {
                    version = await this.bump(m, group, 'notice', n.disclosureId, (v) => ({ version: v, item: n.item }));
                    changed[group] = version;
                }
                await m.query(`INSERT INTO screen_notices (delivery_id, disclosure_id, channel, group_code, revision, content, priority, starts_at, ends_at, phase,
             published_version, published_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11, CASE WHEN $10 = 'live' THEN now() END)
           ON CONFLICT (delivery_id, group_code) DO UPDATE SET revision = EXCLUDED.revision, content = EXCLUDED.content,
             priority = EXCLUDED.priority, starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, phase = EXCLUDED.phase,
             published_version = EXCLUDED.published_version, published_at = EXCLUDED.published_at, updated_at = now()`, [n.deliveryId, n.disclosureId, n.channel, group, n.item.revision, JSON.stringify(n.item), n.item.priority, n.item.startsAt, n.item.endsAt,
                    phase, version]);
            }
        });
        await this.announce(changed);
    }
    /** Takes a delivery's notice off every group (withdrawn) or records that its display window ended (expired). */
    async takeDown(deliveryId, kind) {
        const changed = {};
        await this.db.transaction(async (m) => {
            const rows = await m.query(`SELECT * FROM screen_notices WHERE delivery_id = $1 AND phase IN ('scheduled','live') ORDER BY group_code FOR UPDATE`, [deliveryId]);
            for (const row of rows) {
                await m.query(`UPDATE screen_notices SET phase = $2, updated_at = now() WHERE id = $1`, [row.id, kind]);
                // a scheduled notice was never shown: nothing on any screen changes
                if (row.phase === 'live') {
                    changed[row.group_code] = await this.bump(m, row.group_code, kind, row.disclosure_id, (v) => ({ version: v, id: row.disclosure_id }));
                }
            }
        });
        await this.announce(changed);
        return Object.keys(changed);
    }
    /** A scheduled notice whose display window has begun goes live. */
    async goLive(noticeId) {
        const changed = {};
        await this.db.transaction(async (m) => {
            const [row] = await m.query(`SELECT * FROM screen_notices WHERE id = $1 AND phase = 'scheduled' AND starts_at <= now() FOR UPDATE`, [noticeId]);
            if (!row)
                return;
            const version = await this.bump(m, row.group_code, 'notice', row.disclosure_id, (v) => ({ version: v, item: row.content }));
            await m.query(`UPDATE screen_notices SET phase = 'live', published_version = $2, published_at = now(), updated_at = now() WHERE id = $1`, [row.id, version]);
            changed[row.group_code] = version;
        });
        await this.announce(changed);
    }
    async bump(m, group, kind, disclosureId, payload) {
        await m.query(`INSERT INTO screen_groups (code) VALUES ($1) ON CONFLICT (code) DO NOTHING`, [group]);
        const [g] = returning(await m.query(`UPDATE screen_groups SET version = version + 1, updated_at = now() WHERE code = $1 RETURNING version`, [group]));
        const version = Number(g.version);
        await m.query(`INSERT INTO screen_events (group_code, version, kind, disclosure_id, payload) VALUES ($1, $2, $3, $4, $5)`, [
            group, version, kind, disclosureId, JSON.stringify(payload(version)),
        ]);
        return version;
    }
    async announce(versions) {
        if (Object.keys(versions).length)
            await this.signals.publish({ kind: 'versions', versions });
    }
};
NoticeStore = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof ScreenSignals !== "undefined" && ScreenSignals) === "function" ? _b : Object])
], NoticeStore);
export { NoticeStore };
