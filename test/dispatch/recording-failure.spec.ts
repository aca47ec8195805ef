import pg from 'pg';
import { SINK_SECRET, eventually, publishBody, startStack, type Stack } from '../support/stack.js';

/** One channel that cannot deduplicate (an SMS-like receiver); every other carrier becomes a manual task. */
const strictChannel = (sinkUrl: string) => `channels:
  - name: website
    type: webhook
    label: website
    carriers: [website]
    settings: { url: ${sinkUrl}/sink/website, secret: ${SINK_SECRET}, timeoutMs: 1000, idempotent: false, allowPrivateNetwork: true }
    queue: { attempts: 3, backoffMs: 50 }
`;

/**
 * The request reached the channel (or may have), then recording the outcome failed — the worker's database
 * connection was cut. The attempt must count as interrupted, not as never made: a channel that cannot deduplicate
 * must not get the disclosure a second time.
 */
describe('recording an attempt fails after the channel was called', () => {
  let s: Stack;
  let admin: string;

  beforeAll(async () => {
    s = await startStack({ channels: strictChannel });
    admin = await s.token();
  });
  afterAll(() => s.close());

  it('leaves the delivery interrupted, so it ends unconfirmed instead of being sent again', async () => {
    s.sink.hangNext('website', 1, 10000); // the first request times out: its outcome is unknown
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-10') });
    expect(r.status).toBe(201);
    const delivery = r.body.deliveries.find((d: { channel: string }) => d.channel === 'website');
    await eventually(async () => s.sink.for('website').some((x) => x.body.deliveryId === delivery.id), 20000);

    // hold the disclosure's row, which the worker's recording transaction locks first, so it waits; then cut its
    // connection
    const blocker = new pg.Client({ connectionString: s.databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT 1 FROM disclosures WHERE id = $1 FOR UPDATE', [r.body.id]);
    const waiting = await eventually(async () => {
      // inside a transaction pg_stat_activity is read once and kept: drop that copy so each look is current
      await blocker.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await blocker.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FROM disclosures%FOR UPDATE%' AND pid <> pg_backend_pid()`,
      );
      return rows.length ? rows : undefined;
    }, 20000);
    expect(waiting).toBeDefined();
    for (const w of waiting!) await blocker.query('SELECT pg_terminate_backend($1)', [w.pid]);
    await blocker.query('COMMIT');
    await blocker.end();

    const done = await eventually(async () => {
      const d = (await s.call('GET', `/api/deliveries/${delivery.id}`, { token: admin })).body;
      return ['unconfirmed', 'delivered', 'failed'].includes(d.status) ? d : undefined;
    }, 30000);
    expect(done.status).toBe('unconfirmed');
    await new Promise((res) => setTimeout(res, 1000));
    expect(s.sink.for('website').filter((x) => x.body.deliveryId === delivery.id)).toHaveLength(1);
  }, 90000);
});
