var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var GroupVersions_1;
var _a, _b;
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScreenSignals } from '../signals/screen-signals.js';
const REFRESH_MS = 1000;
/**
 * Each group's content version, in memory: the feed answers 304 from here without touching Postgres. Signals from
 * the process that changed a group move it on at once; a read of all versions once a second catches what a lost
 * signal missed, so a screen is never more than a second behind.
 */
let GroupVersions = GroupVersions_1 = class GroupVersions {
    db;
    signals;
    logger = new Logger(GroupVersions_1.name);
    versions = new Map();
    listeners = new Set();
    timer;
    constructor(db, signals) {
        this.db = db;
        this.signals = signals;
    }
    async onModuleInit() {
        await this.refresh();
        this.signals.subscribe((s) => {
            if (s.kind === 'versions')
                for (const [g, v] of Object.entries(s.versions))
                    this.advance(g, v);
        });
        this.timer = setInterval(() => void this.refresh().catch((err) => this.logger.warn(`screen versions: ${err.message}`)), REFRESH_MS);
        this.timer.unref();
    }
    onModuleDestroy() {
        clearInterval(this.timer);
    }
    get(group) {
        return this.versions.get(group) ?? 0;
    }
    onChange(fn) {
        this.listeners.add(fn);
    }
    /** Versions only move forward; listeners hear each group once per move. */
    advance(group, version) {
        if (!(version > this.get(group)))
            return;
        this.versions.set(group, version);
        for (const fn of this.listeners)
            fn(group, version);
    }
    async refresh() {
        const rows = await this.db.query(`SELECT code, version FROM screen_groups`);
        for (const r of rows)
            this.advance(r.code, Number(r.version));
    }
};
GroupVersions = GroupVersions_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof ScreenSignals !== "undefined" && ScreenSignals) === "function" ? _b : Object])
], GroupVersions);
export { GroupVersions };
