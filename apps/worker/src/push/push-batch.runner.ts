import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { ChannelRegistry } from '../../../../libs/channels/src/index.js';
import { DeliveriesService, DeliveryRunner, type JobOf } from '../../../../libs/dispatch/src/index.js';
import {
  isPushSender, isVerificationSender, PushAbort, PushProducer, PushRecipients, SubscribersService, type PushSender,
} from '../../../../libs/subscribers/src/index.js';

/** Thrown to have BullMQ try the job again later; the rows already say what happened. */
class TryAgain extends Error {}

/**
 * Runs push jobs. A batch claims its recipients a chunk at a time (keyset over subscriber ids), hands each chunk
 * to the channel's sender and records every result at once; recipients the server asked to try later go back to
 * pending and the job is retried with backoff. When nothing of the delivery is pending any more it is settled
 * through DeliveriesService.completeRemote.
 */
@Injectable()
export class PushBatchRunner {
  private readonly logger = new Logger(PushBatchRunner.name);

  constructor(
    private readonly db: DataSource,
    private readonly channels: ChannelRegistry,
    private readonly runner: DeliveryRunner,
    private readonly deliveries: DeliveriesService,
    private readonly recipients: PushRecipients,
    private readonly producer: PushProducer,
    private readonly subscribers: SubscribersService,
  ) {}

  async run(job: Job): Promise<string> {
    switch (job.name) {
      case 'push.batch':
        return this.batchWithFinalFailure(job as Job<JobOf<'push.batch'>>);
      case 'push.settle':
        return this.settleJob(job as Job<JobOf<'push.settle'>>);
      case 'push.verify':
        return this.verify(job as Job<JobOf<'push.verify'>>);
      default:
        throw new UnrecoverableError(`unknown push job ${job.name}`);
    }
  }

  private async batchWithFinalFailure(job: Job<JobOf<'push.batch'>>): Promise<string> {
    try {
      return await this.batch(job);
    } catch (err) {
      const last = err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (last && !(err instanceof TryAgain)) {
        // the batch gives up: what it left pending fails (a person's retry resends those), what it held is unknown
        const { deliveryId, fromId, toId } = job.data;
        const message = `batch job failed: ${(err as Error).message}`;
        await this.recipients.markClaimedUnknown(deliveryId, String(job.id), message).catch(() => undefined);
        await this.recipients.failRange(deliveryId, { fromId, toId }, message).catch(() => undefined);
        await this.settle(job.data.deliveryId, job.data.channel).catch(() => undefined);
      }
      throw err;
    }
  }

  private async batch(job: Job<JobOf<'push.batch'>>): Promise<string> {
    const { deliveryId, channel, fromId, toId } = job.data;
    const sender = this.sender(channel);
    const row = await this.load(deliveryId);
    if (!row) return 'skipped: no such delivery';
    const claimant = String(job.id);
    const interrupted = await this.recipients.releaseInterrupted(deliveryId, { fromId, toId }, claimant);
    if (interrupted) this.logger.warn(`delivery ${deliveryId}: ${interrupted} recipients of an interrupted chunk marked unknown`);
    if (row.withdraw_requested || row.status === 'withdrawn') {
      const n = await this.recipients.cancelPending(deliveryId, 'the disclosure was withdrawn before this recipient was reached');
      await this.settle(deliveryId, channel);
      return `cancelled ${n}`;
    }
    const ctx = this.runner.context(row, row.disclosure);
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    let cursor = fromId;
    let sent = 0;
    let later = 0;
    for (;;) {
      const chunk = await this.recipients.claim(deliveryId, { fromId: cursor, toId }, claimant, sender.chunkSize);
      if (chunk.length === 0) break;
      cursor = chunk[chunk.length - 1].subscriberId + 1;
      let results;
      try {
        results = await sender.sendChunk(ctx, chunk);
      } catch (err) {
        if (err instanceof PushAbort) {
          await this.recipients.record(deliveryId, claimant, err.results, true);
          const failed = await this.recipients.abort(deliveryId, claimant, err.message);
          this.logger.warn(`delivery ${deliveryId}: stopped, ${failed} recipients failed: ${err.message}`);
          await this.settle(deliveryId, channel);
          return 'aborted';
        }
        await this.recipients.markClaimedUnknown(deliveryId, claimant, `the sender failed mid-chunk: ${(err as Error).message}`);
        throw err;
      }
      await this.recipients.record(deliveryId, claimant, results, lastAttempt);
      // a recipient the sender did not report on may or may not have been sent
      if (results.length < chunk.length) await this.recipients.markClaimedUnknown(deliveryId, claimant, 'the sender reported no result for this recipient');
      sent += results.filter((r) => r.status === 'sent').length;
      later += results.filter((r) => r.status === 'retry').length;
    }
    if (later > 0 && !lastAttempt) {
      throw new TryAgain(`${later} recipients not accepted yet (a 4xx reply or throttling); the batch tries them again later`);
    }
    await this.settle(deliveryId, channel);
    return `sent ${sent}`;
  }

