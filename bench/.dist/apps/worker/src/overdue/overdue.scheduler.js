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
var OverdueScheduler_1;
var _a;
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../../libs/config/src/index.js';
import { OVERDUE_QUEUE, SWEEP_JOB, SWEEP_SCHEDULER_ID } from './overdue.queue.js';
/**
 * Registers the sweep as a BullMQ job scheduler. Every worker upserts the same scheduler id, so however many
 * run there is one sweep per interval, and a changed OVERDUE_SWEEP_MS takes effect at the next worker start.
 * An `every` scheduler also runs once right away, so a restart does not wait a whole interval.
 */
let OverdueScheduler = OverdueScheduler_1 = class OverdueScheduler {
    queue;
    config;
    logger = new Logger(OverdueScheduler_1.name);
    constructor(queue, config) {
        this.queue = queue;
        this.config = config;
    }
    onApplicationBootstrap() {
        const every = this.config.get('OVERDUE_SWEEP_MS');
        // not awaited: with Redis down the worker still boots, and the upsert completes when Redis is back
        this.queue
            .upsertJobScheduler(SWEEP_SCHEDULER_ID, { every }, {
            name: SWEEP_JOB,
            data: {},
            opts: { removeOnComplete: { count: 50 }, removeOnFail: { count: 200 } },
        })
            .then(() => this.logger.log(`overdue sweep every ${Math.round(every / 1000)} s, warning ${this.config.get('OVERDUE_LEAD_WORKING_DAYS')} working days ahead`))
            .catch((err) => this.logger.error(`overdue sweep scheduler not registered: ${err.message}`));
    }
};
OverdueScheduler = OverdueScheduler_1 = __decorate([
    Injectable(),
    __param(0, InjectQueue(OVERDUE_QUEUE)),
    __metadata("design:paramtypes", [Object, typeof (_a = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _a : Object])
], OverdueScheduler);
export { OverdueScheduler };
