import type { INestApplicationContext } from '@nestjs/common';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { channelQueue, redisOptions } from '../../libs/dispatch/src/index.js';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';

/**
 * A delivery whose job failed for good while its row stayed open — the attempts went on a database outage, or
 * the job stalled once too often because its workers kept dying — would never be sent. The reconciler gives it a
 * new generation and a new job; the channel still sees one delivery under one Idempotency-Key.
 */
describe('the reconciler and a job that gave up', () => {
  let s: Stack;
  let admin: string;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    s = await startStack({ worker: false, env: { RECONCILE_STALE_MS: '500', OUTBOX_RELAY_MS: '200' } });
    admin = await s.token();
  });
  afterAll(async () => {
    await worker?.close();
    await s.close();
  });

  it('re-queues an open delivery whose job failed, and it is delivered once', async () => {
    const connection = redisOptions(s.redisUrl, { maxRetriesPerRequest: null });
    // a worker that gives up on every website job without touching the delivery rows
    const quitter = new Worker(channelQueue('website'), async () => { throw new UnrecoverableError('gave up'); }, { connection, prefix: s.env.QUEUE_PREFIX });
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-03') });
    expect(r.status).toBe(201);
    const website = r.body.deliveries.find((d: { channel: string }) => d.channel === 'website');
    const queue = new Queue(channelQueue('website'), { connection, prefix: s.env.QUEUE_PREFIX });
    expect(await eventually(async () => (await (await queue.getJob(website.id))?.getState()) === 'failed', 20000)).toBe(true);
    await quitter.close();
    await queue.close();
    expect((await s.db.query(`SELECT status FROM deliveries WHERE id = $1`, [website.id])).rows[0].status).toBe('queued');

    const { NestFactory } = await import('@nestjs/core');
    const { WorkerModule } = await import('../../apps/worker/src/worker.module.js');
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
    await worker.init();

    const done = await eventually(async () => {
      const d = (await s.call('GET', `/api/disclosures/${r.body.id}`, { token: admin })).body;
      return d.status === 'delivered' ? d : undefined;
    }, 40000);
    expect(done).toBeDefined();
    const row = (await s.db.query(`SELECT status, generation FROM deliveries WHERE id = $1`, [website.id])).rows[0];
    expect(row).toEqual({ status: 'delivered', generation: 1 });
    const receipts = s.sink.for('website').filter((x) => x.body.deliveryId === website.id);
    expect(receipts.map((x) => x.idempotencyKey)).toEqual([website.id]);
    const audit = await s.db.query(`SELECT actor, details FROM audit_log WHERE action = 'delivery.requeued' AND delivery_id = $1`, [website.id]);
    expect(audit.rows).toEqual([{ actor: 'system:reconciler', details: { reason: 'job failed while the delivery was open', generation: 1 } }]);
  }, 90000);
});
