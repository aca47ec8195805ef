import { publishableItems, publishLoad } from '../support/api-client.js';
import { Deployment } from '../support/deployment.js';
import { sleep } from '../support/processes.js';
import { verdict } from '../support/verdict.js';
import { acceptedCounter } from './scenario.js';
/**
 * Two worker processes; one of them is killed with SIGKILL (and started again) each time the sinks have accepted
 * another 1/(kills+1) of the run. Killed jobs come back when their locks lapse; the deliveries they were in the
 * middle of are sent again under the same Idempotency-Key, which is how a receiver deduplicates.
 */
export const workerKill = {
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
            const inFlight = [];
            const killer = (async () => {
                for (let k = 1; k <= kills && !done;) {
                    if (progress.count < (k * target) / (kills + 1)) {
                        await sleep(50);
                        continue;
                    }
                    const { rows } = await d.db.query(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'in_progress'`);
                    inFlight.push(rows[0].n);
                    const w = d.workers[k % d.workers.length];
                    await w.kill();
                    w.start();
                    k++;
                }
            })();
            const started = Date.now();
            const load = await publishLoad({ clients: d.allClients, items, deliveries: target, concurrency: 8, keyPrefix: 'wk', deadlineMs: quick ? 60000 : 600000 });
            log(`  published ${load.accepted.size} disclosures (${load.deliveries} deliveries) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
            const open = await d.settle(quick ? 60000 : 300000, log);
            done = true;
            await killer;
            progress.off();
            const kill = inFlight.length;
            const figures = await verdict(d, {
                allDelivered: true,
                loads: [load],
                notes: [
                    `${kill} worker kills (SIGKILL, then restarted); deliveries in progress at each kill: ${inFlight.join(', ')}`,
                    ...(open ? [`${open} deliveries still open when the wait ended`] : []),
                ],
            });
            return kill < kills ? { ...figures, shortfall: `only ${kill} of ${kills} worker kills happened` } : figures;
        }
        finally {
            await d.close();
        }
    },
};
//# sourceMappingURL=worker-kill.js.map