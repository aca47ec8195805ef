import axios, { type AxiosInstance, isAxiosError } from 'axios';
import http from 'node:http';
import https from 'node:https';
import { AdapterError, type FailureKind } from '../adapter.contract.js';
import { assertPublicTarget } from '../outbound-guard.js';

export interface WechatApiSettings {
  apiBase: string;
  appId: string;
  appSecret: string;
  timeoutMs: number;
  allowPrivateNetwork: boolean;
}

export interface CallOptions {
  /**
   * The call has a side effect WeChat does not deduplicate (freepublish/submit): a lost answer means the effect
   * may or may not have happened, so it is reported as unknown_outcome instead of being retried.
   */
  uncertain?: boolean;
  query?: Record<string, string>;
}

/** Token errors that a fresh token fixes: 40001 invalid credential, 40014 invalid token, 42001 token expired. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);

/** errcodes worth another try later: system busy, per-minute frequency limit (45009 waits for the next day). */
const RETRYABLE_ERRCODES: Record<number, string> = {
  [-1]: '微信系统繁忙',
  45011: '接口调用过于频繁',
};

/** The daily quota (45009) is counted per day: nothing gets through before it resets at 00:00 Beijing time. */
const DAILY_QUOTA = 45009;

/**
 * stable_token with force_refresh invalidates the token every other holder of the AppID uses, is allowed 20
 * times a day, and does not refresh again within 30 s of the last forced call (getStableAccessToken, 其他说明).
 */
const FORCED_REFRESH_PER_DAY = 20;
const FORCED_REFRESH_GAP_MS = 30_000;

const PERMANENT_REASONS: Record<number, string> = {
  40013: 'AppID 无效，请检查渠道设置 settings.appId',
  40125: 'AppSecret 无效，请检查渠道设置 settings.appSecret（环境变量）',
  40164: '调用接口的服务器 IP 不在公众号的 IP 白名单中，请在公众号后台添加本服务器的出口 IP',
  48001: '接口未授权：该公众号没有此接口权限（未认证的公众号自 2025 年 7 月起不能调用发布接口），请完成微信认证或改为人工发布',
  40007: '无效的 media_id（素材或草稿不存在）',
  45002: '正文超过微信限制',
  45003: '标题超过微信限制',
  45004: '摘要超过微信限制',
  45110: '作者超过微信限制',
  40005: '图片格式不支持',
  40009: '图片大小超过限制',
  // freepublish/submit's own codes (发布草稿, 错误码说明)
  53503: '该草稿未通过发布检查，请检查草稿内容后重新发布',
  53504: '该草稿需前往公众平台官网使用，不能通过接口发布',
  53505: '该草稿需在公众平台官网手动保存成功后再发表',
};

/** freepublish/submit refused the draft itself (53503-53505): nothing was published, and resubmitting it fails alike. */
export const SUBMIT_REFUSED_DRAFT = new Set([53503, 53504, 53505]);

/**
 * The WeChat API as the adapter needs it: a stable access token cached until shortly before it expires, and
 * POSTs that turn errcodes into the queue's failure kinds. A token WeChat rejects is replaced once per call.
 */
export class WechatApi {
  private readonly http: AxiosInstance;
  private cached?: { token: string; refreshAt: number };
  private inflight?: Promise<string>;
  /** counts of token fetches, for the channel's operators (and tests) to see that the cache works */
  tokenFetches = 0;
  /** this process's forced refreshes of the current Beijing day (WeChat counts them per AppID and day) */
  private forced: number[] = [];
  private forcing?: Promise<string>;

