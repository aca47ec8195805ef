import { Injectable, Logger } from '@nestjs/common';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { publicAttachmentUrl, type AttachmentMeta } from '../../attachments/src/index.js';
import { AppConfig } from '../../config/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import type { Carrier } from '../../catalogue/src/index.js';
import { AdapterError, ChannelRegistry, type ChannelAdapter, type DeliveryContext, type FailureKind, type SendOutcome } from '../../channels/src/index.js';
import { DispatchProducer } from './dispatch.producer.js';
import { attemptDuration, attemptsTotal } from '../../observability/src/index.js';
import { DeliveryBatches, type FinishResult } from './batching/delivery-batches.js';
import { isDatabaseUnavailable } from './database-errors.js';
import type { JobOf } from './queues.js';

/** How long a job waits (plus up to as much again, spread out) before it tries an unreachable database again. */
const DATABASE_WAIT_MS = 2000;

/**
 * Runs one delivery attempt. The Postgres row is the truth: the job only names the delivery, and a job that
 * finds its delivery no longer open (already delivered, confirmed, withdrawn …) does nothing, which is what
 * makes re-driven and duplicated jobs harmless.
 */
@Injectable()
export class DeliveryRunner {
  private readonly logger = new Logger(DeliveryRunner.name);
  /** claims and finishes of the jobs running at once share statements and commits (batching/delivery-batches.ts) */
  private readonly batches: DeliveryBatches;

  constructor(
    private readonly db: DataSource,
    private readonly channels: ChannelRegistry,
    audit: AuditService,
    private readonly producer: DispatchProducer,
    private readonly config: AppConfig,
  ) {
    this.batches = new DeliveryBatches(db, audit, (channel, operation) => this.channels.can(channel, operation));
  }

  /** `token` is the worker's lock on the job: with it, waiting for an unreachable database costs no attempt. */
  async run(job: Job<JobOf<'delivery.send'>>, token?: string): Promise<string> {
    const { deliveryId } = job.data;
    let claimed: Record<string, any> | undefined;
    try {
      claimed = await this.batches.claim(deliveryId);
    } catch (err) {
      // Nothing was claimed or sent. Spending the job's attempts on a database outage would leave the delivery
      // open behind a job that gave up; the job waits for the database instead, so the worker pauses and resumes.
      if (token && isDatabaseUnavailable(err)) {
        await job.moveToDelayed(Date.now() + DATABASE_WAIT_MS + Math.floor(Math.random() * DATABASE_WAIT_MS), token);
        throw new DelayedError(`database unavailable: ${(err as Error).message}`);
      }
      throw err;
    }
    if (!claimed) return 'skipped: not open';
    try {
      return await this.attempt(job, claimed, token);
    } catch (err) {
      if (err instanceof AttemptSettled) throw err.cause;
      if (err instanceof OutcomeNotRecorded) {
        // The channel was called (or, for an interrupted attempt, may have been) but the outcome could not be
        // stored. The row stays in_progress, so the next attempt knows it was interrupted: it resends under the
        // same Idempotency-Key or, for a channel that cannot deduplicate, ends unconfirmed — never a blind resend.
        throw err.cause;
      }
      // failed before the adapter was called (database hiccup, unknown channel): nothing was sent, so the
      // row goes back to queued and the queue's retry policy applies
      await this.db.query(`UPDATE deliveries SET status = 'queued', last_error = $2, updated_at = now() WHERE id = $1 AND status = 'in_progress'`, [
        deliveryId, String((err as Error)?.message ?? err),
      ]).catch(() => undefined);
      throw err;
    }
  }

