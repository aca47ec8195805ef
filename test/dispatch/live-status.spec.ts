import { publishBody, startStack, type Stack } from '../support/stack.js';

/** The back office's live view: server-sent events carry each change of a disclosure's deliveries. */
describe('live delivery status', () => {
  let s: Stack;
  let admin: string;
  beforeAll(async () => {
    s = await startStack();
    admin = await s.token();
  });
  afterAll(() => s.close());

  it('streams the disclosure as its deliveries change, up to delivered', async () => {
    s.sink.failNext('website', 2, 502);
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:01-09') });
    const ctrl = new AbortController();
    const res = await fetch(`${s.url.replace('[::1]', '127.0.0.1')}/api/disclosures/${r.body.id}/events`, { headers: { authorization: `Bearer ${admin}` }, signal: ctrl.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const seen: string[] = [];
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = res.body!.getReader();
    const deadline = Date.now() + 20000;
    while (Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (const block of buffer.split('\n\n').slice(0, -1)) {
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data) seen.push(JSON.parse(data.slice(6)).status);
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
      if (seen.at(-1) === 'delivered') break;
    }
    ctrl.abort();
    expect(seen.at(-1)).toBe('delivered');
    expect(seen.length).toBeGreaterThanOrEqual(1);
    const noAuth = await fetch(`${s.url.replace('[::1]', '127.0.0.1')}/api/disclosures/${r.body.id}/events`);
    expect(noAuth.status).toBe(401);
  });
});
