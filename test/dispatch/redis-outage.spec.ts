import * as path from 'node:path';
import { startRedis, type RedisServer } from '../../apps/launcher/src/redis-server.js';
import { freePort } from '../support/ports.js';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';

/**
 * Postgres is the truth, the queue is transport: with Redis down a publish still commits and answers, and the
 * outbox relay hands it to the queue once Redis is back. This file runs its own redis-server to stop it.
 */
describe('Redis down during a publish', () => {
  let redis: RedisServer;
  let port: number;
  let s: Stack;
  let admin: string;
  const dir = () => path.join(process.env.TEST_ROOT!, `redis-outage-${port}`);

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis({ dir: dir(), port, appendonly: false });
    s = await startStack({ env: { REDIS_URL: redis.url } });
    admin = await s.token();
  });
  afterAll(async () => {
    await s.close();
    await redis.stop();
  });

  it('commits and answers while Redis is down, then delivers everything once it is back', async () => {
    await redis.stop();
    const health = await s.call('GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.body.down).toEqual(['redis']);

    // answered while Redis is still down (it comes back only below): the publish does not wait for the queue
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-03'), headers: { 'idempotency-key': 'outage-1' } });
    expect(r.status).toBe(201);
    expect(r.body.deliveries).toHaveLength(6);
    expect(r.body.deliveries.every((d: { status: string }) => d.status === 'queued')).toBe(true);
    const pending = await s.db.query(`SELECT dispatched_at FROM outbox WHERE disclosure_id = $1`, [r.body.id]);
    expect(pending.rows).toEqual([{ dispatched_at: null }]);

    redis = await startRedis({ dir: dir(), port, appendonly: false });
    const done = await eventually(async () => {
      const d = (await s.call('GET', `/api/disclosures/${r.body.id}`, { token: admin })).body;
      return d.status === 'delivered' ? d : undefined;
    }, 40000);
    expect(done.deliveries.every((d: { status: string }) => d.status === 'delivered')).toBe(true);
    const receipts = s.sink.receipts.filter((x) => (x.body.disclosure as { id: string }).id === r.body.id);
    expect(receipts).toHaveLength(6);
    expect((await s.db.query(`SELECT dispatched_at FROM outbox WHERE disclosure_id = $1`, [r.body.id])).rows[0].dispatched_at).not.toBeNull();
    expect((await s.call('GET', '/api/health')).status).toBe(200);
  }, 90000);
});
