var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var ScreenSignals_1;
var _a;
import { Injectable, Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../../../config/src/index.js';
import { redisOptions } from '../../../dispatch/src/queues.js';
/**
 * Redis pub/sub between processes (the worker that publishes a notice, every API process holding SSE connections).
 * Postgres stays the truth: a lost signal only delays a screen until the API's once-a-second version check, so a
 * failed publish is logged, never thrown.
 */
let ScreenSignals = ScreenSignals_1 = class ScreenSignals {
    config;
    logger = new Logger(ScreenSignals_1.name);
    publisher;
    subscriber;
    handlers = [];
    constructor(config) {
        this.config = config;
    }
    /** One pub/sub channel per deployment (the queue prefix), so deployments sharing a Redis do not hear each other. */
    get channel() {
        return `${this.config.get('QUEUE_PREFIX')}:screens`;
    }
    async publish(signal) {
        try {
            this.publisher ??= this.connect('publisher', { maxRetriesPerRequest: 1, connectTimeout: 2000 });
            await withTimeout(this.publisher.publish(this.channel, JSON.stringify(signal)), 1500);
        }
        catch (err) {
            this.logger.warn(`screens signal not sent (screens catch up within a second from Postgres): ${err.message}`);
        }
    }
    /**
     * Handlers share one dedicated connection (a subscribed Redis connection can do nothing else); ioredis
     * re-subscribes after a reconnect.
     */
    subscribe(handler) {
        this.handlers.push(handler);
        if (this.subscriber)
            return;
        const sub = (this.subscriber = this.connect('subscriber', { maxRetriesPerRequest: null }));
        sub.on('message', (_channel, message) => {
            let signal;
            try {
                signal = JSON.parse(message);
            }
            catch {
                return;
            }
            for (const h of this.handlers) {
                try {
                    h(signal);
                }
                catch (err) {
                    this.logger.warn(`screens signal handler: ${err.message}`);
                }
            }
        });
        sub.subscribe(this.channel).catch((err) => this.logger.warn(`screens: subscribe failed: ${err.message}`));
    }
    onModuleDestroy() {
        this.publisher?.disconnect();
        this.subscriber?.disconnect();
    }
    connect(role, overrides) {
        const client = new Redis(redisOptions(this.config.get('REDIS_URL'), overrides));
        let warned = false;
        client.on('error', (err) => {
            if (!warned)
                this.logger.warn(`screens ${role} Redis: ${err.message}`);
            warned = true;
        });
        client.on('ready', () => (warned = false));
        return client;
    }
};
ScreenSignals = ScreenSignals_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _a : Object])
], ScreenSignals);
export { ScreenSignals };
function withTimeout(p, ms) {
    let timer;
    return Promise.race([
        p,
        new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
        }),
    ]).finally(() => clearTimeout(timer));
}
