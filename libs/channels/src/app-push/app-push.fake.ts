import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyPushRequest } from './app-push.signature.js';

export type PushOperation = 'create' | 'update' | 'delete';

/** A scripted answer; `after: true` applies the request first, then spoils the answer (a lost response). */
export type PushBehaviour =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  | { kind: 'raw'; body: string; after?: boolean }
  | { kind: 'hang'; ms: number; after?: boolean }
  /** applies the request, then cuts the connection before any answer */
  | { kind: 'drop' };

export interface PushMessage {
  id: string;
  messageId: string;
  title: string;
  summary: string;
  url: string;
  audience: string;
  publishedAt: string;
  revision: number;
  recalled: boolean;
  receivedAt: string;
}

export interface PushRequestRecord {
  method: string;
  path: string;
  status: number;
  signatureValid: boolean;
  at: string;
}

/**
 * A local city-app push service speaking the signed JSON API: it checks X-App-Key, the timestamp window, a
 * single-use nonce and the HMAC signature, validates the message, answers a repeated messageId with 409 and the
 * original id, and plays scripted failures (429 with Retry-After, 5xx, hangs, garbage). `npm start` serves one.
 */
export class AppPushFake {
  readonly messages = new Map<string, PushMessage>();
  readonly requests: PushRequestRecord[] = [];
  private readonly nonces = new Map<string, number>();
  private readonly scripts = new Map<PushOperation, PushBehaviour[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server?: http.Server;

  constructor(private readonly opts: { appKey: string; appSecret: string; toleranceSeconds?: number }) {}

  get url(): string {
    const addr = this.server?.address() as AddressInfo | null;
    if (!addr) throw new Error('AppPushFake is not listening');
    return `http://127.0.0.1:${addr.port}`;
  }

  byMessageId(messageId: string): PushMessage | undefined {
    return [...this.messages.values()].find((m) => m.messageId === messageId);
  }

  script(op: PushOperation, ...behaviours: PushBehaviour[]): void {
    this.scripts.set(op, [...(this.scripts.get(op) ?? []), ...behaviours]);
  }

  failNext(op: PushOperation, status: number, times = 1, retryAfter?: string): void {
    this.script(op, ...Array.from({ length: times }, () => ({ kind: 'status' as const, status, retryAfter })));
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        if (!res.headersSent) res.writeHead(500).end(String(err));
      });
    });
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

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://push');
    const method = req.method ?? 'GET';
    if (method === 'GET') return this.show(res);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const record: PushRequestRecord = { method, path: url.pathname, status: 0, signatureValid: false, at: new Date().toISOString() };
    this.requests.push(record);
    const answer = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }), ...headers }).end(body === undefined ? undefined : JSON.stringify(body));
    };
    const error = (status: number, code: string, message: string, field?: string) => answer(status, { code, message, ...(field ? { field } : {}) });

    const auth = this.authenticate(req, method, url.pathname, raw);
    if (auth) return error(401, auth.code, auth.message);
    record.signatureValid = true;

    const match = /^\/v1\/messages(?:\/([^/]+))?$/.exec(url.pathname);
    const op: PushOperation | undefined = !match ? undefined : method === 'POST' && !match[1] ? 'create' : method === 'PUT' && match[1] ? 'update' : method === 'DELETE' && match[1] ? 'delete' : undefined;
    if (!op) return error(404, 'not_found', `no route ${method} ${url.pathname}`);

    const behaviour = this.scripts.get(op)?.shift();
    if (behaviour && behaviour.kind !== 'drop' && !('after' in behaviour && behaviour.after)) {
      if (behaviour.kind === 'status') {
        record.status = behaviour.status;
        res.writeHead(behaviour.status, { 'content-type': 'application/json', ...(behaviour.retryAfter ? { 'retry-after': behaviour.retryAfter } : {}) })
          .end(behaviour.body ?? JSON.stringify({ code: behaviour.status === 429 ? 'rate_limited' : 'scripted', message: `scripted ${behaviour.status}` }));
        return;
      }
      return this.spoil(behaviour, record, res);
    }
    const result = this.apply(op, match![1] ? decodeURIComponent(match![1]) : undefined, raw);
    if (behaviour) return this.spoil(behaviour, record, res);
    answer(result.status, result.body);
  }

  private apply(op: PushOperation, id: string | undefined, raw: string): { status: number; body?: unknown } {
    const bad = (message: string, field: string) => ({ status: 400, body: { code: 'invalid_request', message, field } });
    if (op === 'delete') {
      const m = id ? this.messages.get(id) : undefined;
      if (!m || m.recalled) return { status: 404, body: { code: 'not_found', message: `message ${id} not found` } };
      m.recalled = true;
      return { status: 204 };
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw);
    } catch {
      return bad('body must be JSON', 'body');
    }
    const problem = validate(body, op === 'create');
    if (problem) return bad(problem.message, problem.field);
    if (op === 'update') {
      const m = id ? this.messages.get(id) : undefined;
      if (!m || m.recalled) return { status: 404, body: { code: 'not_found', message: `message ${id} not found` } };
      // the contract: revisions only move forward. A late retry of an older revision must not undo a newer one
      const revision = Number(body.revision ?? m.revision + 1);
      if (revision < m.revision) {
        return { status: 409, body: { code: 'stale_revision', message: `message ${m.id} is at revision ${m.revision}`, id: m.id, revision: m.revision } };
      }
      Object.assign(m, { title: body.title, summary: body.summary, url: body.url, audience: body.audience, revision });
      return { status: 200, body: { id: m.id, messageId: m.messageId, revision: m.revision } };
    }
    const existing = this.byMessageId(String(body.messageId));
    if (existing) return { status: 409, body: { code: 'duplicate_message', message: 'messageId already received', id: existing.id, messageId: existing.messageId } };
    const m: PushMessage = {
      id: `msg_${randomBytes(8).toString('hex')}`, messageId: String(body.messageId), title: String(body.title), summary: String(body.summary ?? ''),
      url: String(body.url), audience: String(body.audience), publishedAt: String(body.publishedAt), revision: 1, recalled: false, receivedAt: new Date().toISOString(),
    };
    this.messages.set(m.id, m);
    return { status: 201, body: { id: m.id, messageId: m.messageId, status: 'accepted' } };
  }

  private authenticate(req: http.IncomingMessage, method: string, path: string, raw: string): { code: string; message: string } | null {
    const h = (name: string) => (req.headers[name] as string | undefined) ?? '';
    if (h('x-app-key') !== this.opts.appKey) return { code: 'unknown_app_key', message: 'X-App-Key is missing or unknown' };
    const ts = Number(h('x-timestamp'));
    const tolerance = this.opts.toleranceSeconds ?? 300;
    if (!Number.isInteger(ts) || Math.abs(Date.now() / 1000 - ts) > tolerance) return { code: 'stale_timestamp', message: `X-Timestamp must be within ${tolerance}s of now` };
    const nonce = h('x-nonce');
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(nonce)) return { code: 'invalid_nonce', message: 'X-Nonce must be 8-64 url-safe characters' };
    if (!verifyPushRequest(this.opts.appSecret, method, path, h('x-timestamp'), nonce, raw, h('x-signature'))) return { code: 'invalid_signature', message: 'X-Signature does not match' };
    const now = Date.now();
    for (const [n, at] of this.nonces) if (now - at > tolerance * 2000) this.nonces.delete(n);
    if (this.nonces.has(nonce)) return { code: 'replayed_nonce', message: 'X-Nonce was already used' };
    this.nonces.set(nonce, now);
    return null;
  }

  private async spoil(b: PushBehaviour, record: PushRequestRecord, res: http.ServerResponse): Promise<void> {
    if (b.kind === 'drop') {
      record.status = 0;
      res.socket?.destroy();
      return;
    }
    if (b.kind === 'hang') {
      await new Promise<void>((r) => {
        const t = setTimeout(() => {
          this.timers.delete(t);
          r();
        }, b.ms);
        this.timers.add(t);
      });
      record.status = 504;
      if (!res.destroyed) res.writeHead(504).end();
      return;
    }
    if (b.kind === 'raw') {
      record.status = 200;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(b.body);
    }
  }

  private show(res: http.ServerResponse): void {
    const rows = [...this.messages.values()]
      .reverse()
      .map((m) => `<tr><td>${esc(m.receivedAt)}</td><td>${esc(m.title)}</td><td>${esc(m.summary)}</td><td>${esc(m.audience)}</td><td><a href="${esc(m.url)}">${esc(m.url)}</a></td><td>${m.revision}</td><td>${m.recalled ? '已撤回' : '已推送'}</td></tr>`)
      .join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>模拟政务 App 推送</title><meta http-equiv="refresh" content="5">` +
        `<body style="font-family:sans-serif"><h1>模拟政务 App 推送（共 ${this.messages.size} 条）</h1><table border="1" cellpadding="4">` +
        `<tr><th>收到时间</th><th>标题</th><th>摘要</th><th>推送范围</th><th>链接</th><th>版本</th><th>状态</th></tr>${rows}</table></body></html>`,
    );
  }
}

function validate(b: Record<string, unknown>, create: boolean): { field: string; message: string } | null {
  const str = (v: unknown) => typeof v === 'string';
  if (create && (!str(b.messageId) || !(b.messageId as string).length || (b.messageId as string).length > 64)) return { field: 'messageId', message: 'messageId must be 1-64 characters' };
  if (!str(b.title) || !(b.title as string).trim() || Array.from(b.title as string).length > 64) return { field: 'title', message: 'title must be 1-64 characters' };
  if (b.summary !== undefined && (!str(b.summary) || Array.from(b.summary as string).length > 200)) return { field: 'summary', message: 'summary must be at most 200 characters' };
  if (!str(b.url) || !/^https?:\/\//.test(b.url as string)) return { field: 'url', message: 'url must be an http(s) URL' };
  if (!str(b.audience) || !(b.audience === 'all' || /^[a-z0-9][a-z0-9_-]{0,63}$/.test(b.audience as string))) return { field: 'audience', message: 'audience must be "all" or a topic name' };
  if (create && (!str(b.publishedAt) || Number.isNaN(Date.parse(b.publishedAt as string)))) return { field: 'publishedAt', message: 'publishedAt must be an ISO 8601 date-time' };
  return null;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
