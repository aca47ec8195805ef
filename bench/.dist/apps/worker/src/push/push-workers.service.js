var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var PushWorkers_1;
var _a, _b, _c;
import { Injectable, Logger } from '@nestjs/common';
import { Worker } from 'bullmq';
import { AppConfig } from '../../../../libs/config/src/index.js';
import { ChannelRegistry } from '../../../../libs/channels/src/index.js';
import { pushQueue, redisOptions } from '../../../../libs/dispatch/src/index.js';
import { isPushSender } from '../../../../libs/subscribers/src/index.js';
import { PushBatchRunner } from './push-batch.runner.js';
/**
 * One BullMQ worker per push channel (email, SMS) on its own queue, so a large fan-out never waits behind — or
 * blocks — the channel's ordinary deliveries. settings.batchConcurrency (default 2) batches run at once.
 */
let PushWorkers = PushWorkers_1 = class PushWorkers {
    config;
    channels;
    runner;
    logger = new Logger(PushWorkers_1.name);
    workers = [];
    constructor(config, channels, runner) {
        this.config = config;
        this.channels = channels;
        this.runner = runner;
    }
    onApplicationBootstrap() {
        const lockDuration = this.config.get('WORKER_LOCK_MS');
        const push = this.channels.list().filter((c) => isPushSender(this.channels.adapter(c.name)));
        for (const channel of push) {
            const worker = new Worker(pushQueue(channel.name), (job) => this.runner.run(job), {
                connection: redisOptions(this.config.get('REDIS_URL'), { maxRetriesPerRequest: null }),
                prefix: this.config.get('QUEUE_PREFIX'),
                concurrency: Number(channel.settings.batchConcurrency ?? 2),
                limiter: channel.queue.rateLimit ? { max: channel.queue.rateLimit.max, duration: channel.queue.rateLimit.durationMs } : undefined,
                lockDuration,
                stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
                maxStalledCount: 3,
            });
            worker.on('failed', (job, err) => this.logger.warn(`push ${channel.name}: job ${job?.id} attempt ${job?.attemptsMade}: ${err.message}`));
            worker.on('error', (err) => this.logger.error(`push ${channel.name}: ${err.message}`));
            this.workers.push(worker);
        }
        if (push.length)
            this.logger.log(`push workers started for channels: ${push.map((c) => c.name).join(', ')}`);
    }
    async onApplicationShutdown() {
        await Promise.all(this.workers.map((w) => w.close()));
    }
};
PushWorkers = PushWorkers_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _a : Object, typeof (_b = typeof ChannelRegistry !== "undefined" && ChannelRegistry) === "function" ? _b : Object, typeof (_c = typeof PushBatchRunner !== "undefined" && PushBatchRunner) === "function" ? _c : Object])
], PushWorkers);
export { PushWorkers };
