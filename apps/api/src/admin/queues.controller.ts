import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Roles } from '../../../../libs/auth/src/index.js';
import { ChannelRegistry } from '../../../../libs/channels/src/index.js';
import { DISCLOSURE_QUEUE, DispatchProducer } from '../../../../libs/dispatch/src/index.js';
import { adminQueues } from './admin-queues.js';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;
const TIMEOUT_MS = 2000;

/**
 * The admin's view of the BullMQ queues: job counts per queue, one per channel plus the disclosures queue that
 * settles each flow. Read-only; the Postgres rows stay the truth about each delivery.
 */
@Controller('admin/queues')
@Roles('admin')
export class AdminQueuesController {
  constructor(
    private readonly producer: DispatchProducer,
    private readonly channels: ChannelRegistry,
    @InjectQueue(DISCLOSURE_QUEUE) private readonly disclosures: Queue,
  ) {}

  @Get()
  async list() {
    const queues = adminQueues(this.disclosures, this.producer, this.channels);
    try {
      const items = await Promise.all(
        queues.map(async (q) => {
          const [counts, paused] = await Promise.all([within(q.queue.getJobCounts(...STATES)), within(q.queue.isPaused())]);
          return { name: q.name, channel: q.channel, label: q.label, paused, counts };
        }),
      );
      return { items, checkedAt: new Date().toISOString() };
    } catch (err) {
      throw new ServiceUnavailableException({ message: `队列服务（Redis）暂时不可用：${(err as Error).message}`, field: 'redis' });
    }
  }
}

function within<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    }),
  ]);
}
