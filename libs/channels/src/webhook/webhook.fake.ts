import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from './webhook.signature.js';

export interface Receipt {
  sink: string;
  at: string;
  idempotencyKey: string | undefined;
  signatureValid: boolean | null;
  body: Record<string, unknown>;
  answered: number;
}

type Behaviour = { kind: 'status'; status: number } | { kind: 'hang'; ms: number };

/**
 * A local receiver that speaks the signed-webhook protocol: it checks the signature, records every request,
 * and answers like a real CMS would — including the failures tests script (5xx, 4xx, hanging past the
 * timeout). `npm start` serves one as the demo sinks so a newcomer sees the fan-out arrive.
 */
export class WebhookFake {
  readonly receipts: Receipt[] = [];
  private server?: http.Server;
  private readonly scripts = new Map<string, Behaviour[]>();
  private readonly listeners = new Set<(r: Receipt) => void>();

  constructor(private readonly secret?: string) {}

  get url(): string {
    const addr = this.server?.address() as AddressInfo | null;
    if (!addr) throw new Error('WebhookFake is not listening');
    return `http://127.0.0.1:${addr.port}`;
  }

  /** The next requests to `sink` get these answers in order, then it answers 200 again. */
  script(sink: string, ...behaviours: Behaviour[]): void {
    this.scripts.set(sink, [...(this.scripts.get(sink) ?? []), ...behaviours]);
  }

  failNext(sink: string, times: number, status = 503): void {
    this.script(sink, ...Array.from({ length: times }, () => ({ kind: 'status' as const, status })));
  }

  hangNext(sink: string, times: number, ms: number): void {
    this.script(sink, ...Array.from({ length: times }, () => ({ kind: 'hang' as const, ms })));
  }

  for(sink: string): Receipt[] {
    return this.receipts.filter((r) => r.sink === sink);
  }

  onReceipt(fn: (r: Receipt) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sink');
    const match = /^\/sink\/([a-z0-9_-]+)$/.exec(url.pathname);
    if (req.method === 'GET') return this.show(match?.[1], res);
    if (req.method !== 'POST' || !match) {
      res.writeHead(404).end();
      return;
    }
    const sink = match[1];
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"body is not JSON"}');
      return;
    }
    const ts = Number(req.headers['x-gongkai-timestamp']);
    const signatureValid = this.secret ? verify(this.secret, ts, raw, req.headers['x-gongkai-signature'] as string | undefined) : null;
    const behaviour = this.scripts.get(sink)?.shift();
    const status = signatureValid === false ? 401 : behaviour?.kind === 'status' ? behaviour.status : 200;
    const receipt: Receipt = {
      sink,
      at: new Date().toISOString(),
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      signatureValid,
      body,
      answered: behaviour?.kind === 'hang' ? 0 : status,
    };
    this.receipts.push(receipt);
    for (const fn of this.listeners) fn(receipt);
    if (behaviour?.kind === 'hang') {
      await new Promise((r) => setTimeout(r, behaviour.ms).unref());
      if (!res.destroyed) res.writeHead(504).end();
      return;
    }
    const id = String(body.remoteId ?? `${sink}-${receipt.idempotencyKey ?? this.receipts.length}`);
    const answer = status < 300 ? { id, url: `${this.url}/sink/${sink}#${id}` } : { error: `scripted ${status}` };
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  private show(sink: string | undefined, res: http.ServerResponse): void {
    const list = sink ? this.for(sink) : this.receipts;
    if (sink) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(list, null, 2));
      return;
    }
    const rows = list
      .slice(-200)
      .reverse()
      .map((r) => {
        const d = (r.body.disclosure ?? {}) as Record<string, unknown>;
        return `<tr><td>${esc(r.at)}</td><td>${esc(r.sink)}</td><td>${esc(String(r.body.carrier ?? ''))}</td><td>${esc(String(d.title ?? ''))}</td><td>${r.signatureValid === false ? '签名无效' : '签名有效'}</td><td>${r.answered}</td></tr>`;
      })
      .join('');
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>演示接收端</title><meta http-equiv="refresh" content="5">` +
          `<body style="font-family:sans-serif"><h1>演示渠道接收端（共 ${list.length} 条）</h1><table border="1" cellpadding="4">` +
          `<tr><th>时间</th><th>渠道</th><th>载体</th><th>标题</th><th>签名</th><th>应答</th></tr>${rows}</table></body></html>`,
      );
  }
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