  /**
   * Settles the delivery when nothing is left to send. If its own job has not yet recorded `pending` (the batches
   * beat it), a settle job asks again shortly.
   */
  async settle(deliveryId: string, channel: string): Promise<'settled' | 'open' | 'waiting' | 'done'> {
    const row = await this.load(deliveryId);
    if (!row) return 'done';
    const adapter = this.channels.adapter(channel);
    if (!adapter.poll) return 'done';
    // while recipients wait to be claimed the delivery is open, whatever else: an index probe instead of a count
    if (row.status === 'in_progress' && (await this.recipients.anyPending(deliveryId))) return 'open';
    if (!row.awaiting_remote) {
      if (row.status !== 'in_progress') return 'done';
      const c = await this.recipients.counts(deliveryId);
      if (c.pending + c.sending > 0) return 'open';
      await this.producer.enqueueSettle(channel, deliveryId);
      return 'waiting';
    }
    const outcome = await adapter.poll(this.runner.context(row, row.disclosure));
    if (outcome.status === 'pending') return 'open';
    const counts = await this.recipients.counts(deliveryId);
    await this.deliveries.completeRemote(deliveryId, {
      actor: 'system:push',
      ...(outcome.status === 'delivered' ? { status: 'delivered', remoteId: outcome.remoteId } : { status: 'failed', error: outcome.error }),
      details: { recipients: counts },
    });
    return 'settled';
  }

  private async settleJob(job: Job<JobOf<'push.settle'>>): Promise<string> {
    const row = await this.load(job.data.deliveryId);
    if (row && !row.awaiting_remote && row.status === 'in_progress') throw new TryAgain('the delivery has not recorded its pending state yet');
    return this.settle(job.data.deliveryId, job.data.channel);
  }

  private async verify(job: Job<JobOf<'push.verify'>>): Promise<string> {
    const adapter = this.channels.adapter(job.data.channel);
    if (!isVerificationSender(adapter)) throw new UnrecoverableError(`channel ${job.data.channel} cannot send verification mail`);
    const v = await this.subscribers.issueVerification(job.data.subscriberId);
    if (!v) return 'nothing to verify';
    await adapter.sendVerification({ address: v.address, name: v.name }, `${adapter.publicBaseUrl}/api/subscribers/verify?token=${encodeURIComponent(v.token)}`);
    return 'sent';
  }

  private sender(channel: string): PushSender {
    const adapter = this.channels.adapter(channel);
    if (!isPushSender(adapter)) throw new UnrecoverableError(`channel ${channel} does not push to subscribers`);
    return adapter;
  }

  private async load(deliveryId: string): Promise<Record<string, any> | undefined> {
    const [row] = await this.db.query(
      `SELECT x.*, row_to_json(d.*) AS disclosure FROM deliveries x JOIN disclosures d ON d.id = x.disclosure_id WHERE x.id = $1`,
      [deliveryId],
    );
    return row;
  }
}
