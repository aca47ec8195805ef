import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { weiboWeight } from './weibo.text.js';

export type WeiboEndpoint = 'share' | 'destroy';

/**
 * A scripted answer; `after: true` posts the status first and then spoils the answer: a lost response, or a
 * gateway error (502, 10001) although the status went up.
 */
export type WeiboBehaviour =
  | { kind: 'error'; code: number; error?: string; status?: number; after?: boolean }
  | { kind: 'status'; status: number; body?: string; after?: boolean }
  | { kind: 'raw'; body: string; after?: boolean }
  | { kind: 'hang'; ms: number; after?: boolean }
  /** posts the status, then cuts the connection before any answer */
  | { kind: 'drop' };

export interface WeiboStatus {
  id: number;
  idstr: string;
  text: string;
  rip: string;
  picture: { name: string; type: string; size: number } | null;
  createdAt: string;
  deleted: boolean;
}

const MESSAGES: Record<number, { error: string; status: number }> = {
  10001: { error: 'system error', status: 500 },
  10008: { error: 'param error, see doc for more info', status: 400 },
  10016: { error: 'miss required parameter (rip)', status: 400 },
  10017: { error: 'text must contain a link under the safe domain of the app', status: 400 },
  10023: { error: 'User requests out of rate limit!', status: 403 },
  10024: { error: 'User requests for (statuses/share) out of rate limit!', status: 403 },
  20005: { error: 'unsupported image type, only suport JPG, GIF, PNG!', status: 400 },
  20006: { error: 'image size too large', status: 400 },
  20012: { error: 'Text too long, please input text less than 140 characters!', status: 400 },
  10022: { error: 'IP requests out of rate limit!', status: 403 },
  20017: { error: 'You just posted a similar content, please wait!', status: 400 },
  20019: { error: 'Repeat content!', status: 400 },
  20032: { error: 'Update success, while server slow now, please wait 1-2 minutes', status: 200 },
  20111: { error: 'Repeated weibo text!', status: 400 },
  20101: { error: 'target weibo does not exist!', status: 400 },
  21301: { error: 'auth faild!', status: 401 },
  21327: { error: 'expired_token', status: 401 },
  21332: { error: 'invalid_access_token', status: 401 },
};

/**
 * A local Weibo open API: statuses/share.json (form-encoded or multipart with a picture) with the real checks —
 * token, rip, 140 字, a link under the safe domain, repeated content — and statuses/destroy.json, answering with
 * Weibo's {error, error_code, request} bodies. `npm start` serves one; its root page lists what was posted.
 * Like Weibo, it refuses only a text identical to the account's latest status (20019): the same text after
 * another status goes up again, so a blind resend after a lost answer shows as a second post.
 */
