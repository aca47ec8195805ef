import { publishableItems, publishLoad, type ApiAnswer } from '../support/api-client.js';
import { Deployment, SUITE_ENV, STALL_MS } from '../support/deployment.js';
import { sleep } from '../support/processes.js';
import { verdict } from '../support/verdict.js';
import { acceptedCounter, type Scenario } from './scenario.js';

/**
 * PostgreSQL stopped (SIGINT, its fast shutdown) in the middle of a run and started again on the same data
 * folder. Meanwhile the API must answer 503 with a message saying the database is unavailable — never 500 —
 * and the workers must pause and pick up again; nothing published may be lost.
 */
export const postgresOutage: Scenario = {
  id: 'postgres-outage',
  title: 'PostgreSQL stopped and restarted',
  async run({ infra, quick, log }) {
    const target = quick ? 300 : 1500;
    const downMs = quick ? 5000 : 30000;
    const d = await Deployment.create(infra, { label: 'pg-outage', workers: 1 });
    try {
      const items = await publishableItems(d.client());
      const progress = acceptedCounter(d.sink);
      const notes: string[] = [];
      let wrongAnswers = 0;
      // a 500 or a dropped connection is counted by the response log already; a 503 without the message or a
      // 2xx/4xx during the outage is wrong too
      let wrongNotCounted = 0;
      const fault = (async () => {
        while (progress.count < target * 0.3) await sleep(20);
        d.responses.outageStarted();
        await infra.stopPostgres();
        const stoppedAt = Date.now();
        const probes: string[] = [];
        const check = (what: string, r: ApiAnswer, ok: (r: ApiAnswer) => boolean) => {
          if (!ok(r)) {
            wrongAnswers++;
            if (r.status === 503 || (r.status > 0 && r.status < 500)) wrongNotCounted++;
            probes.push(`${what} → ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
          }
        };
        const says = (r: ApiAnswer) => r.status === 503 && /数据库|database/i.test(String(r.body?.message)) && r.contentType.startsWith('application/json');
        let rounds = 0;
        let workerUnready = 0;
        while (Date.now() - stoppedAt < downMs) {
          const c = d.client(rounds);
          check('GET /api/disclosures', await c.call('GET', '/api/disclosures'), says);
          check('POST /api/disclosures', await c.call('POST', '/api/disclosures', {
            body: { catalogueItemId: items[0].id, title: '数据库停机期间的发布', body: '正文', generatedAt: new Date().toISOString() },
            headers: { 'idempotency-key': `pg-probe-${rounds}` },
          }), says);
          check('GET /api/health', await c.call('GET', '/api/health'), (r) => r.status === 503 && (r.body?.down ?? []).includes('postgres'));
          const w = await fetch(`${d.workerHealthUrls[0]}/health/ready`).then((r) => r.status, () => 0);
          if (w === 503) workerUnready++;
          rounds++;
          await sleep(quick ? 500 : 2000);
        }
        await infra.startPostgres();
        d.responses.outageEnded();
        notes.push(
          `PostgreSQL down ${((Date.now() - stoppedAt) / 1000).toFixed(0)} s after ${progress.count} accepted deliveries; ${rounds} probe rounds ` +
            `(GET and POST /api/disclosures, /api/health): ${wrongAnswers ? `${wrongAnswers} wrong answers` : 'all 503 with the database message'}; ` +
            `worker /health/ready 503 in ${workerUnready} of ${rounds}`,
          ...probes.slice(0, 5),
        );
      })();
      const load = await publishLoad({ clients: d.allClients, items, deliveries: target, concurrency: 6, keyPrefix: 'pg', deadlineMs: (quick ? 60000 : 300000) + downMs });
      await fault;
      const open = await d.settle(STALL_MS + Number(SUITE_ENV.RECONCILE_STALE_MS), log);
      const requeued = await d.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'delivery.requeued'`);
      notes.push(`deliveries the reconciler re-queued: ${requeued.rows[0].n}`);
      if (open) notes.push(`${open} deliveries still open when the wait ended`);
      const figures = await verdict(d, { allDelivered: true, loads: [load], notes });
      return { ...figures, serverErrors: figures.serverErrors + wrongNotCounted };
    } finally {
      await d.close();
    }
  },
};
