var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var OutboxRelay_1;
var _a, _b, _c, _d;
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../libs/audit/src/index.js';
import { AppConfig } from '../../../libs/config/src/index.js';
import { returning } from '../../../libs/database/src/index.js';
import { deliveryJobId, DispatchProducer } from '../../../libs/dispatch/src/index.js';
const RECONCILE_LOCK = 7_310_442_002;
/**
 * Postgres is the truth, the queue is transport. The relay hands the queue every committed disclosure the API
 * could not enqueue (Redis was down), and the reconciler re-adds jobs the queue lost (Redis restarted without
 * its data) or gave up on (a failed job) for deliveries that have sat open too long. Deterministic job ids
 * make both safe to repeat.
 */
let OutboxRelay = OutboxRelay_1 = class OutboxRelay {
    db;
    producer;
    config;
    audit;
    logger = new Logger(OutboxRelay_1.name);
    timer;
    running;
    stopped = false;
    ticks = 0;
    constructor(db, producer, config, audit) {
        this.db = db;
        this.producer = producer;
        this.config = config;
        this.audit = audit;
    }
    onApplicationBootstrap() {
        this.schedule();
    }
    async onApplicationShutdown() {
        this.stopped = true;
        clearTimeout(this.timer);
        await this.running;
    }
    schedule() {
        if (this.stopped)
            return;
        this.timer = setTimeout(() => {
            this.running = this.tick().finally(() => this.schedule());
        }, this.config.get('OUTBOX_RELAY_MS'));
    }
    async tick() {
        try {
            await this.relay();
            // reconciling asks Redis about each open delivery: every 5th tick is enough
            if (++this.ticks % 5 === 0)
                await this.reconcile();
        }
        catch (err) {
            this.logger.warn(`relay: ${err.message}`);
        }
    }
    async relay() {
        const grace = this.config.get('OUTBOX_GRACE_MS');
        return this.db.transaction(async (m) => {
            const rows = await m.query(`SELECT id, disclosure_id FROM outbox WHERE dispatched_at IS NULL AND created_at < now() - ($1 || ' milliseconds')::interval
         ORDER BY id LIMIT 200 FOR UPDATE SKIP LOCKED`, [grace]);
            for (const row of rows) {
                const deliveries = await m.query(`SELECT id, channel, generation FROM deliveries WHERE disclosure_id = $1`, [row.disclosure_id]);
                try {
                    await this.producer.enqueueDisclosure(row.disclosure_id, deliveries);
                    await m.query(`UPDATE outbox SET dispatched_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`, [row.id]);
                    this.logger.log(`relay: disclosure ${row.disclosure_id} handed to the queue`);
                }
                catch (err) {
                    await m.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [row.id, err.message]);
                    throw err;
                }
            }
            return rows.length;
        });
    }
    /**
     * Re-queues open deliveries the queue will never run: their job is gone (Redis lost it), or it failed for good
     * while the row stayed open (its attempts went on infrastructure errors, or it stalled too often because workers
     * kept dying). A failed job keeps its id, so the delivery gets a new generation and with it a new job id; the
     * Idempotency-Key a channel sees stays the delivery id, and the runner still knows an interrupted attempt.
     */
    async reconcile() {
        // Only jobs the queue no longer runs are touched, so the threshold just has to outlast the moment between a
        // row's commit and its job's enqueue; RECONCILE_STALE_MS lets a deployment (or the chaos suite) shorten it.
        const staleMs = this.config.get('RECONCILE_STALE_MS') ?? Math.max(this.config.get('WORKER_LOCK_MS') * 2, 60000);
        const requeue = await this.db.transaction(async (m) => {
            const [{ locked }] = await m.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [RECONCILE_LOCK]);
            if (!locked)
                return [];
            const rows = await m.query(`SELECT x.id, x.disclosure_id, x.channel, x.generation FROM deliveries x JOIN outbox o ON o.disclosure_id = x.disclosure_id
         WHERE x.status IN ('queued','in_progress') AND NOT x.awaiting_remote AND o.dispatched_at IS NOT NULL
           AND x.updated_at < now() - ($1 || ' milliseconds')::interval
         ORDER BY x.updated_at LIMIT 500`, [staleMs]);
            const out = [];
            for (const r of rows) {
                const state = await this.producer.jobState(r.channel, deliveryJobId(r.id, r.generation));
                if (state === null) {
                    out.push({ id: r.id, disclosureId: r.disclosure_id, channel: r.channel, generation: r.generation, reason: 'job missing from the queue' });
                }
                else if (state === 'failed') {
                    const [bumped] = returning(await m.query(`UPDATE deliveries SET generation = generation + 1, updated_at = now()
             WHERE id = $1 AND generation = $2 AND status IN ('queued','in_progress') AND NOT awaiting_remote RETURNING generation`, [r.id, r.generation]));
                    if (bumped)
                        out.push({ id: r.id, disclosureId: r.disclosure_id, channel: r.channel, generation: bumped.generation, reason: 'job failed while the delivery was open' });
                }
            }
            if (out.length) {
                await this.audit.append(m, ...out.map((o) => ({
                    actor: 'system:reconciler', action: 'delivery.requeued', disclosureId: o.disclosureId, deliveryId: o.id, channel: o.channel,
                    outcome: 'queued', details: { reason: o.reason, generation: o.generation },
                })));
            }
            return out;
        });
        // after the commit: a failed enqueue leaves the new generation's job missing, which the next pass re-adds
        for (const r of requeue)
            await this.producer.enqueueDelivery(r);
        if (requeue.length)
            this.logger.warn(`reconcile: re-queued ${requeue.length} open deliveries the queue would not run (${[...new Set(requeue.map((r) => r.reason))].join('; ')})`);
        return requeue.length;
    }
};
OutboxRelay = OutboxRelay_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof DispatchProducer !== "undefined" && DispatchProducer) === "function" ? _b : Object, typeof (_c = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _c : Object, typeof (_d = typeof AuditService !== "undefined" && AuditService) === "function" ? _d : Object])
], OutboxRelay);
export { OutboxRelay };
