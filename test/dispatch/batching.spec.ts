import { DataSource } from 'typeorm';
import { entryHash, GENESIS_HASH, recordFromRow, type AuditRow } from '../../libs/audit/src/index.js';
import { SettleReads } from '../../libs/dispatch/src/index.js';
import { eventually, publishBody, startStack, TERMINAL, type Stack } from '../support/stack.js';
import { waitSealed } from '../support/sealed.js';

/**
 * Publishes, claims and finishes that arrive together share statements and commits (libs/dispatch/src/batching).
 * What sharing must not change: each request still gets its own answer and its own failure, every delivery is sent
 * once, and the audit log stays one valid chain with one entry per event.
 */
describe('batched publishing and delivery', () => {
  let s: Stack;
  let admin: string;

  beforeAll(async () => {
    s = await startStack();
    admin = await s.token();
  });
  afterAll(() => s.close());

  it('publishes a burst in shared commits: each request answered on its own, each delivery sent and audited once', async () => {
    const n = 24;
    const calls = Array.from({ length: n }, (_, i) =>
      s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-01', { title: `批量公告 ${i}` }), headers: { 'idempotency-key': `burst-${i}` } }),
    );
    // the same key twice with the same body: one disclosure; with another body: refused, naming the header
    calls.push(s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-01', { title: '批量公告 0' }), headers: { 'idempotency-key': 'burst-0' } }));
    calls.push(s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-01', { title: '另一篇' }), headers: { 'idempotency-key': 'burst-1' } }));
    const replies = await Promise.all(calls);

    const repeat = replies[n];
    expect([replies[0].status, repeat.status].sort()).toEqual([200, 201]);
    expect(repeat.body.id).toBe(replies[0].body.id);
    // two bodies for burst-1 arrive together: whichever is taken first creates the disclosure, the other is
    // refused naming the header (which one wins is the server's order, not the test's)
    const rivals = [replies[1], replies[n + 1]];
    expect(rivals.map((r) => r.status).sort()).toEqual([201, 422]);
    const refused = rivals.find((r) => r.status === 422)!;
    expect(refused.body.field).toBe('Idempotency-Key');
    const created = replies.slice(0, n).map((r, i) => (i === 1 ? rivals.find((x) => x.status === 201)! : r));
    expect(created.every((r) => [200, 201].includes(r.status) && r.body.deliveries.length === 6)).toBe(true);
    const ids = created.map((r) => r.body.id as string);
    expect(new Set(ids).size).toBe(n);

    await eventually(async () => {
      const { rows } = await s.db.query(`SELECT count(*)::int AS open FROM deliveries WHERE disclosure_id = ANY($1) AND NOT (status = ANY($2))`, [ids, TERMINAL]);
      return rows[0].open === 0;
    }, 60000);
    const { rows: deliveries } = await s.db.query(`SELECT id, status, attempts FROM deliveries WHERE disclosure_id = ANY($1)`, [ids]);
    expect(deliveries).toHaveLength(n * 6);
    expect(deliveries.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
    for (const d of deliveries) expect(s.sink.receipts.filter((r) => r.body.deliveryId === d.id)).toHaveLength(1);

    const { rows: entries } = await s.db.query(
      `SELECT l.action, l.at, l.delivery_id, e.writer_xid::text AS xid FROM audit_log l JOIN audit_entries e ON e.id = l.id
        WHERE l.disclosure_id = ANY($1) AND l.action IN ('disclosure.published','delivery.attempt')`,
      [ids],
    );
    const published = entries.filter((e) => e.action === 'disclosure.published');
    const attempts = entries.filter((e) => e.action === 'delivery.attempt');
    expect(published).toHaveLength(n);
    expect(attempts).toHaveLength(n * 6);
    expect(new Set(attempts.map((a) => a.delivery_id)).size).toBe(n * 6);
    // entries written by one transaction carry its id: fewer transactions than entries means commits were shared
    expect(new Set(published.map((e) => e.xid)).size).toBeLessThan(n);
    expect(new Set(attempts.map((e) => e.xid)).size).toBeLessThan(n * 6);

    // each disclosure's dispatch is settled once, with its own deliveries counted
    const settled = (await eventually(async () => {
      const { rows } = await s.db.query(`SELECT disclosure_id, details FROM audit_log WHERE disclosure_id = ANY($1) AND action = 'disclosure.dispatch_settled'`, [ids]);
      return rows.length >= n ? rows : undefined;
    }, 60000))!;
    expect(settled).toHaveLength(n);
    expect(new Set(settled.map((r) => r.disclosure_id)).size).toBe(n);
    expect(settled.every((r) => JSON.stringify(r.details) === JSON.stringify({ deliveries: { delivered: 6 } }))).toBe(true);
  });

  it('reads the summaries of settle jobs running at once in one statement, each answered with its own disclosure', async () => {
    const db = s.api.get(DataSource);
    const { rows } = await s.db.query(`SELECT id FROM disclosures ORDER BY created_at LIMIT 5`);
    const ids: string[] = rows.map((r) => r.id);
    expect(ids.length).toBeGreaterThan(1);
    let statements = 0;
    const counting = { query: (sql: string, params?: unknown[]) => ((statements += 1), db.query(sql, params)) } as unknown as DataSource;
    const reads = new SettleReads(counting);
    const missing = '00000000-0000-4000-8000-000000000000';
    const answers = await Promise.all([...ids, missing, ids[0]].map((id) => reads.read(id)));
    expect(statements).toBe(1);
    for (const [i, id] of ids.entries()) {
      const { rows: [own] } = await s.db.query(
        `SELECT d.status, d.department_code, (SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM deliveries WHERE disclosure_id = d.id GROUP BY status) c) AS counts
         FROM disclosures d WHERE d.id = $1`,
        [id],
      );
      expect(answers[i]).toEqual({ status: own.status, departmentCode: own.department_code, counts: own.counts });
    }
    expect(answers[ids.length]).toBeUndefined();
    expect(answers[ids.length + 1]).toEqual(answers[0]);
  });

  it('leaves the audit log one chain that verifies from the first entry to the last, once the sealer has chained it', async () => {
    await waitSealed(s.databaseUrl);
    const { rows } = await s.db.query(`SELECT * FROM audit_log WHERE seq IS NOT NULL ORDER BY seq`);
    let prev = GENESIS_HASH;
    rows.forEach((r: AuditRow, i: number) => {
      expect(Number(r.seq)).toBe(i + 1);
      expect(r.prev_hash).toBe(prev);
      expect(entryHash(prev, recordFromRow(r))).toBe(r.hash);
      prev = r.hash!;
    });
    expect(rows.length).toBeGreaterThan(24 * 7);
  });
});
