import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '../../../../libs/config/src/index.js';
import { OVERDUE_QUEUE, SWEEP_JOB, SWEEP_SCHEDULER_ID } from './overdue.queue.js';

/**
 * Registers the sweep as a BullMQ job scheduler. Every worker upserts the same scheduler id, so however many
 * run there is one sweep per interval, and a changed OVERDUE_SWEEP_MS takes effect at the next worker start.
 * An `every` scheduler also runs once right away, so a restart does not wait a whole interval.
 */
@Injectable()
export class OverdueScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(OverdueScheduler.name);

  constructor(
    @InjectQueue(OVERDUE_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.get('OVERDUE_SWEEP_MS');
    // not awaited: with Redis down the worker still boots, and the upsert completes when Redis is back
    this.queue
      .upsertJobScheduler(SWEEP_SCHEDULER_ID, { every }, {
        name: SWEEP_JOB,
        data: {},
        opts: { removeOnComplete: { count: 50 }, removeOnFail: { count: 200 } },
      })
      .then(() => this.logger.log(`overdue sweep every ${Math.round(every / 1000)} s, warning ${this.config.get('OVERDUE_LEAD_WORKING_DAYS')} working days ahead`))
      .catch((err: Error) => this.logger.error(`overdue sweep scheduler not registered: ${err.message}`));
  }
}