export class WeiboFake {
  readonly statuses = new Map<string, WeiboStatus>();
  readonly requests: { endpoint: WeiboEndpoint; at: string; errorCode: number }[] = [];
  private readonly tokens = new Map<string, 'valid' | 'expired' | 'invalid'>();
  private readonly scripts = new Map<WeiboEndpoint, WeiboBehaviour[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server?: http.Server;
  private seq = 0;

  constructor(private readonly opts: { accessToken: string; safeDomain: string }) {
    this.tokens.set(opts.accessToken, 'valid');
  }

  get url(): string {
    const addr = this.server?.address() as AddressInfo | null;
    if (!addr) throw new Error('WeiboFake is not listening');
    return `http://127.0.0.1:${addr.port}`;
  }

  get posted(): WeiboStatus[] {
    return [...this.statuses.values()];
  }

  script(endpoint: WeiboEndpoint, ...behaviours: WeiboBehaviour[]): void {
    this.scripts.set(endpoint, [...(this.scripts.get(endpoint) ?? []), ...behaviours]);
  }

  failNext(endpoint: WeiboEndpoint, code: number, times = 1): void {
    this.script(endpoint, ...Array.from({ length: times }, () => ({ kind: 'error' as const, code })));
  }

  /** The OAuth token reached its expiry (21327) or was revoked (21332). */
  expireToken(token = this.opts.accessToken): void {
    this.tokens.set(token, 'expired');
  }

  revokeToken(token = this.opts.accessToken): void {
    this.tokens.set(token, 'invalid');
  }

  /** A new token from a fresh OAuth authorisation, as the operator would set in WEIBO_ACCESS_TOKEN. */
  authorise(token: string): void {
    this.tokens.set(token, 'valid');
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
    const url = new URL(req.url ?? '/', 'http://weibo');
    if (req.method === 'GET') return this.show(url, res);
    const endpoint: WeiboEndpoint | undefined = url.pathname === '/2/statuses/share.json' ? 'share' : url.pathname === '/2/statuses/destroy.json' ? 'destroy' : undefined;
    if (req.method !== 'POST' || !endpoint) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Request Api not found!', error_code: 10014, request: url.pathname }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded' } })
      .formData()
      .catch(() => new FormData());
    const fail = (code: number, status?: number) => {
      this.requests.push({ endpoint, at: new Date().toISOString(), errorCode: code });
      const m = MESSAGES[code] ?? { error: 'error', status: 400 };
      res.writeHead(status ?? m.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: m.error, error_code: code, request: url.pathname }));
    };

    const token = String(form.get('access_token') ?? '');
    const state = this.tokens.get(token);
    if (!token || !state) return fail(21301);
    if (state === 'expired') return fail(21327);
    if (state === 'invalid') return fail(21332);

    const behaviour = this.scripts.get(endpoint)?.shift();
    if (behaviour && behaviour.kind !== 'drop' && !('after' in behaviour && behaviour.after)) {
      if (behaviour.kind === 'error') return fail(behaviour.code, behaviour.status);
      this.requests.push({ endpoint, at: new Date().toISOString(), errorCode: 0 });
      return this.spoil(behaviour, res);
    }
    const answer = endpoint === 'share' ? await this.share(form) : this.destroy(form);
    if ('code' in answer) return fail(answer.code);
    // the status is up; a scripted error now is a gateway's or Weibo's answer that hides it
    if (behaviour?.kind === 'error') return fail(behaviour.code, behaviour.status);
    this.requests.push({ endpoint, at: new Date().toISOString(), errorCode: 0 });
    if (behaviour) return this.spoil(behaviour, res);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer.body));
  }

  private async share(form: FormData): Promise<{ code: number } | { body: Record<string, unknown> }> {
    const rip = String(form.get('rip') ?? '');
    const text = String(form.get('status') ?? '');
    if (!rip) return { code: 10016 };
    if (!text || weiboWeight(text) > 140) return { code: 20012 };
    const links = [...text.matchAll(/https?:\/\/[^\s]+/g)].map((m) => m[0]);
    if (!links.some((l) => this.underSafeDomain(l))) return { code: 10017 };
    // "文本中不能包含'#话题词#'": the code Weibo answers is not documented; the fake answers 10008 (参数错误)
    if (/#[^#\s]+#/.test(text.replace(/https?:\/\/[^\s]+/g, ' '))) return { code: 10008 };
    // only consecutive repeats are refused: an earlier identical status does not stop this one
    const latest = this.posted.filter((s) => !s.deleted).at(-1);
    if (latest?.text === text) return { code: 20019 };
    const pic = form.get('pic');
    let picture: WeiboStatus['picture'] = null;
    if (pic && typeof pic !== 'string') {
      const bytes = Buffer.from(await pic.arrayBuffer());
      const png = bytes[0] === 0x89 && bytes[1] === 0x50;
      const jpg = bytes[0] === 0xff && bytes[1] === 0xd8;
      const gif = bytes.subarray(0, 3).toString('latin1') === 'GIF';
      if (!png && !jpg && !gif) return { code: 20005 };
      // "上传图片大小限制为<5M"
      if (bytes.length >= 5 * 1024 * 1024) return { code: 20006 };
      picture = { name: pic.name, type: png ? 'image/png' : jpg ? 'image/jpeg' : 'image/gif', size: bytes.length };
    }
    const id = 5200000000000000 + ++this.seq;
    const status: WeiboStatus = { id, idstr: String(id), text, rip, picture, createdAt: new Date().toISOString(), deleted: false };
    this.statuses.set(status.idstr, status);
    return {
      body: {
        created_at: new Date().toUTCString(), id, idstr: status.idstr, mid: status.idstr, text, source: '<a href="#">根河政务公开</a>',
        user: { id: 7000000001, idstr: '7000000001', screen_name: '根河发布' }, ...(picture ? { pic_ids: [`pic${id}`] } : {}),
      },
    };
  }

  private destroy(form: FormData): { code: number } | { body: Record<string, unknown> } {
    const s = this.statuses.get(String(form.get('id') ?? ''));
    if (!s || s.deleted) return { code: 20101 };
    s.deleted = true;
    return { body: { id: s.id, idstr: s.idstr, text: s.text, deleted: '1' } };
  }

  private underSafeDomain(link: string): boolean {
    try {
      const host = new URL(link).hostname;
      return host === this.opts.safeDomain || host.endsWith(`.${this.opts.safeDomain}`);
    } catch {
      return false;
    }
  }

  private async spoil(b: WeiboBehaviour, res: http.ServerResponse): Promise<void> {
    if (b.kind === 'drop') {
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
      if (!res.destroyed) res.writeHead(504).end();
      return;
    }
    if (b.kind === 'status') {
      res.writeHead(b.status, { 'content-type': 'text/html' }).end(b.body ?? `<html><body>${b.status}</body></html>`);
      return;
    }
    if (b.kind === 'raw') res.writeHead(200, { 'content-type': 'text/plain' }).end(b.body);
  }

  private show(url: URL, res: http.ServerResponse): void {
    const one = /^\/status\/(\d+)$/.exec(url.pathname);
    const list = one ? this.posted.filter((s) => s.idstr === one[1]) : this.posted.slice().reverse();
    if (one && !list.length) return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('微博不存在');
    const rows = list
      .map((s) => `<tr><td>${esc(s.createdAt)}</td><td>${esc(s.idstr)}</td><td>${esc(s.text)}</td><td>${s.picture ? '有' : ''}</td><td>${s.deleted ? '已删除' : '已发布'}</td></tr>`)
      .join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>模拟微博</title>${one ? '' : '<meta http-equiv="refresh" content="5">'}` +
        `<body style="font-family:sans-serif"><h1>模拟微博（共 ${this.statuses.size} 条）</h1><table border="1" cellpadding="4">` +
        `<tr><th>时间</th><th>id</th><th>内容</th><th>配图</th><th>状态</th></tr>${rows}</table></body></html>`,
    );
  }
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
