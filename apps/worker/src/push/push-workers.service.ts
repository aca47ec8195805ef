import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
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
@Injectable()
export class PushWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PushWorkers.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly channels: ChannelRegistry,
    private readonly runner: PushBatchRunner,
  ) {}

  onApplicationBootstrap(): void {
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
    if (push.length) this.logger.log(`push workers started for channels: ${push.map((c) => c.name).join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
