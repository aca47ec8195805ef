import { Injectable } from '@nestjs/common';
import axios, { type AxiosInstance, isAxiosError } from 'axios';
import * as fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import * as path from 'node:path';
import { AdapterError, type AdapterFactory, type ChannelAdapter, type ChannelConfig, type DeliveryContext, type FailureKind, type SendOutcome } from '../adapter.contract.js';
import { assertPublicTarget } from '../outbound-guard.js';
import { renderText } from '../render/render.js';
import { composeStatus, WEIBO_MAX_WEIGHT, weiboWeight } from './weibo.text.js';

export interface WeiboSettings {
  apiBase: string;
  accessToken: string;
  safeDomain: string;
  articleBaseUrl: string;
  clientIp: string;
  pictureFile: string;
  statusUrlBase: string;
  /**
   * statuses/destroy for apps that were granted it (today's open platform documents only the commercial
   * c.api.weibo.com/2/statuses/destroy/biz.json); empty: a withdrawal is a manual task
   */
  destroyUrl: string;
  timeoutMs: number;
  allowPrivateNetwork: boolean;
}

/** "发布成功，目前服务器可能会有延迟": posted, without the status in the answer. */
const POSTED_WITH_DELAY = 20032;

const PICTURE_MAX_BYTES = 5 * 1024 * 1024;
const PICTURE_TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif' };

/**
 * Weibo error codes (open.weibo.com/wiki/Error_code) and what they mean for the queue; anything not listed is
 * permanent, or, on share, unknown when Weibo answered 5xx. `share` overrides the kind for statuses/share, which
 * Weibo does not deduplicate beyond refusing an immediate repeat: after a system error the status may be up.
 */
const ERRORS: Record<number, { kind: FailureKind; reason: string; share?: FailureKind }> = {
  10001: { kind: 'retryable', reason: '微博系统错误', share: 'unknown_outcome' },
  10002: { kind: 'retryable', reason: '微博服务暂停' },
  10009: { kind: 'retryable', reason: '微博任务过多，系统繁忙' },
  10022: { kind: 'retryable', reason: 'IP 请求频次超过上限' },
  10023: { kind: 'retryable', reason: '用户请求频次超过上限' },
  10024: { kind: 'retryable', reason: '用户请求该接口的频次超过上限' },
  20016: { kind: 'retryable', reason: '发微博太频繁' },
  10017: { kind: 'permanent', reason: '微博内容须包含应用安全域名下的链接：请检查渠道设置 settings.safeDomain 与 settings.articleBaseUrl，并在微博开放平台核对安全域名' },
  20012: { kind: 'permanent', reason: '微博内容超过 140 字' },
  // Weibo refuses the same text twice in a row: the earlier attempt most likely got through
  20017: { kind: 'unknown_outcome', reason: '微博提示刚发过相似内容，之前的尝试可能已经发布：请在微博核对，已发布则确认送达' },
  20019: { kind: 'unknown_outcome', reason: '微博提示内容重复，之前的尝试可能已经发布：请在微博核对，已发布则确认送达' },
  20111: { kind: 'unknown_outcome', reason: '微博提示不能发布相同的微博，之前的尝试可能已经发布：请在微博核对，已发布则确认送达' },
  21301: { kind: 'permanent', reason: '微博授权失败：请重新授权（OAuth）并更新 WEIBO_ACCESS_TOKEN' },
  21327: { kind: 'permanent', reason: 'access_token 已过期：请重新授权（OAuth）并更新 WEIBO_ACCESS_TOKEN 后重试' },
  21332: { kind: 'permanent', reason: 'access_token 无效：请重新授权（OAuth）并更新 WEIBO_ACCESS_TOKEN 后重试' },
};

/**
 * 微博: one status per disclosure through statuses/share.json: 【标题】摘要 and a link to the full text, which
 * must lie under the app's safe domain. share.json is not idempotent, so a lost answer is unknown_outcome and an
 * interrupted attempt is left to a person (the runner marks it unconfirmed). Tokens come from OAuth, out of band.
 */
