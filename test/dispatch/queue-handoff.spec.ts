import * as path from 'node:path';
import { Queue } from 'bullmq';
import { startRedis, type RedisServer } from '../../apps/launcher/src/redis-server.js';
import { DISCLOSURE_QUEUE, channelQueue, disclosureJobId, redisOptions } from '../../libs/dispatch/src/index.js';
import { freePort } from '../support/ports.js';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';

/**
 * A publish answers once it has committed; handing its deliveries to the queue follows (the outbox row makes
 * them certain either way). So a Redis that hangs, rather than refusing connections, no longer holds the reply
 * for ENQUEUE_TIMEOUT_MS, and an API that stops finishes the hand-offs it started before it lets go of Redis.
 * No worker runs here: its outbox relay would hand the disclosure over too and hide what the API did.
 */
describe('the queue hand-off after a publish', () => {
  let redis: RedisServer;
  let s: Stack;
  let admin: string;

  beforeAll(async () => {
    const port = await freePort();
    redis = await startRedis({ dir: path.join(process.env.TEST_ROOT!, `queue-handoff-${port}`), port, appendonly: false });
    // an hour: if the reply waited for the queue, this test would see its request time out instead
    s = await startStack({ worker: false, env: { REDIS_URL: redis.url, ENQUEUE_TIMEOUT_MS: '3600000' } });
    admin = await s.token();
  });
  afterAll(async () => {
    redis.process.kill('SIGCONT');
    await s.db.end();
    await s.sink.close();
    await redis.stop();
  });

  it('answers while Redis hangs, and a stopping API finishes the hand-off once Redis answers again', async () => {
    redis.process.kill('SIGSTOP'); // connections stay open; nothing is answered
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-03'), headers: { 'idempotency-key': 'handoff-1' } });
    expect(r.status).toBe(201);
    expect(r.body.deliveries).toHaveLength(6);
    const outbox = () => s.db.query(`SELECT dispatched_at FROM outbox WHERE disclosure_id = $1`, [r.body.id]).then((q) => q.rows[0]);
    expect(await outbox()).toEqual({ dispatched_at: null }); // still waiting for Redis

    let closed = false;
    const closing = s.api.close().then(() => {
      closed = true;
    });
    // the API's shutdown waits for the hand-off, which waits for Redis
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    redis.process.kill('SIGCONT');
    await closing;

    expect((await outbox()).dispatched_at).not.toBeNull();
    const connection = redisOptions(s.redisUrl);
    const flows = new Queue(DISCLOSURE_QUEUE, { connection, prefix: s.env.QUEUE_PREFIX });
    const website = new Queue(channelQueue('website'), { connection, prefix: s.env.QUEUE_PREFIX });
    try {
      expect(await eventually(async () => (await flows.getJob(disclosureJobId(r.body.id)))?.id)).toBe(disclosureJobId(r.body.id));
      const delivery = r.body.deliveries.find((d: { channel: string }) => d.channel === 'website');
      expect((await website.getJob(delivery.id))?.data).toEqual({ deliveryId: delivery.id });
    } finally {
      await flows.close();
      await website.close();
    }
  }, 60000);
});
