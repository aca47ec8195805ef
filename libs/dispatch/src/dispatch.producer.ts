import { InjectFlowProducer } from '@nestjs/bullmq';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { FlowProducer, Queue, type FlowJob, type JobsOptions } from 'bullmq';
import { AppConfig } from '../../config/src/index.js';
import { ChannelRegistry } from '../../channels/src/index.js';
import { channelQueue, deliveryJobId, DISCLOSURE_QUEUE, disclosureJobId, FLOW_PRODUCER, type JobOf } from './queues.js';

export interface EnqueueDelivery {
  id: string;
  channel: string;
  generation: number;
}

/**
 * Puts committed work on the queues. Called after the Postgres commit; when Redis is unreachable it fails
 * fast (bounded by ENQUEUE_TIMEOUT_MS) and the outbox relay re-drives the disclosure later.
 */
@Injectable()
export class DispatchProducer implements OnModuleDestroy {
  private readonly queues = new Map<string, Queue>();

  constructor(
    @InjectFlowProducer(FLOW_PRODUCER) private readonly flows: FlowProducer,
    private readonly channels: ChannelRegistry,
    private readonly config: AppConfig,
  ) {}

  jobOptions(channel: string): JobsOptions {
    const q = this.channels.get(channel)?.queue;
    return {
      attempts: q?.attempts ?? 5,
      backoff: { type: 'exponential', delay: q?.backoffMs ?? 2000, jitter: 0.5 },
      // completed jobs are not needed (the row is the record); failed ones stay for operators to inspect
      removeOnComplete: { age: 3600, count: 10000 },
      removeOnFail: false,
    };
  }

  /** A parent job for the disclosure and a child per delivery, each on its channel's queue. */
  async enqueueDisclosure(disclosureId: string, deliveries: EnqueueDelivery[]): Promise<void> {
    await this.withTimeout(this.flows.add(this.flow(disclosureId, deliveries)));
  }

  /** Several disclosures' flows in one Redis transaction (publishes that committed together). */
  async enqueueDisclosures(items: { disclosureId: string; deliveries: EnqueueDelivery[] }[]): Promise<void> {
    if (items.length === 1) return this.enqueueDisclosure(items[0].disclosureId, items[0].deliveries);
    await this.withTimeout(this.flows.addBulk(items.map((i) => this.flow(i.disclosureId, i.deliveries))));
  }

  private flow(disclosureId: string, deliveries: EnqueueDelivery[]): FlowJob {
    return {
      name: 'disclosure.settle',
      queueName: DISCLOSURE_QUEUE,
      data: { disclosureId } satisfies JobOf<'disclosure.settle'>,
      opts: { jobId: disclosureJobId(disclosureId), removeOnComplete: { age: 3600 }, removeOnFail: false },
      children: deliveries.map((d) => ({
        name: 'delivery.send',
        queueName: channelQueue(d.channel),
        data: { deliveryId: d.id } satisfies JobOf<'delivery.send'>,
        // a child that fails for good must not hold the parent forever
        opts: { ...this.jobOptions(d.channel), jobId: deliveryJobId(d.id, d.generation), ignoreDependencyOnFailure: true },
      })),
    };
  }

  /** A single delivery again (manual retry or a job the queue lost), outside the original flow. */
  async enqueueDelivery(d: EnqueueDelivery): Promise<void> {
    await this.withTimeout(
      this.queue(d.channel).add('delivery.send', { deliveryId: d.id } satisfies JobOf<'delivery.send'>, {
        ...this.jobOptions(d.channel),
        jobId: deliveryJobId(d.id, d.generation),
      }),
    );
  }

  async jobState(channel: string, jobId: string): Promise<string | null> {
    const job = await this.withTimeout(this.queue(channel).getJob(jobId));
    return job ? await this.withTimeout(job.getState()) : null;
  }

  queue(channel: string): Queue {
    let q = this.queues.get(channel);
    if (!q) {
      q = new Queue(channelQueue(channel), { connection: this.flows.opts.connection, prefix: this.config.get('QUEUE_PREFIX') });
      this.queues.set(channel, q);
    }
    return q;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  private async withTimeout<T>(p: Promise<T>): Promise<T> {
    const ms = this.config.get('ENQUEUE_TIMEOUT_MS');
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
