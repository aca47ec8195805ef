import { Queue, Worker } from 'bullmq';
import { redisOptions } from '../../libs/dispatch/src/index.js';
import { cpuSecondsOf } from '../support/processes.js';
/**
 * The yardstick for delivery throughput: a plain BullMQ worker whose processor does nothing, on the same Redis,
 * with the same job options as a channel's delivery jobs. Jobs are added first (not timed), then the worker
 * drains them; jobs/s is what BullMQ alone can move on this machine at this moment.
 */
export async function noopBaseline(redisUrl, redisPid, jobs, concurrency = 50) {
    const connection = redisOptions(redisUrl, { maxRetriesPerRequest: null });
    const prefix = '{bench}';
    const queue = new Queue('noop', { connection, prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    const opts = { attempts: 5, backoff: { type: 'exponential', delay: 2000, jitter: 0.5 }, removeOnComplete: { age: 3600, count: 10000 }, removeOnFail: false };
    for (let i = 0; i < jobs; i += 1000) {
        await queue.addBulk(Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({ name: 'noop', data: { deliveryId: `d-${i + k}` }, opts })));
    }
    let done = 0;
    const worker = new Worker('noop', async () => 'ok', { connection, prefix, concurrency, autorun: false });
    const finished = new Promise((resolve) => {
        worker.on('completed', () => {
            if (++done === jobs)
                resolve(performance.now());
        });
    });
    const started = performance.now();
    const cpu0 = { worker: process.cpuUsage(), redis: cpuSecondsOf(redisPid) };
    void worker.run();
    const end = await finished;
    const used = process.cpuUsage(cpu0.worker);
    const cpuSeconds = { worker: (used.user + used.system) / 1e6, redis: cpuSecondsOf(redisPid) - cpu0.redis };
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    const ms = end - started;
    return { jobsPerSec: (jobs / ms) * 1000, ms, cpuSeconds };
}
