import axios, { isAxiosError } from 'axios';
import http from 'node:http';
import https from 'node:https';
import { AdapterError } from '../adapter.contract.js';
import { assertPublicTarget } from '../outbound-guard.js';
/** Token errors that a fresh token fixes: 40001 invalid credential, 40014 invalid token, 42001 token expired. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** errcodes worth another try later: system busy, daily quota, per-minute frequency limit. */
const RETRYABLE_ERRCODES = {
    [-1]: '微信系统繁忙',
    45009: '接口调用次数已达每日上限',
    45011: '接口调用过于频繁',
};
const PERMANENT_REASONS = {
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
};
/**
 * The WeChat API as the adapter needs it: a stable access token cached until shortly before it expires, and
 * POSTs that turn errcodes into the queue's failure kinds. A token WeChat rejects is replaced once per call.
 */
export class WechatApi {
    s;
    http;
    cached;
    inflight;
    /** counts of token fetches, for the channel's operators (and tests) to see that the cache works */
    tokenFetches = 0;
    constructor(s) {
        this.s = s;
        this.http = axios.create({
            timeout: s.timeoutMs,
            httpAgent: new http.Agent({ keepAlive: true, maxSockets: 16 }),
            httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 16 }),
            maxRedirects: 0,
            validateStatus: () => true,
            transformResponse: (data) => data,
            maxContentLength: 5 * 1024 * 1024,
        });
    }
    async token() {
        if (this.cached && Date.now() < this.cached.refreshAt)
            return this.cached.token;
        this.inflight ??= this.fetchToken(false).finally(() => (this.inflight = undefined));
        return this.inflight;
    }
    /**
     * The token was refused: get another. Without force_refresh the stable-token endpoint hands back the token it
     * considers current; if that is the one just refused, force a new one (WeChat allows that 20 times a day).
     */
    async renew(rejected) {
        if (this.cached?.token === rejected)
            this.cached = undefined;
        const next = await this.token();
        if (next !== rejected)
            return next;
        this.cached = undefined;
        return this.fetchToken(true);
    }
    async fetchToken(forceRefresh) {
        this.tokenFetches++;
        const reply = await this.request('stable_token', `${this.base()}/cgi-bin/stable_token`, {
            grant_type: 'client_credential',
            appid: this.s.appId,
            secret: this.s.appSecret,
            force_refresh: forceRefresh,
        }, false);
        const code = Number(reply.errcode ?? 0);
        if (code !== 0)
            throw errcodeError('stable_token', code, reply.errmsg);
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
    async post(step, path, body, opts = {}) {
        let token = await this.token();
        for (let round = 0;; round++) {
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
                throw errcodeError(step, code, reply.errmsg);
            }
            return reply;
        }
    }
    async request(step, url, body, uncertain) {
        await assertPublicTarget(url, this.s.allowPrivateNetwork);
        let res;
        try {
            res = await this.http.post(url, body instanceof FormData ? body : JSON.stringify(body), {
                headers: body instanceof FormData ? {} : { 'content-type': 'application/json' },
            });
        }
        catch (err) {
            throw networkError(step, err, uncertain);
        }
        const raw = String(res.data ?? '');
        if (res.status >= 500 || res.status === 429 || res.status === 408) {
            throw new AdapterError(`微信接口 ${step} 返回 HTTP ${res.status}`, 'retryable', { step, status: res.status, response: raw.slice(0, 200) });
        }
        if (res.status !== 200) {
            throw new AdapterError(`微信接口 ${step} 返回 HTTP ${res.status}：${raw.slice(0, 200)}`, 'permanent', { step, status: res.status });
        }
        let reply;
        try {
            reply = JSON.parse(raw);
        }
        catch {
            reply = undefined;
        }
        if (!reply || typeof reply !== 'object' || Array.isArray(reply)) {
            // A gateway's HTML page or a truncated body: for submit the publish may have been accepted all the same.
            throw new AdapterError(`微信接口 ${step} 的应答不是 JSON 对象（HTTP 200）：${raw.slice(0, 120)}`, uncertain ? 'unknown_outcome' : 'retryable', { step });
        }
        return reply;
    }
    base() {
        return this.s.apiBase.replace(/\/+$/, '');
    }
}
export function errcodeError(step, code, errmsg) {
    const msg = String(errmsg ?? '');
    const details = { step, errcode: code, errmsg: msg };
    if (RETRYABLE_ERRCODES[code])
        return new AdapterError(`微信接口 ${step}：${RETRYABLE_ERRCODES[code]}（${code} ${msg}），稍后重试`, 'retryable', details);
    const reason = PERMANENT_REASONS[code] ?? '微信拒绝了请求';
    return new AdapterError(`微信接口 ${step}：${reason}（${code} ${msg}）`, 'permanent', details);
}
export function networkError(step, err, uncertain) {
    if (err instanceof AdapterError)
        return err;
    if (!isAxiosError(err))
        return new AdapterError(`微信接口 ${step}：${String(err?.message ?? err)}`, 'retryable', { step }, { cause: err });
    const lost = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' || err.code === 'ECONNRESET' || /socket hang up/.test(err.message);
    // Nothing reached WeChat when the connection was never made; a lost answer may hide a completed call.
    const kind = lost && uncertain ? 'unknown_outcome' : 'retryable';
    const what = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' ? '请求超时' : '网络错误';
    return new AdapterError(`微信接口 ${step}：${what}（${err.code ?? ''} ${err.message}）`.replace(/（ /, '（'), kind, { step, code: err.code }, { cause: err });
}
function snippet(v) {
    return JSON.stringify(v).slice(0, 200);
}
