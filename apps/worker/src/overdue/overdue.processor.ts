import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { ScreenAlertMails } from '../screen-alerts/screen-alert-mails.service.js';
import { FreshnessMonitor, type FreshnessSweepResult } from '../freshness/freshness-monitor.service.js';
import { OverdueMonitor, type SweepResult } from './overdue-monitor.service.js';
import { OVERDUE_QUEUE, SWEEP_JOB } from './overdue.queue.js';

/** Runs the job scheduler's sweeps, one at a time across all workers (one job per tick, concurrency 1). */
@Processor(OVERDUE_QUEUE, { concurrency: 1 })
export class OverdueProcessor extends WorkerHost {
  constructor(
    private readonly monitor: OverdueMonitor,
    private readonly screenMails: ScreenAlertMails,
    private readonly freshness: FreshnessMonitor,
  ) {
    super();
  }

  async process(job: Job<Record<string, never>>): Promise<SweepResult & { screenMails: { sent: number; failed: number }; freshness: FreshnessSweepResult }> {
    if (job.name !== SWEEP_JOB) throw new Error(`overdue queue: unknown job ${job.name}`);
    const result = await this.monitor.sweep(new Date());
    const screenMails = await this.screenMails.send();
    return { ...result, screenMails, freshness: await this.freshness.sweep(new Date()) };
  }
}
