var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a;
import { Injectable } from '@nestjs/common';
import axios, { isAxiosError } from 'axios';
import http from 'node:http';
import https from 'node:https';
import { NoticePublisher } from '../../../screens/src/notices/notice-publisher.js';
import { parseScreenVendorSettings } from '../../../screens/src/notices/screens-settings.js';
import { AdapterError } from '../adapter.contract.js';
import { assertPublicTarget } from '../outbound-guard.js';
import { sign } from '../webhook/webhook.signature.js';
const RETRYABLE_STATUS = new Set([408, 425, 429]);
/**
 * For screens that cannot pull (LED controllers with an HTTP interface): POSTs the rendered notice — the same item a
 * pulling screen gets, with its display window, duration and QR code — signed like the webhook channel
 * (X-Gongkai-Signature over "<timestamp>.<body>") with an Idempotency-Key per delivery and revision.
 */
export class ScreenVendorAdapter {
    channel;
    publisher;
    type = 'screen_vendor';
    idempotent;
    settings;
    problems;
    http;
    constructor(channel, publisher) {
        this.channel = channel;
        this.publisher = publisher;
        const parsed = parseScreenVendorSettings(channel.name, channel.settings);
        this.settings = parsed.settings;
        this.problems = parsed.problems;
        this.idempotent = this.settings?.idempotent ?? true;
        this.http = axios.create({
            timeout: this.settings?.timeoutMs ?? 10000,
            httpAgent: new http.Agent({ keepAlive: true, maxSockets: 32 }),
            httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 32 }),
            maxRedirects: 0,
            validateStatus: () => true,
            transformResponse: (data) => data,
        });
    }
    checkConfig() {
        return this.problems;
    }
    send(ctx) {
        return this.post('notice.publish', ctx.delivery.id, ctx);
    }
    update(ctx) {
        return this.post('notice.update', `${ctx.delivery.id}:r${ctx.disclosure.revision}`, ctx);
    }
    async withdraw(ctx) {
        await this.post('notice.withdraw', `${ctx.delivery.id}:withdraw`, ctx);
    }
    async post(event, idempotencyKey, ctx) {
        if (!this.settings)
            throw new AdapterError(this.problems.join('; '), 'permanent');
        const s = this.settings;
        await assertPublicTarget(s.url, s.allowPrivateNetwork);
        const d = ctx.disclosure;
        const notice = event === 'notice.withdraw'
            ? { id: d.id, revision: d.revision }
            : await this.publisher.compose({ id: d.id, title: d.title, body: d.body, metadata: d.metadata, revision: d.revision, publisher: d.publisher }, null, s);
        if (event !== 'notice.withdraw' && ctx.delivery.state.publishedAt) {
            // keep the first publish's date and display window across updates, as pulling screens do
            const first = ctx.delivery.state;
            Object.assign(notice, { publishedAt: first.publishedAt, startsAt: first.startsAt, endsAt: first.endsAt });
        }
        const body = JSON.stringify({ event, deliveryId: ctx.delivery.id, remoteId: ctx.delivery.remoteId, carrier: ctx.delivery.carrier, channel: ctx.delivery.channel, notice });
        const timestamp = Math.floor(Date.now() / 1000);
        let res;
        try {
            res = await this.http.post(s.url, body, {
                headers: {
                    'content-type': 'application/json',
                    'idempotency-key': idempotencyKey,
                    'x-gongkai-event': event,
                    'x-gongkai-timestamp': String(timestamp),
                    'x-gongkai-signature': sign(s.secret, timestamp, body),
                },
            });
        }
        catch (err) {
            throw this.networkError(err);
        }
        if (res.status >= 200 && res.status < 300) {
            if (event === 'notice.publish' && 'startsAt' in notice && !ctx.delivery.state.publishedAt) {
                await ctx.saveState({ publishedAt: notice.publishedAt, startsAt: notice.startsAt, endsAt: notice.endsAt });
            }
            const reply = parseJson(res.data);
            const id = reply?.id;
            return { status: 'delivered', remoteId: typeof id === 'string' || typeof id === 'number' ? String(id) : undefined };
        }
        const snippet = String(res.data ?? '').slice(0, 200);
        const details = { status: res.status, response: snippet };
        if (res.status >= 500 || RETRYABLE_STATUS.has(res.status))
            throw new AdapterError(`HTTP ${res.status} from ${this.channel.name}`, 'retryable', details);
        throw new AdapterError(`HTTP ${res.status} from ${this.channel.name}: ${snippet}`, 'permanent', details);
    }
    networkError(err) {
        if (!isAxiosError(err))
            return new AdapterError(String(err?.message ?? err), 'retryable', {}, { cause: err });
        const unsure = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' || err.code === 'ECONNRESET';
        // a controller that dedupes by Idempotency-Key can take the request again; otherwise a person decides
        if (unsure && !this.idempotent)
            return new AdapterError(`no answer: ${err.message}`, 'unknown_outcome', { code: err.code }, { cause: err });
        return new AdapterError(`network error: ${err.code ?? ''} ${err.message}`.trim(), 'retryable', { code: err.code }, { cause: err });
    }
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
let ScreenVendorAdapterFactory = class ScreenVendorAdapterFactory {
    publisher;
    type = 'screen_vendor';
    constructor(publisher) {
        this.publisher = publisher;
    }
    create(channel) {
        return new ScreenVendorAdapter(channel, this.publisher);
    }
};
ScreenVendorAdapterFactory = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof NoticePublisher !== "undefined" && NoticePublisher) === "function" ? _a : Object])
], ScreenVendorAdapterFactory);
export { ScreenVendorAdapterFactory };
