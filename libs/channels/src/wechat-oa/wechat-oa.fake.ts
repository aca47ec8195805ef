import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync, crc32 } from 'node:zlib';
import { callbackSignature, publishEventXml } from './wechat-oa.protocol.js';

export type WechatEndpoint = 'stable_token' | 'add_material' | 'uploadimg' | 'draft/add' | 'freepublish/submit' | 'freepublish/get' | 'freepublish/delete';

/**
 * What a scripted request gets instead of the normal answer. `after: true` does the work first and then spoils
 * the answer, which is how a lost response to a non-idempotent call looks from the client.
 */
export type WechatBehaviour =
  | { kind: 'errcode'; errcode: number; errmsg?: string; after?: boolean }
  | { kind: 'status'; status: number; body?: string; after?: boolean }
  | { kind: 'raw'; body: string; after?: boolean }
  | { kind: 'hang'; ms: number; after?: boolean }
  /** does the work, then cuts the connection before any answer */
  | { kind: 'drop' };

export interface WechatOaFakeOptions {
  appId: string;
  appSecret: string;
  tokenTtlSeconds?: number;
  /** how long an accepted publish stays "publishing" (publish_status 1) before it finishes */
  publishDelayMs?: number;
  callbackUrl?: string;
  callbackToken?: string;
}

interface Draft {
  mediaId: string;
  articles: Record<string, unknown>[];
  createdAt: string;
  submitted: boolean;
  /** inline images whose src is not one uploadimg handed out: WeChat would drop them */
  foreignImages: number;
}

export interface Publish {
  publishId: string;
  mediaId: string;
  title: string;
  /** what freepublish/get reports: 1 until the job finished and its callback went out */
  visibleStatus: number;
  finalStatus: number;
  articleId: string;
  articleUrl: string;
  deleted: boolean;
  submittedAt: string;
}

export interface CallbackRecord {
  publishId: string;
  attempt: number;
  status: number;
  answer: string;
}

const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40005: 'invalid file type',
  40007: 'invalid media_id',
  40009: 'invalid image size',
  40013: 'invalid appid',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  42001: 'access_token expired',
  44003: 'empty news data',
  45002: 'content size out of limit',
  45003: 'title size out of limit',
  45004: 'description size out of limit',
  45009: 'reach max api daily quota limit',
  45110: 'author size out of limit',
  48001: 'api unauthorized',
  53600: 'Article ID无效',
};

/**
 * A local WeChat Official Account API: stable tokens that expire, permanent material and uploadimg, a draft box,
 * asynchronous freepublish that finishes after a delay and then posts the signed PUBLISHJOBFINISH XML to the
 * callback URL, freepublish/get and delete, and scripted failures. `npm start` serves one so the demo shows what
 * the account would have published (open its root page).
 */