  private async attempt(job: Job<JobOf<'delivery.send'>>, claimed: Record<string, any>, token?: string): Promise<string> {
    const deliveryId = claimed.id as string;
    const d = claimed.disclosure as Record<string, any>; // read by the claim, in the same statement
    const adapter = this.channels.adapter(claimed.channel);
    const interrupted = claimed.prev_status === 'in_progress';
    const started = Date.now();
    const log = `delivery ${deliveryId} (disclosure ${claimed.disclosure_id}, ${claimed.channel})`;

    if (interrupted && !adapter.idempotent && !adapter.resumable) {
      // The last attempt may have reached the remote before the worker died; sending again could publish twice.
      await recorded(this.finish(claimed, 'unconfirmed', { error: 'the previous attempt was interrupted; whether it arrived is unknown', kind: 'unknown_outcome' }, started));
      return 'unconfirmed';
    }

    const ctx = this.context(claimed, d, interrupted);

    let outcome: SendOutcome | { status: 'withdrawn' };
    try {
      outcome = await this.perform(adapter, ctx);
    } catch (err) {
      const e = err instanceof AdapterError ? err : new AdapterError(String((err as Error)?.message ?? err), 'retryable', {}, { cause: err });
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      // The remote named when trying again can work (a daily quota resets at midnight): the job waits until then
      // without spending an attempt, instead of burning the channel's attempts against a closed door in minutes.
      const waitUntil = e.kind === 'retryable' && token ? retryAtOf(e.details) : null;
      const status = e.kind === 'unknown_outcome' ? 'unconfirmed' : e.kind === 'permanent' || (lastAttempt && !waitUntil) ? 'failed' : 'queued';
      await recorded(this.finish(claimed, status, { error: e.message, kind: e.kind, ...e.details }, started));
      this.logger.warn(`${log}: attempt ${claimed.attempts} ${e.kind}: ${e.message} → ${status}${waitUntil ? ` until ${new Date(waitUntil).toISOString()}` : ''}`);
      if (status === 'unconfirmed') return 'unconfirmed';
      if (waitUntil && token) {
        await job.moveToDelayed(waitUntil, token);
        throw new AttemptSettled(new DelayedError(`waiting until ${new Date(waitUntil).toISOString()}: ${e.message}`));
      }
      throw new AttemptSettled(e.kind === 'permanent' ? new UnrecoverableError(e.message) : e);
    }
    const remote = { ...(outcome.status === 'withdrawn' ? {} : { remoteId: outcome.remoteId, remoteUrl: outcome.remoteUrl }), ...(interrupted ? { interrupted } : {}) };
    const stored = outcome.status === 'pending' && outcome.awaiting === 'person' ? 'pending_person' : outcome.status;
    const { requeue } = await recorded(this.finish(claimed, stored, remote, started));
    // on failure the row still says queued, and the relay's reconciler adds the job
    if (requeue) await this.producer.enqueueDelivery({ id: claimed.id, channel: claimed.channel, generation: requeue }).catch(() => undefined);
    return outcome.status;
  }

  /** What an adapter sees of a delivery; also used by the worker's poller for pending deliveries. */
  context(row: Record<string, any>, d: Record<string, any>, interrupted = false): DeliveryContext {
    const meta = d.metadata as Record<string, unknown>;
    return {
      delivery: {
        id: row.id, carrier: row.carrier as Carrier, channel: row.channel, attempt: row.attempts, interrupted,
        operation: row.operation, remoteId: row.remote_id, remoteUrl: row.remote_url, state: row.state,
      },
      disclosure: {
        id: d.id, title: d.title, body: d.body, metadata: meta, generatedAt: new Date(d.generated_at).toISOString(),
        dueAt: d.due_at ? new Date(d.due_at).toISOString() : null, revision: d.revision, catalogueCode: d.catalogue_code,
        itemId: d.item_id, itemPath: (meta.itemPath as string[]) ?? [], publisher: String(meta.publisher ?? ''),
        office: String(meta.office ?? ''), departmentCode: d.department_code,
        attachments: ((d.attachments ?? []) as AttachmentMeta[]).map((a) => ({ ...a, url: publicAttachmentUrl(this.config.publicBaseUrl, a) })),
      },
      saveState: async (patch) => {
        await this.db.query(`UPDATE deliveries SET state = state || $2::jsonb, updated_at = now() WHERE id = $1`, [row.id, JSON.stringify(patch)]);
      },
    };
  }

  private async perform(adapter: ChannelAdapter, ctx: DeliveryContext): Promise<SendOutcome | { status: 'withdrawn' }> {
    switch (ctx.delivery.operation) {
      case 'update':
        if (!adapter.update) throw new AdapterError(`channel ${ctx.delivery.channel} cannot update`, 'permanent');
        return adapter.update(ctx);
      case 'withdraw':
        if (!adapter.withdraw) throw new AdapterError(`channel ${ctx.delivery.channel} cannot withdraw`, 'permanent');
        await adapter.withdraw(ctx);
        return { status: 'withdrawn' };
      default:
        return adapter.send(ctx);
    }
  }

  /** Row, disclosure status and audit entry change together or not at all. */
  private async finish(
    row: Record<string, any>,
    status: string,
    info: { error?: string; kind?: FailureKind; remoteId?: string; remoteUrl?: string; [k: string]: unknown },
    started: number,
  ): Promise<FinishResult> {
    attemptDuration.observe({ channel: row.channel, outcome: status }, (Date.now() - started) / 1000);
    attemptsTotal.inc({ channel: row.channel, outcome: status });
    return this.batches.finish({ row, status, info, started });
  }
}

/** `details.retryAt` of a retryable AdapterError (ISO time), when it lies in the future. */
function retryAtOf(details: Record<string, unknown>): number | null {
  const at = typeof details.retryAt === 'string' ? Date.parse(details.retryAt) : NaN;
  return Number.isFinite(at) && at > Date.now() ? at : null;
}

/** The attempt's outcome is already recorded; only the queue still needs to hear about the error. */
class AttemptSettled extends Error {
  constructor(readonly cause: Error) {
    super(cause.message);
  }
}

/** The adapter was called, then storing what happened failed: the attempt must stay marked as in progress. */
class OutcomeNotRecorded extends Error {
  constructor(readonly cause: Error) {
    super(cause.message);
  }
}

function recorded<T>(p: Promise<T>): Promise<T> {
  return p.catch((err: unknown) => {
    throw new OutcomeNotRecorded(err instanceof Error ? err : new Error(String(err)));
  });
}
