import type { ChannelConfig, DeliveryContext } from '../adapter.contract.js';
import { AdapterError } from '../adapter.contract.js';
import http from 'node:http';
import { WebhookAdapter } from './webhook.adapter.js';
import { WebhookFake } from './webhook.fake.js';
import { standardSignature, verifyStandard } from './webhook.signature.js';

const SECRET = 'webhook-secret-0123456789';
const channel = (url: string, settings: Record<string, unknown> = {}): ChannelConfig => ({
  name: 'website', type: 'webhook', label: '网站', carriers: ['website'],
  settings: { url, secret: SECRET, timeoutMs: 300, allowPrivateNetwork: true, ...settings },
  queue: { concurrency: 1, attempts: 3, backoffMs: 10 },
});
const ctx = (): DeliveryContext => ({
  delivery: { id: 'd-1', carrier: 'website', channel: 'website', attempt: 1, operation: 'publish', interrupted: false, remoteId: null, remoteUrl: null, state: {} },
  disclosure: { id: 'x', title: '标题', body: '正文', metadata: {}, generatedAt: '', dueAt: null, revision: 1, catalogueCode: 'c', itemId: 'i', itemPath: [], publisher: 'p', office: 'o', departmentCode: 'd' },
  saveState: async () => undefined,
});
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err as AdapterError;
  }
  throw new Error('expected a failure');
};

