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
import { DataSource } from 'typeorm';
import { entryFromRow } from '../chain/audit-row.js';
import { beijingMinute } from '../reports/zh-time.js';
import { actorLabel, describeEntry } from './describe.js';
/** One disclosure's story: its audit entries in chain order, each told as a sentence. */
let TimelineService = class TimelineService {
    db;
    constructor(db) {
        this.db = db;
    }
    /** Null when there is no such disclosure. `channelLabel` names a channel as its configuration does. */
    async forDisclosure(id, channelLabel) {
        const [d] = await this.db.query(`SELECT id, title, department_code, status, created_at, due_at FROM disclosures WHERE id = $1`, [id]);
        if (!d)
            return null;
        // one disclosure has tens of entries; the cap only guards against a runaway retry loop
        const rows = await this.db.query(`SELECT * FROM audit_log WHERE disclosure_id = $1 ORDER BY seq LIMIT 10000`, [id]);
        const carriers = new Map((await this.db.query(`SELECT id, carrier FROM deliveries WHERE disclosure_id = $1`, [id])).map((r) => [r.id, r.carrier]));
        const usernames = [...new Set(rows.filter((r) => r.actor.startsWith('user:')).map((r) => r.actor.slice(5)))];
        const roles = new Map(usernames.length
            ? (await this.db.query(`SELECT username, roles FROM users WHERE username = ANY($1)`, [usernames])).map((u) => [u.username, u.roles])
            : []);
        const ctx = { actor: (a) => actorLabel(a, (u) => roles.get(u)), channel: channelLabel };
        return {
            disclosure: {
                id: d.id, title: d.title, departmentCode: d.department_code, status: d.status,
                createdAt: new Date(d.created_at).toISOString(), dueAt: d.due_at ? new Date(d.due_at).toISOString() : null,
            },
            entries: rows.map((r) => {
                const e = entryFromRow(r);
                return { ...e, time: beijingMinute(e.at), text: describeEntry(e, e.deliveryId ? carriers.get(e.deliveryId) ?? null : null, ctx) };
            }),
        };
    }
};
TimelineService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object])
], TimelineService);
export { TimelineService };
