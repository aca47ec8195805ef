var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var AuditDailyJobs_1;
var _a, _b;
import { Injectable, Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { AUDIT_DAILY_SCHEDULER, AUDIT_QUEUE, AuditVerifier, beijingDate, } from '../../../../libs/audit/src/index.js';
import { AppConfig } from '../../../../libs/config/src/index.js';
import { redisOptions } from '../../../../libs/dispatch/src/index.js';
/**
 * The daily audit job on a BullMQ job scheduler: one run per day however many workers are up (the scheduler
 * is keyed by id, so every worker upserting it at boot leaves one). The run verifies the chain, alerts on a
 * break, and anchors the head when it verified.
 */
let AuditDailyJobs = AuditDailyJobs_1 = class AuditDailyJobs {
    config;
    verifier;
    logger = new Logger(AuditDailyJobs_1.name);
    queue;
    worker;
    constructor(config, verifier) {
        this.config = config;
        this.verifier = verifier;
    }
    onApplicationBootstrap() {
        const connection = redisOptions(this.config.get('REDIS_URL'), { maxRetriesPerRequest: null });
        const prefix = this.config.get('QUEUE_PREFIX');
        this.queue = new Queue(AUDIT_QUEUE, { connection, prefix });
        this.worker = new Worker(AUDIT_QUEUE, (job) => this.process(job), { connection, prefix, concurrency: 1, lockDuration: 10 * 60_000 });
        this.worker.on('failed', (job, err) => this.logger.error(`audit job ${job?.name} ${job?.id} attempt ${job?.attemptsMade} failed: ${err.message}`));
        this.worker.on('error', (err) => this.logger.error(`audit worker: ${err.message}`));
        const pattern = this.config.get('AUDIT_DAILY_CRON');
        const tz = this.config.get('AUDIT_TIMEZONE');
        // not awaited: with Redis down the worker still boots, and the upsert completes when Redis is back
        this.queue
            .upsertJobScheduler(AUDIT_DAILY_SCHEDULER, { pattern, tz }, {
            name: 'audit.daily',
            data: {},
            opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: { count: 60 }, removeOnFail: { count: 200 } },
        })
            .then(() => this.logger.log(`audit: daily verification and anchoring scheduled (${pattern}, ${tz})`))
            .catch((err) => this.logger.error(`audit: could not schedule the daily job: ${err.message}`));
    }
    async onApplicationShutdown() {
        await this.worker?.close();
        await this.queue?.close();
    }
    async process(job) {
        switch (job.name) {
            case 'audit.daily': {
                const { verification, anchor } = await this.verifier.daily();
                if (anchor)
                    await this.writeAnchorFile(anchor);
                return { valid: verification.valid, checked: verification.checked, firstBrokenSeq: verification.firstBrokenSeq, anchoredSeq: anchor?.seq ?? null };
            }
            default:
                throw new Error(`audit queue: no handler for job ${String(job.name)}`);
        }
    }
    /** A file per anchor, never overwritten, in a folder the operator syncs off the machine. */
    async writeAnchorFile(a) {
        const dir = this.config.get('AUDIT_ANCHOR_DIR');
        if (!dir)
            return;
        const file = path.join(dir, `audit-head-${beijingDate(a.createdAt)}-${a.seq}.txt`);
        try {
            await fs.mkdir(dir, { recursive: true });
            await fs.writeFile(file, a.text, { flag: 'wx' });
            this.logger.log(`audit: head ${a.seq} anchored, written to ${file}`);
        }
        catch (err) {
            // the anchor is stored in the database already; a missing file must not fail the job into a second anchor
            this.logger.error(`audit: could not write anchor file ${file}: ${err.message}`);
        }
    }
};
AuditDailyJobs = AuditDailyJobs_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _a : Object, typeof (_b = typeof AuditVerifier !== "undefined" && AuditVerifier) === "function" ? _b : Object])
], AuditDailyJobs);
export { AuditDailyJobs };
