import { Injectable } from '@nestjs/common';
import axios, { type AxiosInstance, isAxiosError } from 'axios';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { AdapterError, type AdapterFactory, type ChannelAdapter, type ChannelConfig, type DeliveryContext, type SendOutcome } from '../adapter.contract.js';
import { assertPublicTarget } from '../outbound-guard.js';
import { renderText, truncate } from '../render/render.js';
import { retryAfterMs as parseRetryAfter } from '../retry-after.js';
import { signPushRequest } from './app-push.signature.js';

export interface AppPushSettings {
  apiBase: string;
  appKey: string;
  appSecret: string;
  audience: string;
  articleBaseUrl: string;
  timeoutMs: number;
  allowPrivateNetwork: boolean;
}

/** What a push notification shows: a short title and a one-paragraph summary; the app opens `url` for the rest. */
export const PUSH_LIMITS = { title: 64, summary: 120 } as const;

/**
 * The city app's push service (e.g. the 掌上根河 app): a signed JSON API. POST /v1/messages is idempotent by
 * messageId (the delivery id): a repeat gets 409 with the original message id, so any lost answer is retried
 * safely. Updates re-send the message in place (PUT), withdrawals recall it (DELETE).
 */
export class AppPushAdapter implements ChannelAdapter {
  readonly type = 'app_push';
  readonly idempotent = true;
  readonly settings: AppPushSettings;
  private readonly http: AxiosInstance;