describe('webhook adapter against the signed-webhook fake', () => {
  let fake: WebhookFake;
  beforeAll(async () => {
    fake = await new WebhookFake(SECRET).listen();
  });
  afterAll(() => fake.close());

  it('signs the body and sends the delivery id as webhook-id', async () => {
    const out = await new WebhookAdapter(channel(`${fake.url}/sink/website`)).send(ctx());
    expect(out).toEqual(expect.objectContaining({ status: 'delivered', remoteId: 'website-d-1' }));
    expect(fake.receipts.at(-1)).toEqual(expect.objectContaining({ signatureValid: true, idempotencyKey: 'd-1' }));
  });

  /** The headers the adapter sends, caught by a plain server. */
  const capture = async (settings: Record<string, unknown> = {}) => {
    let got: { headers: http.IncomingHttpHeaders; body: string } | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      await new WebhookAdapter(channel(`http://127.0.0.1:${(server.address() as { port: number }).port}/x`, settings)).send(ctx());
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
    return got!;
  };

  it('signs id.timestamp.body the Standard Webhooks way, one signature per secret during a rotation, and keeps the old headers for one release', async () => {
    const { headers, body } = await capture({ previousSecrets: ['old-secret-0123456789abcdef'] });
    const id = String(headers['webhook-id']);
    const ts = Number(headers['webhook-timestamp']);
    expect(id).toBe('d-1');
    expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(5);
    const sigs = String(headers['webhook-signature']).split(' ');
    expect(sigs).toEqual([standardSignature(SECRET, id, ts, body), standardSignature('old-secret-0123456789abcdef', id, ts, body)]);
    expect(sigs[0]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(verifyStandard('old-secret-0123456789abcdef', id, ts, body, String(headers['webhook-signature']))).toBe(true);
    // the same request under another id does not verify: the id is signed
    expect(verifyStandard(SECRET, 'd-2', ts, body, String(headers['webhook-signature']))).toBe(false);
    expect(headers['idempotency-key']).toBe('d-1');
    expect(headers['x-gongkai-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    const modern = await capture({ legacyHeaders: false });
    expect(modern.headers['x-gongkai-signature']).toBeUndefined();
    expect(modern.headers['idempotency-key']).toBeUndefined();
  });

  it('reproduces the Standard Webhooks test vector (the spec\'s libraries\' own: whsec_MfKQ…, msg_p5jX…, 1614265330)', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"test": 2432232314}';
    expect(standardSignature(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(verifyStandard(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body, 'v1,bm90IHRoaXMgb25l v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=')).toBe(true);
  });

  it('never puts a full stop in webhook-id: the spec forbids it (id.timestamp.body is split on dots)', async () => {
    const a = new WebhookAdapter(channel(`${fake.url}/sink/ids`));
    const c = ctx();
    await a.send(c);
    await a.update!({ ...c, disclosure: { ...c.disclosure, revision: 2 } });
    await a.withdraw!(c);
    const ids = fake.for('ids').map((r) => r.idempotencyKey);
    expect(ids).toEqual(['d-1', 'd-1:r2', 'd-1:withdraw']);
    expect(ids.some((id) => id?.includes('.'))).toBe(false);
  });

  it('uses a whsec_ secret as the bytes it encodes, as the Standard Webhooks libraries do', () => {
    const key = Buffer.from('0123456789abcdef0123456789abcdef');
    const whsec = `whsec_${key.toString('base64')}`;
    expect(standardSignature(whsec, 'msg_1', 1700000000, '{}')).toBe(standardSignature(key.toString('utf8'), 'msg_1', 1700000000, '{}'));
  });

  it('the fake, like a correct receiver, refuses a replay under a new id, a stale timestamp, and applies each id once', async () => {
    const { headers, body } = await capture();
    const post = (h: Record<string, string>) => fetch(`${fake.url}/sink/replay`, { method: 'POST', headers: { 'content-type': 'application/json', ...h }, body });
    const base = { 'webhook-id': String(headers['webhook-id']), 'webhook-timestamp': String(headers['webhook-timestamp']), 'webhook-signature': String(headers['webhook-signature']) };
    expect((await post(base)).status).toBe(200);
    const again = await post(base);
    expect(again.status).toBe(200);
    expect(fake.for('replay').map((r) => r.duplicate)).toEqual([false, true]);
    expect((await post({ ...base, 'webhook-id': 'd-1-replayed' })).status).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 600;
    expect((await post({ ...base, 'webhook-timestamp': String(old), 'webhook-signature': standardSignature(SECRET, base['webhook-id'], old, body) })).status).toBe(401);
    expect(fake.for('replay').map((r) => r.rejected)).toEqual([undefined, undefined, 'signature', 'stale']);
    expect(fake.appliedFor('replay')).toHaveLength(1);
  });

  it('is not idempotent unless the channel says so: a timeout is unconfirmed by default', async () => {
    expect(new WebhookAdapter(channel(`${fake.url}/sink/website`)).idempotent).toBe(false);
    fake.hangNext('website', 1, 2000);
    expect((await failure(new WebhookAdapter(channel(`${fake.url}/sink/website`)).send(ctx()))).kind).toBe('unknown_outcome');
  });

  it('a connection dropped after the receiver applied the request: unconfirmed, or resent once and deduplicated by id', async () => {
    fake.dropNext('dropped', 2);
    const strict = await failure(new WebhookAdapter(channel(`${fake.url}/sink/dropped`)).send({ ...ctx(), delivery: { ...ctx().delivery, id: 'd-strict' } }));
    expect(strict.kind).toBe('unknown_outcome');
    const dedup = new WebhookAdapter(channel(`${fake.url}/sink/dropped`, { idempotent: true }));
    const c = { ...ctx(), delivery: { ...ctx().delivery, id: 'd-dedup' } };
    expect((await failure(dedup.send(c))).kind).toBe('retryable');
    expect((await dedup.send(c)).status).toBe('delivered');
    expect(fake.appliedFor('dropped').map((r) => r.idempotencyKey)).toEqual(['d-strict', 'd-dedup']);
  });

  it('classifies failures: 5xx and 429 retryable, 4xx permanent, a refused connection retryable', async () => {
    const a = new WebhookAdapter(channel(`${fake.url}/sink/website`, { idempotent: true }));
    fake.failNext('website', 1, 503);
    expect((await failure(a.send(ctx()))).kind).toBe('retryable');
    fake.failNext('website', 1, 429);
    expect((await failure(a.send(ctx()))).kind).toBe('retryable');
    fake.failNext('website', 1, 422);
    expect((await failure(a.send(ctx()))).kind).toBe('permanent');
    expect((await failure(new WebhookAdapter(channel('http://127.0.0.1:9/sink/x')).send(ctx()))).kind).toBe('retryable');
  });

  it('treats a timeout as retryable only when the receiver deduplicates', async () => {
    fake.hangNext('website', 2, 2000);
    expect((await failure(new WebhookAdapter(channel(`${fake.url}/sink/website`, { idempotent: true })).send(ctx()))).kind).toBe('retryable');
    expect((await failure(new WebhookAdapter(channel(`${fake.url}/sink/website`, { idempotent: false })).send(ctx()))).kind).toBe('unknown_outcome');
  });

  it('treats a connection dropped mid-reply as a possible arrival: retried only when the receiver deduplicates', async () => {
    const http = await import('node:http');
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"id":');
        setTimeout(() => res.socket?.destroy(), 20);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/x`;
    try {
      expect((await failure(new WebhookAdapter(channel(url, { idempotent: true })).send(ctx()))).kind).toBe('retryable');
      expect((await failure(new WebhookAdapter(channel(url, { idempotent: false })).send(ctx()))).kind).toBe('unknown_outcome');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('refuses loopback and private targets unless the channel allows them (no SSRF)', async () => {
    for (const url of ['http://127.0.0.1:1/x', 'http://10.0.0.8/x', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x', 'http://localhost/x']) {
      const err = await failure(new WebhookAdapter(channel(url, { allowPrivateNetwork: false })).send(ctx()));
      expect(err.kind).toBe('permanent');
      expect(err.message).toMatch(/allowPrivateNetwork/);
    }
  });

  it('records a Retry-After sent with 503 or 429 in the failure details, and treats 410 Gone as the receiver asking to stop', async () => {
    const a = new WebhookAdapter(channel(`${fake.url}/sink/website`, { idempotent: true }));
    fake.failNext('website', 1, 503, { 'retry-after': '120' });
    const busy = await failure(a.send(ctx()));
    expect(busy.kind).toBe('retryable');
    expect(busy.details).toEqual(expect.objectContaining({ status: 503, retryAfterMs: 120_000 }));
    fake.failNext('website', 1, 410);
    const gone = await failure(a.send(ctx()));
    expect(gone.kind).toBe('permanent');
    expect(gone.message).toMatch(/410 Gone/);
  });

  it('refuses a whsec_ secret that is not 24 to 64 base64-encoded bytes (Standard Webhooks key size)', () => {
    const problems = (secret: string, previousSecrets?: string[]) => new WebhookAdapter(channel('https://cms.example.gov.cn/hook', { secret, previousSecrets })).checkConfig();
    expect(problems('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toEqual([]);
    expect(problems(`whsec_${Buffer.alloc(16, 7).toString('base64')}`)).toEqual([
      'channel website: settings.secret is a whsec_ secret of 16 bytes; Standard Webhooks keys are 24 to 64 random bytes',
    ]);
    expect(problems('whsec_not*base64*at*all*here')).toEqual(['channel website: settings.secret is a whsec_ secret whose rest is not base64']);
    expect(problems(SECRET, [`whsec_${Buffer.alloc(65, 1).toString('base64')}`])).toEqual([
      'channel website: settings.previousSecrets: is a whsec_ secret of 65 bytes; Standard Webhooks keys are 24 to 64 random bytes',
    ]);
  });

  it('names bad settings at boot', () => {
    expect(new WebhookAdapter(channel('not a url', { secret: 'short' })).checkConfig()).toEqual([
      'channel website: settings.url is not a valid URL',
      'channel website: settings.secret must be at least 16 characters',
    ]);
  });
});