  /** `now`: the clock the forced-refresh limits are counted by (a day is a Beijing day) */
  constructor(
    private readonly s: WechatApiSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.http = axios.create({
      timeout: s.timeoutMs,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 16 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 16 }),
      maxRedirects: 0,
      validateStatus: () => true,
      transformResponse: (data: string) => data,
      maxContentLength: 5 * 1024 * 1024,
    });
  }

  async token(): Promise<string> {
    if (this.cached && Date.now() < this.cached.refreshAt) return this.cached.token;
    this.inflight ??= this.fetchToken(false).finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  /**
   * The token was refused: get another. Without force_refresh the stable-token endpoint hands back the token it
   * considers current; if that is the one just refused, force a new one (WeChat allows that 20 times a day).
   */
  async renew(rejected: string): Promise<string> {
    if (this.forcing) return this.forcing;
    if (this.cached?.token === rejected) this.cached = undefined;
    const next = await this.token();
    if (next !== rejected) return next;
    this.cached = undefined;
    this.forcing ??= this.forceRefresh().finally(() => (this.forcing = undefined));
    return this.forcing;
  }

  /** A forced refresh, within WeChat's limits: every other holder of the token loses it, so it is the last resort. */
  private async forceRefresh(): Promise<string> {
    const now = this.now();
    const today = beijingDay(now);
    this.forced = this.forced.filter((t) => beijingDay(t) === today);
    const last = this.forced.at(-1);
    if (last !== undefined && now - last < FORCED_REFRESH_GAP_MS) {
      throw new AdapterError('微信 access_token 被拒绝，而 30 秒内刚强制刷新过（微信要求两次强制刷新至少间隔 30 秒，否则不会刷新），稍后重试', 'retryable', {
        step: 'stable_token', forcedRefreshesToday: this.forced.length,
      });
    }
    if (this.forced.length >= FORCED_REFRESH_PER_DAY) {
      throw new AdapterError(`微信 access_token 被拒绝，今日强制刷新已达 ${FORCED_REFRESH_PER_DAY} 次上限：将于北京时间次日 0 点后重试；若 token 泄露请在公众号后台重置 AppSecret`, 'retryable', {
        step: 'stable_token', forcedRefreshesToday: this.forced.length, retryAt: nextBeijingMidnight(now),
      });
    }
    this.forced.push(now);
    return this.fetchToken(true);
  }

  private async fetchToken(forceRefresh: boolean): Promise<string> {
    this.tokenFetches++;
    const reply = await this.request('stable_token', `${this.base()}/cgi-bin/stable_token`, {
      grant_type: 'client_credential',
      appid: this.s.appId,
      secret: this.s.appSecret,
      force_refresh: forceRefresh,
    }, false);
    const code = Number(reply.errcode ?? 0);
    if (code !== 0) throw errcodeError('stable_token', code, reply.errmsg);
    const token = reply.access_token;
    const ttl = Number(reply.expires_in);
    if (typeof token !== 'string' || !token || !(ttl > 0)) {
      throw new AdapterError(`微信接口 stable_token 的应答缺少 access_token 或 expires_in：${snippet(reply)}`, 'retryable', { step: 'stable_token' });
    }
    // refresh five minutes early (or at half-life for short tokens) so no call goes out with a dying token
    const margin = Math.min(300, ttl / 2) * 1000;
    this.cached = { token, refreshAt: Date.now() + ttl * 1000 - margin };
    return token;
  }

  /** POSTs JSON (or multipart FormData) to an API path with the access token; returns the reply with errcode 0. */
  async post(step: string, path: string, body: object | FormData, opts: CallOptions = {}): Promise<Record<string, unknown>> {
    let token = await this.token();
    for (let round = 0; ; round++) {
      const query = new URLSearchParams({ access_token: token, ...opts.query });
      const reply = await this.request(step, `${this.base()}${path}?${query}`, body, opts.uncertain ?? false);
      const code = Number(reply.errcode ?? 0);
      if (TOKEN_ERRORS.has(code) && round === 0) {
        token = await this.renew(token);
        continue;
      }
      if (code !== 0) {
        if (TOKEN_ERRORS.has(code)) {
          throw new AdapterError(`微信接口 ${step}：刷新后的 access_token 仍被拒绝（${code} ${String(reply.errmsg ?? '')}）`, 'retryable', { step, errcode: code });
        }
        throw errcodeError(step, code, reply.errmsg, opts.uncertain ?? false);
      }
      return reply;
    }
  }

  private async request(step: string, url: string, body: object | FormData, uncertain: boolean): Promise<Record<string, unknown>> {
    await assertPublicTarget(url, this.s.allowPrivateNetwork);
    let res;
    try {
      res = await this.http.post(url, body instanceof FormData ? body : JSON.stringify(body), {
        headers: body instanceof FormData ? {} : { 'content-type': 'application/json' },
      });
    } catch (err) {
      throw networkError(step, err, uncertain);
    }
    const raw = String(res.data ?? '');
    if (res.status >= 500 || res.status === 429 || res.status === 408) {
      // An error page from a gateway or load balancer says nothing about what WeChat did behind it, and WeChat
      // does not promise that a second submit of the same draft is refused: after one, only a person may resend.
      const kind: FailureKind = uncertain ? 'unknown_outcome' : 'retryable';
      const hint = uncertain ? '，微信可能已受理：请在公众号后台核对，已发布则确认送达，未发布则重试' : '';
      throw new AdapterError(`微信接口 ${step} 返回 HTTP ${res.status}${hint}`, kind, { step, status: res.status, response: raw.slice(0, 200) });
    }
    if (res.status !== 200) {
      throw new AdapterError(`微信接口 ${step} 返回 HTTP ${res.status}：${raw.slice(0, 200)}`, 'permanent', { step, status: res.status });
    }
    let reply: unknown;
    try {
      reply = JSON.parse(raw);
    } catch {
      reply = undefined;
    }
    if (!reply || typeof reply !== 'object' || Array.isArray(reply)) {
      // A gateway's HTML page or a truncated body: for submit the publish may have been accepted all the same.
      throw new AdapterError(`微信接口 ${step} 的应答不是 JSON 对象（HTTP 200）：${raw.slice(0, 120)}`, uncertain ? 'unknown_outcome' : 'retryable', { step });
    }
    return reply as Record<string, unknown>;
  }

  private base(): string {
    return this.s.apiBase.replace(/\/+$/, '');
  }
}

