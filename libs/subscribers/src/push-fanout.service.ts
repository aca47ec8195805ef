import { Injectable } from '@nestjs/common';
import type { DeliveryContext } from '../../channels/src/adapter.contract.js';
import { PushProducer, type PushQueuePolicy } from './push.producer.js';
import { PushRecipients, type PushOutcome } from './push-recipients.repository.js';
import type { PushMedium } from './push.contract.js';
import { topicsForItem } from './topics.js';

export interface FanoutOptions {
  medium: PushMedium;
  channel: string;
  batchSize: number;
  policy: PushQueuePolicy;
  /** how results are counted in messages: recipients (email) or numbers (SMS) */
  unit: string;
  unknownHint: string;
  staleMs: number;
}

export type FanoutStart =
  | { kind: 'queued'; recipients: number; batches: number }
  /** nothing left to send: the outcome as it stands */
  | { kind: 'done'; outcome: PushOutcome };

interface PushState {
  snapshotAt: string;
  recipients: number;
  topics: string[];
}

/**
 * The first step of a push delivery, run by the channel's ordinary job: fix the audience (once per delivery),
 * then queue batch jobs over id ranges. A re-run or a person's retry reuses the audience and queues only the
 * recipients still pending or refused, so nobody is sent the same disclosure twice.
 */
@Injectable()
export class PushFanout {
  constructor(
    readonly recipients: PushRecipients,
    readonly producer: PushProducer,
  ) {}

  async start(ctx: DeliveryContext, o: FanoutOptions): Promise<FanoutStart> {
    const id = ctx.delivery.id;
    const state = ctx.delivery.state.push as PushState | undefined;
    let total: number;
    if (!state) {
      const topics = topicsForItem(ctx.disclosure.catalogueCode, ctx.disclosure.itemId, ctx.disclosure.itemPath);
      total = await this.recipients.snapshot(id, o.medium, topics);
      await ctx.saveState({ push: { snapshotAt: new Date().toISOString(), recipients: total, topics } satisfies PushState });
    } else {
      total = state.recipients;
      await this.recipients.resetFailed(id);
    }
    const ranges = await this.recipients.ranges(id, o.batchSize);
    if (ranges.length === 0) return { kind: 'done', outcome: await this.recipients.outcome(id, o.unit, o.unknownHint, o.staleMs) };
    await this.producer.enqueueBatches(o.channel, id, ctx.delivery.attempt, ranges, o.policy);
    return { kind: 'queued', recipients: total, batches: ranges.length };
  }
}