export class WeiboAdapter implements ChannelAdapter {
  readonly type = 'weibo';
  readonly idempotent = false;
  readonly settings: WeiboSettings;
  /** only with settings.destroyUrl: without it the pipeline makes a withdrawal a manual task */
  readonly withdraw?: (ctx: DeliveryContext) => Promise<void>;
  private readonly http: AxiosInstance;

  constructor(private readonly channel: ChannelConfig) {
    const s = channel.settings;
    this.settings = {
      apiBase: String(s.apiBase ?? 'https://api.weibo.com'),
      accessToken: String(s.accessToken ?? ''),
      safeDomain: String(s.safeDomain ?? '').toLowerCase(),
      articleBaseUrl: String(s.articleBaseUrl ?? ''),
      clientIp: String(s.clientIp ?? ''),
      pictureFile: String(s.pictureFile ?? ''),
      statusUrlBase: String(s.statusUrlBase ?? 'https://m.weibo.cn/status'),
      destroyUrl: String(s.destroyUrl ?? ''),
      timeoutMs: Number(s.timeoutMs ?? 15000),
      allowPrivateNetwork: s.allowPrivateNetwork === true,
    };
    if (this.settings.destroyUrl) this.withdraw = (ctx) => this.destroy(ctx);
    this.http = axios.create({
      timeout: this.settings.timeoutMs,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 16 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 16 }),
      maxRedirects: 0,
      validateStatus: () => true,
      transformResponse: (data: string) => data,
    });
  }

  checkConfig(): string[] {
    const s = this.settings;
    const where = `channel ${this.channel.name}`;
    const problems: string[] = [];
    if (!isHttpUrl(s.apiBase)) problems.push(`${where}: settings.apiBase must be an http(s) URL`);
    if (!s.accessToken) problems.push(`${where}: settings.accessToken is required (set it from the environment, e.g. \${WEIBO_ACCESS_TOKEN})`);
    if (!s.safeDomain) problems.push(`${where}: settings.safeDomain is required (the app's 安全域名 on the Weibo open platform)`);
    else if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(s.safeDomain)) problems.push(`${where}: settings.safeDomain must be a domain name, e.g. www.example.gov.cn`);
    if (!s.articleBaseUrl) problems.push(`${where}: settings.articleBaseUrl is required (where the full text lives, e.g. https://www.example.gov.cn/gk/{id})`);
    else if (!isHttpUrl(s.articleBaseUrl.replace('{id}', 'x'))) problems.push(`${where}: settings.articleBaseUrl must be an http(s) URL`);
    else if (s.safeDomain && !underDomain(s.articleBaseUrl.replace('{id}', 'x'), s.safeDomain)) {
      problems.push(`${where}: settings.articleBaseUrl must lie under settings.safeDomain (${s.safeDomain}), or Weibo refuses the status (10017)`);
    }
    if (!/^[0-9a-fA-F:.]+$/.test(s.clientIp)) problems.push(`${where}: settings.clientIp (rip, the server's public IP) is required`);
    if (s.pictureFile) {
      const ext = path.extname(s.pictureFile).toLowerCase();
      if (!PICTURE_TYPES[ext]) problems.push(`${where}: settings.pictureFile must be a .jpg, .png or .gif file`);
      else if (!fs.existsSync(s.pictureFile)) problems.push(`${where}: settings.pictureFile: file ${s.pictureFile} does not exist`);
      // statuses/share: "上传图片大小限制为<5M"
      else if (fs.statSync(s.pictureFile).size >= PICTURE_MAX_BYTES) problems.push(`${where}: settings.pictureFile must be smaller than 5 MB`);
    }
    if (s.destroyUrl && !isHttpUrl(s.destroyUrl)) problems.push(`${where}: settings.destroyUrl must be an http(s) URL (or left out: withdrawals become manual tasks)`);
    if (!(s.timeoutMs > 0)) problems.push(`${where}: settings.timeoutMs must be positive`);
    return problems;
  }

  async send(ctx: DeliveryContext): Promise<SendOutcome> {
    const url = this.articleUrl(ctx);
    const meta = ctx.disclosure.metadata;
    const summary = typeof meta.summary === 'string' && meta.summary.trim() ? meta.summary : renderText(ctx.disclosure.body);
    const status = composeStatus(ctx.disclosure.title, summary, url);
    if (weiboWeight(status) > WEIBO_MAX_WEIGHT) {
      // only a link longer than the whole limit gets here
      throw new AdapterError(`微博内容超过 ${WEIBO_MAX_WEIGHT} 字：原文链接过长（settings.articleBaseUrl）`, 'permanent', { field: 'articleBaseUrl' });
    }
    const fields = { access_token: this.settings.accessToken, status, rip: this.settings.clientIp };
    let body: string | FormData = new URLSearchParams(fields).toString();
    if (this.settings.pictureFile) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      const bytes = await fs.promises.readFile(this.settings.pictureFile).catch((err: Error) => {
        throw new AdapterError(`配图（settings.pictureFile）无法读取：${err.message}`, 'permanent', { field: 'pictureFile' });
      });
      const type = PICTURE_TYPES[path.extname(this.settings.pictureFile).toLowerCase()] ?? 'image/jpeg';
      form.append('pic', new Blob([new Uint8Array(bytes)], { type }), path.basename(this.settings.pictureFile));
      body = form;
    }
    let reply: Record<string, unknown>;
    try {
      reply = await this.call('statuses/share', this.api('/2/statuses/share.json'), body, true);
    } catch (err) {
      if (err instanceof AdapterError && err.details.errorCode === POSTED_WITH_DELAY) {
        // Weibo says it is posted and slow to show: no id to record (a withdrawal then needs a person)
        return { status: 'delivered' };
      }
      throw err;
    }
    const id = reply.idstr ?? reply.id;
    if ((typeof id !== 'string' && typeof id !== 'number') || id === '') {
      throw new AdapterError(`微博 statuses/share 的应答缺少 id，无法确认是否已发布：${JSON.stringify(reply).slice(0, 200)}`, 'unknown_outcome', { step: 'statuses/share' });
    }
    return { status: 'delivered', remoteId: String(id), remoteUrl: `${this.settings.statusUrlBase.replace(/\/+$/, '')}/${id}` };
  }

  /** statuses/destroy; a status already gone (20101) counts as withdrawn. */
  private async destroy(ctx: DeliveryContext): Promise<void> {
    const id = ctx.delivery.remoteId;
    if (!id) throw new AdapterError('没有可删除的微博：缺少微博 id（remoteId），请在微博后台手动删除', 'permanent', { field: 'remoteId' });
    try {
      await this.call('statuses/destroy', this.settings.destroyUrl, new URLSearchParams({ access_token: this.settings.accessToken, id }).toString(), false);
    } catch (err) {
      if (err instanceof AdapterError && err.details.errorCode === 20101) return;
      throw err;
    }
  }

  /** The link the status carries: metadata.url if given, else articleBaseUrl + the disclosure id; under the safe domain. */
  private articleUrl(ctx: DeliveryContext): string {
    const given = ctx.disclosure.metadata.url;
    const base = this.settings.articleBaseUrl;
    const id = encodeURIComponent(ctx.disclosure.id);
    const url = typeof given === 'string' && given ? given : base.includes('{id}') ? base.replace('{id}', id) : `${base.replace(/\/+$/, '')}/${id}`;
    const setting = typeof given === 'string' && given ? 'metadata.url' : 'settings.articleBaseUrl';
    if (!isHttpUrl(url)) throw new AdapterError(`原文链接不是有效的 http(s) 地址（${setting}）：${url}`, 'permanent', { field: setting });
    if (!underDomain(url, this.settings.safeDomain)) {
      throw new AdapterError(`原文链接 ${url} 不在微博应用的安全域名 ${this.settings.safeDomain} 下，微博会拒绝（10017）：请检查 ${setting} 与 settings.safeDomain`, 'permanent', { field: setting });
    }
    return url;
  }

  private api(apiPath: string): string {
    return `${this.settings.apiBase.replace(/\/+$/, '')}${apiPath}`;
  }

  /** `mutates`: the call publishes something Weibo does not deduplicate, so an answer that may hide success is unknown. */
  private async call(step: string, url: string, body: string | FormData, mutates: boolean): Promise<Record<string, unknown>> {
    await assertPublicTarget(url, this.settings.allowPrivateNetwork);
    let res;
    try {
      res = await this.http.post(url, body, typeof body === 'string' ? { headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {});
    } catch (err) {
      throw networkError(step, err, mutates);
    }
    const raw = String(res.data ?? '');
    let reply: Record<string, unknown> | undefined;
    try {
      const v = JSON.parse(raw);
      reply = v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
    } catch {
      reply = undefined;
    }
    const code = Number(reply?.error_code ?? 0);
    if (code) {
      const known = ERRORS[code];
      const kind = (mutates ? known?.share : undefined) ?? known?.kind ?? (res.status >= 500 ? (mutates ? 'unknown_outcome' : 'retryable') : 'permanent');
      const reason = known?.reason ?? '微博拒绝了请求';
      const hint = kind === 'unknown_outcome' && known?.kind !== 'unknown_outcome' ? '；微博可能已经发布：请在微博核对，已发布则确认送达' : '';
      throw new AdapterError(`微博 ${step}：${reason}（${code} ${String(reply?.error ?? '')}）${hint}`, kind, { step, status: res.status, errorCode: code });
    }
    if (res.status === 429) {
      throw new AdapterError(`微博 ${step} 返回 HTTP ${res.status}`, 'retryable', { step, status: res.status, response: raw.slice(0, 200) });
    }
    if (res.status >= 500 || res.status === 408) {
      // a gateway in front of Weibo gave up; Weibo itself may have posted the status (it only refuses a repeat of
      // the latest one, so a resend after another disclosure's status would post it twice)
      const kind: FailureKind = mutates ? 'unknown_outcome' : 'retryable';
      const hint = mutates ? '，微博可能已经发布：请在微博核对，已发布则确认送达，未发布则重试' : '';
      throw new AdapterError(`微博 ${step} 返回 HTTP ${res.status}${hint}`, kind, { step, status: res.status, response: raw.slice(0, 200) });
    }
    if (res.status !== 200) throw new AdapterError(`微博 ${step} 返回 HTTP ${res.status}：${raw.slice(0, 200)}`, 'permanent', { step, status: res.status });
    if (!reply) {
      throw new AdapterError(`微博 ${step} 的应答不是 JSON 对象（HTTP 200）：${raw.slice(0, 120)}`, mutates ? 'unknown_outcome' : 'retryable', { step });
    }
    return reply;
  }
}

function networkError(step: string, err: unknown, mutates: boolean): AdapterError {
  if (!isAxiosError(err)) return new AdapterError(`微博 ${step}：${String((err as Error)?.message ?? err)}`, 'retryable', { step }, { cause: err });
  const lost = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' || err.code === 'ECONNRESET' || /socket hang up/.test(err.message);
  const what = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' ? '请求超时' : '网络错误';
  // a status may have been posted when the answer was lost; a refused connection posted nothing
  return new AdapterError(`微博 ${step}：${what}（${err.code ?? ''} ${err.message}）`, lost && mutates ? 'unknown_outcome' : 'retryable', { step, code: err.code }, { cause: err });
}

function underDomain(url: string, domain: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return !!domain && (host === domain || host.endsWith(`.${domain}`));
  } catch {
    return false;
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
export class WeiboAdapterFactory implements AdapterFactory {
  readonly type = 'weibo';
  create(channel: ChannelConfig): ChannelAdapter {
    return new WeiboAdapter(channel);
  }
}
