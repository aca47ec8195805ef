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
import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../../config/src/index.js';
const WINDOW_SECONDS = 15 * 60;
const MAX_PER_USER = 5;
const MAX_PER_IP = 20;
/**
 * Slows password guessing: after 5 failed logins for one username, or 20 from one address, within 15 minutes,
 * further attempts get 429 until the window passes. Counted in Redis so every API process shares the count
 * (an in-memory limiter would give each process its own allowance). If Redis is unreachable it lets attempts
 * through: Argon2id still makes each guess slow, and a Redis outage must not lock everyone out.
 */
let LoginThrottle = class LoginThrottle {
    redis;
    prefix;
    constructor(config) {
        const u = new URL(config.get('REDIS_URL'));
        this.redis = new Redis({
            host: u.hostname, port: Number(u.port || 6379), password: u.password ? decodeURIComponent(u.password) : undefined,
            db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1000,
        });
        this.redis.on('error', () => undefined);
        this.prefix = `${config.get('QUEUE_PREFIX')}:login`;
    }
    async check(username, ip) {
        const [user, addr] = await this.counts(username, ip);
        if (user >= MAX_PER_USER || addr >= MAX_PER_IP) {
            throw new HttpException({ statusCode: 429, error: 'Too Many Requests', message: '登录失败次数过多，请 15 分钟后再试 (too many failed logins; try again in 15 minutes)' }, HttpStatus.TOO_MANY_REQUESTS);
        }
    }
    async failed(username, ip) {
        await this.redis
            .multi()
            .incr(this.key('u', username)).expire(this.key('u', username), WINDOW_SECONDS, 'NX')
            .incr(this.key('ip', ip ?? '-')).expire(this.key('ip', ip ?? '-'), WINDOW_SECONDS, 'NX')
            .exec()
            .catch(() => undefined);
    }
    async succeeded(username) {
        await this.redis.del(this.key('u', username)).catch(() => undefined);
    }
    async counts(username, ip) {
        try {
            const [u, a] = await this.redis.mget(this.key('u', username), this.key('ip', ip ?? '-'));
            return [Number(u ?? 0), Number(a ?? 0)];
        }
        catch {
            return [0, 0];
        }
    }
    key(kind, value) {
        return `${this.prefix}:${kind}:${value.toLowerCase()}`;
    }
    onModuleDestroy() {
        this.redis.disconnect();
    }
};
LoginThrottle = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _a : Object])
], LoginThrottle);
export { LoginThrottle };
