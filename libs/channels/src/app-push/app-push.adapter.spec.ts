import { AdapterError, type ChannelConfig, type DeliveryContext } from '../adapter.contract.js';
import { AppPushAdapter } from './app-push.adapter.js';
import { AppPushFake } from './app-push.fake.js';
import { signPushRequest } from './app-push.signature.js';

const KEY = 'genhe-app';
const SECRET = 'push-secret-0123456789abcdef';
let fake: AppPushFake;

function channel(settings: Record<string, unknown> = {}): ChannelConfig {
  return {
    name: 'app-push', type: 'app_push', label: '掌上根河', carriers: ['new_media'],
    settings: { apiBase: fake.url, appKey: KEY, appSecret: SECRET, audience: 'all', articleBaseUrl: 'https://www.genhe.gov.cn/gk/{id}', timeoutMs: 800, allowPrivateNetwork: true, ...settings },
    queue: { concurrency: 1, attempts: 3, backoffMs: 10 },
  };
}

function context(over: { id?: string; title?: string; remoteId?: string; revision?: number } = {}): DeliveryContext {
  return {
    delivery: { id: over.id ?? 'b0f1e2d3-0000-4000-8000-00000000000a', carrier: 'new_media', channel: 'app-push', attempt: 1, operation: 'publish', interrupted: false, remoteId: over.remoteId ?? null, remoteUrl: null, state: {} },
    disclosure: {
      id: 'c0ffee00-0000-4000-8000-000000000001', title: over.title ?? '根河市2026年冬季供暖安排', body: '<p>供暖期自10月1日起至次年5月15日止。</p>',
      metadata: {}, generatedAt: '2026-11-24T01:00:00.000Z', dueAt: null, revision: over.revision ?? 1, catalogueCode: 'genhe-zwfw', itemId: '09-03',
      itemPath: [], publisher: '根河市政务服务与数据管理局', office: '', departmentCode: 'genhe-zwfw',
    },
    saveState: async () => undefined,
  };
}

async function failure(p: Promise<unknown>): Promise<AdapterError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AdapterError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

beforeEach(async () => {
  fake = await new AppPushFake({ appKey: KEY, appSecret: SECRET }).listen();
});
afterEach(() => fake.close());

