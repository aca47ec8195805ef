var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var DeliveryRunner_1;
var _a, _b, _c, _d;
import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/src/index.js';
import { AdapterError, ChannelRegistry } from '../../channels/src/index.js';
import { DispatchProducer } from './dispatch.producer.js';
import { returning } from '../../database/src/index.js';
import { attemptDuration, attemptsTotal } from '../../observability/src/index.js';
import { recomputeDisclosureStatus } from './delivery-status.js';
const ACTOR = 'system:worker';
/**
 * Runs one delivery attempt. The Postgres row is the truth: the job only names the delivery, and a job that
 * finds its delivery no longer open (already delivered, confirmed, withdrawn …) does nothing, which is what
 * makes re-driven and duplicated jobs harmless.
 */
let DeliveryRunner = DeliveryRunner_1 = class DeliveryRunner {
    db;
    channels;
    audit;
    producer;
    logger = new Logger(DeliveryRunner_1.name);
    constructor(db, channels, audit, producer) {
        this.db = db;
        this.channels = channels;
        this.audit = audit;
        this.producer = producer;
    }
    async run(job) {
        const { deliveryId } = job.data;
        const [claimed] = returning(await this.db.query(`WITH cur AS (SELECT id, status FROM deliveries WHERE id = $1 FOR UPDATE)
       UPDATE deliveries x SET status = 'in_progress', attempts = x.attempts + 1, updated_at = now()
       FROM cur WHERE x.id = cur.id AND cur.status IN ('queued','in_progress') AND NOT x.awaiting_remote
       RETURNING x.*, cur.status AS prev_status`, [deliveryId]));
        if (!claimed)
            return 'skipped: not open';
        try {
            return await this.attempt(job, claimed);
        }
        catch (err) {
            if (!(err instanceof AttemptSettled)) {
                // failed before the adapter was called (database hiccup, unknown channel): nothing was sent, so the
                // row goes back to queued and the queue's retry policy applies
                await this.db.query(`UPDATE deliveries SET status = 'queued', last_error = $2, updated_at = now() WHERE id = $1 AND status = 'in_progress'`, [
                    deliveryId, String(err?.message ?? err),
                ]).catch(() => undefined);
                throw err;
            }
            throw err.cause;
        }
    }
    async attempt(job, claimed) {
        const deliveryId = claimed.id;
        const [d] = await this.db.query(`SELECT * FROM disclosures WHERE id = $1`, [claimed.disclosure_id]);
        const adapter = this.channels.adapter(claimed.channel);
        const interrupted = claimed.prev_status === 'in_progress';
        const started = Date.now();
        const log = `delivery ${deliveryId} (disclosure ${claimed.disclosure_id}, ${claimed.channel})`;
        if (interrupted && !adapter.idempotent && !adapter.resumable) {
            // The last attempt may have reached the remote before the worker died; sending again could publish twice.
            await this.finish(claimed, 'unconfirmed', { error: 'the previous attempt was interrupted; whether it arrived is unknown', kind: 'unknown_outcome' }, started);
            return 'unconfirmed';
        }
        const ctx = this.context(claimed, d, interrupted);
        let outcome;
        try {
            outcome = await this.perform(adapter, ctx);
        }
        catch (err) {
            const e = err instanceof AdapterError ? err : new AdapterError(String(err?.message ?? err), 'retryable', {}, { cause: err });
            const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
            const status = e.kind === 'unknown_outcome' ? 'unconfirmed' : e.kind === 'permanent' || lastAttempt ? 'failed' : 'queued';
            await this.finish(claimed, status, { error: e.message, kind: e.kind, ...e.details }, started);
            this.logger.warn(`${log}: attempt ${claimed.attempts} ${e.kind}: ${e.message} → ${status}`);
            if (status === 'unconfirmed')
                return 'unconfirmed';
            throw new AttemptSettled(e.kind === 'permanent' ? new UnrecoverableError(e.message) : e);
        }
        const remote = { ...(outcome.status === 'withdrawn' ? {} : { remoteId: outcome.remoteId, remoteUrl: outcome.remoteUrl }), ...(interrupted ? { interrupted } : {}) };
        const { withdrawNow } = await this.finish(claimed, outcome.status, remote, started);
        if (withdrawNow)
            await this.producer.enqueueDelivery({ id: claimed.id, channel: claimed.channel, generation: withdrawNow }).catch(() => undefined);
        return outcome.status;
    }
    /** What an adapter sees of a delivery; also used by the worker's poller for pending deliveries. */
    context(row, d, interrupted = false) {
        const meta = d.metadata;
        return {
            delivery: {
                id: row.id, carrier: row.carrier, channel: row.channel, attempt: row.attempts, interrupted,
                operation: row.operation, remoteId: row.remote_id, remoteUrl: row.remote_url, state: row.state,
            },
            disclosure: {
                id: d.id, title: d.title, body: d.body, metadata: meta, generatedAt: new Date(d.generated_at).toISOString(),
                dueAt: d.due_at ? new Date(d.due_at).toISOString() : null, revision: d.revision, catalogueCode: d.catalogue_code,
                itemId: d.item_id, itemPath: meta.itemPath ?? [], publisher: String(meta.publisher ?? ''),
                office: String(meta.office ?? ''), departmentCode: d.department_code,
            },
            saveState: async (patch) => {
                await this.db.query(`UPDATE deliveries SET state = state || $2::jsonb, updated_at = now() WHERE id = $1`, [row.id, JSON.stringify(patch)]);
            },
        };
    }
    async perform(adapter, ctx) {
        switch (ctx.delivery.operation) {
            case 'update':
                if (!adapter.update)
                    throw new AdapterError(`channel ${ctx.delivery.channel} cannot update`, 'permanent');
                return adapter.update(ctx);
            case 'withdraw':
                if (!adapter.withdraw)
                    throw new AdapterError(`channel ${ctx.delivery.channel} cannot withdraw`, 'permanent');
                await adapter.withdraw(ctx);
                return { status: 'withdrawn' };
            default:
                return adapter.send(ctx);
        }
    }
    /** Row, disclosure status and audit entry change together or not at all. */
    async finish(row, status, info, started) {
        const done = status === 'delivered';
        const pending = status === 'pending';
        attemptDuration.observe({ channel: row.channel, outcome: status }, (Date.now() - started) / 1000);
        attemptsTotal.inc({ channel: row.channel, outcome: status });
        return this.db.transaction(async (m) => {
            await m.query(`UPDATE deliveries x SET status = $2, awaiting_remote = $7, last_error = COALESCE($3, x.last_error), remote_id = COALESCE($4, x.remote_id),
           remote_url = COALESCE($5, x.remote_url), updated_at = now(),
           delivered_at = CASE WHEN $6 THEN now() ELSE x.delivered_at END,
           on_time = CASE WHEN $6 THEN (d.due_at IS NULL OR now() <= d.due_at) ELSE x.on_time END
         FROM disclosures d WHERE x.id = $1 AND d.id = x.disclosure_id`, [row.id, pending ? 'in_progress' : status, info.error ?? null, info.remoteId ?? null, info.remoteUrl ?? null, done, pending]);
            // withdrawn while this publish was in flight: take it down again at once
            let withdrawNow = null;
            if (done && row.withdraw_requested && row.operation !== 'withdraw') {
                const [w] = returning(await m.query(`UPDATE deliveries SET status = 'queued', operation = 'withdraw', generation = generation + 1 WHERE id = $1 RETURNING generation`, [row.id]));
                withdrawNow = w.generation;
            }
            await recomputeDisclosureStatus(m, row.disclosure_id);
            await this.audit.append(m, {
                actor: ACTOR,
                action: 'delivery.attempt',
                disclosureId: row.disclosure_id,
                deliveryId: row.id,
                departmentCode: null,
                channel: row.channel,
                outcome: status,
                details: { operation: row.operation, attempt: row.attempts, carrier: row.carrier, durationMs: Date.now() - started, ...stripUndefined(info) },
            });
            return { withdrawNow };
        });
    }
};
DeliveryRunner = DeliveryRunner_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof ChannelRegistry !== "undefined" && ChannelRegistry) === "function" ? _b : Object, typeof (_c = typeof AuditService !== "undefined" && AuditService) === "function" ? _c : Object, typeof (_d = typeof DispatchProducer !== "undefined" && DispatchProducer) === "function" ? _d : Object])
], DeliveryRunner);
export { DeliveryRunner };
/** The attempt's outcome is already recorded; only the queue still needs to hear about the error. */
class AttemptSettled extends Error {
    cause;
    constructor(cause) {
        super(cause.message);
        this.cause = cause;
    }
}
function stripUndefined(o) {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
