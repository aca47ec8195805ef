import * as fs from 'node:fs';
import { eventually, publishBody, startStack, TERMINAL, type Stack } from '../support/stack.js';

/** The pipeline end to end on real Postgres and Redis: publish → outbox → BullMQ flow → webhook sinks. */
const NOV_24 = '2026-11-24T09:00:00+08:00';

describe('publish once', () => {
  let s: Stack;
  let admin: string;

  beforeAll(async () => {
    s = await startStack();
    admin = await s.token();
  });
  afterAll(() => s.close());

  const settle = (id: string) =>
    eventually(async () => {
      const r = await s.call('GET', `/api/disclosures/${id}`, { token: admin });
      const done = r.body.deliveries.length > 0 && r.body.deliveries.every((d: { status: string }) => TERMINAL.includes(d.status));
      return done ? r.body : undefined;
    });

  it('serves the transcribed catalogue with the carriers the seed ticks, across all nine groups', async () => {
    const cats = await s.call('GET', '/api/catalogues', { token: admin });
    expect(cats.body.items).toEqual([expect.objectContaining({ code: 'genhe-zwfw', version: 1, itemCount: 32 })]);
    const items = (await s.call('GET', '/api/catalogues/genhe-zwfw/items', { token: admin })).body.items;
    const hand: { id: string; path: string[]; carriers: string[]; audience: string; office: string; timeLimitKind: string }[] = JSON.parse(
      fs.readFileSync('test/fixtures/catalogue-hand-check.json', 'utf8'),
    );
    expect(new Set(hand.map((h) => h.id.slice(0, 2))).size).toBe(9);
    for (const h of hand) {
      const item = items.find((i: { itemId: string }) => i.itemId === h.id);
      expect({ id: h.id, path: item.path, carriers: item.carriers, audience: item.audience, office: item.office, kind: item.timeLimit.kind }).toEqual({
        id: h.id, path: h.path, carriers: h.carriers, audience: h.audience, office: h.office, kind: h.timeLimitKind,
      });
    }
    // 05-01 ticks 广播电视, which no channel serves: it resolves to a manual task, not to nothing
    const pressItem = items.find((i: { itemId: string }) => i.itemId === '05-01');
    expect(pressItem.channels).toContainEqual({ carrier: 'broadcast', channel: 'manual', type: 'manual', label: '人工任务' });
  });

  it('fans a publish out to every channel the catalogue ticks and records each delivery', async () => {
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-01', { generatedAt: NOV_24 }) });
    expect(r.status).toBe(201);
    expect(r.body.dueAt).toBe('2026-12-22T15:59:59.999Z'); // 20 working days after 2026-11-24, end of day in Shanghai
    const d = await settle(r.body.id);
    const carriers = d.deliveries.map((x: { carrier: string }) => x.carrier).sort();
    expect(carriers).toEqual(['bulletin_board', 'gazette', 'reading_point', 'service_centre', 'targeted_push', 'website']);
    expect(d.deliveries.every((x: { status: string; attempts: number; remoteId: string }) => x.status === 'delivered' && x.attempts === 1 && x.remoteId)).toBe(true);
    expect(d.status).toBe('delivered');
    const receipts = s.sink.receipts.filter((x) => (x.body.disclosure as { id: string }).id === d.id);
    expect(receipts).toHaveLength(6);
    expect(receipts.every((x) => x.signatureValid === true && x.idempotencyKey === x.body.deliveryId)).toBe(true);
    const audit = await s.db.query(`SELECT action, outcome FROM audit_log WHERE disclosure_id = $1 ORDER BY id`, [d.id]);
    expect(audit.rows[0]).toEqual({ action: 'disclosure.published', outcome: 'ok' });
    expect(audit.rows.filter((a) => a.action === 'delivery.attempt')).toHaveLength(6);
  });

  it('retries a channel that fails twice and ends delivered with 3 attempts', async () => {
    s.sink.failNext('website', 2, 503);
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-07') });
    const d = await settle(r.body.id);
    expect(d.deliveries).toEqual([expect.objectContaining({ carrier: 'website', status: 'delivered', attempts: 3 })]);
    expect(s.sink.for('website').filter((x) => x.body.deliveryId === d.deliveries[0].id).map((x) => x.answered)).toEqual([503, 503, 200]);
  });

  it('fails at once on a 4xx, and a retry from the API delivers it', async () => {
    s.sink.failNext('website', 1, 400);
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-08') });
    const d = await settle(r.body.id);
    const [delivery] = d.deliveries;
    expect(delivery).toEqual(expect.objectContaining({ status: 'failed', attempts: 1 }));
    expect(delivery.lastError).toMatch(/HTTP 400/);
    expect(d.status).toBe('failed');

    const retry = await s.call('POST', `/api/deliveries/${delivery.id}/retry`, { token: admin });
    expect(retry.status).toBe(202);
    const after = await eventually(async () => {
      const x = (await s.call('GET', `/api/deliveries/${delivery.id}`, { token: admin })).body;
      return x.status === 'delivered' ? x : undefined;
    });
    expect(after).toEqual(expect.objectContaining({ status: 'delivered', attempts: 2 }));
    expect((await s.call('GET', `/api/disclosures/${d.id}`, { token: admin })).body.status).toBe('delivered');
    const again = await s.call('POST', `/api/deliveries/${delivery.id}/retry`, { token: admin });
    expect(again.status).toBe(409);
  });

  it('turns carriers no machine reaches into manual tasks that a person confirms with evidence', async () => {
    // 05-01 is 即时公开: produced now (publishBody's default), so confirming it today is on time
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:05-01') });
    const d = await settle(r.body.id);
    const task = d.deliveries.find((x: { carrier: string }) => x.carrier === 'broadcast');
    expect(task).toEqual(expect.objectContaining({ channel: 'manual', status: 'awaiting_confirmation' }));
    expect(d.status).toBe('dispatching');
    const bad = await s.call('POST', `/api/deliveries/${task.id}/confirm`, { token: admin, body: { date: today } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/note/);
    const ok = await s.call('POST', `/api/deliveries/${task.id}/confirm`, {
      token: admin, body: { note: '市广播电台午间新闻播出', date: today, place: '根河市广播电台', evidence: '播出单 2026-1125' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(expect.objectContaining({ status: 'confirmed', onTime: true }));
    expect(ok.body.confirmation).toEqual(expect.objectContaining({ by: 'admin', place: '根河市广播电台' }));
    expect((await s.call('GET', `/api/disclosures/${d.id}`, { token: admin })).body.status).toBe('delivered');
  });

  it('answers a repeated Idempotency-Key with the first disclosure and dispatches nothing new', async () => {
    const body = publishBody('genhe-zwfw:01-09');
    const headers = { 'idempotency-key': 'click-123' };
    const first = await s.call('POST', '/api/disclosures', { token: admin, body, headers });
    const [second, third] = await Promise.all([
      s.call('POST', '/api/disclosures', { token: admin, body, headers }),
      s.call('POST', '/api/disclosures', { token: admin, body, headers }),
    ]);
    expect(first.status).toBe(201);
    expect([second.status, third.status]).toEqual([200, 200]);
    expect(second.body.id).toBe(first.body.id);
    expect(third.body.id).toBe(first.body.id);
    await settle(first.body.id);
    const { rows } = await s.db.query(`SELECT count(*)::int AS n FROM disclosures WHERE idempotency_key = 'click-123'`);
    expect(rows[0].n).toBe(1);
    expect(s.sink.for('website').filter((x) => (x.body.disclosure as { id: string }).id === first.body.id)).toHaveLength(1);
    const changed = await s.call('POST', '/api/disclosures', { token: admin, body: { ...body, title: '另一个标题' }, headers });
    expect(changed.status).toBe(422);
    expect(changed.body.field).toBe('Idempotency-Key');
  });

  describe('authentication and roles', () => {
    it('refuses requests without a valid token', async () => {
      expect((await s.call('POST', '/api/disclosures', { body: {} })).status).toBe(401);
      expect((await s.call('GET', '/api/disclosures')).status).toBe(401);
      expect((await s.call('GET', '/api/disclosures', { token: 'not-a-token' })).status).toBe(401);
      expect((await s.call('POST', '/api/auth/login', { body: { username: 'admin', password: 'wrong-password' } })).status).toBe(401);
      expect((await s.call('GET', '/api/health')).status).toBe(200);
    });

    it('lets each role do only its part', async () => {
      for (const [username, roles] of [['ed1', ['editor']], ['aud1', ['auditor']], ['pub1', ['publisher']]] as const) {
        const r = await s.call('POST', '/api/users', { token: admin, body: { username, password: 'Long-Password-1', roles, departmentCode: 'genhe-zwfw' } });
        expect(r.status).toBe(201);
      }
      const editor = await s.token('ed1', 'Long-Password-1');
      const auditor = await s.token('aud1', 'Long-Password-1');
      const publisher = await s.token('pub1', 'Long-Password-1');
      expect((await s.call('POST', '/api/disclosures', { token: editor, body: publishBody() })).status).toBe(403);
      expect((await s.call('POST', '/api/disclosures', { token: auditor, body: publishBody() })).status).toBe(403);
      expect((await s.call('POST', '/api/users', { token: publisher, body: { username: 'x1', password: 'Long-Password-1', roles: ['admin'] } })).status).toBe(403);
      expect((await s.call('GET', '/api/disclosures', { token: auditor })).status).toBe(200);
      const published = await s.call('POST', '/api/disclosures', { token: publisher, body: publishBody('genhe-zwfw:01-10') });
      expect(published.status).toBe(201);
      expect((await s.call('GET', `/api/disclosures/${published.body.id}`, { token: editor })).status).toBe(200);
    });
  });

  describe('bad input', () => {
    const count = async () => (await s.db.query(`SELECT (SELECT count(*) FROM disclosures)::int + (SELECT count(*) FROM deliveries)::int AS n`)).rows[0].n;

    it.each([
      { what: 'an unknown catalogue item', body: publishBody('genhe-zwfw:99-99'), status: 400, field: 'catalogueItemId' },
      { what: 'a missing title', body: { ...publishBody(), title: undefined }, status: 400, field: 'title' },
      { what: 'a malformed date', body: publishBody(undefined, { generatedAt: '2026-13-45' }), status: 400, field: 'generatedAt' },
      { what: 'a date that is not a date', body: publishBody(undefined, { generatedAt: 'yesterday' }), status: 400, field: 'generatedAt' },
      { what: 'an unknown field', body: publishBody(undefined, { colour: 'red' }), status: 400, field: 'colour' },
      { what: 'a malformed 成文日期', body: publishBody(undefined, { metadata: { writtenAt: '2026/11/01' } }), status: 400, field: 'metadata.writtenAt' },
      { what: 'a title of the wrong type', body: publishBody(undefined, { title: 42 }), status: 400, field: 'title' },
    ])('$what → $status naming $field, nothing written', async ({ body, status, field }) => {
      const before = await count();
      const r = await s.call('POST', '/api/disclosures', { token: admin, body });
      expect(r.status).toBe(status);
      expect(JSON.stringify(r.body)).toContain(field);
      expect(await count()).toBe(before);
    });

    it('a body over 1 MB → 413 naming the body', async () => {
      const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody(undefined, { body: '正'.repeat(400_000) }) });
      expect(r.status).toBe(413);
      expect(r.body.field).toBe('body');
    });

    it('malformed JSON → 400 naming the body', async () => {
      const r = await s.call('POST', '/api/disclosures', { token: admin, raw: '{"title": ' });
      expect(r.status).toBe(400);
      expect(r.body.field).toBe('body');
    });

    it('a wrong content type → 415 naming Content-Type', async () => {
      const r = await s.call('POST', '/api/disclosures', { token: admin, raw: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(r.status).toBe(415);
      expect(r.body.field).toBe('Content-Type');
    });

    it('a malformed id or cursor → 400 naming it, an unknown id → 404', async () => {
      expect((await s.call('GET', '/api/disclosures/not-a-uuid', { token: admin })).body.field).toBe('id');
      expect((await s.call('GET', '/api/disclosures?cursor=abc', { token: admin })).body.field).toBe('cursor');
      expect((await s.call('GET', '/api/disclosures/00000000-0000-4000-8000-000000000000', { token: admin })).status).toBe(404);
      expect((await s.call('POST', '/api/deliveries/00000000-0000-4000-8000-000000000000/retry', { token: admin })).status).toBe(404);
    });
  });

  it('lists disclosures newest first with cursor pagination and filters', async () => {
    const page1 = await s.call('GET', '/api/disclosures?limit=2', { token: admin });
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toBeTruthy();
    const page2 = await s.call('GET', `/api/disclosures?limit=2&cursor=${page1.body.nextCursor}`, { token: admin });
    const ids = [...page1.body.items, ...page2.body.items].map((d: { id: string }) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(page1.body.items[0].createdAt >= page2.body.items[0].createdAt).toBe(true);
    const failedOnly = await s.call('GET', '/api/disclosures?status=failed', { token: admin });
    expect(failedOnly.body.items.every((d: { status: string }) => d.status === 'failed')).toBe(true);
    const byItem = await s.call('GET', '/api/disclosures?item=genhe-zwfw:05-01', { token: admin });
    expect(byItem.body.items).toHaveLength(1);
  });
});
