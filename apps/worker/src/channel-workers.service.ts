import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'bullmq';
import { AppConfig } from '../../../libs/config/src/index.js';
import { ChannelRegistry } from '../../../libs/channels/src/index.js';
import { channelQueue, DeliveryRunner, redisOptions, type JobOf } from '../../../libs/dispatch/src/index.js';

/**
 * One BullMQ worker per configured channel. Channels come from config/channels.yaml at boot, so these workers
 * are created here rather than with @Processor decorators, which need queue names at compile time.
 */
@Injectable()
export class ChannelWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChannelWorkers.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly channels: ChannelRegistry,
    private readonly runner: DeliveryRunner,
  ) {}

  onApplicationBootstrap(): void {
    const lockDuration = this.config.get('WORKER_LOCK_MS');
    for (const channel of this.channels.list()) {
      const q = channel.queue;
      const worker = new Worker<JobOf<'delivery.send'>, string>(channelQueue(channel.name), (job, token) => this.runner.run(job, token), {
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
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
