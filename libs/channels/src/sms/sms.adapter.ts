import { Injectable } from '@nestjs/common';
import { PushFanout, type PushSender, type Recipient, type RecipientResult } from '../../../subscribers/src/index.js';
import type { AdapterFactory, ChannelAdapter, ChannelConfig, DeliveryContext, PollOutcome, SendOutcome } from '../adapter.contract.js';
import { fanoutToSendOutcome, pushPollOutcome } from '../email/push-outcome.js';
import { AliyunSmsGateway } from './aliyun.gateway.js';
import type { SmsGateway } from './sms.gateway.js';
import { checkSmsSettings, smsSettings, type SmsSettings } from './sms.settings.js';
import { smsMessage, type SmsMessage } from './sms.text.js';
import { TencentSmsGateway } from './tencent.gateway.js';

const UNIT = 'numbers';
const UNKNOWN_HINT = "check the gateway's QuerySendDetails (Aliyun) or PullSmsSendStatus (Tencent) before resending, then record the result";

/**
 * Targeted push by SMS through Aliyun or Tencent (settings.provider). Like email, send() fixes the audience and
 * queues batch jobs; each batch is one SendSms request of up to the gateway's limit. SMS gateways do not
 * deduplicate, so a request that timed out leaves its numbers `unknown` and nothing is resent by itself.
 * A sent SMS cannot be changed or recalled: update and withdraw are left out (manual follow-ups).
 */
export class SmsAdapter implements ChannelAdapter, PushSender {
  readonly type = 'sms';
  readonly idempotent = true;
  readonly medium = 'sms' as const;
  readonly unknownHint = UNKNOWN_HINT;
  readonly settings: SmsSettings;
  private readonly gateway: SmsGateway;
  private cached?: { key: string; message: SmsMessage };

  constructor(
    private readonly channel: ChannelConfig,
    private readonly fanout: PushFanout,
  ) {
    this.settings = smsSettings(channel);
    this.gateway = this.settings.provider === 'tencent' ? new TencentSmsGateway(this.settings) : new AliyunSmsGateway(this.settings);
  }

  get batchSize(): number {
    return this.settings.batchSize;
  }

  /** a batch is one request: it is claimed and sent as one */
  get chunkSize(): number {
    return this.settings.batchSize;
  }

  checkConfig(): string[] {
    return checkSmsSettings(this.channel.name, this.channel.settings, this.settings);
  }

  async send(ctx: DeliveryContext): Promise<SendOutcome> {
    const start = await this.fanout.start(ctx, {
      medium: 'sms', channel: this.channel.name, batchSize: this.settings.batchSize, unit: UNIT, unknownHint: UNKNOWN_HINT,
      staleMs: this.settings.staleMs, policy: { attempts: this.channel.queue.attempts, backoffMs: this.channel.queue.backoffMs },
    });
    return fanoutToSendOutcome(start, UNIT);
  }

  async poll(ctx: DeliveryContext): Promise<PollOutcome> {
    return pushPollOutcome(await this.fanout.recipients.outcome(ctx.delivery.id, UNIT, UNKNOWN_HINT, this.settings.staleMs));
  }

  async sendChunk(ctx: DeliveryContext, recipients: Recipient[]): Promise<RecipientResult[]> {
    if (recipients.length === 0) return [];
    return this.gateway.send(ctx, recipients, this.message(ctx));
  }

  /** The text every number gets, with the title cut to fit; the same for the whole delivery. */
  message(ctx: DeliveryContext): SmsMessage {
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

@Injectable()
export class SmsAdapterFactory implements AdapterFactory {
  readonly type = 'sms';
  constructor(private readonly fanout: PushFanout) {}
  create(channel: ChannelConfig): ChannelAdapter {
    return new SmsAdapter(channel, this.fanout);
  }
}
