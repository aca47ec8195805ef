import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyStandard } from './webhook.signature.js';

export interface Receipt {
  sink: string;
  at: string;
  /** webhook-id: the delivery's idempotency key */
  idempotencyKey: string | undefined;
  signatureValid: boolean | null;
  body: Record<string, unknown>;
  /** the status answered; 0 when the request was left unanswered (a hang, a dropped connection) */
  answered: number;
  /** a repeat of an id this receiver already applied: answered with the first reply, applied nothing */
  duplicate: boolean;
  /** why a request was refused before it was looked at: a bad signature, or a timestamp outside the tolerance */
  rejected?: 'signature' | 'stale';
}

type Behaviour = { kind: 'status'; status: number; headers?: Record<string, string> } | { kind: 'hang'; ms: number } | { kind: 'drop' } | { kind: 'hold'; gate: Hold };

/** A request held open by the receiver: `arrived` resolves once it is applied; `release()` sends the 200. */
export interface Hold {
  arrived: Promise<Receipt>;
  release(): void;
}

/** A timestamp further than this from the receiver's clock is refused (Standard Webhooks suggests 5 minutes). */
export const WEBHOOK_TOLERANCE_S = 300;

/**
 * A local receiver that speaks the signed-webhook protocol as a correct receiver does: it verifies the Standard
 * Webhooks signature, refuses timestamps outside the tolerance (a replayed request), applies each webhook-id once
 * and answers a repeat with the first reply. It records every request and can fail the ways tests script (5xx,
 * 4xx, hanging past the timeout, dropping the connection after applying). `npm start` serves one as the demo sinks.
 */
export class WebhookFake {
  readonly receipts: Receipt[] = [];
  private server?: http.Server;
  private readonly scripts = new Map<string, Behaviour[]>();
  private readonly listeners = new Set<(r: Receipt) => void>();
  /** sink → webhook-id → the reply the first request got */
  private readonly applied = new Map<string, Map<string, { status: number; answer: Record<string, unknown> }>>();

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

  /** `headers`: sent with the failure, e.g. a Retry-After with 429 or 503 */
  failNext(sink: string, times: number, status = 503, headers?: Record<string, string>): void {
    this.script(sink, ...Array.from({ length: times }, () => ({ kind: 'status' as const, status, headers })));
  }

  hangNext(sink: string, times: number, ms: number): void {
    this.script(sink, ...Array.from({ length: times }, () => ({ kind: 'hang' as const, ms })));
  }

  /**
   * The next request to `sink` is applied and then held unanswered until the test releases it: the way to make
   * something happen (an update, a withdrawal) while a delivery is in flight, without guessing at timing.
   */
  holdNext(sink: string): Hold {
    let arrive!: (r: Receipt) => void;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const gate: Hold & { arrive: (r: Receipt) => void; released: Promise<void> } = {
      arrived: new Promise<Receipt>((r) => (arrive = r)),
      release: () => release(),
      arrive: (r) => arrive(r),
      released,
    };
    this.script(sink, { kind: 'hold', gate });
    return gate;
  }

  /** The next requests to `sink` are applied, then their connection is cut before any answer. */
  dropNext(sink: string, times: number): void {
    this.script(sink, ...Array.from({ length: times }, () => ({ kind: 'drop' as const })));
  }

  /** Requests to `sink` this receiver applied (the first of each webhook-id, whatever the client heard). */
  appliedFor(sink: string): Receipt[] {
    return this.for(sink).filter((r) => !r.duplicate && !r.rejected && (r.answered === 0 || (r.answered >= 200 && r.answered < 300)));
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
    const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    const key = header('webhook-id') ?? header('idempotency-key');
    const ts = Number(header('webhook-timestamp'));
    const signatureValid = this.secret ? verifyStandard(this.secret, key ?? '', ts, raw, header('webhook-signature')) : null;
    const stale = this.secret !== undefined && !(Math.abs(Date.now() / 1000 - ts) <= WEBHOOK_TOLERANCE_S);
    const rejected = signatureValid === false ? 'signature' : stale ? 'stale' : undefined;
    const behaviour = this.scripts.get(sink)?.shift();
    const seen = key !== undefined ? this.appliedIn(sink).get(key) : undefined;
    const status = rejected ? 401 : behaviour?.kind === 'status' ? behaviour.status : seen ? seen.status : 200;
    const unanswered = !rejected && (behaviour?.kind === 'hang' || behaviour?.kind === 'drop');
    const receipt: Receipt = {
      sink,
      at: new Date().toISOString(),
      idempotencyKey: key,
      signatureValid,
      body,
      answered: unanswered ? 0 : status,
      duplicate: !rejected && !!seen,
      ...(rejected ? { rejected } : {}),
    };
    this.receipts.push(receipt);
    for (const fn of this.listeners) fn(receipt);
    if (rejected) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: rejected === 'stale' ? 'timestamp outside the tolerance' : 'bad signature' }));
      return;
    }
    const id = String(body.remoteId ?? `${sink}-${key ?? this.receipts.length}`);
    const answer = status < 300 ? (seen?.answer ?? { id, url: `${this.url}/sink/${sink}#${id}` }) : { error: `scripted ${status}` };
    // a request that was taken (2xx, or work done before the answer got lost) is applied once per id
    if (!seen && key !== undefined && (unanswered || status < 300)) this.appliedIn(sink).set(key, { status: 200, answer });
    if (behaviour?.kind === 'hang') {
      await new Promise((r) => setTimeout(r, behaviour.ms).unref());
      if (!res.destroyed) res.writeHead(504).end();
      return;
    }
    if (behaviour?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (behaviour?.kind === 'hold') {
      const gate = behaviour.gate as Hold & { arrive: (r: Receipt) => void; released: Promise<void> };
      gate.arrive(receipt);
      await gate.released;
    }
    const extra = behaviour?.kind === 'status' ? behaviour.headers : undefined;
    res.writeHead(status, { ...extra, 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  private appliedIn(sink: string): Map<string, { status: number; answer: Record<string, unknown> }> {
    let m = this.applied.get(sink);
    if (!m) this.applied.set(sink, (m = new Map()));
    return m;
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
