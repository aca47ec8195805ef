import { FANOUT_ITEM } from '../support/bench-stack.js';
import { openLoop } from '../support/http-client.js';
import { memoryOf } from '../support/processes.js';
import { round, waitFor } from '../support/stats.js';
/**
 * soak: ten minutes of steady publishing (10 disclosures/s, 60 deliveries/s); the worker's resident memory after
 * the first minute and at the end should be flat. A leak per delivery shows here long before it shows in
 * production.
 */
export async function soak(s, ctx) {
    const minutes = ctx.quick ? 0.25 : 10;
    const rate = 10;
    const samples = [];
    const t0 = performance.now();
    const sample = () => {
        samples.push({ minute: round((performance.now() - t0) / 60000, 2), worker_rss_mb: memoryOf(s.worker.pid).rssMb, api_rss_mb: memoryOf(s.api.pid).rssMb });
    };
    const timer = setInterval(sample, ctx.quick ? 1000 : 30000);
    ctx.log(`soak: ${rate} publishes/s for ${minutes} min`);
    let failures = 0;
    sample();
    await openLoop(rate, minutes * 60000, async (i) => {
        const r = await s.publish(FANOUT_ITEM, i);
        if (r.status !== 201)
            failures++;
    });
    clearInterval(timer);
    await waitFor('soak deliveries', async () => {
        const { rows } = await s.db.query(`SELECT count(*)::int AS n FROM deliveries WHERE status IN ('queued','in_progress')`);
        return rows[0].n === 0;
    }, 300000, 200);
    sample();
    // the first minute fills caches and the JIT; compare from there
    const start = samples.find((x) => x.minute >= Math.min(1, minutes / 4)) ?? samples[0];
    const end = samples[samples.length - 1];
    ctx.emit({
        name: 'soak',
        value: end.worker_rss_mb - start.worker_rss_mb,
        unit: 'MB worker RSS growth',
        minutes,
        rate_per_s: rate,
        worker_rss_start_mb: start.worker_rss_mb,
        worker_rss_end_mb: end.worker_rss_mb,
        worker_rss_max_mb: Math.max(...samples.map((x) => x.worker_rss_mb)),
        api_rss_start_mb: start.api_rss_mb,
        api_rss_end_mb: end.api_rss_mb,
        failures,
        samples: samples.map((x) => [x.minute, x.worker_rss_mb]),
    });
}
