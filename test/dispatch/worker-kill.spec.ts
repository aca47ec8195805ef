import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { channelsYaml, eventually, publishBody, startStack, type Stack } from '../support/stack.js';

/**
 * A worker process killed with SIGKILL in the middle of a delivery: its job's lock lapses, a new worker picks
 * the job up, and the channel receives the delivery again under the same Idempotency-Key, so it can deduplicate.
 */
describe('a worker killed mid-delivery', () => {
  let s: Stack;
  let admin: string;
  const workers: ChildProcess[] = [];

  const startWorker = () => {
    const child = fork(path.resolve('dist/apps/worker/src/main.js'), [], { env: { ...process.env, ...s.env }, stdio: 'pipe' });
    workers.push(child);
    return child;
  };

  beforeAll(async () => {
    // the website call outlasts any delay before the kill: with the usual 2 s timeout a loaded machine let the
    // worker give up on the call (and queue a retry) before it was killed inside it
    s = await startStack({ worker: false, channels: (url) => channelsYaml(url).replace(/(sink\/website, [^}]*timeoutMs: )\d+/, '$160000') });
    admin = await s.token();
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await s.close();
  });

  it('completes the delivery after a restart, every receipt under the same Idempotency-Key', async () => {
    s.sink.hangNext('website', 1, 60000); // the first request never gets an answer
    const first = startWorker();
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-10') });
    const [delivery] = r.body.deliveries;

    // the worker is inside the HTTP call when it dies
    await eventually(async () => s.sink.for('website').some((x) => x.body.deliveryId === delivery.id), 20000);
    first.kill('SIGKILL');
    await new Promise((res) => first.once('exit', res));
    const mid = (await s.call('GET', `/api/deliveries/${delivery.id}`, { token: admin })).body;
    expect(mid.status).toBe('in_progress');

    startWorker();
    const done = await eventually(async () => {
      const d = (await s.call('GET', `/api/deliveries/${delivery.id}`, { token: admin })).body;
      return d.status === 'delivered' ? d : undefined;
    }, 40000);
    expect(done.attempts).toBe(2);
    const receipts = s.sink.for('website').filter((x) => x.body.deliveryId === delivery.id);
    expect(receipts.length).toBe(2);
    expect(new Set(receipts.map((x) => x.idempotencyKey))).toEqual(new Set([delivery.id]));
    const audit = await s.db.query(`SELECT outcome FROM audit_log WHERE delivery_id = $1 ORDER BY id`, [delivery.id]);
    expect(audit.rows.map((a) => a.outcome)).toEqual(['delivered']);
  }, 90000);
});
