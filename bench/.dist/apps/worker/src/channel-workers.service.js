var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var ChannelWorkers_1;
var _a, _b, _c;
import { Injectable, Logger } from '@nestjs/common';
import { Worker } from 'bullmq';
import { AppConfig } from '../../../libs/config/src/index.js';
import { ChannelRegistry } from '../../../libs/channels/src/index.js';
import { channelQueue, DeliveryRunner, redisOptions } from '../../../libs/dispatch/src/index.js';
/**
 * One BullMQ worker per configured channel. Channels come from config/channels.yaml at boot, so these workers
 * are created here rather than with @Processor decorators, which need queue names at compile time.
 */
let ChannelWorkers = ChannelWorkers_1 = class ChannelWorkers {
    config;
    channels;
    runner;
    logger = new Logger(ChannelWorkers_1.name);
    workers = [];
    constructor(config, channels, runner) {
        this.config = config;
        this.channels = channels;
        this.runner = runner;
    }
    onApplicationBootstrap() {
        const lockDuration = this.config.get('WORKER_LOCK_MS');
        for (const channel of this.channels.list()) {
            const q = channel.queue;
            const worker = new Worker(channelQueue(channel.name), (job, token) => this.runner.run(job, token), {
                connection: redisOptions(this.config.get('REDIS_URL'), { maxRetriesPerRequest: null }),
                prefix: this.config.get('QUEUE_PREFIX'),
                concurrency: q.concurrency,
                limiter: q.rateLimit ? { max: q.rateLimit.max, duration: q.rateLimit.durationMs } : undefined,
                // a killed worker's job is re-run once its lock expires; the runner then knows it was interrupted
                lockDuration,
                stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
                maxStalledCount: 3,
            });
            worker.on('failed', (job, err) => this.logger.warn(`channel ${channel.name}: job ${job?.id} attempt ${job?.attemptsMade}: ${err.message}`));
            worker.on('error', (err) => this.logger.error(`channel ${channel.name}: ${err.message}`));
            this.workers.push(worker);
        }
        this.logger.log(`workers started for channels: ${this.channels.list().map((c) => c.name).join(', ')}`);
    }
    /** Finishes the jobs in hand (or lets their locks lapse on a hard kill) before the process exits. */
    async onApplicationShutdown() {
        await Promise.all(this.workers.map((w) => w.close()));
    }
};
ChannelWorkers = ChannelWorkers_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _a : Object, typeof (_b = typeof ChannelRegistry !== "undefined" && ChannelRegistry) === "function" ? _b : Object, typeof (_c = typeof DeliveryRunner !== "undefined" && DeliveryRunner) === "function" ? _c : Object])
], ChannelWorkers);
export { ChannelWorkers };