export class WechatOaFake {
  readonly drafts = new Map<string, Draft>();
  readonly publishes = new Map<string, Publish>();
  readonly materials = new Map<string, { bytes: Buffer; type: string; name: string }>();
  readonly inlineImages = new Map<string, { bytes: Buffer; type: string }>();
  readonly callbacks: CallbackRecord[] = [];
  readonly requests: { endpoint: string; at: string; errcode: number }[] = [];
  tokenRequests = 0;
  /** stable_token calls with force_refresh today, and when the last one refreshed */
  forcedRefreshes = 0;
  private lastForcedAt = 0;
  /** lose every PUBLISHJOBFINISH event, so only polling can learn the result */
  dropCallbacks = false;
  /**
   * WeChat documents no answer to a second submit of the same draft. By default the fake refuses it (40007, the
   * draft left the box); false lets it publish again, the case a blind resubmit must never risk.
   */
  refuseResubmit = true;
  callbackUrl?: string;
  callbackToken?: string;
  publishDelayMs: number;
  private readonly tokens = new Map<string, { expiresAt: number; revoked: boolean }>();
  private current?: string;
  private readonly scripts = new Map<string, WechatBehaviour[]>();
  private readonly outcomes: number[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly holds: ((p: Publish) => void)[] = [];
  private server?: http.Server;
  private seq = 0;

  constructor(private readonly opts: WechatOaFakeOptions) {
    this.publishDelayMs = opts.publishDelayMs ?? 300;
    this.callbackUrl = opts.callbackUrl;
    this.callbackToken = opts.callbackToken;
  }

  get url(): string {
    const addr = this.server?.address() as AddressInfo | null;
    if (!addr) throw new Error('WechatOaFake is not listening');
    return `http://127.0.0.1:${addr.port}`;
  }

  get draftCount(): number {
    return this.drafts.size;
  }

  get publishCount(): number {
    return this.publishes.size;
  }

  count(endpoint: WechatEndpoint): number {
    return this.requests.filter((r) => r.endpoint === endpoint).length;
  }

  /**
   * The next publish job stays in progress (no PUBLISHJOBFINISH; freepublish/get says 1, publishing) until the spec
   * calls `release()`, which finishes it as usual: a change made while WeChat is still publishing, without timing.
   */
  holdNextPublish(): { submitted: Promise<Publish>; release(): Promise<void> } {
    let onSubmit!: (p: Publish) => void;
    const submitted = new Promise<Publish>((resolve) => (onSubmit = resolve));
    this.holds.push(onSubmit);
    return { submitted, release: async () => this.finish(await submitted) };
  }

  /** The next requests to `endpoint` get these answers in order, then it behaves normally again. */
  script(endpoint: WechatEndpoint, ...behaviours: WechatBehaviour[]): void {
    this.scripts.set(endpoint, [...(this.scripts.get(endpoint) ?? []), ...behaviours]);
  }

  failNext(endpoint: WechatEndpoint, errcode: number, times = 1): void {
    this.script(endpoint, ...Array.from({ length: times }, () => ({ kind: 'errcode' as const, errcode })));
  }

  /** The next publishes finish with these publish_status values (0 success, 2-6 failures). */
  nextPublishStatus(...statuses: number[]): void {
    this.outcomes.push(...statuses);
  }

  /** Every token handed out so far is past its 7200 s: the next call with one gets 42001. */
  expireTokens(): void {
    for (const t of this.tokens.values()) t.expiresAt = 0;
  }

  /** Every token handed out so far is invalid (as after another client forced a refresh): 40001. */
  revokeTokens(): void {
    for (const t of this.tokens.values()) t.revoked = true;
  }

  /** WeChat's one-off URL check when the server address is saved in the account's settings. */
  async verifyCallbackUrl(): Promise<{ status: number; body: string; echostr: string }> {
    const echostr = randomBytes(8).toString('hex');
    const res = await fetch(this.signedCallbackUrl({ echostr }));
    return { status: res.status, body: await res.text(), echostr };
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
    const url = new URL(req.url ?? '/', 'http://wechat');
    if (req.method === 'GET') return this.show(url, res);
    const endpoint = ENDPOINTS[url.pathname];
    if (req.method !== 'POST' || !endpoint) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 404, errmsg: 'not found' }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const reply = (body: Record<string, unknown>) => {
      this.requests.push({ endpoint, at: new Date().toISOString(), errcode: Number(body.errcode ?? 0) });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    };
    const error = (errcode: number) => reply({ errcode, errmsg: ERRMSG[errcode] ?? 'error' });

    if (endpoint !== 'stable_token') {
      const token = url.searchParams.get('access_token');
      const t = token ? this.tokens.get(token) : undefined;
      if (!token) return error(41001);
      if (!t || t.revoked) return error(40001);
      if (Date.now() >= t.expiresAt) return error(42001);
    }
    const behaviour = this.scripts.get(endpoint)?.shift();
    if (behaviour && behaviour.kind !== 'drop' && !('after' in behaviour && behaviour.after)) {
      if (behaviour.kind === 'errcode') return error(behaviour.errcode);
      this.requests.push({ endpoint, at: new Date().toISOString(), errcode: 0 });
      return this.spoil(behaviour, res);
    }
    const answer = await this.perform(endpoint, url, req.headers['content-type'] ?? '', raw);
    // the work is done; a scripted errcode now is a busy back end's answer that hides it
    if (behaviour?.kind === 'errcode') return error(behaviour.errcode);
    if (behaviour) {
      this.requests.push({ endpoint, at: new Date().toISOString(), errcode: Number(answer.errcode ?? 0) });
      return this.spoil(behaviour, res);
    }
    reply(answer);
  }

