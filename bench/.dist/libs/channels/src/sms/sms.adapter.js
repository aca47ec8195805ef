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
import { PushFanout } from '../../../subscribers/src/index.js';
import { fanoutToSendOutcome, pushPollOutcome } from '../email/push-outcome.js';
import { AliyunSmsGateway } from './aliyun.gateway.js';
import { checkSmsSettings, smsSettings } from './sms.settings.js';
import { smsMessage } from './sms.text.js';
import { TencentSmsGateway } from './tencent.gateway.js';
const UNIT = 'numbers';
const UNKNOWN_HINT = "check the gateway's QuerySendDetails (Aliyun) or PullSmsSendStatus (Tencent) before resending, then record the result";
/**
 * Targeted push by SMS through Aliyun or Tencent (settings.provider). Like email, send() fixes the audience and
 * queues batch jobs; each batch is one SendSms request of up to the gateway's limit. SMS gateways do not
 * deduplicate, so a request that timed out leaves its numbers `unknown` and nothing is resent by itself.
 * A sent SMS cannot be changed or recalled: update and withdraw are left out (manual follow-ups).
 */
export class SmsAdapter {
    channel;
    fanout;
    type = 'sms';
    idempotent = true;
    medium = 'sms';
    unknownHint = UNKNOWN_HINT;
    settings;
    gateway;
    cached;
    constructor(channel, fanout) {
        this.channel = channel;
        this.fanout = fanout;
        this.settings = smsSettings(channel);
        this.gateway = this.settings.provider === 'tencent' ? new TencentSmsGateway(this.settings) : new AliyunSmsGateway(this.settings);
    }
    get batchSize() {
        return this.settings.batchSize;
    }
    /** a batch is one request: it is claimed and sent as one */
    get chunkSize() {
        return this.settings.batchSize;
    }
    checkConfig() {
        return checkSmsSettings(this.channel.name, this.channel.settings, this.settings);
    }
    async send(ctx) {
        const start = await this.fanout.start(ctx, {
            medium: 'sms', channel: this.channel.name, batchSize: this.settings.batchSize, unit: UNIT, unknownHint: UNKNOWN_HINT,
            staleMs: this.settings.staleMs, policy: { attempts: this.channel.queue.attempts, backoffMs: this.channel.queue.backoffMs },
        });
        return fanoutToSendOutcome(start, UNIT);
    }
    async poll(ctx) {
        return pushPollOutcome(await this.fanout.recipients.outcome(ctx.delivery.id, UNIT, UNKNOWN_HINT, this.settings.staleMs));
    }
    async sendChunk(ctx, recipients) {
        if (recipients.length === 0)
            return [];
        return this.gateway.send(ctx, recipients, this.message(ctx));
    }
    /** The text every number gets, with the title cut to fit; the same for the whole delivery. */
    message(ctx) {
        const key = `${ctx.disclosure.id}:${ctx.disclosure.revision}`;
        if (this.cached?.key !== key) {
            this.cached = {
                key,
                message: smsMessage(ctx, { signName: this.settings.signName, text: this.settings.templateText, maxLength: this.settings.maxLength, maxParamLength: this.settings.maxParamLength }),
            };
        }
        return this.cached.message;
    }
}
let SmsAdapterFactory = class SmsAdapterFactory {
    fanout;
    type = 'sms';
    constructor(fanout) {
        this.fanout = fanout;
    }
    create(channel) {
        return new SmsAdapter(channel, this.fanout);
    }
};
SmsAdapterFactory = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof PushFanout !== "undefined" && PushFanout) === "function" ? _a : Object])
], SmsAdapterFactory);
export { SmsAdapterFactory };
