var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
var _a, _b;
import { Controller, Get, Res } from '@nestjs/common';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../../../../libs/auth/src/index.js';
import { AppConfig } from '../../../../libs/config/src/index.js';
import { redisOptions } from '../../../../libs/dispatch/src/index.js';
/** 200 only when Postgres and Redis both answer within a second; otherwise 503 naming what is down. */
let HealthController = class HealthController {
    db;
    redis;
    constructor(db, config) {
        this.db = db;
        this.redis = new Redis(redisOptions(config.get('REDIS_URL'), { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1000, lazyConnect: false }));
        this.redis.on('error', () => undefined); // reported through the health answer instead
    }
    async health(res) {
        const [postgres, redis] = await Promise.all([
            within(1000, this.db.query('SELECT 1')).then(() => 'up', () => 'down'),
            within(1000, this.redis.ping()).then(() => 'up', () => 'down'),
        ]);
        const down = [postgres === 'down' && 'postgres', redis === 'down' && 'redis'].filter(Boolean);
        if (down.length) {
            res.status(503);
            return { status: 'unavailable', down, message: `${down.join(' and ')} not answering` };
        }
        return { status: 'ok' };
    }
    onModuleDestroy() {
        this.redis.disconnect();
    }
};
__decorate([
    Public(),
    Get(),
    __param(0, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], HealthController.prototype, "health", null);
HealthController = __decorate([
    Controller('health'),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _b : Object])
], HealthController);
export { HealthController };
function within(ms, p) {
    return Promise.race([p, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}
