import { eventually, publishBody, startStack, TERMINAL, type Stack } from '../support/stack.js';

/** GET /api/channels and /api/channels/health: each channel's last success and failure from recent deliveries. */
describe('channel health', () => {
  let s: Stack;
  let admin: string;
  beforeAll(async () => {
    s = await startStack();
    admin = await s.token();
  });
  afterAll(() => s.close());

  it('lists the configured channels with their last health check from recent deliveries', async () => {
    s.sink.failNext('gazette', 1, 400);
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-01') });
    await eventually(async () => {
      const d = (await s.call('GET', `/api/disclosures/${r.body.id}`, { token: admin })).body;
      return d.deliveries.every((x: { status: string }) => TERMINAL.includes(x.status));
    });
    const list = (await s.call('GET', '/api/channels', { token: admin })).body.items;
    expect(list.map((c: { name: string }) => c.name)).toEqual(['website', 'gazette', 'new-media', 'screens', 'targeted-push', 'manual']);
    const health = (await s.call('GET', '/api/channels/health', { token: admin })).body.items;
    expect(health.find((h: { channel: string }) => h.channel === 'website')).toEqual(expect.objectContaining({ status: 'ok', healthy: true }));
    expect(health.find((h: { channel: string }) => h.channel === 'gazette')).toEqual(expect.objectContaining({ status: 'failing', lastError: expect.stringMatching(/HTTP 400/) }));
    expect(health.find((h: { channel: string }) => h.channel === 'new-media')).toEqual(expect.objectContaining({ status: 'unknown' }));
  });
});
