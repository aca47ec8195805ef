import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import { AppConfig } from '../../config/src/index.js';
import { pushQueue, redisOptions, type JobOf } from '../../dispatch/src/queues.js';
import type { BatchRange } from './push-recipients.repository.js';

export interface PushQueuePolicy {
  attempts: number;
  backoffMs: number;
}

/**
 * Puts push work on the push queues. Jobs name a delivery and a subscriber-id range (or a subscriber id), never
 * an address. Queues are opened on first use: which channels push is known only once channels.yaml is read.
 */
@Injectable()
export class PushProducer implements OnModuleDestroy {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly config: AppConfig) {}

  /** One job per range; ids include the delivery attempt, so a person's retry gets fresh jobs. */
  async enqueueBatches(channel: string, deliveryId: string, attempt: number, ranges: BatchRange[], policy: PushQueuePolicy): Promise<void> {
    const opts = this.options(policy);
    await this.withTimeout(
      this.queue(channel).addBulk(
        ranges.map((r) => ({
          name: 'push.batch',
          data: { deliveryId, channel, fromId: r.fromId, toId: r.toId } satisfies JobOf<'push.batch'>,
          opts: { ...opts, jobId: `${deliveryId}.a${attempt}.${r.fromId}-${r.toId}` },
        })),
      ),
    );
  }

  /** Asks the worker to settle a delivery whose batches finished before its own job had recorded `pending`. */
  async enqueueSettle(channel: string, deliveryId: string): Promise<void> {
    await this.withTimeout(
      this.queue(channel).add('push.settle', { deliveryId, channel } satisfies JobOf<'push.settle'>, {
        jobId: `${deliveryId}.settle.${Date.now()}`,
        delay: 300,
        attempts: 40,
        backoff: { type: 'fixed', delay: 500 },
        removeOnComplete: { age: 3600 },
        removeOnFail: false,
      }),
    );
  }

  async enqueueVerification(channel: string, subscriberId: number): Promise<void> {
    await this.withTimeout(
      this.queue(channel).add('push.verify', { subscriberId, channel } satisfies JobOf<'push.verify'>, {
        attempts: 5,
        backoff: { type: 'exponential', delay: 5000, jitter: 0.5 },
        removeOnComplete: { age: 3600 },
        removeOnFail: false,
      }),
    );
  }

  options(policy: PushQueuePolicy): JobsOptions {
    return {
      attempts: policy.attempts,
      backoff: { type: 'exponential', delay: policy.backoffMs, jitter: 0.5 },
      removeOnComplete: { age: 3600, count: 10000 },
      removeOnFail: false,
    };
  }

  queue(channel: string): Queue {
    let q = this.queues.get(channel);
    if (!q) {
      q = new Queue(pushQueue(channel), {
        connection: redisOptions(this.config.get('REDIS_URL'), { maxRetriesPerRequest: 1, connectTimeout: 2000 }),
        prefix: this.config.get('QUEUE_PREFIX'),
      });
      q.on('error', () => undefined); // reported through the calls that fail; no unhandled 'error' event
      this.queues.set(channel, q);
    }
    return q;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  private async withTimeout<T>(p: Promise<T>): Promise<T> {
    const ms = Math.max(this.config.get('ENQUEUE_TIMEOUT_MS'), 5000);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([p, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
