import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import {
  AUDIT_DAILY_SCHEDULER, AUDIT_QUEUE, AuditVerifier, beijingDate, type AuditAnchor, type AuditJobName, type AuditJobPayloads,
} from '../../../../libs/audit/src/index.js';
import { AppConfig } from '../../../../libs/config/src/index.js';
import { redisOptions } from '../../../../libs/dispatch/src/index.js';

/**
 * The daily audit job on a BullMQ job scheduler: one run per day however many workers are up (the scheduler
 * is keyed by id, so every worker upserting it at boot leaves one). The run verifies the chain, alerts on a
 * break, and anchors the head when it verified.
 */
@Injectable()
export class AuditDailyJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditDailyJobs.name);
  private queue?: Queue<AuditJobPayloads[AuditJobName], unknown, string>;
  private worker?: Worker<AuditJobPayloads[AuditJobName], unknown, string>;

  constructor(
    private readonly config: AppConfig,
    private readonly verifier: AuditVerifier,
  ) {}

  onApplicationBootstrap(): void {
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
      .catch((err) => this.logger.error(`audit: could not schedule the daily job: ${(err as Error).message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
  }

  async process(job: Job<AuditJobPayloads[AuditJobName], unknown, string>): Promise<Record<string, unknown>> {
    switch (job.name as AuditJobName) {
      case 'audit.daily': {
        const { verification, anchor } = await this.verifier.daily();
        if (anchor) await this.writeAnchorFile(anchor);
        return { valid: verification.valid, checked: verification.checked, firstBrokenSeq: verification.firstBrokenSeq, anchoredSeq: anchor?.seq ?? null };
      }
      default:
        throw new Error(`audit queue: no handler for job ${String(job.name)}`);
    }
  }

  /** A file per anchor, never overwritten, in a folder the operator syncs off the machine. */
  private async writeAnchorFile(a: AuditAnchor): Promise<void> {
    const dir = this.config.get('AUDIT_ANCHOR_DIR');
    if (!dir) return;
    const file = path.join(dir, `audit-head-${beijingDate(a.createdAt)}-${a.seq}.txt`);
    try {
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(file, a.text, { flag: 'wx' });
      this.logger.log(`audit: head ${a.seq} anchored, written to ${file}`);
    } catch (err) {
      // the anchor is stored in the database already; a missing file must not fail the job into a second anchor
      this.logger.error(`audit: could not write anchor file ${file}: ${(err as Error).message}`);
    }
  }
}
