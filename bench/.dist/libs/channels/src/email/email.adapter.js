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
import nodemailer from 'nodemailer';
import { PushAbort, PushFanout, } from '../../../subscribers/src/index.js';
import { escapeHtml } from '../render/render.js';
import { composeEmailBody, personalize, unsubscribeUrl } from './email.message.js';
import { checkEmailSettings, emailSettings } from './email.settings.js';
import { fanoutToSendOutcome, pushPollOutcome } from './push-outcome.js';
const UNIT = 'recipients';
const UNKNOWN_HINT = "the SMTP transaction timed out or broke off after the message was handed over; check the mail server's log before resending";
/**
 * Targeted push by email. send() only fixes the audience and queues batch jobs (so it is safe to run twice:
 * hence `idempotent`); the push workers then call sendChunk with recipients they have claimed, one message per
 * recipient through a pooled SMTP transport, each with its own RFC 8058 one-click unsubscribe link.
 */
export class EmailAdapter {
    channel;
    fanout;
    type = 'email';
    idempotent = true;
    medium = 'email';
    unknownHint = UNKNOWN_HINT;
    settings;
    transport;
    cached;
    constructor(channel, fanout) {
        this.channel = channel;
        this.fanout = fanout;
        this.settings = emailSettings(channel);
    }
    get batchSize() {
        return this.settings.batchSize;
    }
    /** twice the pool's width: enough to keep every connection busy, small enough that a crash loses little */
    get chunkSize() {
        return Math.min(this.settings.batchSize, this.settings.poolSize * 2);
    }
    get publicBaseUrl() {
        return this.settings.publicBaseUrl;
    }
    checkConfig() {
        return checkEmailSettings(this.channel.name, this.settings);
    }
    async send(ctx) {
        const start = await this.fanout.start(ctx, {
            medium: 'email', channel: this.channel.name, batchSize: this.settings.batchSize, unit: UNIT, unknownHint: UNKNOWN_HINT,
            staleMs: this.settings.staleMs, policy: { attempts: this.channel.queue.attempts, backoffMs: this.channel.queue.backoffMs },
        });
        return fanoutToSendOutcome(start, UNIT);
    }
    async poll(ctx) {
        return pushPollOutcome(await this.fanout.recipients.outcome(ctx.delivery.id, UNIT, UNKNOWN_HINT, this.settings.staleMs));
    }
    async sendChunk(ctx, recipients) {
        const body = this.body(ctx);
        const results = await Promise.all(recipients.map((r) => this.sendOne(ctx, body, r)));
        const auth = results.find((r) => r.status === 'failed' && r.error.startsWith('EAUTH'));
        // wrong SMTP credentials fail every recipient alike: stop the whole delivery instead of trying 100,000 times
        if (auth && auth.status === 'failed')
            throw new PushAbort(`SMTP authentication failed: ${auth.error}`, results);
        return results;
    }
    async sendVerification(to, link) {
        const hello = to.name ? `${to.name}，您好：` : '您好：';
        await this.smtp().sendMail({
            from: this.settings.from,
            replyTo: this.settings.replyTo ?? undefined,
            to: to.address,
            subject: '请确认订阅政务公开信息推送',
            text: `${hello}\n\n请打开以下链接确认您的邮箱，确认后才会向您推送政务公开信息：\n${link}\n\n链接7天内有效。如果您没有申请订阅，请忽略本邮件。\n`,
            html: `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><body style="font-family:sans-serif;line-height:1.7">` +
                `<p>${escapeHtml(hello)}</p><p>请点击下面的链接确认您的邮箱，确认后才会向您推送政务公开信息：</p>` +
                `<p><a href="${escapeHtml(link)}">确认订阅</a></p><p style="color:#888;font-size:12px">链接7天内有效。如果您没有申请订阅，请忽略本邮件。</p></body></html>`,
            headers: { 'Auto-Submitted': 'auto-generated' },
        });
    }
    async sendOne(ctx, body, r) {
        const url = unsubscribeUrl(this.settings.publicBaseUrl, r.unsubscribeToken);
        const mail = personalize(body, url, { 'X-Gongkai-Delivery': ctx.delivery.id });
        try {
            const info = await this.smtp().sendMail({
                from: this.settings.from,
                replyTo: this.settings.replyTo ?? undefined,
                to: r.address,
                subject: mail.subject,
                text: mail.text,
                html: mail.html,
                headers: mail.headers,
                // stable per (delivery, recipient): the receiving side and our records name the same message
                messageId: `<${ctx.delivery.id}.${r.subscriberId}@${this.domain()}>`,
            });
            return { subscriberId: r.subscriberId, status: 'sent', remoteId: info.messageId };
        }
        catch (err) {
            return { subscriberId: r.subscriberId, ...classifySmtpError(err) };
        }
    }
    body(ctx) {
        const key = `${ctx.disclosure.id}:${ctx.disclosure.revision}`;
        if (this.cached?.key !== key)
            this.cached = { key, body: composeEmailBody(ctx) };
        return this.cached.body;
    }
    domain() {
        return /@([^>\s]+)/.exec(this.settings.from)?.[1] ?? 'localhost';
    }
    /** One pooled transport per channel, opened on first use (the API process never mails). */
    smtp() {
        if (!this.transport) {
            const u = new URL(this.settings.smtpUrl);
            const secure = u.protocol === 'smtps:';
            this.transport = nodemailer.createTransport({
                pool: true,
                host: u.hostname,
                port: Number(u.port || (secure ? 465 : 587)),
                secure,
                ignoreTLS: this.settings.ignoreTls,
                auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
                maxConnections: this.settings.poolSize,
                maxMessages: 500,
                connectionTimeout: this.settings.timeoutMs,
                greetingTimeout: this.settings.timeoutMs,
                socketTimeout: this.settings.timeoutMs,
                dkim: this.settings.dkim ?? undefined,
            });
        }
        return this.transport;
    }
    close() {
        this.transport?.close();
        this.transport = undefined;
    }
}
/**
 * A reply code is the server's decision: 4xx means "not taken, try later", 5xx "refused". Without a reply, only a
 * connection that never opened proves nothing was handed over; a timeout or a cut connection may come after the
 * server took the message (nodemailer reports such a timeout with command CONN even mid-DATA), so it is unknown.
 */
export function classifySmtpError(err) {
    const e = (err ?? {});
    const error = `${e.code ?? 'ERROR'}: ${String(e.message ?? err).slice(0, 300)}`;
    if (e.code === 'EAUTH')
        return { status: 'failed', error };
    if (typeof e.responseCode === 'number') {
        if (e.responseCode >= 500)
            return { status: 'failed', error };
        if (e.responseCode >= 400)
            return { status: 'retry', error };
    }
    if (e.code === 'ECONNECTION' || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(e.message ?? ''))
        return { status: 'retry', error };
    if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE')
        return { status: 'failed', error };
    return { status: 'unknown', error };
}
let EmailAdapterFactory = class EmailAdapterFactory {
    fanout;
    type = 'email';
    constructor(fanout) {
        this.fanout = fanout;
    }
    create(channel) {
        return new EmailAdapter(channel, this.fanout);
    }
};
EmailAdapterFactory = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof PushFanout !== "undefined" && PushFanout) === "function" ? _a : Object])
], EmailAdapterFactory);
export { EmailAdapterFactory };
