import { AppPushFake } from '../../libs/channels/src/index.js';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';

const KEY = 'genhe-app';
const SECRET = 'push-secret-0123456789abcdef';

/** The city app's push service through the real pipeline, against a fake that verifies every signature. */
describe('app_push channel end to end', () => {
  let s: Stack;
  let admin: string;
  let fake: AppPushFake;

  beforeAll(async () => {
    fake = await new AppPushFake({ appKey: KEY, appSecret: SECRET }).listen();
    s = await startStack({
      channels: () => `channels:
  - name: app-push
    type: app_push
    label: 掌上根河
    carriers: [new_media]
    settings:
      apiBase: ${fake.url}
      appKey: ${KEY}
      appSecret: \${TEST_APP_PUSH_SECRET}
      audience: all
      articleBaseUrl: https://www.genhe.gov.cn/gk/{id}
      timeoutMs: 1000
      allowPrivateNetwork: true
    queue: { attempts: 3, backoffMs: 100 }
`,
      env: { TEST_APP_PUSH_SECRET: SECRET },
    });
    admin = await s.token();
  });
  afterAll(async () => {
    await s.close();
    await fake.close();
  });

  const publish = async (title = '根河市冬季供暖安排') => {
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:09-01', { title, body: '<p>供暖期自10月1日起。</p>' }) });
    expect(r.status).toBe(201);
    return r.body as { id: string };
  };
  const delivery = async (id: string) => (await s.call('GET', `/api/disclosures/${id}`, { token: admin })).body.deliveries.find((x: { channel: string }) => x.channel === 'app-push');
  const settled = (id: string) =>
    eventually(async () => {
      const x = await delivery(id);
      return x && ['delivered', 'failed', 'unconfirmed'].includes(x.status) ? x : undefined;
    }, 30000);

  it('pushes a signed message keyed by the delivery id', async () => {
    const d = await publish();
    const x = await settled(d.id);
    const m = fake.byMessageId(x.id)!;
    expect(x).toEqual(expect.objectContaining({ status: 'delivered', attempts: 1, remoteId: m.id }));
    expect(m).toEqual(expect.objectContaining({ title: '根河市冬季供暖安排', summary: '供暖期自10月1日起。', url: `https://www.genhe.gov.cn/gk/${d.id}`, audience: 'all' }));
    expect(fake.requests.filter((r) => r.signatureValid === false)).toHaveLength(0);
  });

  it('retries a 429, recording its Retry-After, and delivers on the next attempt', async () => {
    fake.failNext('create', 429, 1, '1');
    const x = await settled((await publish()).id);
    expect(x).toEqual(expect.objectContaining({ status: 'delivered', attempts: 2 }));
    const attempts = (await s.db.query(`SELECT outcome, details FROM audit_log WHERE delivery_id = $1 AND action = 'delivery.attempt' ORDER BY id`, [x.id])).rows;
    expect(attempts.map((a) => a.outcome)).toEqual(['queued', 'delivered']);
    expect(attempts[0].details).toEqual(expect.objectContaining({ kind: 'retryable', status: 429, retryAfterMs: 1000 }));
  });

  it('retries a lost answer; the service answers 409 with the original id and nothing is pushed twice', async () => {
    fake.script('create', { kind: 'hang', ms: 2500, after: true });
    const x = await settled((await publish()).id);
    expect(x).toEqual(expect.objectContaining({ status: 'delivered', attempts: 2, remoteId: fake.byMessageId(x.id)!.id }));
    expect([...fake.messages.values()].filter((m) => m.messageId === x.id)).toHaveLength(1);
    expect(fake.requests.filter((r) => r.method === 'POST').at(-1)!.status).toBe(409);
  });

  it('fails a 4xx at once with the service\'s message', async () => {
    fake.script('create', { kind: 'status', status: 400, body: JSON.stringify({ code: 'invalid_request', message: 'title contains a forbidden word', field: 'title' }) });
    const x = await settled((await publish()).id);
    expect(x).toEqual(expect.objectContaining({ status: 'failed', attempts: 1 }));
    expect(x.lastError).toContain('title contains a forbidden word');
  });

  it('re-sends an updated disclosure in place and recalls a withdrawn one', async () => {
    const d = await publish('根河市冬季供暖安排（初稿）');
    const x = await settled(d.id);
    const r = await s.call('PATCH', `/api/disclosures/${d.id}`, { token: admin, body: { title: '根河市冬季供暖安排（更正）' } });
    expect(r.status).toBe(200);
    const m = fake.messages.get(x.remoteId)!;
    expect(await eventually(async () => (m.title === '根河市冬季供暖安排（更正）' ? true : undefined))).toBe(true);
    expect(m.revision).toBe(2);
    await eventually(async () => ((await delivery(d.id)).status === 'delivered' ? true : undefined));
    await s.call('POST', `/api/disclosures/${d.id}/withdraw`, { token: admin, body: { reason: '活动取消' } });
    expect(await eventually(async () => ((await delivery(d.id)).status === 'withdrawn' ? true : undefined))).toBe(true);
    expect(m.recalled).toBe(true);
  });
});
