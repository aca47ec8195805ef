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
import { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
const EVERY_MS = 700;
/**
 * Live status for the back office. One timer per API process asks Postgres, for every disclosure someone is
 * watching, when its deliveries last changed — one query however many people watch — and tells the watchers.
 */
let DisclosureWatch = class DisclosureWatch {
    db;
    watchers = new Map();
    timer;
    constructor(db) {
        this.db = db;
    }
    watch(disclosureId) {
        return new Observable((subscriber) => {
            const listener = (c) => subscriber.next(c);
            let w = this.watchers.get(disclosureId);
            if (!w) {
                w = { last: null, listeners: new Set() };
                this.watchers.set(disclosureId, w);
            }
            w.listeners.add(listener);
            this.ensureTimer();
            return () => {
                w.listeners.delete(listener);
                if (w.listeners.size === 0)
                    this.watchers.delete(disclosureId);
            };
        });
    }
    ensureTimer() {
        if (this.timer)
            return;
        this.timer = setInterval(() => void this.tick(), EVERY_MS);
        this.timer.unref();
    }
    async tick() {
        const ids = [...this.watchers.keys()];
        if (ids.length === 0) {
            clearInterval(this.timer);
            this.timer = undefined;
            return;
        }
        try {
            const rows = await this.db.query(`SELECT d.id, GREATEST(d.updated_at, max(x.updated_at)) AS at FROM disclosures d LEFT JOIN deliveries x ON x.disclosure_id = d.id
         WHERE d.id = ANY($1) GROUP BY d.id`, [ids]);
            for (const r of rows) {
                const w = this.watchers.get(r.id);
                const at = new Date(r.at).toISOString();
                if (w && w.last !== at) {
                    w.last = at;
                    for (const l of w.listeners)
                        l({ updatedAt: at });
                }
            }
        }
        catch {
            /* database hiccup: the next tick tries again */
        }
    }
    onModuleDestroy() {
        clearInterval(this.timer);
    }
};
DisclosureWatch = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object])
], DisclosureWatch);
export { DisclosureWatch };
