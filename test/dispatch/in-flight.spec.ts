import { eventually, publishBody, SINK_SECRET, startStack, type Stack } from '../support/stack.js';

/**
 * An update or a withdrawal committed while a delivery is on its way to the remote: the attempt was claimed with
 * the old revision, so when it lands the worker must send the change (or take the item down) — not record it as
 * delivered and forget. The receiver holds the request open until the test has made the change.
 */
describe('changes made while a delivery is in flight', () => {
  let s: Stack;
  let admin: string;
  beforeAll(async () => {
    s = await startStack({
      // a long timeout: the held request must not time out and be retried, which would hide what is tested
      channels: (sinkUrl) => `channels:
  - name: website
    type: webhook
    label: 政府网站
    carriers: [website]
    settings: { url: ${sinkUrl}/sink/website, secret: ${SINK_SECRET}, timeoutMs: 120000, idempotent: true, allowPrivateNetwork: true }
    queue: { attempts: 3, backoffMs: 50 }
`,
    });
    admin = await s.token();
  });
  afterAll(() => s.close());

  const website = async (id: string) =>
    ((await s.call('GET', `/api/disclosures/${id}`, { token: admin })).body.deliveries as { channel: string; status: string; operation: string }[]).find((d) => d.channel === 'website')!;
  const receiptsOf = (id: string) => s.sink.for('website').filter((r) => (r.body.disclosure as { id: string }).id === id);

  it('sends an update that was saved while the publish was in flight', async () => {
    const held = s.sink.holdNext('website');
    const d = (await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-02', { title: '初稿标题' }) })).body;
    const first = await held.arrived;
    expect((first.body.disclosure as { title: string }).title).toBe('初稿标题');
    const r = await s.call('PATCH', `/api/disclosures/${d.id}`, { token: admin, body: { title: '更正后的标题' } });
    expect(r.status).toBe(200);
    held.release();

    const updated = await eventually(async () => receiptsOf(d.id).find((x) => x.body.event === 'disclosure.update'));
    expect(updated).toBeDefined();
    expect(updated!.body.disclosure).toEqual(expect.objectContaining({ title: '更正后的标题', revision: 2 }));
    expect(await eventually(async () => {
      const w = await website(d.id);
      return w.status === 'delivered' && w.operation === 'update';
    })).toBe(true);
  });

  it('takes down an item withdrawn while its update was in flight', async () => {
    const d = (await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-02', { title: '待撤回' }) })).body;
    expect(await eventually(async () => (await website(d.id)).status === 'delivered')).toBe(true);
    const held = s.sink.holdNext('website');
    expect((await s.call('PATCH', `/api/disclosures/${d.id}`, { token: admin, body: { title: '待撤回（更正）' } })).status).toBe(200);
    expect((await held.arrived).body.event).toBe('disclosure.update');
    const r = await s.call('POST', `/api/disclosures/${d.id}/withdraw`, { token: admin, body: { reason: '发布有误' } });
    expect(r.status).toBe(200);
    held.release();

    const takeDown = await eventually(async () => receiptsOf(d.id).find((x) => x.body.event === 'disclosure.withdraw'));
    expect(takeDown).toBeDefined();
    expect(await eventually(async () => (await website(d.id)).status === 'withdrawn')).toBe(true);
  });
});