  private async spoil(b: WechatBehaviour, res: http.ServerResponse): Promise<void> {
    if (b.kind === 'drop') {
      res.socket?.destroy();
      return;
    }
    if (b.kind === 'hang') {
      await new Promise((r) => this.later(r, b.ms));
      if (!res.destroyed) res.writeHead(504).end();
      return;
    }
    if (b.kind === 'status') {
      res.writeHead(b.status, { 'content-type': 'text/html' }).end(b.body ?? `<html><body>${b.status} Bad Gateway</body></html>`);
      return;
    }
    if (b.kind === 'raw') res.writeHead(200, { 'content-type': 'text/plain' }).end(b.body);
  }

  private async perform(endpoint: WechatEndpoint, url: URL, contentType: string, raw: Buffer): Promise<Record<string, unknown>> {
    const err = (errcode: number) => ({ errcode, errmsg: ERRMSG[errcode] ?? 'error' });
    if (endpoint === 'add_material' || endpoint === 'uploadimg') {
      if (!contentType.startsWith('multipart/form-data')) return err(41005);
      const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
      const media = form.get('media');
      if (!media || typeof media === 'string') return { errcode: 41005, errmsg: 'media data missing' };
      const bytes = Buffer.from(await media.arrayBuffer());
      const type = sniff(bytes);
      if (endpoint === 'add_material') {
        if (url.searchParams.get('type') !== 'image') return { errcode: 40004, errmsg: 'invalid media type' };
        if (!type) return err(40005);
        if (bytes.length > 10 * 1024 * 1024) return err(40009);
        const mediaId = this.id('MATERIAL');
        this.materials.set(mediaId, { bytes, type, name: media.name });
        return { media_id: mediaId, url: `${this.url}/mmbiz/${mediaId}` };
      }
      if (type !== 'image/png' && type !== 'image/jpeg') return err(40005);
      // uploadimg: "图片仅支持jpg/png格式，大小必须在1MB以下"
      if (bytes.length >= 1024 * 1024) return err(40009);
      const id = this.id('IMG');
      this.inlineImages.set(id, { bytes, type });
      return { url: `${this.url}/mmbiz_img/${id}` };
    }

    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return { errcode: 47001, errmsg: 'data format error' };
    }
    switch (endpoint) {
      case 'stable_token': {
        this.tokenRequests++;
        if (body.grant_type !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
        if (body.appid !== this.opts.appId) return err(40013);
        if (body.secret !== this.opts.appSecret) return err(40125);
        const ttl = this.opts.tokenTtlSeconds ?? 7200;
        const cur = this.current ? this.tokens.get(this.current) : undefined;
        // "普通模式下平台会提前5分钟更新access_token": a normal call in the token's last 5 minutes gets a new token,
        // and the old one keeps working until it expires (both are valid meanwhile)
        if (!body.force_refresh && cur && !cur.revoked && cur.expiresAt - Date.now() > 5 * 60 * 1000) {
          return { access_token: this.current, expires_in: Math.floor((cur.expiresAt - Date.now()) / 1000) };
        }
        if (body.force_refresh) {
          // 20 a day, and a forced call within 30 s of the last refresh does not refresh (it answers the current token)
          if (++this.forcedRefreshes > 20) return err(45009);
          if (cur && !cur.revoked && Date.now() - this.lastForcedAt < 30_000) {
            return { access_token: this.current, expires_in: Math.floor((cur.expiresAt - Date.now()) / 1000) };
          }
          this.lastForcedAt = Date.now();
          // every other holder of the AppID loses its token
          this.revokeTokens();
        }
        const token = `TOKEN_${randomBytes(12).toString('hex')}`;
        this.tokens.set(token, { expiresAt: Date.now() + ttl * 1000, revoked: false });
        this.current = token;
        return { access_token: token, expires_in: ttl };
      }
      case 'draft/add': {
        const articles = Array.isArray(body.articles) ? (body.articles as Record<string, unknown>[]) : [];
        if (!articles.length) return err(44003);
        for (const a of articles) {
          const content = String(a.content ?? '');
          if (!a.title || Array.from(String(a.title)).length > 32) return err(45003);
          if (Array.from(String(a.author ?? '')).length > 16) return err(45110);
          if (Array.from(String(a.digest ?? '')).length > 128) return err(45004);
          if (!content || content.length >= 20000 || Buffer.byteLength(content) >= 1024 * 1024) return err(45002);
          if ((a.article_type ?? 'news') === 'news' && !this.materials.has(String(a.thumb_media_id ?? ''))) return err(40007);
        }
        const foreignImages = articles.reduce(
          (n, a) => n + [...String(a.content).matchAll(/<img\b[^>]*?\bsrc="([^"]*)"/gi)].filter((m) => !m[1].startsWith(`${this.url}/mmbiz`)).length,
          0,
        );
        const mediaId = this.id('DRAFT');
        this.drafts.set(mediaId, { mediaId, articles, createdAt: new Date().toISOString(), submitted: false, foreignImages });
        return { media_id: mediaId };
      }
      case 'freepublish/submit': {
        const draft = this.drafts.get(String(body.media_id ?? ''));
        // a submitted draft leaves the draft box: submitting it again is refused
        if (!draft || (draft.submitted && this.refuseResubmit)) return err(40007);
        draft.submitted = true;
        const publishId = String(2247483000 + ++this.seq);
        const finalStatus = this.outcomes.shift() ?? 0;
        const articleId = finalStatus === 0 ? `ART_${randomBytes(9).toString('base64url')}` : '';
        const p: Publish = {
          publishId, mediaId: draft.mediaId, title: String(draft.articles[0].title), visibleStatus: 1, finalStatus, articleId,
          articleUrl: articleId ? `${this.url}/s/${articleId}` : '', deleted: false, submittedAt: new Date().toISOString(),
        };
        this.publishes.set(publishId, p);
        const hold = this.holds.shift();
        if (hold) hold(p);
        else this.later(() => void this.finish(p), this.publishDelayMs);
        return { errcode: 0, errmsg: 'ok', publish_id: publishId, msg_data_id: 2247483000 + this.seq };
      }
      case 'freepublish/get': {
        const p = this.publishes.get(String(body.publish_id ?? ''));
        if (!p) return err(53600);
        const status = p.deleted && p.visibleStatus === 0 ? 5 : p.visibleStatus;
        return {
          publish_id: p.publishId,
          publish_status: status,
          article_id: status === 0 || status === 5 ? p.articleId : '',
          article_detail: status === 0 ? { count: 1, item: [{ idx: 1, article_url: p.articleUrl }] } : { count: 0, item: [] },
          fail_idx: status >= 2 && status <= 4 ? [1] : [],
        };
      }
      case 'freepublish/delete': {
        const p = [...this.publishes.values()].find((x) => x.articleId && x.articleId === body.article_id);
        if (!p) return err(53600);
        p.deleted = true;
        return { errcode: 0, errmsg: 'ok' };
      }
    }
    return err(-1);
  }

