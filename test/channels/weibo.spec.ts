import { WeiboFake } from '../../libs/channels/src/index.js';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';

const TOKEN = '2.00weibo_token_0123456789';
const DOMAIN = 'www.genhe.gov.cn';

/** 微博 through the real pipeline: API → queue → worker → Weibo fake (statuses/share.json, statuses/destroy.json). */
describe('weibo channel end to end', () => {
  let s: Stack;
  let admin: string;
  let fake: WeiboFake;

  beforeAll(async () => {
    fake = await new WeiboFake({ accessToken: TOKEN, safeDomain: DOMAIN }).listen();
    s = await startStack({
      channels: () => `channels:
  - name: weibo
    type: weibo
    label: 政务微博
    carriers: [new_media]
    settings:
      apiBase: ${fake.url}
      accessToken: \${TEST_WEIBO_TOKEN}
      safeDomain: ${DOMAIN}
      articleBaseUrl: https://${DOMAIN}/gk/{id}
      clientIp: 203.0.113.7
      statusUrlBase: ${fake.url}/status
      destroyUrl: ${fake.url}/2/statuses/destroy.json
      timeoutMs: 1500
      allowPrivateNetwork: true
    queue: { attempts: 3, backoffMs: 100 }
`,
      env: { TEST_WEIBO_TOKEN: TOKEN },
    });
    admin = await s.token();
  });
  afterAll(async () => {
    await s.close();
    await fake.close();
  });

  let n = 0;
  const publish = async () => {
    // Weibo refuses repeated text, so every disclosure here has its own title
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:09-01', { title: `根河市政务服务工作动态（第${++n}期）`, body: '<p>本周办件量稳步上升。</p>' }) });
    expect(r.status).toBe(201);
    return r.body as { id: string };
  };
  const delivery = async (id: string) => (await s.call('GET', `/api/disclosures/${id}`, { token: admin })).body.deliveries.find((x: { channel: string }) => x.channel === 'weibo');
  const settled = (id: string) =>
    eventually(async () => {
      const x = await delivery(id);
      return x && ['delivered', 'failed', 'unconfirmed'].includes(x.status) ? x : undefined;
    }, 30000);

  it('posts 【title】summary with the link under the safe domain and records the status URL', async () => {
    const d = await publish();
    const x = await settled(d.id);
    const posted = fake.posted.at(-1)!;
    expect(x).toEqual(expect.objectContaining({ status: 'delivered', attempts: 1, remoteId: posted.idstr, remoteUrl: `${fake.url}/status/${posted.idstr}` }));
    expect(posted.text).toBe(`【根河市政务服务工作动态（第${n}期）】本周办件量稳步上升。 https://${DOMAIN}/gk/${d.id}`);
  });

  it('retries rate limits (10023, 10022), then delivers', async () => {
    fake.failNext('share', 10023);
    fake.failNext('share', 10022);
    const x = await settled((await publish()).id);
    expect(x).toEqual(expect.objectContaining({ status: 'delivered', attempts: 3 }));
  });

  it('fails an expired token at once, telling the operator to re-authorise', async () => {
    fake.expireToken();
    try {
      const x = await settled((await publish()).id);
      expect(x).toEqual(expect.objectContaining({ status: 'failed', attempts: 1 }));
      expect(x.lastError).toMatch(/access_token 已过期.*WEIBO_ACCESS_TOKEN/);
    } finally {
      fake.authorise(TOKEN);
    }
  });

  it('fails permanently when Weibo says the link is not under the safe domain (10017)', async () => {
    fake.failNext('share', 10017);
    const x = await settled((await publish()).id);
    expect(x).toEqual(expect.objectContaining({ status: 'failed', attempts: 1 }));
    expect(x.lastError).toContain('settings.safeDomain');
  });

  it('marks a timed-out share unconfirmed rather than posting twice', async () => {
    const before = fake.posted.length;
    fake.script('share', { kind: 'hang', ms: 3000, after: true });
    const x = await settled((await publish()).id);
    expect(x.status).toBe('unconfirmed');
    expect(x.attempts).toBe(1);
    expect(fake.posted.length).toBe(before + 1);
  });

  it('marks a share answered by a gateway error unconfirmed and never posts it again', async () => {
    const before = fake.posted.length;
    fake.script('share', { kind: 'status', status: 502, after: true });
    const d = await publish();
    const x = await settled(d.id);
    expect(x).toEqual(expect.objectContaining({ status: 'unconfirmed', attempts: 1 }));
    expect(x.lastError).toContain('HTTP 502');
    // a later disclosure goes out; Weibo would now take the first text again, and nothing resends it
    await settled((await publish()).id);
    expect(fake.posted.filter((p) => p.text.includes(d.id))).toHaveLength(1);
    expect(fake.posted.length).toBe(before + 2);
  });

  it('marks a garbled answer unconfirmed with a clear error', async () => {
    fake.script('share', { kind: 'raw', body: '<html>网关错误</html>', after: true });
    const x = await settled((await publish()).id);
    expect(x.status).toBe('unconfirmed');
    expect(x.lastError).toContain('不是 JSON');
  });

  it('deletes the status when the disclosure is withdrawn', async () => {
    const d = await publish();
    const x = await settled(d.id);
    expect(x.status).toBe('delivered');
    await s.call('POST', `/api/disclosures/${d.id}/withdraw`, { token: admin, body: { reason: '信息有误，撤回' } });
    expect(await eventually(async () => ((await delivery(d.id)).status === 'withdrawn' ? true : undefined))).toBe(true);
    expect(fake.statuses.get(x.remoteId)!.deleted).toBe(true);
  });
});
