var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Injectable } from '@nestjs/common';
import axios, { isAxiosError } from 'axios';
import http from 'node:http';
import https from 'node:https';
import { AdapterError } from '../adapter.contract.js';
import { assertPublicTarget } from '../outbound-guard.js';
import { sign } from './webhook.signature.js';
/** Status codes worth another try: the request may succeed later unchanged. */
const RETRYABLE_STATUS = new Set([408, 425, 429]);
/**
 * A generic signed HTTP channel: POSTs the disclosure as JSON with an HMAC signature and
 * `Idempotency-Key: <delivery id>`, so the receiver can drop the repeats a retry after a crash produces.
 */
export class WebhookAdapter {
    channel;
    type = 'webhook';
    idempotent;
    settings;
    http;
    constructor(channel) {
        this.channel = channel;
        const s = channel.settings;
        this.settings = {
            url: String(s.url ?? ''),
            secret: String(s.secret ?? ''),
            timeoutMs: Number(s.timeoutMs ?? 10000),
            idempotent: s.idempotent !== false,
            allowPrivateNetwork: s.allowPrivateNetwork === true,
        };
        this.idempotent = this.settings.idempotent;
        // keep-alive agents: one TCP connection per busy channel instead of a handshake per delivery
        this.http = axios.create({
            timeout: this.settings.timeoutMs,
            httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
            httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 64 }),
            maxRedirects: 0,
            validateStatus: () => true,
            transformResponse: (data) => data,
        });
    }
    checkConfig() {
        const problems = [];
        const where = `channel ${this.channel.name}`;
        try {
            const u = new URL(this.settings.url);
            if (!/^https?:$/.test(u.protocol))
                problems.push(`${where}: settings.url must be http(s)`);
        }
        catch {
            problems.push(`${where}: settings.url is not a valid URL`);
        }
        if (this.settings.secret.length < 16)
            problems.push(`${where}: settings.secret must be at least 16 characters`);
        if (!(this.settings.timeoutMs > 0))
            problems.push(`${where}: settings.timeoutMs must be positive`);
        return problems;
    }
    send(ctx) {
        return this.post('disclosure.publish', ctx.delivery.id, ctx);
    }
    /** Same delivery, new revision: the key changes with the revision so the receiver applies each one once. */
    update(ctx) {
        return this.post('disclosure.update', `${ctx.delivery.id}:r${ctx.disclosure.revision}`, ctx);
    }
    async withdraw(ctx) {
        await this.post('disclosure.withdraw', `${ctx.delivery.id}:withdraw`, ctx);
    }
    async post(event, idempotencyKey, ctx) {
        await assertPublicTarget(this.settings.url, this.settings.allowPrivateNetwork);
        const { delivery, disclosure } = ctx;
        const body = JSON.stringify({
            event,
            deliveryId: delivery.id,
            remoteId: delivery.remoteId,
            carrier: delivery.carrier,
            channel: delivery.channel,
            disclosure,
        });
        const timestamp = Math.floor(Date.now() / 1000);
        let res;
        try {
            res = await this.http.post(this.settings.url, body, {
                headers: {
                    'content-type': 'application/json',
                    'idempotency-key': idempotencyKey,
                    'x-gongkai-event': event,
                    'x-gongkai-timestamp': String(timestamp),
                    'x-gongkai-signature': sign(this.settings.secret, timestamp, body),
                },
            });
        }
        catch (err) {
            throw classifyNetworkError(err, this.idempotent);
        }
        if (res.status >= 200 && res.status < 300) {
            const reply = parseJson(res.data);
            return {
                status: 'delivered',
                remoteId: typeof reply?.id === 'string' || typeof reply?.id === 'number' ? String(reply.id) : undefined,
                remoteUrl: typeof reply?.url === 'string' ? reply.url : undefined,
            };
        }
        const snippet = String(res.data ?? '').slice(0, 200);
        const details = { status: res.status, response: snippet };
        if (res.status >= 500 || RETRYABLE_STATUS.has(res.status)) {
            throw new AdapterError(`HTTP ${res.status} from ${this.channel.name}`, 'retryable', details);
        }
        throw new AdapterError(`HTTP ${res.status} from ${this.channel.name}: ${snippet}`, 'permanent', details);
    }
}
function classifyNetworkError(err, idempotent) {
    if (!isAxiosError(err))
        return new AdapterError(String(err?.message ?? err), 'retryable', {}, { cause: err });
    const timedOut = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT';
    if (timedOut) {
        // The request may have arrived: only a receiver that deduplicates can safely get it again.
        return new AdapterError(`timeout: ${err.message}`, idempotent ? 'retryable' : 'unknown_outcome', { code: err.code }, { cause: err });
    }
    if (err.code === 'ECONNRESET' && !idempotent) {
        return new AdapterError(`connection reset mid-request: ${err.message}`, 'unknown_outcome', { code: err.code }, { cause: err });
    }
    return new AdapterError(`network error: ${err.code ?? ''} ${err.message}`.trim(), 'retryable', { code: err.code }, { cause: err });
}
function parseJson(data) {
    if (typeof data !== 'string' || !data)
        return null;
    try {
        const v = JSON.parse(data);
        return v && typeof v === 'object' ? v : null;
    }
    catch {
        return null;
    }
}
let WebhookAdapterFactory = class WebhookAdapterFactory {
    type = 'webhook';
    create(channel) {
        return new WebhookAdapter(channel);
    }
};
WebhookAdapterFactory = __decorate([
    Injectable()
], WebhookAdapterFactory);
export { WebhookAdapterFactory };