  constructor(private readonly channel: ChannelConfig) {
    const s = channel.settings;
    this.settings = {
      apiBase: String(s.apiBase ?? ''),
      appKey: String(s.appKey ?? ''),
      appSecret: String(s.appSecret ?? ''),
      audience: String(s.audience ?? 'all'),
      articleBaseUrl: String(s.articleBaseUrl ?? ''),
      timeoutMs: Number(s.timeoutMs ?? 10000),
      allowPrivateNetwork: s.allowPrivateNetwork === true,
    };
    this.http = axios.create({
      timeout: this.settings.timeoutMs,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 32 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 32 }),
      maxRedirects: 0,
      validateStatus: () => true,
      transformResponse: (data: string) => data,
    });
  }

  checkConfig(): string[] {
    const s = this.settings;
    const where = `channel ${this.channel.name}`;
    const problems: string[] = [];
    if (!isHttpUrl(s.apiBase)) problems.push(`${where}: settings.apiBase must be an http(s) URL (the push service's base URL)`);
    if (!s.appKey) problems.push(`${where}: settings.appKey is required`);
    if (s.appSecret.length < 16) problems.push(`${where}: settings.appSecret must be at least 16 characters (set it from the environment, e.g. \${APP_PUSH_SECRET})`);
    if (s.audience !== 'all' && !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(s.audience)) problems.push(`${where}: settings.audience must be "all" or a topic name (lower-case letters, digits, _ or -)`);
    if (!isHttpUrl(s.articleBaseUrl.replace('{id}', 'x'))) problems.push(`${where}: settings.articleBaseUrl must be an http(s) URL where the app opens the full text, e.g. https://www.example.gov.cn/gk/{id}`);
    if (!(s.timeoutMs > 0)) problems.push(`${where}: settings.timeoutMs must be positive`);
    return problems;
  }

  async send(ctx: DeliveryContext): Promise<SendOutcome> {
    const res = await this.request('POST', '/v1/messages', { messageId: ctx.delivery.id, ...this.message(ctx), publishedAt: new Date().toISOString() });
    if (res.status === 201 || res.status === 200 || res.status === 409) {
      const id = res.json?.id;
      if (typeof id !== 'string' || !id) {
        // created or not, a repeat with the same messageId is answered 409 with the id: try again
        throw new AdapterError(`推送服务的应答缺少消息 id（HTTP ${res.status}）：${res.raw.slice(0, 120)}`, 'retryable', { status: res.status });
      }
      return { status: 'delivered', remoteId: id, remoteUrl: typeof res.json?.url === 'string' ? res.json.url : undefined };
    }
    throw this.failure('POST /v1/messages', res);
  }

  async update(ctx: DeliveryContext): Promise<SendOutcome> {
    const id = this.remoteId(ctx);
    const res = await this.request('PUT', `/v1/messages/${encodeURIComponent(id)}`, { ...this.message(ctx), revision: ctx.disclosure.revision });
    if (res.status === 200 || res.status === 204) return { status: 'delivered', remoteId: id };
    // a newer revision is already there (a late retry of this one): nothing to change, and nothing to undo
    if (res.status === 409 && res.json?.code === 'stale_revision') return { status: 'delivered', remoteId: id };
    throw this.failure('PUT /v1/messages/:id', res);
  }

  /** A message already gone (404) is as withdrawn as it gets. */
  async withdraw(ctx: DeliveryContext): Promise<void> {
    const id = this.remoteId(ctx);
    const res = await this.request('DELETE', `/v1/messages/${encodeURIComponent(id)}`, undefined);
    if (res.status === 200 || res.status === 204 || res.status === 404) return;
    throw this.failure('DELETE /v1/messages/:id', res);
  }

  private message(ctx: DeliveryContext): { title: string; summary: string; url: string; audience: string } {
    const { disclosure } = ctx;
    const meta = disclosure.metadata;
    const summary = typeof meta.summary === 'string' && meta.summary.trim() ? meta.summary : renderText(disclosure.body);
    const base = this.settings.articleBaseUrl;
    const id = encodeURIComponent(disclosure.id);
    const url = typeof meta.url === 'string' && isHttpUrl(meta.url) ? meta.url : base.includes('{id}') ? base.replace('{id}', id) : `${base.replace(/\/+$/, '')}/${id}`;
    return { title: truncate(disclosure.title, PUSH_LIMITS.title), summary: truncate(summary, PUSH_LIMITS.summary), url, audience: this.settings.audience };
  }

  private remoteId(ctx: DeliveryContext): string {
    if (!ctx.delivery.remoteId) throw new AdapterError('推送消息缺少远端 id（remoteId），无法更新或撤回', 'permanent', { field: 'remoteId' });
    return ctx.delivery.remoteId;
  }

  private async request(method: 'POST' | 'PUT' | 'DELETE', path: string, payload: object | undefined): Promise<{ status: number; raw: string; json: Record<string, unknown> | null; retryAfter?: string }> {
    const url = new URL(`${this.settings.apiBase.replace(/\/+$/, '')}${path}`);
    await assertPublicTarget(url.toString(), this.settings.allowPrivateNetwork);
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(16).toString('hex');
    let res;
    try {
      res = await this.http.request({
        method,
        url: url.toString(),
        data: body || undefined,
        headers: {
          ...(body ? { 'content-type': 'application/json' } : {}),
          'x-app-key': this.settings.appKey,
          'x-timestamp': timestamp,
          'x-nonce': nonce,
          'x-signature': signPushRequest(this.settings.appSecret, method, url.pathname, timestamp, nonce, body),
        },
      });
    } catch (err) {
      if (!isAxiosError(err)) throw new AdapterError(`推送服务：${String((err as Error)?.message ?? err)}`, 'retryable', {}, { cause: err });
      const timedOut = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT';
      // idempotent by messageId: a lost answer is simply asked again
      throw new AdapterError(`推送服务${timedOut ? '请求超时' : '网络错误'}（${err.code ?? ''} ${err.message}）`, 'retryable', { code: err.code }, { cause: err });
    }
    const raw = String(res.data ?? '');
    let json: Record<string, unknown> | null = null;
    try {
      const v = JSON.parse(raw);
      json = v && typeof v === 'object' && !Array.isArray(v) ? v : null;
    } catch {
      json = null;
    }
    return { status: res.status, raw, json, retryAfter: res.headers['retry-after'] as string | undefined };
  }

  private failure(what: string, res: { status: number; raw: string; json: Record<string, unknown> | null; retryAfter?: string }): AdapterError {
    const said = typeof res.json?.message === 'string' ? res.json.message : res.raw.slice(0, 200);
    const details: Record<string, unknown> = { status: res.status, code: res.json?.code, field: res.json?.field };
    if (res.status === 429) {
      const retryAfterMs = parseRetryAfter(res.retryAfter);
      return new AdapterError(`推送服务限流（HTTP 429）${retryAfterMs !== undefined ? `，${Math.ceil(retryAfterMs / 1000)} 秒后可重试` : ''}`, 'retryable', { ...details, retryAfterMs });
    }
    if (res.status >= 500 || res.status === 408) return new AdapterError(`推送服务 ${what} 返回 HTTP ${res.status}`, 'retryable', { ...details, response: res.raw.slice(0, 200) });
    if (res.status === 401 || res.status === 403) {
      return new AdapterError(`推送服务拒绝了签名或应用密钥（HTTP ${res.status}：${said}）：请检查 settings.appKey 与 settings.appSecret`, 'permanent', details);
    }
    if (res.status === 404) return new AdapterError(`推送服务中找不到该消息（HTTP 404）：${said}`, 'permanent', details);
    return new AdapterError(`推送服务 ${what} 返回 HTTP ${res.status}：${said}`, 'permanent', details);
  }
}

function isHttpUrl(s: string): boolean {
  try {
    return /^https?:$/.test(new URL(s).protocol);
  } catch {
    return false;
  }
}

@Injectable()
export class AppPushAdapterFactory implements AdapterFactory {
  readonly type = 'app_push';
  create(channel: ChannelConfig): ChannelAdapter {
    return new AppPushAdapter(channel);
  }
}