  /** The job finishes: the event goes to the callback first, then freepublish/get reports the result too. */
  private async finish(p: Publish): Promise<void> {
    if (this.callbackUrl && !this.dropCallbacks) await this.sendCallback(p, 1);
    p.visibleStatus = p.finalStatus;
  }

  private async sendCallback(p: Publish, attempt: number): Promise<void> {
    const xml = publishEventXml({
      toUserName: 'gh_fake_account', fromUserName: 'oFakeSystemOpenId', createTime: Math.floor(Date.now() / 1000),
      publishId: p.publishId, publishStatus: p.finalStatus, articleId: p.articleId, articleUrls: p.articleUrl ? [p.articleUrl] : [],
      failIdx: p.finalStatus >= 2 && p.finalStatus <= 4 ? [1] : [],
    });
    let status = 0;
    let answer = '';
    try {
      const res = await fetch(this.signedCallbackUrl({ openid: 'oFakeSystemOpenId' }), {
        method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml, signal: AbortSignal.timeout(5000),
      });
      status = res.status;
      answer = await res.text();
    } catch (err) {
      answer = String((err as Error).message);
    }
    this.callbacks.push({ publishId: p.publishId, attempt, status, answer });
    // WeChat retries an event three times when the server does not answer in time
    if ((status < 200 || status >= 300) && attempt < 3 && this.server?.listening) {
      this.later(() => void this.sendCallback(p, attempt + 1), 500);
    }
  }

