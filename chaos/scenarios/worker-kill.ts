import { publishableItems, publishLoad } from '../support/api-client.js';
import { Deployment, STALL_MS } from '../support/deployment.js';
import { sleep } from '../support/processes.js';
import { verdict } from '../support/verdict.js';
import { acceptedCounter, type Scenario } from './scenario.js';

/**
 * Two worker processes; one of them is killed with SIGKILL (and started again) each time the sinks have accepted
 * another 1/(kills+1) of the run. Killed jobs come back when their locks lapse; the deliveries they were in the
 * middle of are sent again under the same Idempotency-Key, which is how a receiver deduplicates.
 */
export const workerKill: Scenario = {
  id: 'worker-kill',
  title: 'Worker SIGKILL mid-run',
  async run({ infra, quick, log }) {
    const target = quick ? 500 : 10000;
    const kills = quick ? 3 : 20;
    const d = await Deployment.create(infra, { label: 'worker-kill', workers: 2 });
    try {
      const items = await publishableItems(d.client());
      const progress = acceptedCounter(d.sink);
      let done = false;
      const inFlight: number[] = [];
      const waits: number[] = [];
      const killer = (async () => {
        for (let k = 1; k <= kills && !done; ) {
          if (progress.count < (k * target) / (kills + 1)) {
            await sleep(50);
            continue;
          }
          // the workers take turns: the one killed now has been up and working since the last kill
          const i = k % d.workers.length;
          const t = Date.now();
          await d.workerReady(i);
          if (Date.now() - t > 500) waits.push(Date.now() - t);
          const { rows } = await d.db.query(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'in_progress'`);
          inFlight.push(rows[0].n);
          await d.workers[i].kill();
          d.workers[i].start();
          k++;
        }
        for (let i = 0; i < d.workers.length; i++) await d.workerReady(i);
      })();
      // publishing may run only this far ahead of the sinks, so the kills are spread over the whole run
      const backlog = quick ? 150 : 600;
      let loadResult: { deliveries: number } = { deliveries: 0 };
      const planned = () => loadResult.deliveries;
      const started = Date.now();
      const load = await publishLoad({
        clients: d.allClients, items, deliveries: target, concurrency: 8, keyPrefix: 'wk', deadlineMs: quick ? 300000 : 3600000,
        onAccepted: (r) => (loadResult = r),
        until: () => inFlight.length >= kills,
        hold: () => planned() - progress.count > backlog,
      });
      log(`  published ${load.accepted.size} disclosures (${load.deliveries} deliveries) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      // the load ran until the last kill (or five times the target): what remains is to let the deliveries finish
      const open = await d.settle(STALL_MS, log);
      done = true;
      await killer;
      progress.off();
      const kill = inFlight.length;
      const figures = await verdict(d, {
        allDelivered: true,
        loads: [load],
        notes: [
          `${kill} worker kills (SIGKILL, then restarted); deliveries in progress at each kill: ${inFlight.join(', ')}`,
          `kills that waited for their worker to finish booting first: ${waits.length}${waits.length ? ` (${waits.map((w) => (w / 1000).toFixed(0)).join(', ')} s)` : ''}`,
          ...(open ? [`${open} deliveries still open when the wait ended`] : []),
        ],
      });
      return kill < kills ? { ...figures, shortfall: `only ${kill} of ${kills} worker kills happened` } : figures;
    } finally {
      await d.close();
    }
  },
};
