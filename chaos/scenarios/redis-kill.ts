import { publishableItems, publishLoad } from '../support/api-client.js';
import { Deployment, SUITE_ENV, STALL_MS } from '../support/deployment.js';
import { sleep } from '../support/processes.js';
import { verdict } from '../support/verdict.js';
import { acceptedCounter, type Scenario } from './scenario.js';

/**
 * Redis killed with SIGKILL while publishing and delivering, its append-only file cut back by the last second (what
 * `appendfsync everysec` loses when the machine goes down), then started again on that data: jobs added in that
 * second no longer exist, jobs finished in it run again. The outbox relay hands the queue what the API could not
 * enqueue meanwhile, and the reconciler re-adds jobs of deliveries open longer than RECONCILE_STALE_MS whose job
 * the queue no longer has.
 */
export const redisKill: Scenario = {
  id: 'redis-kill',
  title: 'Redis SIGKILL and restart',
  async run({ infra, quick, log }) {
    const target = quick ? 300 : 2000;
    const downMs = quick ? 2000 : 10000;
    const d = await Deployment.create(infra, { label: 'redis-kill', workers: 1 });
    try {
      const items = await publishableItems(d.client());
      const progress = acceptedCounter(d.sink);
      const notes: string[] = [];
      let killedAt = 0;
      const fault = (async () => {
        infra.watchAof();
        while (progress.count < target * 0.4) await sleep(20);
        const { bytesLost } = await infra.killRedis({ loseLastMs: 1000 });
        infra.unwatchAof();
        killedAt = Date.now();
        const health = await d.client().call('GET', '/api/health', { record: false });
        notes.push(
          `Redis SIGKILLed after ${progress.count} accepted deliveries and its append-only file cut back by the last second (${bytesLost} bytes, as a power loss ` +
            `with appendfsync everysec would), down ${downMs / 1000} s; /api/health meanwhile: ${health.status} ${JSON.stringify(health.body.down ?? health.body)}`,
        );
        await sleep(downMs);
        await infra.startRedis();
      })();
      const load = await publishLoad({ clients: d.allClients, items, deliveries: target, concurrency: 6, keyPrefix: 'rk', deadlineMs: quick ? 60000 : 300000 });
      await fault;
      const { rows } = await d.db.query(`SELECT count(*)::int AS n FROM outbox WHERE created_at >= to_timestamp($1 / 1000.0)`, [killedAt]);
      notes.push(`${rows[0].n} disclosures published from the kill on (each through the outbox)`);
      const open = await d.settle(STALL_MS + Number(SUITE_ENV.RECONCILE_STALE_MS), log);
      const requeued = await d.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'delivery.requeued'`);
      notes.push(`deliveries the reconciler re-queued: ${requeued.rows[0].n}`);
      if (open) notes.push(`${open} deliveries still open when the wait ended`);
      return await verdict(d, { allDelivered: true, loads: [load], notes });
    } finally {
      await d.close();
    }
  },
};
