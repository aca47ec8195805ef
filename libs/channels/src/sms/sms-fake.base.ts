import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { smsParts } from './sms.text.js';

/** One SMS the fake gateway "delivered" to a phone. */
export interface FakeSms {
  at: string;
  number: string;
  text: string;
  parts: number;
  requestId: string;
}

/** One SendSms request as the fake saw it. */
export interface FakeSmsRequest {
  at: string;
  numbers: string[];
  signatureValid: boolean;
  /** the code the fake answered ("OK", "Ok", an error code, "hang", "HTTP 503" …) */
  answered: string;
  /** the batch went out to the phones even if the client never heard so (hang) */
  sent: boolean;
}

export type FakeBehaviour =
  /** answer this error code the way the gateway does (with the gateway's usual message, or this one) */
  | { kind: 'code'; code: string; message?: string }
  /** an HTTP status with a body the client cannot read (a proxy in between) */
  | { kind: 'status'; status: number; body?: string }
  /** send the SMS, then never answer within the client's timeout */
  | { kind: 'hang'; ms: number }
  /** 200 with a body that is not the gateway's JSON */
  | { kind: 'malformed' }
  /** send the SMS, then cut the connection before any answer */
  | { kind: 'drop' };

/**
 * What both SMS gateway fakes share: an HTTP server, scripted answers for the next requests, the messages
 * "delivered" (one per number, so a duplicate send is visible), and a page that shows them in local mode.
 */
export abstract class SmsFakeBase {
  readonly requests: FakeSmsRequest[] = [];
  readonly delivered: FakeSms[] = [];
  protected server?: http.Server;
  protected readonly scripts: FakeBehaviour[] = [];
  protected readonly templates = new Map<string, string>();
  /** which numbers a template is approved for: 国内 (mainland) or 国际/港澳台 (international) */
  protected readonly templateRegions = new Map<string, 'mainland' | 'international'>();
  protected readonly signs = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private seq = 0;

  protected abstract readonly title: string;

  get url(): string {
    const addr = this.server?.address() as AddressInfo | null;
    if (!addr) throw new Error(`${this.constructor.name} is not listening`);
    return `http://127.0.0.1:${addr.port}/`;
  }

  /** The next requests get these answers in order; then the fake answers normally again. */
  script(...behaviours: FakeBehaviour[]): void {
    this.scripts.push(...behaviours);
  }

  /** An approved template; the text uses the provider's own placeholders (${name} or {1}). */
  template(code: string, text: string, region: 'mainland' | 'international' = 'mainland'): this {
    this.templates.set(code, text);
    this.templateRegions.set(code, region);
    return this;
  }

  sign(name: string): this {
    this.signs.add(name);
    return this;
  }

  to(number: string): FakeSms[] {
    return this.delivered.filter((m) => m.number === number);
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<this> {
    this.server = http.createServer((req, res) => {
      void this.route(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    this.server.keepAliveTimeout = 30000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    return this;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  protected abstract handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void>;

  protected requestId(): string {
    this.seq += 1;
    return `FAKE-${Date.now().toString(36).toUpperCase()}-${this.seq}`;
  }

  protected deliver(numbers: string[], text: string, requestId: string): void {
    const at = new Date().toISOString();
    const parts = smsParts(Array.from(text).length);
    for (const number of numbers) this.delivered.push({ at, number, text, parts, requestId });
  }

  /** Holds the answer past the client's timeout; the SMS already went out. */
  protected hang(res: http.ServerResponse, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        if (!res.destroyed) res.writeHead(504).end();
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  /** The SMS went out; the connection dies before the answer (a reset, a proxy restarting). */
  protected drop(res: http.ServerResponse): void {
    res.socket?.destroy();
  }

  protected json(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method === 'GET') return this.show(res);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    await this.handle(req, res, Buffer.concat(chunks).toString('utf8'));
  }

  private show(res: http.ServerResponse): void {
    const rows = this.delivered
      .slice(-300)
      .reverse()
      .map((m) => `<tr><td>${esc(m.at)}</td><td>${esc(m.number)}</td><td>${esc(m.text)}</td><td>${m.parts}</td></tr>`)
      .join('');
    const reqs = this.requests
      .slice(-50)
      .reverse()
      .map((r) => `<tr><td>${esc(r.at)}</td><td>${r.numbers.length}</td><td>${r.signatureValid ? '签名有效' : '签名无效'}</td><td>${esc(r.answered)}</td></tr>`)
      .join('');
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${esc(this.title)}</title><meta http-equiv="refresh" content="5">` +
          `<body style="font-family:sans-serif"><h1>${esc(this.title)}（已发送 ${this.delivered.length} 条）</h1>` +
          `<h2>最近的请求</h2><table border="1" cellpadding="4"><tr><th>时间</th><th>号码数</th><th>签名</th><th>应答</th></tr>${reqs}</table>` +
          `<h2>短信</h2><table border="1" cellpadding="4"><tr><th>时间</th><th>号码</th><th>内容</th><th>计费条数</th></tr>${rows}</table></body></html>`,
      );
  }
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