describe('app push adapter against the protocol fake', () => {
  it('posts a signed message keyed by the delivery id and reports the remote id', async () => {
    const adapter = new AppPushAdapter(channel());
    expect(adapter.checkConfig()).toEqual([]);
    const out = await adapter.send(context());
    const m = fake.byMessageId('b0f1e2d3-0000-4000-8000-00000000000a')!;
    expect(out).toEqual({ status: 'delivered', remoteId: m.id, remoteUrl: undefined });
    expect(m).toEqual(expect.objectContaining({
      title: '根河市2026年冬季供暖安排', summary: '供暖期自10月1日起至次年5月15日止。', url: 'https://www.genhe.gov.cn/gk/c0ffee00-0000-4000-8000-000000000001', audience: 'all',
    }));
    expect(fake.requests.at(-1)).toEqual(expect.objectContaining({ signatureValid: true, status: 201 }));
  });

  it('refuses a wrong secret as permanent, naming the settings', async () => {
    const e = await failure(new AppPushAdapter(channel({ appSecret: 'wrong-secret-0123456789' })).send(context()));
    expect(e).toEqual(expect.objectContaining({ kind: 'permanent', message: expect.stringContaining('settings.appSecret') }));
    expect(fake.messages.size).toBe(0);
  });

  it('the fake refuses a replayed nonce and a stale timestamp', async () => {
    const body = JSON.stringify({ messageId: 'x1', title: 't', summary: '', url: 'https://a.b/c', audience: 'all', publishedAt: new Date().toISOString() });
    const ts = String(Math.floor(Date.now() / 1000));
    const headers = (t: string, nonce: string) => ({
      'content-type': 'application/json', 'x-app-key': KEY, 'x-timestamp': t, 'x-nonce': nonce, 'x-signature': signPushRequest(SECRET, 'POST', '/v1/messages', t, nonce, body),
    });
    const first = await fetch(`${fake.url}/v1/messages`, { method: 'POST', headers: headers(ts, 'nonce-0001'), body });
    expect(first.status).toBe(201);
    const replay = await fetch(`${fake.url}/v1/messages`, { method: 'POST', headers: headers(ts, 'nonce-0001'), body });
    expect(await replay.json()).toEqual(expect.objectContaining({ code: 'replayed_nonce' }));
    const stale = String(Number(ts) - 3600);
    const old = await fetch(`${fake.url}/v1/messages`, { method: 'POST', headers: headers(stale, 'nonce-0002'), body });
    expect(await old.json()).toEqual(expect.objectContaining({ code: 'stale_timestamp' }));
  });

  it('treats a duplicate (409 with the original id) as delivered', async () => {
    const adapter = new AppPushAdapter(channel());
    const first = await adapter.send(context());
    const again = await adapter.send(context());
    expect(again).toEqual(expect.objectContaining({ status: 'delivered', remoteId: first.remoteId }));
    expect(fake.messages.size).toBe(1);
    expect(fake.requests.at(-1)!.status).toBe(409);
  });

  it('retries 429 (recording Retry-After) and 5xx', async () => {
    const adapter = new AppPushAdapter(channel());
    fake.failNext('create', 429, 1, '7');
    const limited = await failure(adapter.send(context()));
    expect(limited).toEqual(expect.objectContaining({ kind: 'retryable', details: expect.objectContaining({ retryAfterMs: 7000 }) }));
    fake.failNext('create', 503);
    expect((await failure(adapter.send(context()))).kind).toBe('retryable');
    expect((await adapter.send(context())).status).toBe('delivered');
  });

  it('fails a 4xx permanently with the service\'s message and field', async () => {
    const e = await failure(new AppPushAdapter(channel({ audience: 'Bad Topic' })).send(context()));
    expect(e.kind).toBe('permanent');
    expect(e.details.field).toBe('audience');
    expect(e.message).toContain('HTTP 400');
  });

  it('retries a timeout (idempotent), and the retry finds the message already there', async () => {
    const adapter = new AppPushAdapter(channel());
    fake.script('create', { kind: 'hang', ms: 2000, after: true });
    const e = await failure(adapter.send(context()));
    expect(e.kind).toBe('retryable');
    expect(e.message).toContain('超时');
    const out = await adapter.send(context());
    expect(out.status).toBe('delivered');
    expect(fake.messages.size).toBe(1);
  });

  it('retries a connection dropped after the service took the message: the retry gets 409 and nothing is pushed twice', async () => {
    const adapter = new AppPushAdapter(channel());
    fake.script('create', { kind: 'drop' });
    expect((await failure(adapter.send(context()))).kind).toBe('retryable');
    expect((await adapter.send(context())).status).toBe('delivered');
    expect(fake.messages.size).toBe(1);
    expect(fake.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([0, 409]);
  });

  it('makes a garbled success answer a clear, retryable error that the retry resolves', async () => {
    const adapter = new AppPushAdapter(channel());
    fake.script('create', { kind: 'raw', body: 'OK', after: true });
    const e = await failure(adapter.send(context()));
    expect(e).toEqual(expect.objectContaining({ kind: 'retryable', message: expect.stringContaining('缺少消息 id') }));
    expect((await adapter.send(context())).remoteId).toBe(fake.byMessageId(context().delivery.id)!.id);
  });

  it('never lets a late retry of an older revision undo a newer one: the service answers 409 stale_revision, the update counts as done', async () => {
    const adapter = new AppPushAdapter(channel());
    const { remoteId } = await adapter.send(context());
    await adapter.update!(context({ remoteId, title: '第三版标题', revision: 3 }));
    const late = await adapter.update!(context({ remoteId, title: '第二版标题', revision: 2 }));
    expect(late).toEqual(expect.objectContaining({ status: 'delivered', remoteId }));
    expect(fake.messages.get(remoteId!)).toEqual(expect.objectContaining({ title: '第三版标题', revision: 3 }));
    // the same revision again (a retry after a lost answer) is applied idempotently
    expect(await adapter.update!(context({ remoteId, title: '第三版标题', revision: 3 }))).toEqual({ status: 'delivered', remoteId });
  });

  it('updates in place with PUT and withdraws with DELETE (a message already gone counts as withdrawn)', async () => {
    const adapter = new AppPushAdapter(channel());
    const { remoteId } = await adapter.send(context());
    const upd = await adapter.update!(context({ remoteId, title: '根河市2026年冬季供暖安排（更正）', revision: 2 }));
    expect(upd).toEqual({ status: 'delivered', remoteId });
    expect(fake.messages.get(remoteId!)).toEqual(expect.objectContaining({ title: '根河市2026年冬季供暖安排（更正）', revision: 2 }));
    await adapter.withdraw!(context({ remoteId }));
    expect(fake.messages.get(remoteId!)!.recalled).toBe(true);
    await expect(adapter.withdraw!(context({ remoteId }))).resolves.toBeUndefined();
    const gone = await failure(adapter.update!(context({ remoteId, revision: 3 })));
    expect(gone).toEqual(expect.objectContaining({ kind: 'permanent', message: expect.stringContaining('HTTP 404') }));
  });
});
