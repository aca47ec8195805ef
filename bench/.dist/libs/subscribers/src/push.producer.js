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
import { Queue } from 'bullmq';
import { AppConfig } from '../../config/src/index.js';
import { pushQueue, redisOptions } from '../../dispatch/src/queues.js';
/**
 * Puts push work on the push queues. Jobs name a delivery and a subscriber-id range (or a subscriber id), never
 * an address. Queues are opened on first use: which channels push is known only once channels.yaml is read.
 */
let PushProducer = class PushProducer {
    config;
    queues = new Map();
    constructor(config) {
        this.config = config;
    }
    /** One job per range; ids include the delivery attempt, so a person's retry gets fresh jobs. */
    async enqueueBatches(channel, deliveryId, attempt, ranges, policy) {
        const opts = this.options(policy);
        await this.withTimeout(this.queue(channel).addBulk(ranges.map((r) => ({
            name: 'push.batch',
            data: { deliveryId, channel, fromId: r.fromId, toId: r.toId },
            opts: { ...opts, jobId: `${deliveryId}.a${attempt}.${r.fromId}-${r.toId}` },
        }))));
    }
    /** Asks the worker to settle a delivery whose batches finished before its own job had recorded `pending`. */
    async enqueueSettle(channel, deliveryId) {
        await this.withTimeout(this.queue(channel).add('push.settle', { deliveryId, channel }, {
            jobId: `${deliveryId}.settle.${Date.now()}`,
            delay: 300,
            attempts: 40,
            backoff: { type: 'fixed', delay: 500 },
            removeOnComplete: { age: 3600 },
            removeOnFail: false,
        }));
    }
    async enqueueVerification(channel, subscriberId) {
        await this.withTimeout(this.queue(channel).add('push.verify', { subscriberId, channel }, {
            attempts: 5,
            backoff: { type: 'exponential', delay: 5000, jitter: 0.5 },
            removeOnComplete: { age: 3600 },
            removeOnFail: false,
        }));
    }
    options(policy) {
        return {
            attempts: policy.attempts,
            backoff: { type: 'exponential', delay: policy.backoffMs, jitter: 0.5 },
            removeOnComplete: { age: 3600, count: 10000 },
            removeOnFail: false,
        };
    }
    queue(channel) {
        let q = this.queues.get(channel);
        if (!q) {
            q = new Queue(pushQueue(channel), {
                connection: redisOptions(this.config.get('REDIS_URL'), { maxRetriesPerRequest: 1, connectTimeout: 2000 }),
                prefix: this.config.get('QUEUE_PREFIX'),
            });
            q.on('error', () => undefined); // reported through the calls that fail; no unhandled 'error' event
            this.queues.set(channel, q);
        }
        return q;
    }
    async onModuleDestroy() {
        await Promise.all([...this.queues.values()].map((q) => q.close()));
    }
    async withTimeout(p) {
        const ms = Math.max(this.config.get('ENQUEUE_TIMEOUT_MS'), 5000);
        let timer;
        const timeout = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
        });
        try {
            return await Promise.race([p, timeout]);
        }
        finally {
            clearTimeout(timer);
        }
    }
};
PushProducer = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _a : Object])
], PushProducer);
export { PushProducer };