export function errcodeError(step: string, code: number, errmsg: unknown, uncertain = false): AdapterError {
  const msg = String(errmsg ?? '');
  const details = { step, errcode: code, errmsg: msg };
  if (code === -1 && uncertain) {
    // "system busy" may come from a back end that went on to do the work: no promise it did not
    return new AdapterError(`微信接口 ${step}：微信系统繁忙（-1 ${msg}），无法确定是否已受理：请在公众号后台核对，已发布则确认送达，未发布则重试`, 'unknown_outcome', details);
  }
  if (code === DAILY_QUOTA) {
    const retryAt = nextBeijingMidnight(Date.now());
    return new AdapterError(`微信接口 ${step}：接口调用次数已达每日上限（${code} ${msg}），将于北京时间次日 0 点额度恢复后自动重试`, 'retryable', { ...details, retryAt });
  }
  if (RETRYABLE_ERRCODES[code]) return new AdapterError(`微信接口 ${step}：${RETRYABLE_ERRCODES[code]}（${code} ${msg}），稍后重试`, 'retryable', details);
  const reason = PERMANENT_REASONS[code] ?? '微信拒绝了请求';
  return new AdapterError(`微信接口 ${step}：${reason}（${code} ${msg}）`, 'permanent', details);
}

export function networkError(step: string, err: unknown, uncertain: boolean): AdapterError {
  if (err instanceof AdapterError) return err;
  if (!isAxiosError(err)) return new AdapterError(`微信接口 ${step}：${String((err as Error)?.message ?? err)}`, 'retryable', { step }, { cause: err });
  const lost = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' || err.code === 'ECONNRESET' || /socket hang up/.test(err.message);
  // Nothing reached WeChat when the connection was never made; a lost answer may hide a completed call.
  const kind: FailureKind = lost && uncertain ? 'unknown_outcome' : 'retryable';
  const what = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' ? '请求超时' : '网络错误';
  return new AdapterError(`微信接口 ${step}：${what}（${err.code ?? ''} ${err.message}）`.replace(/（ /, '（'), kind, { step, code: err.code }, { cause: err });
}

function snippet(v: unknown): string {
  return JSON.stringify(v).slice(0, 200);
}

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

function beijingDay(t: number): number {
  return Math.floor((t + BEIJING_OFFSET_MS) / 86_400_000);
}

/** 00:00 of the next Beijing day, plus up to 10 minutes so waiting jobs do not all wake in the same second. */
export function nextBeijingMidnight(now: number): string {
  const midnight = (beijingDay(now) + 1) * 86_400_000 - BEIJING_OFFSET_MS;
  return new Date(midnight + Math.floor(Math.random() * 10 * 60 * 1000)).toISOString();
}
