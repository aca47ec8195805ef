import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '../webhook/webhook.signature.js';

type Behaviour = { kind: 'status'; status: number } | { kind: 'hang'; ms: number };

export interface VendorRequest {
  at: string;
  event: string;
  idempotencyKey: string | undefined;
  signatureValid: boolean;
  answered: number;
  body: Record<string, any>;
}

/**
 * A screen vendor's controller, as the screen_vendor channel meets it: it rejects unsigned or stale requests (401),
 * applies each Idempotency-Key once, keeps the notices its boards show (`showing`), and fails the way tests script
 * it (5xx, 4xx, no answer).
 */
export class ScreenVendorFake {
  readonly requests: VendorRequest[] = [];
  /** what the boards show now, by notice id */
  readonly showing = new Map<string, Record<string, any>>();
  private readonly seenKeys = new Map<string, string>();
  private readonly scripts: Behaviour[] = [];
  private server?: http.Server;

  constructor(
    private readonly secret: string,
    private readonly toleranceSeconds = 300,
  ) {}

  get url(): string {
    const addr = this.server?.address() as AddressInfo | null;
    if (!addr) throw new Error('ScreenVendorFake is not listening');
    return `http://127.0.0.1:${addr.port}/api/notices`;
  }

  script(...behaviours: Behaviour[]): void {
    this.scripts.push(...behaviours);
  }

  async listen(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/api/notices') return reply(200, [...this.showing.values()]);
    if (req.method !== 'POST' || req.url !== '/api/notices') return reply(404, { error: 'not found' });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const ts = Number(req.headers['x-gongkai-timestamp']);
    const fresh = Math.abs(Date.now() / 1000 - ts) <= this.toleranceSeconds;
    const signatureValid = fresh && verify(this.secret, ts, raw, req.headers['x-gongkai-signature'] as string | undefined);
    let body: Record<string, any> = {};
    try {
      body = JSON.parse(raw);
    } catch {
      return reply(400, { error: 'body is not JSON' });
    }
    const key = req.headers['idempotency-key'] as string | undefined;
    const behaviour = signatureValid ? this.scripts.shift() : undefined;
    const record: VendorRequest = { at: new Date().toISOString(), event: String(body.event), idempotencyKey: key, signatureValid, answered: 0, body };
    this.requests.push(record);
    if (!signatureValid) return reply((record.answered = 401), { error: 'bad signature' });
    if (behaviour?.kind === 'hang') {
      await new Promise((r) => setTimeout(r, behaviour.ms));
      if (!res.destroyed) res.writeHead(504).end();
      return undefined;
    }
    if (behaviour?.kind === 'status') return reply((record.answered = behaviour.status), { error: `scripted ${behaviour.status}` });
    const notice = body.notice as Record<string, any> | undefined;
    if (!notice?.id) return reply((record.answered = 422), { error: 'notice.id missing' });
    if (key && this.seenKeys.has(key)) return reply((record.answered = 200), { id: this.seenKeys.get(key), duplicate: true });
    const id = `board-${notice.id}`;
    if (body.event === 'notice.withdraw') this.showing.delete(notice.id);
    else if (body.event === 'notice.publish' || body.event === 'notice.update') this.showing.set(notice.id, notice);
    else return reply((record.answered = 422), { error: `unknown event ${body.event}` });
    if (key) this.seenKeys.set(key, id);
    return reply((record.answered = 200), { id });
  }
}
