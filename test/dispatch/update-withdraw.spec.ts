import { eventually, publishBody, startStack, TERMINAL, type Stack } from '../support/stack.js';

/** Updating and withdrawing travel the same pipeline; channels that cannot do it get a manual follow-up. */
describe('update and withdraw', () => {
  let s: Stack;
  let admin: string;
  beforeAll(async () => {
    s = await startStack();
    admin = await s.token();
  });
  afterAll(() => s.close());

  const get = async (id: string) => (await s.call('GET', `/api/disclosures/${id}`, { token: admin })).body;
  const settled = (id: string) =>
    eventually(async () => {
      const d = await get(id);
      return d.deliveries.every((x: { status: string }) => TERMINAL.includes(x.status)) ? d : undefined;
    });

  it('propagates an update to every channel that can take it and asks a person for the rest', async () => {
    const created = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:05-01') });
    let d = await settled(created.body.id);
    const broadcast = d.deliveries.find((x: { carrier: string }) => x.carrier === 'broadcast');
    await s.call('POST', `/api/deliveries/${broadcast.id}/confirm`, { token: admin, body: { note: '已播出' } });

    const r = await s.call('PATCH', `/api/disclosures/${d.id}`, { token: admin, body: { title: '更正后的标题' } });
    expect(r.status).toBe(200);
    expect(r.body.revision).toBe(2);
    d = await eventually(async () => {
      const x = await get(d.id);
      const auto = x.deliveries.filter((y: { channel: string }) => y.channel !== 'manual');
      return auto.every((y: { status: string; operation: string }) => y.status === 'delivered' && y.operation === 'update') ? x : undefined;
    });
    const updates = s.sink.receipts.filter((x) => x.body.event === 'disclosure.update' && (x.body.disclosure as { id: string }).id === d.id);
    expect(updates.length).toBe(d.deliveries.filter((y: { channel: string; followUpOf: string | null }) => y.channel !== 'manual').length);
    expect(updates.every((x) => x.idempotencyKey === `${x.body.deliveryId}:r2` && (x.body.disclosure as { title: string }).title === '更正后的标题')).toBe(true);
    const followUp = d.deliveries.find((y: { followUpOf: string | null }) => y.followUpOf === broadcast.id);
    expect(followUp).toEqual(expect.objectContaining({ channel: 'manual', carrier: 'broadcast', purpose: 'update', status: 'awaiting_confirmation' }));
  });

  it('withdraws where it can, cancels what was not sent, and leaves manual follow-ups for the rest', async () => {
    s.sink.failNext('gazette', 1, 400); // the gazette delivery fails: never published, so nothing to take down
    const created = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-02') });
    let d = await settled(created.body.id);
    expect(d.deliveries.find((x: { carrier: string }) => x.carrier === 'gazette').status).toBe('failed');

    const bad = await s.call('POST', `/api/disclosures/${d.id}/withdraw`, { token: admin, body: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/reason/);
    const r = await s.call('POST', `/api/disclosures/${d.id}/withdraw`, { token: admin, body: { reason: '信息有误，撤回' } });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('withdrawn');
    d = await eventually(async () => {
      const x = await get(d.id);
      return x.deliveries.every((y: { status: string }) => y.status === 'withdrawn') ? x : undefined;
    });
    expect(d.withdrawReason).toBe('信息有误，撤回');
    const takeDowns = s.sink.receipts.filter((x) => x.body.event === 'disclosure.withdraw' && (x.body.disclosure as { id: string }).id === d.id);
    expect(takeDowns.map((x) => x.sink).sort()).toEqual(['screens', 'screens', 'screens', 'targeted-push', 'website']);
    expect(takeDowns.every((x) => x.idempotencyKey === `${x.body.deliveryId}:withdraw`)).toBe(true);
    expect((await s.call('POST', `/api/disclosures/${d.id}/withdraw`, { token: admin, body: { reason: 'again' } })).status).toBe(409);
    expect((await s.call('PATCH', `/api/disclosures/${d.id}`, { token: admin, body: { title: 'x' } })).status).toBe(409);
    const audit = await s.db.query(`SELECT action FROM audit_log WHERE disclosure_id = $1 AND action LIKE 'disclosure.%' ORDER BY id`, [d.id]);
    expect(audit.rows.map((a) => a.action)).toEqual(expect.arrayContaining(['disclosure.published', 'disclosure.withdrawn']));
  });
});