  private signedCallbackUrl(extra: Record<string, string>): string {
    if (!this.callbackUrl) throw new Error('WechatOaFake: no callbackUrl set');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    const signature = callbackSignature(this.callbackToken ?? '', timestamp, nonce);
    const q = new URLSearchParams({ signature, timestamp, nonce, ...extra });
    return `${this.callbackUrl}${this.callbackUrl.includes('?') ? '&' : '?'}${q}`;
  }

  private later(fn: (v?: unknown) => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private id(prefix: string): string {
    return `${prefix}_${randomBytes(10).toString('hex')}`;
  }

  private show(url: URL, res: http.ServerResponse): void {
    const img = /^\/(mmbiz|mmbiz_img)\/([A-Za-z0-9_]+)$/.exec(url.pathname);
    if (img) {
      const found = img[1] === 'mmbiz' ? this.materials.get(img[2]) : this.inlineImages.get(img[2]);
      if (!found) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': found.type }).end(found.bytes);
      return;
    }
    const article = /^\/s\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
    if (article) {
      const p = [...this.publishes.values()].find((x) => x.articleId === article[1] && x.visibleStatus === 0);
      const a = p && this.drafts.get(p.mediaId)?.articles[0];
      if (!p || !a || p.deleted) {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><meta charset="utf-8"><p>该内容已被发布者删除</p>');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${esc(String(a.title))}</title>` +
          `<body style="max-width:680px;margin:auto;font-family:sans-serif"><h1>${esc(String(a.title))}</h1><p style="color:#888">${esc(String(a.author ?? ''))}</p>` +
          `<img src="${esc(this.materials.get(String(a.thumb_media_id))?.bytes ? `${this.url}/mmbiz/${String(a.thumb_media_id)}` : '')}" style="max-width:100%">` +
          `${String(a.content)}${a.content_source_url ? `<p><a href="${esc(String(a.content_source_url))}">阅读原文</a></p>` : ''}</body></html>`,
      );
      return;
    }
    const rows = [...this.publishes.values()]
      .reverse()
      .map((p) => {
        const status = p.deleted ? '已删除' : ({ 0: '发布成功', 1: '发布中', 2: '原创审核失败', 3: '发布失败', 4: '审核不通过', 5: '已删除', 6: '已封禁' } as Record<number, string>)[p.visibleStatus];
        const link = p.articleUrl && p.visibleStatus === 0 && !p.deleted ? `<a href="${esc(p.articleUrl)}">查看文章</a>` : '';
        return `<tr><td>${esc(p.submittedAt)}</td><td>${esc(p.publishId)}</td><td>${esc(p.title)}</td><td>${esc(status ?? '')}</td><td>${link}</td></tr>`;
      })
      .join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>模拟微信公众号</title><meta http-equiv="refresh" content="5">` +
        `<body style="font-family:sans-serif"><h1>模拟微信公众号（草稿 ${this.drafts.size} 篇，发布 ${this.publishes.size} 次）</h1>` +
        `<table border="1" cellpadding="4"><tr><th>提交时间</th><th>publish_id</th><th>标题</th><th>状态</th><th>文章</th></tr>${rows}</table></body></html>`,
    );
  }
}

const ENDPOINTS: Record<string, WechatEndpoint> = {
  '/cgi-bin/stable_token': 'stable_token',
  '/cgi-bin/material/add_material': 'add_material',
  '/cgi-bin/media/uploadimg': 'uploadimg',
  '/cgi-bin/draft/add': 'draft/add',
  '/cgi-bin/freepublish/submit': 'freepublish/submit',
  '/cgi-bin/freepublish/get': 'freepublish/get',
  '/cgi-bin/freepublish/delete': 'freepublish/delete',
};

function sniff(b: Buffer): string {
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.subarray(0, 3).toString('latin1') === 'GIF') return 'image/gif';
  if (b.subarray(0, 2).toString('latin1') === 'BM') return 'image/bmp';
  return '';
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A solid-colour PNG, for covers and inline images in tests and the demo (no image files to ship). */
export function pngImage(width = 4, height = 4, rgb: [number, number, number] = [200, 30, 30]): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
