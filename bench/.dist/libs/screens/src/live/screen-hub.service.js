var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var ScreenHub_1;
var _a, _b, _c, _d;
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GroupVersions } from '../feed/group-versions.service.js';
import { PresenceService } from '../registry/presence.service.js';
import { ScreenSignals } from '../signals/screen-signals.js';
const CATCH_UP_LIMIT = 500;
const KEEPALIVE_MS = 15_000;
/** a client this far behind (stuck socket) is dropped; it reconnects and catches up from its last event id */
const MAX_BUFFERED_BYTES = 1 << 20;
/**
 * Server-sent events per screen. Every API process holds its own connections and relays each group's new events,
 * read from Postgres in id order, when the group's version moves (a Redis signal, or the once-a-second version
 * check). A reconnecting screen sends Last-Event-ID and gets what it missed from the events table.
 */
let ScreenHub = ScreenHub_1 = class ScreenHub {
    db;
    versions;
    presence;
    signals;
    logger = new Logger(ScreenHub_1.name);
    byGroup = new Map();
    relayed = new Map();
    chains = new Map();
    baseline = 0;
    timer;
    constructor(db, versions, presence, signals) {
        this.db = db;
        this.versions = versions;
        this.presence = presence;
        this.signals = signals;
    }
    async onModuleInit() {
        const [row] = await this.db.query(`SELECT COALESCE(max(id), 0) AS id FROM screen_events`);
        this.baseline = Number(row.id);
        this.versions.onChange((group) => this.relay(group));
        // a moved, rotated or revoked screen must re-authenticate: close its streams, the client reconnects
        this.signals.subscribe((s) => {
            if (s.kind === 'screen')
                this.disconnect(s.id);
        });
        this.timer = setInterval(() => this.keepAlive(), Math.min(KEEPALIVE_MS, (this.presence.onlineSeconds * 1000) / 3));
        this.timer.unref();
    }
    onModuleDestroy() {
        clearInterval(this.timer);
        for (const set of this.byGroup.values())
            for (const c of set)
                c.res.end();
        this.byGroup.clear();
    }
    get connections() {
        let n = 0;
        for (const set of this.byGroup.values())
            n += set.size;
        return n;
    }
    async open(screen, req, res, lastEventId) {
        req.socket.setTimeout(0);
        req.socket.setNoDelay(true);
        res.writeHead(200, {
            'content-type': 'text/event-stream; charset=utf-8',
            'cache-control': 'no-cache, no-transform',
            connection: 'keep-alive',
            'x-accel-buffering': 'no',
        });
        res.write('retry: 3000\n\n');
        const conn = { screen, res, sentMax: 0, buffer: [] };
        let set = this.byGroup.get(screen.group);
        if (!set)
            this.byGroup.set(screen.group, (set = new Set()));
        set.add(conn);
        this.presence.seen(screen.id);
        res.on('close', () => {
            this.byGroup.get(screen.group)?.delete(conn);
            this.presence.seen(screen.id);
        });
        const last = lastEventId !== undefined && /^\d{1,18}$/.test(lastEventId) ? Number(lastEventId) : null;
        try {
            if (last !== null)
                await this.catchUp(conn, last);
        }
        catch (err) {
            this.logger.warn(`screen ${screen.id}: catch-up failed: ${err.message}`);
            this.write(conn, `event: reset\ndata: {}\n\n`);
        }
        const buffered = conn.buffer ?? [];
        conn.buffer = null;
        for (const e of buffered.sort((a, b) => a.id - b.id))
            this.send(conn, e);
        this.write(conn, `event: ready\ndata: ${JSON.stringify({ group: screen.group, version: this.versions.get(screen.group) })}\n\n`);
    }
    /** Missed events in order, or `reset` (fetch the feed again) when they are too many or already pruned. */
    async catchUp(conn, last) {
        conn.sentMax = last;
        const [{ min }] = await this.db.query(`SELECT min(id) AS min FROM screen_events`);
        if (last > 0 && (min === null || Number(min) > last + 1)) {
            this.write(conn, `event: reset\ndata: {}\n\n`);
            return;
        }
        const rows = await this.db.query(`SELECT id, kind, payload FROM screen_events WHERE group_code = $1 AND id > $2 ORDER BY id LIMIT ${CATCH_UP_LIMIT + 1}`, [conn.screen.group, last]);
        if (rows.length > CATCH_UP_LIMIT) {
            this.write(conn, `event: reset\ndata: {}\n\n`);
            return;
        }
        for (const r of rows)
            this.send(conn, { id: Number(r.id), kind: r.kind, payload: r.payload });
    }
    /** One relay at a time per group, so each connection gets a group's events in id order. */
    relay(group) {
        const prev = this.chains.get(group) ?? Promise.resolve();
        const next = prev
            .then(() => this.relayOnce(group))
            .catch((err) => this.logger.warn(`screens relay ${group}: ${err.message}`));
        this.chains.set(group, next);
        void next.finally(() => {
            if (this.chains.get(group) === next)
                this.chains.delete(group);
        });
    }
    async relayOnce(group) {
        const from = this.relayed.get(group) ?? this.baseline;
        const rows = await this.db.query(`SELECT id, kind, payload FROM screen_events WHERE group_code = $1 AND id > $2 ORDER BY id LIMIT 1000`, [group, from]);
        if (rows.length === 0)
            return;
        this.relayed.set(group, Number(rows[rows.length - 1].id));
        const conns = this.byGroup.get(group);
        if (conns?.size) {
            for (const r of rows) {
                const e = { id: Number(r.id), kind: r.kind, payload: r.payload };
                for (const c of conns) {
                    if (c.buffer)
                        c.buffer.push(e);
                    else
                        this.send(c, e);
                }
            }
        }
        if (rows.length === 1000)
            this.relay(group);
    }
    send(conn, e) {
        if (e.id <= conn.sentMax)
            return;
        conn.sentMax = e.id;
        this.write(conn, `id: ${e.id}\nevent: ${e.kind}\ndata: ${JSON.stringify(e.payload)}\n\n`);
    }
    write(conn, chunk) {
        if (conn.res.writableEnded || conn.res.destroyed)
            return;
        if (conn.res.writableLength > MAX_BUFFERED_BYTES) {
            conn.res.destroy();
            return;
        }
        conn.res.write(chunk);
    }
    disconnect(screenId) {
        for (const set of this.byGroup.values()) {
            for (const c of set) {
                if (c.screen.id === screenId) {
                    set.delete(c);
                    c.res.end();
                }
            }
        }
    }
    /** A comment line keeps proxies from closing an idle stream, and tells the presence tracker the screen is there. */
    keepAlive() {
        for (const set of this.byGroup.values()) {
            for (const c of set) {
                this.write(c, ': keep-alive\n\n');
                this.presence.seen(c.screen.id);
            }
        }
    }
};
ScreenHub = ScreenHub_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof GroupVersions !== "undefined" && GroupVersions) === "function" ? _b : Object, typeof (_c = typeof PresenceService !== "undefined" && PresenceService) === "function" ? _c : Object, typeof (_d = typeof ScreenSignals !== "undefined" && ScreenSignals) === "function" ? _d : Object])
], ScreenHub);
export { ScreenHub };
