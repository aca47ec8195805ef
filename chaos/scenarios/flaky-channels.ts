import { publishableItems, publishLoad } from '../support/api-client.js';
import { ALL_CARRIERS, Deployment, SUITE_ENV, STALL_MS } from '../support/deployment.js';
import { sleep } from '../support/processes.js';
import { verdict } from '../support/verdict.js';
import type { Scenario } from './scenario.js';

const TIMEOUT_MS = 600;
const HANG_MS = 1500;
/** the channel whose receiver cannot deduplicate (an SMS gateway, say): a timeout must end unconfirmed */
const NOT_IDEMPOTENT = 'targeted-push';

/**
 * Every sink answers half the requests with a 5xx and leaves one in ten hanging past the channel's timeout.
 * Everything must end delivered, failed with its reason, or unconfirmed; a delivery marked unconfirmed must
 * never be sent again by the system itself (only a person's retry may do that).
 */
export const flakyChannels: Scenario = {
  id: 'flaky-channels',
  title: 'Flaky channels (50% 5xx, 10% hang)',
  async run({ infra, quick, log }) {
    const target = quick ? 200 : 1000;
    const channels = ALL_CARRIERS.map((c) => ({ ...c, timeoutMs: TIMEOUT_MS, attempts: 4, backoffMs: 100, idempotent: c.name !== NOT_IDEMPOTENT }));
    const d = await Deployment.create(infra, { label: 'flaky', channels, workers: 1 });
    try {
      // a script long enough for every request of the run (retries included); past it the sinks answer 200
      let seed = 0x2545f491;
      const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
      for (const c of channels) {
        const script = Array.from({ length: target * 4 }, () => {
          const r = random();
          if (r < 0.5) return { kind: 'status' as const, status: [500, 502, 503, 504][Math.floor(random() * 4)] };
          if (r < 0.6) return { kind: 'hang' as const, ms: HANG_MS };
          return { kind: 'status' as const, status: 200 };
        });
        d.sink.script(c.name, ...script);
      }
      const items = await publishableItems(d.client());
      const load = await publishLoad({ clients: d.allClients, items, deliveries: target, concurrency: 4, keyPrefix: 'fl', deadlineMs: quick ? 60000 : 300000 });
      const open = await d.settle(STALL_MS, log);
      // long enough for stalled-job checks and a reconciler pass: a resend of an unconfirmed delivery would show
      await sleep(Number(SUITE_ENV.RECONCILE_STALE_MS) + 2 * Number(SUITE_ENV.WORKER_LOCK_MS));
      const { rows } = await d.db.query(
        `SELECT channel = $1 AS strict, status, count(*)::int AS n FROM deliveries GROUP BY 1, 2 ORDER BY 1, 2`,
        [NOT_IDEMPOTENT],
      );
      const hangs = d.sink.receipts.filter((r) => r.answered === 0).length;
      const fails = d.sink.receipts.filter((r) => r.answered >= 500).length;
      return await verdict(d, {
        allDelivered: false,
        loads: [load],
        nonIdempotentSinks: [NOT_IDEMPOTENT],
        notes: [
          `channel timeout ${TIMEOUT_MS} ms, hangs ${HANG_MS} ms, 4 attempts; sinks answered ${fails} requests with 5xx and left ${hangs} hanging`,
          `end states: ${rows.map((r) => `${r.strict ? `${NOT_IDEMPOTENT} (idempotent: false)` : 'idempotent channels'} ${r.status} ${r.n}`).join(', ')}`,
          ...(open ? [`${open} deliveries still open when the wait ended`] : []),
        ],
      });
    } finally {
      await d.close();
    }
  },
};
