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
import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScreenSignals } from '../signals/screen-signals.js';
import { hashToken } from './screen-token.js';
/** How long a token check is remembered: rotation and revocation also clear it at once, in every process. */
const CACHE_MS = 10_000;
const CACHE_MAX = 20_000;
/**
 * Checks a screen's own bearer token. A thousand screens polling every few seconds must not cost a query each, so
 * good tokens are cached briefly; rotating, revoking or moving a screen drops its entries here and, through a Redis
 * signal, in every other API process.
 */
let ScreenAuth = class ScreenAuth {
    db;
    signals;
    cache = new Map();
    constructor(db, signals) {
        this.db = db;
        this.signals = signals;
    }
    onModuleInit() {
        this.signals.subscribe((s) => {
            if (s.kind === 'screen')
                this.forget(s.id);
        });
    }
    /** 401 for a missing, wrong or revoked token; 403 for a good token of another screen. */
    async authenticate(screenId, token) {
        if (!token)
            throw new UnauthorizedException({ message: '需要电子屏令牌（Authorization: Bearer <令牌>）', field: 'token' });
        const key = hashToken(token);
        let hit = this.cache.get(key);
        if (!hit || hit.until < Date.now()) {
            const [row] = await this.db.query(`SELECT id, name, group_code, location FROM screens WHERE token_hash = $1 AND revoked_at IS NULL`, [key]);
            if (!row) {
                this.cache.delete(key);
                throw new UnauthorizedException({ message: '电子屏令牌无效或已吊销', field: 'token' });
            }
            if (this.cache.size >= CACHE_MAX)
                this.cache.clear();
            hit = { screen: { id: row.id, name: row.name, group: row.group_code, location: row.location }, until: Date.now() + CACHE_MS };
            this.cache.set(key, hit);
        }
        if (hit.screen.id !== screenId)
            throw new ForbiddenException({ message: '此令牌属于另一块电子屏，不能读取本屏内容', field: 'token' });
        return hit.screen;
    }
    /** After a change to a screen's token or group: forget it here and tell the other processes. */
    async changed(screenId) {
        this.forget(screenId);
        await this.signals.publish({ kind: 'screen', id: screenId });
    }
    forget(screenId) {
        for (const [k, v] of this.cache)
            if (v.screen.id === screenId)
                this.cache.delete(k);
    }
};
ScreenAuth = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof ScreenSignals !== "undefined" && ScreenSignals) === "function" ? _b : Object])
], ScreenAuth);
export { ScreenAuth };
