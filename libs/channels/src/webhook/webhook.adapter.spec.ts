import type { ChannelConfig, DeliveryContext } from '../adapter.contract.js';
import { AdapterError } from '../adapter.contract.js';
import { WebhookAdapter } from './webhook.adapter.js';
import { WebhookFake } from './webhook.fake.js';

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

  it('signs the body and sends the delivery id as Idempotency-Key', async () => {
    const out = await new WebhookAdapter(channel(`${fake.url}/sink/website`)).send(ctx());
    expect(out).toEqual(expect.objectContaining({ status: 'delivered', remoteId: 'website-d-1' }));
    expect(fake.receipts.at(-1)).toEqual(expect.objectContaining({ signatureValid: true, idempotencyKey: 'd-1' }));
  });

  it('classifies failures: 5xx and 429 retryable, 4xx permanent, a refused connection retryable', async () => {
    const a = new WebhookAdapter(channel(`${fake.url}/sink/website`));
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
    expect((await failure(new WebhookAdapter(channel(`${fake.url}/sink/website`)).send(ctx()))).kind).toBe('retryable');
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
      expect((await failure(new WebhookAdapter(channel(url)).send(ctx()))).kind).toBe('retryable');
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

  it('names bad settings at boot', () => {
    expect(new WebhookAdapter(channel('not a url', { secret: 'short' })).checkConfig()).toEqual([
      'channel website: settings.url is not a valid URL',
      'channel website: settings.secret must be at least 16 characters',
    ]);
  });
});
